// LLM providers against a real PostgreSQL: admins manage them, curators only see them (without keys), other
// workspaces cannot reach them, keys are stored encrypted and never returned, and "test connection" asks a real
// (fake) OpenAI-compatible server and stores what it found.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import {
  createLlmProvider,
  createLlmProviderFromBody,
  deleteLlmProvider,
  getLlmProvider,
  listLlmProviders,
  listLlmProvidersOfCaller,
  providerForCalls,
  testProviderConnection,
  updateLlmProvider,
} from "@/lib/server/services/llm-providers";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../fixtures/fake-openai-server";
import { createTestWorkspace, type TestWorkspace } from "./fixtures";

const API_KEY = "sk-test-0123456789-secret-WXYZ";

const openAi = {
  name: "OpenAI",
  baseUrl: "https://api.openai.com/v1/",
  apiKey: API_KEY,
  models: [
    { name: "gpt-4o-mini", inputPricePerMillion: 0.15, outputPricePerMillion: 0.6 },
    { name: "gpt-4o", inputPricePerMillion: 2.5, outputPricePerMillion: 10 },
  ],
  maxConcurrency: 4,
  requestsPerMinute: 500,
};

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  // npm test sets one; a hand run of this file may not have it.
  process.env.SIFT_ENCRYPTION_KEY ||= randomBytes(32).toString("base64");
  [ws, other] = await Promise.all([createTestWorkspace(1), createTestWorkspace(1)]);
});

/** Every string in a JSON-serialised answer: the key must appear in none. */
function serialised(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
}

describe("managing providers", () => {
  it("creates, lists, gets, updates and deletes, writing audit events", async () => {
    const created = await createLlmProvider(ws.admin, ws.slug, openAi);
    expect(created).toMatchObject({
      name: "OpenAI",
      baseUrl: "https://api.openai.com/v1",
      models: openAi.models,
      maxConcurrency: 4,
      requestsPerMinute: 500,
      tokensPerMinute: null,
      timeoutMs: 60_000,
      hasApiKey: true,
      apiKeyLast4: "WXYZ",
      apiKeyProblem: null,
      capabilities: null,
    });
    expect(serialised(created)).not.toContain(API_KEY);

    expect((await listLlmProviders(ws.admin, ws.slug)).map((provider) => provider.id)).toEqual([created.id]);
    expect((await getLlmProvider(ws.admin, created.id)).name).toBe("OpenAI");

    const updated = await updateLlmProvider(ws.admin, created.id, { name: "OpenAI prod", tokensPerMinute: 200_000, requestsPerMinute: null });
    expect(updated).toMatchObject({ name: "OpenAI prod", tokensPerMinute: 200_000, requestsPerMinute: null, maxConcurrency: 4, hasApiKey: true });

    await deleteLlmProvider(ws.admin, created.id);
    await expect(getLlmProvider(ws.admin, created.id)).rejects.toBeInstanceOf(NotFoundError);

    const events = await db.auditEvent.findMany({ where: { targetId: created.id }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["llm_provider.create", "llm_provider.update", "llm_provider.delete"]);
    expect(events[1]?.details).toMatchObject({ changed: ["name", "requestsPerMinute", "tokensPerMinute"] });
    expect(serialised(events)).not.toContain(API_KEY);
  });

  it("creates from an API body naming the workspace, and lists across the caller's workspaces", async () => {
    const created = await createLlmProviderFromBody(ws.admin, { workspace: ws.workspaceId, name: "Ollama", baseUrl: "http://localhost:11434/v1", models: [{ name: "llama3.1:8b" }] });
    expect(created).toMatchObject({ hasApiKey: false, apiKeyLast4: null, models: [{ name: "llama3.1:8b", inputPricePerMillion: 0, outputPricePerMillion: 0 }] });
    expect((await listLlmProvidersOfCaller(ws.admin)).map((provider) => provider.name)).toContain("Ollama");
    // An annotator's workspaces are left out, not refused.
    expect(await listLlmProvidersOfCaller(ws.annotators[0]!)).toEqual([]);
  });

  it("refuses a duplicate name in the workspace (409) but allows it in another", async () => {
    await createLlmProvider(ws.admin, ws.slug, { ...openAi, name: "Twice" });
    await expect(createLlmProvider(ws.admin, ws.slug, { ...openAi, name: "Twice" })).rejects.toMatchObject({ status: 409, message: expect.stringContaining('"Twice"') });
    await expect(createLlmProvider(other.admin, other.slug, { ...openAi, name: "Twice" })).resolves.toMatchObject({ name: "Twice" });
  });

  it("answers invalid input with 400 naming each field", async () => {
    const error = await createLlmProvider(ws.admin, ws.slug, { name: "", baseUrl: "ftp://x", models: [], maxConcurrency: 0 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400 });
    const details = (error as { details: { where?: string; message: string }[] }).details;
    expect(details.map((detail) => detail.where)).toEqual(expect.arrayContaining(["name", "baseUrl", "models", "maxConcurrency"]));
  });
});

describe("the API key", () => {
  it("is stored encrypted, never returned, kept when absent from an update and removed by an empty string", async () => {
    const created = await createLlmProvider(ws.admin, ws.slug, { ...openAi, name: "Keyed" });
    const raw = await db.llmProvider.findUniqueOrThrow({ where: { id: created.id } });
    expect(raw.apiKeyEncrypted).toMatch(/^v1:/);
    expect(raw.apiKeyEncrypted).not.toContain(API_KEY);
    expect(serialised(raw)).not.toContain(API_KEY);

    // The curator sees that there is a key, not its end.
    const asCurator = await getLlmProvider(ws.curator, created.id);
    expect(asCurator).toMatchObject({ hasApiKey: true, apiKeyLast4: null });

    const kept = await updateLlmProvider(ws.admin, created.id, { maxConcurrency: 2 });
    expect(kept).toMatchObject({ hasApiKey: true, apiKeyLast4: "WXYZ" });
    expect((await providerForCalls(created.id)).apiKey).toBe(API_KEY);

    await updateLlmProvider(ws.admin, created.id, { apiKey: "sk-replaced-key-ABCD" });
    expect((await providerForCalls(created.id)).apiKey).toBe("sk-replaced-key-ABCD");

    const removed = await updateLlmProvider(ws.admin, created.id, { apiKey: "" });
    expect(removed).toMatchObject({ hasApiKey: false, apiKeyLast4: null });
    expect((await db.llmProvider.findUniqueOrThrow({ where: { id: created.id } })).apiKeyEncrypted).toBeNull();
    expect((await providerForCalls(created.id)).apiKey).toBeNull();
  });

  it("says when the stored key cannot be decrypted with the current encryption key", async () => {
    const created = await createLlmProvider(ws.admin, ws.slug, { ...openAi, name: "Rotated" });
    const original = process.env.SIFT_ENCRYPTION_KEY;
    process.env.SIFT_ENCRYPTION_KEY = randomBytes(32).toString("hex");
    try {
      const view = await getLlmProvider(ws.admin, created.id);
      expect(view).toMatchObject({ hasApiKey: true, apiKeyLast4: null, apiKeyProblem: expect.stringContaining("SIFT_ENCRYPTION_KEY") });
      await expect(testProviderConnection(ws.admin, created.id)).rejects.toMatchObject({ status: 409 });
    } finally {
      process.env.SIFT_ENCRYPTION_KEY = original;
    }
  });
});

describe("permissions", () => {
  it("lets curators list and get, but not write (403)", async () => {
    const created = await createLlmProvider(ws.admin, ws.slug, { ...openAi, name: "For curators" });
    expect((await listLlmProviders(ws.curator, ws.slug)).some((provider) => provider.id === created.id)).toBe(true);
    await expect(createLlmProvider(ws.curator, ws.slug, { ...openAi, name: "Curator's" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateLlmProvider(ws.curator, created.id, { maxConcurrency: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteLlmProvider(ws.curator, created.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(testProviderConnection(ws.curator, created.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses annotators even the list (403)", async () => {
    await expect(listLlmProviders(ws.annotators[0]!, ws.slug)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("answers 404 for another workspace's provider, whatever the operation", async () => {
    const theirs = await createLlmProvider(other.admin, other.slug, { ...openAi, name: "Theirs" });
    await expect(getLlmProvider(ws.admin, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateLlmProvider(ws.admin, theirs.id, { name: "Mine now" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteLlmProvider(ws.admin, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(testProviderConnection(ws.admin, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listLlmProviders(ws.admin, other.slug)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getLlmProvider(ws.admin, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(providerForCalls("00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getLlmProvider(other.admin, theirs.id)).name).toBe("Theirs");
  });
});

describe("test connection", () => {
  let server: FakeOpenAiServer;

  beforeAll(async () => {
    server = await startFakeOpenAiServer({ apiKey: API_KEY, models: ["fake-model", "other-model"] });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends the decrypted key, stores what the endpoint can do with testedAt, and returns it", async () => {
    const created = await createLlmProvider(ws.admin, ws.slug, { name: "Fake", baseUrl: server.baseUrl, apiKey: API_KEY, models: [{ name: "fake-model" }] });
    const result = await testProviderConnection(ws.admin, created.id);
    expect(result).toMatchObject({ reachable: true, jsonSchema: true, logprobs: true, error: null, models: ["fake-model", "other-model"] });
    expect(Date.now() - Date.parse(result.testedAt)).toBeLessThan(60_000);
    expect((await getLlmProvider(ws.curator, created.id)).capabilities).toEqual(result);
    expect(server.stats().unauthorized).toBe(0);

    // Changing the endpoint makes the stored result meaningless: it is cleared.
    // (The same URL with a trailing slash is no change; the fake also answers without /v1.)
    expect((await updateLlmProvider(ws.admin, created.id, { baseUrl: `${server.baseUrl}/` })).capabilities).toEqual(result);
    const moved = await updateLlmProvider(ws.admin, created.id, { baseUrl: server.url });
    expect(moved.capabilities).toBeNull();
  });

  it("reports an endpoint without json_schema or logprobs", async () => {
    server.configure({ jsonSchema: false, logprobs: false });
    try {
      const created = await createLlmProvider(ws.admin, ws.slug, { name: "Plain", baseUrl: server.baseUrl, apiKey: API_KEY, models: [{ name: "fake-model" }] });
      expect(await testProviderConnection(ws.admin, created.id)).toMatchObject({ reachable: true, jsonSchema: false, logprobs: false });
    } finally {
      server.configure({ jsonSchema: true, logprobs: true });
    }
  });

  it("reports a wrong key and an unreachable endpoint as results, not exceptions", async () => {
    const wrongKey = await createLlmProvider(ws.admin, ws.slug, { name: "Wrong key", baseUrl: server.baseUrl, apiKey: "sk-wrong-key-0000", models: [{ name: "fake-model" }] });
    const denied = await testProviderConnection(ws.admin, wrongKey.id);
    expect(denied).toMatchObject({ reachable: true, jsonSchema: null, logprobs: null });
    expect(denied.error).toBeTruthy();

    const closed = await startFakeOpenAiServer();
    const url = closed.baseUrl;
    await closed.close();
    const gone = await createLlmProvider(ws.admin, ws.slug, { name: "Gone", baseUrl: url, models: [{ name: "fake-model" }], timeoutMs: 2_000 });
    const unreachable = await testProviderConnection(ws.admin, gone.id);
    expect(unreachable).toMatchObject({ reachable: false, jsonSchema: null, logprobs: null });
    expect(unreachable.error).toMatch(/^could not connect: connection refused at 127\.0\.0\.1:\d+ — is the server running, and is the port right\?$/);
    expect((await getLlmProvider(ws.admin, gone.id)).capabilities).toEqual(unreachable);
  });
});
