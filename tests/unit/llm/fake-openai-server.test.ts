// The fake OpenAI-compatible server itself: answers valid for schemas, logprobs, faults, counters, admin and CLI.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseCliArgs } from "@/tests/fixtures/fake-openai/cli";
import { pickFault } from "@/tests/fixtures/fake-openai/faults";
import { answerForSchema, findSchemaInText } from "@/tests/fixtures/fake-openai/schema-answer";
import { DEFAULT_FAKE_CONFIG, startFakeOpenAiServer, type FakeChatRequest, type FakeOpenAiServer } from "@/tests/fixtures/fake-openai-server";

const labelSchema = {
  type: "object",
  properties: { label: { type: "string", enum: ["a", "b", "c", "d"] } },
  required: ["label"],
};

describe("answerForSchema", () => {
  it("is deterministic per seed, and different prompts can disagree", () => {
    expect(answerForSchema(labelSchema, "prompt 1")).toEqual(answerForSchema(labelSchema, "prompt 1"));
    const picks = new Set(Array.from({ length: 30 }, (_, i) => (answerForSchema(labelSchema, `prompt ${i}`) as { label: string }).label));
    expect(picks.size).toBeGreaterThan(1);
  });

  it("keeps numbers within bounds, strings short, multi-label subsets distinct, nullable anyOf non-null", () => {
    const schema = {
      type: "object",
      properties: {
        rating: { type: "integer", minimum: 1, maximum: 5 },
        score: { type: "number", minimum: 0, maximum: 1 },
        rationale: { type: "string", maxLength: 40 },
        labels: { type: "array", items: { type: "string", enum: ["x", "y", "z"] }, minItems: 1, uniqueItems: true },
        maybe: { anyOf: [{ type: "null" }, { $ref: "#/$defs/flag" }] },
        list: { type: "array", items: { type: "integer", minimum: 3, maximum: 3 } },
      },
      $defs: { flag: { type: "boolean" } },
    };
    for (let i = 0; i < 50; i++) {
      const v = answerForSchema(schema, `seed ${i}`) as Record<string, unknown>;
      expect(Number.isInteger(v.rating) && (v.rating as number) >= 1 && (v.rating as number) <= 5).toBe(true);
      expect((v.score as number) >= 0 && (v.score as number) <= 1).toBe(true);
      expect((v.rationale as string).length).toBeLessThanOrEqual(40);
      const labels = v.labels as string[];
      expect(labels.length).toBeGreaterThanOrEqual(1);
      expect(new Set(labels).size).toBe(labels.length);
      expect(typeof v.maybe).toBe("boolean");
      expect((v.list as number[]).every((n) => n === 3)).toBe(true);
    }
  });

  it("answers {} without a schema", () => {
    expect(answerForSchema(null, "x")).toEqual({});
  });
});

describe("findSchemaInText", () => {
  it("finds the last schema-like JSON object, skipping braces in prose", () => {
    const text = `Fill {blanks} like {"a": 1}. Unbalanced { here.\nSchema:\n${JSON.stringify(labelSchema)}`;
    expect(findSchemaInText(text)).toEqual(labelSchema);
    expect(findSchemaInText("no schema {\"a\": 1}")).toBeNull();
  });
});

describe("pickFault", () => {
  const req = (index: number) => ({ index }) as FakeChatRequest;
  it("follows the schedule, then the deterministic rate", () => {
    const config = { faultSchedule: ["rate_limit" as const, null], faultRate: null };
    expect(pickFault(req(0), config)).toBe("rate_limit");
    expect(pickFault(req(1), config)).toBeNull();
    expect(pickFault(req(2), config)).toBeNull();
    const rated = { faultSchedule: [], faultRate: { rate: 0.25, kinds: ["server_error" as const], seed: "s" } };
    const faults = Array.from({ length: 2_000 }, (_, i) => pickFault(req(i), rated));
    const share = faults.filter(Boolean).length / faults.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
    expect(Array.from({ length: 2_000 }, (_, i) => pickFault(req(i), rated))).toEqual(faults);
  });
});

describe("the fake server over HTTP", () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.configure(DEFAULT_FAKE_CONFIG);
    server.resetStats();
  });

  const chat = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ model: "fake-model", messages: [{ role: "user", content: "hello" }], ...body }),
    });

  it("answers with a realistic chat completion body", async () => {
    const response = await chat({ response_format: { type: "json_schema", json_schema: { name: "x", schema: labelSchema, strict: true } } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: "chat.completion",
      model: "fake-model",
      choices: [{ index: 0, message: { role: "assistant" }, finish_reason: "stop", logprobs: null }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
    });
    expect(String(body.id)).toMatch(/^chatcmpl-/);
    expect(typeof body.created).toBe("number");
  });

  it("serves /models with and without the /v1 prefix, and 404 when models are off", async () => {
    expect(await (await fetch(`${server.url}/models`)).json()).toMatchObject({ object: "list", data: [{ id: "fake-model", object: "model" }] });
    server.configure({ models: null });
    expect((await fetch(`${server.baseUrl}/models`)).status).toBe(404);
  });

  it("rejects bad bodies and unsupported json_schema with 400, a wrong key with 401", async () => {
    expect((await chat({ messages: [] })).status).toBe(400);
    server.configure({ jsonSchema: false });
    const rejected = await chat({ response_format: { type: "json_schema", json_schema: { name: "x", schema: labelSchema } } });
    expect(rejected.status).toBe(400);
    expect(JSON.stringify(await rejected.json())).toContain("response_format");
    server.configure({ apiKey: "k" });
    expect((await chat({})).status).toBe(401);
    expect((await chat({}, { authorization: "Bearer k" })).status).toBe(200);
    expect(server.stats()).toMatchObject({ rejected: 2, unauthorized: 1, completed: 1 });
  });

  it("answers with a 429 carrying Retry-After", async () => {
    server.configure({ faultSchedule: ["rate_limit"], retryAfterSeconds: 3 });
    const response = await chat({});
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
  });

  it("uses a per-request latency function", async () => {
    server.configure({ latencyMs: (r) => (r.index === 0 ? 120 : 0) });
    const started = performance.now();
    await chat({});
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it("handles 32+ concurrent requests at 200 ms latency and counts the peak", async () => {
    server.configure({ latencyMs: 200 });
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const responses = await Promise.all(Array.from({ length: 48 }, (_, i) => chat({ messages: [{ role: "user", content: `r${i}` }] })));
    const cpu = process.cpuUsage(cpuStart);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    await Promise.all(responses.map((r) => r.json()));
    expect(performance.now() - started).toBeLessThan(2_000); // concurrent, not one after another (48 × 200 ms)
    expect(server.stats()).toMatchObject({ chatRequests: 48, completed: 48, inFlight: 0, peakInFlight: 48 });
    expect((cpu.user + cpu.system) / 1_000).toBeLessThan(1_500); // client and server together, generous for CI
  });

  it("keeps inFlight right when stats are reset while requests are open", async () => {
    server.configure({ latencyMs: 100 });
    const pending = chat({});
    await expect.poll(() => server.stats().inFlight).toBe(1);
    server.resetStats();
    expect(server.stats()).toMatchObject({ inFlight: 1, chatRequests: 0 });
    await (await pending).json();
    await expect.poll(() => server.stats().inFlight).toBe(0);
  });

  it("counts tokens", async () => {
    await chat({});
    const stats = server.stats();
    expect(stats.promptTokens).toBeGreaterThan(0);
    expect(stats.completionTokens).toBeGreaterThan(0);
  });

  it("has admin routes for a server in another process", async () => {
    await chat({});
    expect(await (await fetch(`${server.url}/__fake/stats`)).json()).toMatchObject({ chatRequests: 1 });
    const configured = await fetch(`${server.url}/__fake/config`, {
      method: "POST",
      body: JSON.stringify({ faultSchedule: ["server_error"], logprobs: false }),
    });
    expect(configured.status).toBe(200);
    expect(server.config.logprobs).toBe(false);
    await fetch(`${server.url}/__fake/reset`, { method: "POST" });
    expect((await chat({})).status).toBe(500); // the schedule starts over after a reset
  });
});

describe("the standalone fake server", () => {
  it("parses its options", () => {
    const options = parseCliArgs(["--port", "0", "--latency", "200", "--no-json-schema", "--fault-rate", "0.1", "--faults", "rate_limit,timeout"]);
    expect(options.port).toBe(0);
    expect(options.config).toMatchObject({ latencyMs: 200, jsonSchema: false, faultRate: { rate: 0.1, kinds: ["rate_limit", "timeout"] } });
    expect(() => parseCliArgs(["--faults", "explode"])).toThrow(/unknown fault/);
    expect(() => parseCliArgs(["--bogus"])).toThrow(/unknown option/);
  });

  it("starts with tsx, prints its base URL and answers", async () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/fake-openai-server.ts", "--port", "0", "--latency", "10"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("\n")) resolve(out.split("\n")[0]);
        });
        child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const models = (await (await fetch(`${baseUrl}/models`)).json()) as { data: { id: string }[] };
      expect(models.data[0].id).toBe("fake-model");
    } finally {
      child.kill("SIGTERM");
    }
  }, 20_000);
});
