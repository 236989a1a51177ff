// The client against the fake OpenAI-compatible server, in-process on localhost.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createChatClient, LlmCallError, type ChatClientOptions } from "@/lib/llm/client";
import type { ChatCall } from "@/lib/llm/contracts";
import { DEFAULT_FAKE_CONFIG, startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/fixtures/fake-openai-server";

const labels = ["positive", "negative", "neutral"];
const call: ChatCall = {
  messages: [
    { role: "system", content: "You classify sentiment." },
    { role: "user", content: "Text: I loved it." },
  ],
  output: {
    name: "sentiment",
    schema: {
      type: "object",
      properties: { label: { type: "string", enum: labels }, confidence: { type: "number", minimum: 0, maximum: 1 } },
      required: ["label", "confidence"],
      additionalProperties: false,
    },
  },
};

let server: FakeOpenAiServer;
let sleeps: number[];

beforeAll(async () => {
  server = await startFakeOpenAiServer({ apiKey: "sk-test-secret-key" });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.configure({ ...DEFAULT_FAKE_CONFIG, apiKey: "sk-test-secret-key" });
  server.resetStats();
  sleeps = [];
});

function client(overrides: Partial<ChatClientOptions> = {}) {
  return createChatClient({
    baseUrl: server.baseUrl,
    apiKey: "sk-test-secret-key",
    timeoutMs: 2_000,
    retry: { maxAttempts: 3, baseMs: 100, maxMs: 10_000 },
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...overrides,
  });
}

describe("createChatClient().complete", () => {
  it("returns the answer, finish reason and usage", async () => {
    const result = await client().complete(call, { model: "fake-model", jsonSchemaSupported: true });
    const parsed = JSON.parse(result.text) as { label: string; confidence: number };
    expect(labels).toContain(parsed.label);
    expect(parsed.confidence).toBeGreaterThanOrEqual(0);
    expect(parsed.confidence).toBeLessThanOrEqual(1);
    expect(result.finishReason).toBe("stop");
    expect(result.inputTokens).toBeGreaterThan(0);
    expect(result.outputTokens).toBeGreaterThan(0);
    expect(result).not.toHaveProperty("logprobs");
    expect(server.stats()).toMatchObject({ chatRequests: 1, completed: 1 });
  });

  it("sends json_schema when supported, and the schema in the prompt when not", async () => {
    await client().complete(call, { model: "fake-model", jsonSchemaSupported: true, temperature: 0 });
    await client().complete(call, { model: "fake-model", jsonSchemaSupported: false });
    const [withSchema, without] = server.requests();
    expect(withSchema.schemaSource).toBe("response_format");
    expect(withSchema.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "sentiment", strict: true } });
    expect(withSchema.temperature).toBe(0);
    expect(without.body).not.toHaveProperty("response_format");
    expect(without.schemaSource).toBe("prompt");
    expect(without.schema).toEqual(call.output.schema);
  });

  it("works with a server that rejects json_schema when told it is unsupported", async () => {
    server.configure({ jsonSchema: false });
    const result = await client().complete(call, { model: "fake-model", jsonSchemaSupported: false });
    expect(labels).toContain((JSON.parse(result.text) as { label: string }).label);
    const rejected = client().complete(call, { model: "fake-model", jsonSchemaSupported: true });
    await expect(rejected).rejects.toMatchObject({ kind: "client", status: 400 });
    await expect(rejected).rejects.toThrow(/response_format/);
  });

  it("maps logprobs; the answer token's alternatives are the other labels", async () => {
    const result = await client().complete({ ...call, logprobChoices: labels }, { model: "fake-model", jsonSchemaSupported: true });
    expect(server.requests()[0].body).toMatchObject({ logprobs: true, top_logprobs: 5 });
    expect(result.logprobs?.length).toBeGreaterThan(0);
    expect(result.logprobs?.map((t) => t.token).join("")).toBe(result.text);
    const label = (JSON.parse(result.text) as { label: string }).label;
    const answer = result.logprobs?.find((t) => t.token === label);
    expect(answer?.top.map((t) => t.token).sort()).toEqual([...labels].sort());
    expect(answer?.top[0].token).toBe(label);
    expect(answer?.logprob).toBeLessThan(0);
  });

  it("leaves logprobs out when the endpoint returns none", async () => {
    server.configure({ logprobs: false });
    const result = await client().complete({ ...call, logprobChoices: labels }, { model: "fake-model", jsonSchemaSupported: true });
    expect(result).not.toHaveProperty("logprobs");
  });

  it("reports 0 tokens when the endpoint sends no usage", async () => {
    server.configure({ usage: false });
    const result = await client().complete(call, { model: "fake-model", jsonSchemaSupported: true });
    expect(result.inputTokens).toBe(0);
    expect(result.outputTokens).toBe(0);
  });

  it("retries a 429 after its Retry-After", async () => {
    server.configure({ faultSchedule: ["rate_limit"], retryAfterSeconds: 2 });
    const retries: number[] = [];
    const result = await client({ onRetry: (info) => retries.push(info.attempt) }).complete(call, {
      model: "fake-model",
      jsonSchemaSupported: true,
    });
    expect(result.finishReason).toBe("stop");
    expect(sleeps).toEqual([2_000]);
    expect(retries).toEqual([1]);
    expect(server.stats()).toMatchObject({ chatRequests: 2, completed: 1, faults: { rate_limit: 1 } });
  });

  it("prefers retry-after-ms when the server sends it", async () => {
    server.configure({ faultSchedule: ["rate_limit"], retryAfterSeconds: 2, retryAfterMs: 350 });
    await client().complete(call, { model: "fake-model", jsonSchemaSupported: true });
    expect(sleeps).toEqual([350]);
  });

  it("retries 500s with backoff, then succeeds", async () => {
    server.configure({ faultSchedule: ["server_error", "server_error"] });
    const result = await client().complete(call, { model: "fake-model", jsonSchemaSupported: true });
    expect(result.finishReason).toBe("stop");
    expect(sleeps).toEqual([50, 100]); // random 0.5 of 100, then of 200
    expect(server.stats().faults.server_error).toBe(2);
  });

  it("gives up after maxAttempts with the attempt count and the endpoint in the message", async () => {
    server.configure({ faultSchedule: ["server_error", "server_error", "server_error"] });
    const promise = client().complete(call, { model: "fake-model", jsonSchemaSupported: true });
    await expect(promise).rejects.toMatchObject({ kind: "server", status: 500, attempts: 3 });
    await expect(promise).rejects.toThrow(`500 from ${server.baseUrl}`);
  });

  it("completeOnce makes exactly one attempt", async () => {
    server.configure({ faultSchedule: ["server_error"] });
    await expect(client().completeOnce(call, { model: "fake-model", jsonSchemaSupported: true })).rejects.toMatchObject({
      kind: "server",
      attempts: 1,
    });
    expect(server.stats().chatRequests).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("times out as kind timeout when the server never answers", async () => {
    server.configure({ faultSchedule: ["timeout"] });
    const promise = client({ timeoutMs: 150, retry: { maxAttempts: 1 } }).complete(call, { model: "fake-model", jsonSchemaSupported: true });
    await expect(promise).rejects.toBeInstanceOf(LlmCallError);
    await expect(promise).rejects.toMatchObject({ kind: "timeout" });
    await expect(promise).rejects.toThrow(`no answer from ${server.baseUrl} within 150 ms`);
    await expect.poll(() => server.stats().inFlight).toBe(0); // the client hung up and the server noticed
  });

  it("retries a timeout and then succeeds", async () => {
    server.configure({ faultSchedule: ["timeout"] });
    const result = await client({ timeoutMs: 150 }).complete(call, { model: "fake-model", jsonSchemaSupported: true });
    expect(result.finishReason).toBe("stop");
    expect(server.stats()).toMatchObject({ chatRequests: 2, faults: { timeout: 1 } });
  });

  it("returns malformed content verbatim: parsing is not the client's job", async () => {
    server.configure({ faultSchedule: ["malformed"] });
    const result = await client().complete(call, { model: "fake-model", jsonSchemaSupported: true });
    expect(result.text.startsWith("Sure! Here is the answer: {'label'")).toBe(true);
    expect(() => JSON.parse(result.text)).toThrow();
  });

  it("returns truncated content with finish reason length", async () => {
    server.configure({ faultSchedule: ["truncated"] });
    const result = await client().complete(call, { model: "fake-model", jsonSchemaSupported: true });
    expect(result.finishReason).toBe("length");
    expect(() => JSON.parse(result.text)).toThrow();
  });

  it("reports a 401 as a client error with a readable message and no key, without retrying", async () => {
    const promise = client({ apiKey: "sk-wrong-key-1234" }).complete(call, { model: "fake-model", jsonSchemaSupported: true });
    await expect(promise).rejects.toMatchObject({ kind: "client", status: 401, attempts: 1 });
    const error = (await promise.then(
      () => null,
      (e: unknown) => e,
    )) as LlmCallError;
    expect(error.message).toContain(`401 Unauthorized from ${server.baseUrl}: check the API key`);
    expect(error.message).not.toContain("sk-wrong-key-1234");
    expect(server.stats().unauthorized).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("redacts the API key if the server echoes it", async () => {
    server.configure({
      responder: () => {
        throw new Error("bad key sk-test-secret-key");
      },
    });
    const promise = client({ retry: { maxAttempts: 1 } }).complete(call, { model: "fake-model", jsonSchemaSupported: true });
    await expect(promise).rejects.toThrow(/bad key \*\*\*/);
  });

  it("reports a closed port as a network error naming the endpoint", async () => {
    const closed = await startFakeOpenAiServer();
    await closed.close();
    const promise = createChatClient({ baseUrl: closed.baseUrl, apiKey: null, timeoutMs: 2_000, retry: { maxAttempts: 1 } }).complete(call, {
      model: "m",
      jsonSchemaSupported: true,
    });
    await expect(promise).rejects.toMatchObject({ kind: "network" });
    await expect(promise).rejects.toThrow(`could not connect to ${closed.baseUrl}: ECONNREFUSED`);
  });

  it("rejects with the signal's reason when aborted, and stops retrying", async () => {
    server.configure({ latencyMs: 5_000 });
    const controller = new AbortController();
    const promise = client().complete(call, { model: "fake-model", jsonSchemaSupported: true, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("run paused")), 50);
    await expect(promise).rejects.toThrow("run paused");
    expect(server.stats().chatRequests).toBe(1);
  });

  it("answers custom responders verbatim", async () => {
    server.configure({ responder: () => "not json at all" });
    const result = await client().complete(call, { model: "fake-model", jsonSchemaSupported: true });
    expect(result.text).toBe("not json at all");
  });

  it("keeps the same code path without an API key for servers without authentication", async () => {
    server.configure({ apiKey: null });
    const result = await client({ apiKey: null }).complete(call, { model: "fake-model", jsonSchemaSupported: true });
    expect(result.finishReason).toBe("stop");
  });
});

describe("createChatClient().listModels", () => {
  it("lists model ids", async () => {
    server.configure({ models: ["a", "b"] });
    await expect(client().listModels()).resolves.toEqual(["a", "b"]);
  });
  it("throws a client error for endpoints without /models", async () => {
    server.configure({ models: null });
    await expect(client().listModels()).rejects.toMatchObject({ kind: "client", status: 404 });
  });
});
