// The worker process killed with SIGKILL (no chance to finish or release anything) in the middle of an LLM run and in
// the middle of a file import, then started again: the work completes, with no duplicate and no missing row. The
// worker is the real entry (`workers/index.ts` in its own process, as `npm run worker` starts it), against the test
// database and the in-process fake OpenAI server.
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWorker } from "@/scripts/lib/app-processes";
import type { ManagedProcess } from "@/scripts/lib/processes";
import { db, pool } from "@/lib/server/db/client";
import { encryptSecret } from "@/lib/server/crypto/secret-box";
import { importRecords } from "@/lib/server/services/record-import";
import { getRun, startRun } from "@/lib/server/services/llm-runs";
import { startImport, uploadImportFile } from "@/lib/server/services/imports";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/fixtures/fake-openai-server";
import { createSentimentDataset, createTestWorkspace } from "./fixtures";
import { runCompleted, suggestionGroups, until } from "./reliability-checks";

const TEST_TIMEOUT_MS = 60_000;
let fake: FakeOpenAiServer;
const workers: ManagedProcess[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAiServer({ apiKey: "sk-kill-key", latencyMs: 120, retryAfterMs: 10, retryAfterSeconds: 0 });
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop(5_000)));
});

afterAll(async () => {
  await fake?.close();
});

function worker(): ManagedProcess {
  const child = startWorker({
    env: { ...process.env, SIFT_LLM_RETRY_BASE_MS: "5", WORKER_CONCURRENCY: "2", LLM_WORKER_CONCURRENCY: "8" },
    // The worker's log lines are kept out of the test report (set SIFT_TEST_WORKER_LOG=1 to see them).
    output: process.env.SIFT_TEST_WORKER_LOG ? process.stdout : new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
  workers.push(child);
  return child;
}

/** SIGKILL: the process dies at once, holding its jobs' locks and whatever it was writing. */
async function kill(child: ManagedProcess): Promise<void> {
  process.kill(child.pid, "SIGKILL");
  await child.exited;
}

describe("reliability: the worker killed mid-way", () => {
  it("an LLM run completes after a restart with one suggestion per (record, question, agent) and exact counters", async () => {
    const workspace = await createTestWorkspace(0);
    const { id: datasetId } = await createSentimentDataset(workspace);
    const RECORDS = 60;
    await importRecords(
      workspace.curator,
      datasetId,
      Array.from({ length: RECORDS }, (_, i) => JSON.stringify({ externalId: `k-${i}`, fields: { text: `Record ${i} was ${i % 2 ? "fine" : "awful"}` } })).join("\n"),
    );
    const provider = await db.llmProvider.create({
      data: {
        workspaceId: workspace.workspaceId,
        name: "fake-kill",
        baseUrl: fake.baseUrl,
        apiKeyEncrypted: encryptSecret("sk-kill-key"),
        models: [{ name: "fake-model", inputPricePerMillion: 1, outputPricePerMillion: 2 }],
        settings: { maxConcurrency: 4, timeoutMs: 2_000 },
      },
    });
    await db.dataset.update({
      where: { id: datasetId },
      data: { llm: { proposers: [{ providerId: provider.id, model: "fake-model", questions: ["sentiment"], strategy: { kind: "variants", variants: ["plain", "letters"] } }] } },
    });
    fake.resetStats();
    const first = worker();
    const run = await startRun(workspace.curator, datasetId, {});
    const atKill = await until("some records done", async () => {
      const view = await getRun(workspace.curator, run.id);
      return view.doneRecords >= 10 ? view : null;
    });
    await kill(first);
    const killedWithDone = (await getRun(workspace.curator, run.id)).doneRecords;
    expect(killedWithDone).toBeLessThan(RECORDS);
    worker();
    const finished = await runCompleted(workspace.curator, run.id);

    const groups = await suggestionGroups(datasetId);
    expect(groups).toEqual({ groups: RECORDS * 2, duplicated: 0 });
    expect(await db.llmRunItem.count({ where: { runId: run.id, status: "pending" } })).toBe(0);
    expect(finished.doneRecords).toBe(RECORDS);
    expect(finished.suggestions).toBe(RECORDS * 2);
    console.info(
      `[reliability] LLM run: killed at ${atKill.doneRecords}..${killedWithDone}/${RECORDS} records; after restart ${finished.doneRecords}/${RECORDS} records, ` +
        `${groups.groups} (record, question, agent) with a suggestion, ${groups.duplicated} with more than one, ${finished.suggestions} suggestions counted, ${fake.stats().chatRequests} calls`,
    );
  }, TEST_TIMEOUT_MS);

  it("a file import completes after a restart with every row once", async () => {
    const workspace = await createTestWorkspace(0);
    const { id: datasetId } = await createSentimentDataset(workspace);
    const ROWS = 40_000;
    const lines = Array.from({ length: ROWS }, (_, i) =>
      JSON.stringify({ externalId: `f-${i}`, fields: { text: `Imported row ${i} with some words to store` }, suggestions: [{ question: "sentiment", agent: "a", value: i % 2 ? "pos" : "neg" }] }),
    );
    const content = Buffer.from(`${lines.join("\n")}\n`);
    const preview = await uploadImportFile(workspace.curator, datasetId, {
      fileName: "big.jsonl",
      body: (async function* chunks() {
        for (let start = 0; start < content.length; start += 1 << 20) yield content.subarray(start, start + (1 << 20));
      })(),
    });
    const first = worker();
    await startImport(workspace.curator, datasetId, preview.taskId, { mapping: preview.mapping });
    const processedAtKill = await until("the import to be under way", async () => {
      const task = await db.datasetTask.findUniqueOrThrow({ where: { id: preview.taskId } });
      return task.processed > 0 && task.processed < ROWS ? task.processed : null;
    });
    await kill(first);
    const recordsAtKill = await db.record.count({ where: { datasetId } });
    expect(recordsAtKill).toBeLessThan(ROWS);
    worker();
    const task = await until("the import to finish", async () => {
      const row = await db.datasetTask.findUniqueOrThrow({ where: { id: preview.taskId } });
      return row.status === "succeeded" || row.status === "failed" ? row : null;
    });
    expect(task.status).toBe("succeeded");
    const counts = await pool().query<{ records: number; distinct: number; suggestions: number }>(
      `SELECT count(*)::int AS records, count(DISTINCT "externalId")::int AS distinct,
              (SELECT count(*)::int FROM "Suggestion" s JOIN "Record" r2 ON r2.id = s."recordId" WHERE r2."datasetId" = $1) AS suggestions
       FROM "Record" WHERE "datasetId" = $1`,
      [datasetId],
    );
    expect(counts.rows[0]).toEqual({ records: ROWS, distinct: ROWS, suggestions: ROWS });
    const orders = await pool().query<{ min: number; max: number }>(`SELECT min("importOrder") AS min, max("importOrder") AS max FROM "Record" WHERE "datasetId" = $1`, [datasetId]);
    expect(orders.rows[0]!.max - orders.rows[0]!.min + 1).toBe(ROWS);
    console.info(
      `[reliability] import: killed at ${processedAtKill} rows processed (${recordsAtKill} records committed); after restart ` +
        `${counts.rows[0]!.records} records, ${counts.rows[0]!.distinct} distinct, ${counts.rows[0]!.suggestions} suggestions; task ${JSON.stringify(task.result)}`,
    );
  }, TEST_TIMEOUT_MS);
});
