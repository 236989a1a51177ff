// The probe against the fake server in each capability combination, and against a closed port.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { probeEndpoint } from "@/lib/llm/probe";
import { DEFAULT_FAKE_CONFIG, startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/fixtures/fake-openai-server";

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

const probe = (overrides: { apiKey?: string | null; model?: string; timeoutMs?: number } = {}) =>
  probeEndpoint({ baseUrl: server.baseUrl, apiKey: null, timeoutMs: 2_000, ...overrides });

describe("probeEndpoint", () => {
  for (const jsonSchema of [true, false]) {
    for (const logprobs of [true, false]) {
      it(`finds json_schema ${jsonSchema ? "on" : "off"}, logprobs ${logprobs ? "on" : "off"}`, async () => {
        server.configure({ jsonSchema, logprobs, models: ["m1", "m2"] });
        const result = await probe();
        expect(result).toMatchObject({ reachable: true, models: ["m1", "m2"], jsonSchema, logprobs, error: null });
        expect(result.latencyMs).toBeGreaterThan(0);
        expect(server.requests().every((r) => r.model === "m1")).toBe(true);
      });
    }
  }

  it("tolerates endpoints without GET /models when a model is named", async () => {
    server.configure({ models: null });
    const result = await probe({ model: "llama3" });
    expect(result).toMatchObject({ reachable: true, models: null, jsonSchema: true, logprobs: true, error: null });
  });

  it("says so when there is no model to try", async () => {
    server.configure({ models: null });
    const result = await probe();
    expect(result.reachable).toBe(true);
    expect(result.error).toMatch(/no model to probe/);
  });

  it("treats a server that ignores response_format (answers prose) as without json_schema", async () => {
    server.configure({ responder: (r) => (r.schemaSource === "response_format" ? "Yes, it is blue." : { answer: "yes" }) });
    const result = await probe();
    expect(result).toMatchObject({ jsonSchema: false, logprobs: true, error: null });
  });

  it("reports a wrong API key readably", async () => {
    server.configure({ apiKey: "sk-right" });
    const result = await probe({ apiKey: "sk-wrong" });
    // The probe stopped at the key: JSON schema and logprobs were not asked about, so they are "not tested" (null).
    expect(result).toMatchObject({ reachable: true, jsonSchema: null, logprobs: null, error: "401 Unauthorized: check the API key" });
  });

  it("reports a server that cannot chat", async () => {
    server.configure({ faultSchedule: () => "server_error" });
    const result = await probe();
    expect(result.reachable).toBe(true);
    expect(result.error).toContain(`500 from ${server.baseUrl}`);
    expect(result).toMatchObject({ jsonSchema: null, logprobs: null });
  });

  it("says a server that refuses json_schema and then cannot chat at all was not tested for either", async () => {
    server.configure({ jsonSchema: false, faultSchedule: (r) => (r.schemaSource === "response_format" ? null : "server_error") });
    const result = await probe();
    expect(result.error).toContain(`500 from ${server.baseUrl}`);
    expect(result).toMatchObject({ jsonSchema: null, logprobs: null });
  });

  it("tells refused logprobs from untested ones when json_schema worked", async () => {
    server.configure({ faultSchedule: (r) => (r.logprobs ? "server_error" : null) });
    const result = await probe();
    expect(result).toMatchObject({ reachable: true, jsonSchema: true, logprobs: false, error: null });
  });

  it("reports a timeout", async () => {
    server.configure({ faultSchedule: () => "timeout" });
    const result = await probe({ timeoutMs: 100 });
    expect(result.reachable).toBe(true); // /models answered
    expect(result.error).toBe(`no answer from ${server.baseUrl} within 100 ms`);
  });

  it("reports a closed port as refused, with its host and port and what to check, and tests nothing else", async () => {
    const closed = await startFakeOpenAiServer();
    await closed.close();
    const result = await probeEndpoint({ baseUrl: closed.baseUrl, apiKey: null, timeoutMs: 2_000 });
    // Not "JSON schema: not supported": nothing answered, so nothing about JSON schema or logprobs is known.
    expect(result).toMatchObject({ reachable: false, models: null, jsonSchema: null, logprobs: null });
    const { hostname, port } = new URL(closed.baseUrl);
    expect(result.error).toBe(`could not connect: connection refused at ${hostname}:${port} — is the server running, and is the port right?`);
  });

  it("says that a port fetch refuses (a bad port, such as 9) is the problem, not the server", async () => {
    const result = await probeEndpoint({ baseUrl: "http://127.0.0.1:9/v1", apiKey: null, timeoutMs: 2_000 });
    expect(result).toMatchObject({ reachable: false, jsonSchema: null, logprobs: null });
    expect(result.error).toBe('could not connect: 127.0.0.1:9 uses a port that fetch refuses to call (a "bad port") — run the server on another port');
  });
});
