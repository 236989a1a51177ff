import { run, type Runner, type TaskList } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, db } from "@/lib/server/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { importRecords } from "@/lib/server/services/record-import";
import { getRun, pauseRun, resumeRun, startRun } from "@/lib/server/services/llm-runs";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { encryptSecret } from "@/lib/server/crypto/secret-box";
import { LLM_TASKS, tasksOnly } from "@/workers/tasks";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/fixtures/fake-openai-server";
import { createSentimentDataset, createTestWorkspace, type TestWorkspace } from "./fixtures";

let fake: FakeOpenAiServer;
let worker: Runner;

beforeAll(async () => {
  process.env.SIFT_LLM_RETRY_BASE_MS = "5";
  fake = await startFakeOpenAiServer({ apiKey: "sk-test-key", retryAfterMs: 10, retryAfterSeconds: 0 });
  worker = await run({ connectionString: databaseUrl(), concurrency: 8, pollInterval: 200, taskList: tasksOnly(LLM_TASKS) as TaskList });
});

afterAll(async () => {
  await worker?.stop();
  await fake?.close();
});

function plainRecords(count: number): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ externalId: `r-${String(i).padStart(4, "0")}`, fields: { text: `Record number ${i}: it was ${i % 2 ? "great" : "awful"}` } }),
  ).join("\n");
}

async function datasetWithProposer(workspace: TestWorkspace, records: number, variants: string[]) {
  const { id } = await createSentimentDataset(workspace);
  await importRecords(workspace.curator, id, plainRecords(records));
  const provider = await db.llmProvider.create({
    data: {
      workspaceId: workspace.workspaceId,
      name: `fake-${id.slice(0, 6)}`,
      baseUrl: fake.baseUrl,
      apiKeyEncrypted: encryptSecret("sk-test-key"),
      models: [{ name: "fake-model", inputPricePerMillion: 0.5, outputPricePerMillion: 1.5 }],
      settings: { maxConcurrency: 6, timeoutMs: 1_000 },
    },
  });
  await db.dataset.update({
    where: { id },
    data: {
      llm: {
        proposers: [
          { providerId: provider.id, model: "fake-model", questions: ["sentiment"], strategy: { kind: "variants", variants }, selfEvaluate: true },
        ],
      },
    },
  });
  return { datasetId: id, providerId: provider.id };
}

async function waitForRun(actor: TestWorkspace["curator"], runId: string, statuses: string[], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await getRun(actor, runId);
    if (statuses.includes(view.status)) return view;
    if (Date.now() > deadline) throw new Error(`run still ${view.status} after ${timeoutMs} ms: ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("LLM runs", () => {
  it("runs 500 records through faults and ends with exactly one suggestion per (record, question, agent) and exact counts", async () => {
    const workspace = await createTestWorkspace(0);
    const { datasetId, providerId } = await datasetWithProposer(workspace, 500, ["plain", "letters", "shuffled_options"]);
    fake.resetStats();
    fake.configure({ faultRate: { rate: 0.08, kinds: ["rate_limit", "server_error", "malformed", "truncated"], seed: "run-500" } });
    const started = await startRun(workspace.curator, datasetId, {});
    expect(started.totalRecords).toBe(500);
    const finished = await waitForRun(workspace.curator, started.id, ["completed", "paused"]);
    fake.configure({ faultRate: null });
    expect(finished.status).toBe("completed");
    const stats = fake.stats();

    const suggestions = await db.suggestion.findMany({
      where: { record: { datasetId } },
      select: { recordId: true, agent: true, value: true, rawOutput: true, promptVariant: true, inputTokens: true, costUsd: true, runId: true },
    });
    expect(suggestions).toHaveLength(1_500);
    const perRecord = new Map<string, string[]>();
    for (const suggestion of suggestions) perRecord.set(suggestion.recordId, [...(perRecord.get(suggestion.recordId) ?? []), suggestion.agent]);
    expect(perRecord.size).toBe(500);
    for (const agents of perRecord.values()) {
      expect(agents.sort()).toEqual(["fake-model/letters", "fake-model/plain", "fake-model/shuffled_options"]);
    }
    expect(suggestions.every((suggestion) => suggestion.runId === started.id && suggestion.promptVariant)).toBe(true);

    // Every HTTP attempt the endpoint saw is counted, failed ones too, and the tokens are the endpoint's own.
    expect(finished.calls).toBe(stats.chatRequests);
    expect(finished.failedCalls).toBe(stats.faults.rate_limit + stats.faults.server_error + stats.faults.timeout);
    expect(finished.failedCalls).toBeGreaterThan(0);
    expect(finished.inputTokens).toBe(stats.promptTokens);
    expect(finished.outputTokens).toBe(stats.completionTokens);
    expect(finished.suggestions).toBe(1_500);
    expect(finished.doneRecords).toBe(500);
    expect(finished.failedRecords).toBe(0);
    expect(finished.costUsd).toBeGreaterThan(0);
    // A malformed answer gets one repair request; only what stays unreadable is an unparseable vote, with its text.
    const unparseable = suggestions.filter((suggestion) => suggestion.value === null);
    expect(finished.unparseable).toBe(unparseable.length);
    expect(unparseable.every((suggestion) => (suggestion.rawOutput ?? "").length > 0)).toBe(true);
    expect(stats.faults.malformed + stats.faults.truncated).toBeGreaterThan(unparseable.length);

    // The slots went back; proposals and routing follow from the suggestions.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await db.llmProviderLease.count({ where: { providerId, expiresAt: { gt: new Date() } } })).toBeLessThanOrEqual(6);
    expect(stats.peakInFlight).toBeLessThanOrEqual(6);
    await recomputeDataset(datasetId);
    expect(await db.record.count({ where: { datasetId, routingDecision: "pending" } })).toBe(0);

    // A second run over the same records asks nothing: every (record, question, agent) already has its suggestion.
    fake.resetStats();
    const again = await startRun(workspace.curator, datasetId, {});
    const second = await waitForRun(workspace.curator, again.id, ["completed"]);
    expect(second.calls).toBe(0);
    expect(fake.stats().chatRequests).toBe(0);
    expect(await db.suggestion.count({ where: { record: { datasetId } } })).toBe(1_500);
  });

  it("pauses with a readable reason when the endpoint keeps failing, and resumes where it stopped", async () => {
    const workspace = await createTestWorkspace(0);
    const { datasetId } = await datasetWithProposer(workspace, 40, ["plain", "letters"]);
    process.env.SIFT_LLM_MAX_ATTEMPTS = "2";
    fake.configure({ faultSchedule: () => "server_error" });
    try {
      const started = await startRun(workspace.curator, datasetId, {});
      const paused = await waitForRun(workspace.curator, started.id, ["paused", "completed"]);
      expect(paused.status).toBe("paused");
      expect(paused.pauseReason).toMatch(/records in a row failed/);
      expect(paused.pauseReason).toMatch(/500|server/i);
      expect(paused.doneRecords).toBeLessThan(40);
      fake.configure({ faultSchedule: [] });
      await resumeRun(workspace.curator, started.id);
      const done = await waitForRun(workspace.curator, started.id, ["completed"]);
      expect(done.doneRecords).toBe(40);
      expect(done.failedRecords).toBe(0);
      expect(await db.suggestion.count({ where: { record: { datasetId } } })).toBe(80);
    } finally {
      delete process.env.SIFT_LLM_MAX_ATTEMPTS;
      fake.configure({ faultSchedule: [] });
    }
  });

  it("pauses with the reason when the provider's key cannot be decrypted, instead of retrying jobs forever", async () => {
    const workspace = await createTestWorkspace(0);
    const { datasetId, providerId } = await datasetWithProposer(workspace, 12, ["plain", "letters"]);
    await db.llmProvider.update({ where: { id: providerId }, data: { apiKeyEncrypted: encryptSecret("x").replace(/.{4}$/, "AAAA") } });
    const started = await startRun(workspace.curator, datasetId, {});
    const paused = await waitForRun(workspace.curator, started.id, ["paused", "completed"]);
    expect(paused.status).toBe("paused");
    expect(paused.pauseReason).toMatch(/secret|decrypt|encryption/i);
    expect(paused.calls).toBe(0);
  });

  it("refuses what cannot be run and hides other workspaces' runs", async () => {
    const workspace = await createTestWorkspace(1);
    const { datasetId } = await datasetWithProposer(workspace, 3, ["plain", "letters"]);
    const noMatch = await startRun(workspace.curator, datasetId, { filter: { q: "nothing-matches-this" } }).catch((error: unknown) => error);
    expect(noMatch).toBeInstanceOf(ValidationError);
    const started = await startRun(workspace.curator, datasetId, { limit: 2 });
    expect(started.totalRecords).toBe(2);
    const other = await createTestWorkspace(0);
    await expect(getRun(other.curator, started.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(startRun(workspace.annotators[0]!, datasetId, {})).rejects.toMatchObject({ status: 403 });
    await waitForRun(workspace.curator, started.id, ["completed"]);
    await expect(pauseRun(workspace.curator, started.id)).rejects.toBeInstanceOf(ConflictError);
  });
});
