// The worker's writer of suggestions under the value limits: an LLM endpoint that answers far too much (a model stuck
// in a loop, a hostile endpoint) gets an unparseable vote with its text cut to the rationale limit, never stored whole.
// Real job queue (graphile-worker), real PostgreSQL, a real HTTP endpoint (the fake OpenAI-compatible server).
import { run, type Runner, type TaskList } from "graphile-worker";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readValueLimits } from "@/lib/datasets/value-limits";
import { encryptSecret } from "@/lib/server/crypto/secret-box";
import { databaseUrl, db } from "@/lib/server/db/client";
import { getRun, startRun } from "@/lib/server/services/llm-runs";
import { importRecords } from "@/lib/server/services/record-import";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/fixtures/fake-openai-server";
import { LLM_TASKS, tasksOnly } from "@/workers/tasks";
import { createSentimentDataset, createTestWorkspace } from "./fixtures";

let fake: FakeOpenAiServer;
let worker: Runner;

beforeAll(async () => {
  fake = await startFakeOpenAiServer({ apiKey: "sk-test-key" });
  worker = await run({ connectionString: databaseUrl(), concurrency: 2, pollInterval: 200, taskList: tasksOnly(LLM_TASKS) as TaskList });
});

afterAll(async () => {
  await worker?.stop();
  await fake?.close();
});

it("stores a 300 KB LLM answer as an unparseable vote with its text cut to the rationale limit", async () => {
  const workspace = await createTestWorkspace(0);
  const { id: datasetId } = await createSentimentDataset(workspace);
  await importRecords(workspace.curator, datasetId, JSON.stringify({ externalId: "r", fields: { text: "Fine." } }));
  const provider = await db.llmProvider.create({
    data: {
      workspaceId: workspace.workspaceId,
      name: "fake-endless",
      baseUrl: fake.baseUrl,
      apiKeyEncrypted: encryptSecret("sk-test-key"),
      models: [{ name: "fake-model" }],
      settings: { maxConcurrency: 2, timeoutMs: 5_000 },
    },
  });
  await db.dataset.update({
    where: { id: datasetId },
    data: { llm: { proposers: [{ providerId: provider.id, model: "fake-model", questions: ["sentiment"], strategy: { kind: "single" } }] } },
  });
  // Every answer (the repair request's too) is 300 KB of the same word.
  fake.configure({ responder: () => "positive ".repeat(34_000) });
  const started = await startRun(workspace.curator, datasetId, {});
  const deadline = Date.now() + 60_000;
  let view = await getRun(workspace.curator, started.id);
  while (view.status !== "completed" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    view = await getRun(workspace.curator, started.id);
  }
  expect(view.status).toBe("completed");
  expect(view.unparseable).toBe(1);
  const [suggestion] = await db.suggestion.findMany({ where: { record: { datasetId } } });
  expect(suggestion!.value).toBeNull();
  const limit = readValueLimits({}).rationaleBytes;
  expect(Buffer.byteLength(suggestion!.rawOutput!)).toBeLessThanOrEqual(limit);
  expect(Buffer.byteLength(suggestion!.rawOutput!)).toBeGreaterThan(limit - 100);
  expect(suggestion!.rawOutput!.startsWith("positive positive")).toBe(true);
  expect(suggestion!.rawOutput!.endsWith("[… cut: over the size limit]")).toBe(true);
});
