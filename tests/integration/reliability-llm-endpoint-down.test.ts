// The LLM endpoint goes away in the middle of a run (nothing listens any more: connections are refused), then comes
// back. tests/integration/llm-runs.test.ts covers an endpoint that answers 500 from the start; this covers one that
// disappears mid-run: the run pauses with the reason, keeps what was done, and after a resume ends with every
// (record, question, agent) suggested exactly once and exact counters.
import { Logger, run, type Runner, type TaskList } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, db, pool } from "@/lib/server/db/client";
import { encryptSecret } from "@/lib/server/crypto/secret-box";
import { importRecords } from "@/lib/server/services/record-import";
import { getRun, resumeRun, startRun } from "@/lib/server/services/llm-runs";
import { LLM_TASKS, tasksOnly } from "@/workers/tasks";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/fixtures/fake-openai-server";
import { createSentimentDataset, createTestWorkspace } from "./fixtures";
import { runCompleted, suggestionGroups, until } from "./reliability-checks";

let fake: FakeOpenAiServer | null = null;
let worker: Runner;

beforeAll(async () => {
  process.env.SIFT_LLM_RETRY_BASE_MS = "5";
  process.env.SIFT_LLM_MAX_ATTEMPTS = "2";
  worker = await run({
    connectionString: databaseUrl(),
    concurrency: 6,
    pollInterval: 200,
    taskList: tasksOnly(LLM_TASKS) as TaskList,
    // Quiet: one line per job would bury the counts this test prints.
    logger: new Logger(() => () => undefined),
  });
});

afterAll(async () => {
  delete process.env.SIFT_LLM_MAX_ATTEMPTS;
  await worker?.stop();
  await fake?.close();
});

describe("reliability: the LLM endpoint down mid-run", () => {
  it("pauses with the reason, and a resume completes the run with nothing duplicated or missing", async () => {
    fake = await startFakeOpenAiServer({ apiKey: "sk-down-key", latencyMs: 60 });
    const port = fake.port;
    const workspace = await createTestWorkspace(0);
    const { id: datasetId } = await createSentimentDataset(workspace);
    const RECORDS = 50;
    await importRecords(
      workspace.curator,
      datasetId,
      Array.from({ length: RECORDS }, (_, i) => JSON.stringify({ externalId: `d-${i}`, fields: { text: `Record ${i}` } })).join("\n"),
    );
    const provider = await db.llmProvider.create({
      data: {
        workspaceId: workspace.workspaceId,
        name: "fake-down",
        baseUrl: fake.baseUrl,
        apiKeyEncrypted: encryptSecret("sk-down-key"),
        models: [{ name: "fake-model" }],
        settings: { maxConcurrency: 3, timeoutMs: 1_000 },
      },
    });
    await db.dataset.update({
      where: { id: datasetId },
      data: { llm: { proposers: [{ providerId: provider.id, model: "fake-model", questions: ["sentiment"], strategy: { kind: "variants", variants: ["plain", "letters"] } }] } },
    });
    const started = await startRun(workspace.curator, datasetId, {});
    await until("some records done", async () => ((await getRun(workspace.curator, started.id)).doneRecords >= 8 ? true : null));
    await fake.close();
    fake = null;
    const paused = await until("the run to pause", async () => {
      const view = await getRun(workspace.curator, started.id);
      return view.status === "paused" || view.status === "completed" ? view : null;
    });
    expect(paused.status).toBe("paused");
    expect(paused.pauseReason).toMatch(/records in a row failed/);
    expect(paused.pauseReason).toMatch(/refused|connect|network|reach/i);
    expect(paused.doneRecords).toBeLessThan(RECORDS);
    // Calls already under way when the run paused end (failing) before the curator resumes, as they would for a
    // person: a record whose calls failed after the resume is counted as failed, and retried only by the next resume.
    await until("the run's jobs in progress to end", async () => {
      const running = await pool().query<{ n: number }>(
        `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key LIKE $1 AND locked_at IS NOT NULL`,
        [`llm:${started.id}:%`],
      );
      return running.rows[0]!.n === 0 ? true : null;
    });

    fake = await startFakeOpenAiServer({ apiKey: "sk-down-key", latencyMs: 5, port });
    await resumeRun(workspace.curator, started.id);
    const done = await runCompleted(workspace.curator, started.id);
    const groups = await suggestionGroups(datasetId);
    expect(groups).toEqual({ groups: RECORDS * 2, duplicated: 0 });
    expect(done.doneRecords).toBe(RECORDS);
    expect(done.failedRecords).toBe(0);
    expect(done.suggestions).toBe(RECORDS * 2);
    console.info(
      `[reliability] endpoint down: paused at ${paused.doneRecords}/${RECORDS} records ("${paused.pauseReason}"); after resume ` +
        `${done.doneRecords}/${RECORDS} records, ${groups.groups} (record, question, agent) with a suggestion, ${groups.duplicated} with more than one, ${done.suggestions} suggestions, ` +
        `${done.calls} calls (${done.failedCalls} failed)`,
    );
  }, 60_000);
});
