// Deleting records (one, by ids, by filter) against the real database and the real job queue: everything that hangs
// on a record goes with it, counters and counts stay exact, routing is decided again, a bad request deletes nothing.
import { randomUUID } from "node:crypto";
import { runOnce, type TaskList } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/server/crypto/secret-box";
import { databaseUrl, db, pool } from "@/lib/server/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { processRunRecord } from "@/lib/server/llm/run-record";
import { assignmentOverview, assignRecords } from "@/lib/server/services/assignments";
import { listDatasets } from "@/lib/server/services/datasets";
import { flagRecord } from "@/lib/server/services/flags";
import { getRun, startRun } from "@/lib/server/services/llm-runs";
import { claimNext, queueCounts, teamProgress } from "@/lib/server/services/queue";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { deleteRecord, deleteRecords } from "@/lib/server/services/record-deletion";
import { importRecords } from "@/lib/server/services/record-import";
import { saveResponse } from "@/lib/server/services/responses";
import { tasksOnly } from "@/workers/tasks";
import { createSentimentDataset, createTestWorkspace, sentimentRecords, type TestWorkspace } from "./fixtures";

/** 12 records, budget 0.3: the four 2-vs-2 splits (r-0002, r-0005, r-0008, r-0011) go to humans. */
async function routedDataset(workspace?: TestWorkspace) {
  const team = workspace ?? (await createTestWorkspace(2));
  const { id } = await createSentimentDataset(team, { name: `Sentiment ${randomUUID().slice(0, 8)}` });
  await importRecords(team.curator, id, sentimentRecords(12));
  await recomputeDataset(id);
  const byExternalId = async (externalId: string) => (await db.record.findFirstOrThrow({ where: { datasetId: id, externalId } })).id;
  const externalIds = async (where: object = {}) =>
    (await db.record.findMany({ where: { datasetId: id, ...where }, orderBy: { importOrder: "asc" } })).map((record) => record.externalId);
  return { workspace: team, datasetId: id, byExternalId, externalIds };
}

/** Rows of every table that hangs on records, for these records. */
async function leftovers(recordIds: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ["Record", "Suggestion", "Proposal", "Response", "FinalValue", "RecordAssignment", "RecordFlag", "LlmRunItem"]) {
    const column = table === "Record" ? "id" : `"recordId"`;
    const found = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE ${column} = ANY($1::uuid[])`, [recordIds]);
    counts[table] = found.rows[0]!.n;
  }
  return counts;
}

/** A dataset proposer on an endpoint that refuses connections: a run can start; no job of it is worked here. */
async function withProposer(workspace: TestWorkspace, datasetId: string): Promise<void> {
  const provider = await db.llmProvider.create({
    data: {
      workspaceId: workspace.workspaceId,
      name: `dead-${randomUUID().slice(0, 8)}`,
      baseUrl: "http://127.0.0.1:9/v1",
      apiKeyEncrypted: encryptSecret("sk-dead"),
      models: [{ name: "fake-model", inputPricePerMillion: 0.5, outputPricePerMillion: 1.5 }],
      settings: { maxConcurrency: 2, timeoutMs: 1_000 },
    },
  });
  await db.dataset.update({
    where: { id: datasetId },
    data: {
      llm: { proposers: [{ providerId: provider.id, model: "fake-model", questions: ["sentiment"], strategy: { kind: "variants", variants: ["plain", "letters"] }, selfEvaluate: true }] },
    },
  });
}

async function recomputeJobs(datasetId: string): Promise<number> {
  const jobs = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1`, [`recompute_dataset:${datasetId}`]);
  return jobs.rows[0]!.n;
}

async function auditEvents(workspaceId: string) {
  return db.auditEvent.findMany({ where: { workspaceId, action: "dataset.records.delete" }, orderBy: { id: "asc" } });
}

describe("deleting one record", () => {
  it("removes its suggestions, proposals, responses, assignments, flags, final values and run items, and is audited", async () => {
    const { workspace, datasetId, byExternalId } = await routedDataset();
    const [maria, li] = workspace.annotators as [TestWorkspace["curator"], TestWorkspace["curator"]];
    const target = await byExternalId("r-0002");
    const kept = await byExternalId("r-0005");
    // Everything that can hang on a record: Maria's submitted answer (a human final value), an assignment to Li, her
    // flag, and an LLM run's item.
    expect(await claimNext(maria, datasetId)).toBe(target);
    await saveResponse(maria, target, { status: "submitted", values: { sentiment: "neg" } });
    await assignRecords(workspace.curator, datasetId, { action: "assign", userIds: [li.userId], recordIds: [target, kept] });
    await flagRecord(maria, target, { note: "unclear" }); // the queue's rule: a flag only on a record one may answer or answered
    await withProposer(workspace, datasetId);
    const run = await startRun(workspace.curator, datasetId, {});
    const before = await leftovers([target]);
    expect(before).toEqual({ Record: 1, Suggestion: 4, Proposal: 1, Response: 1, FinalValue: 1, RecordAssignment: 1, RecordFlag: 1, LlmRunItem: 1 });
    expect((await assignmentOverview(workspace.curator, datasetId)).annotators.find((a) => a.userId === li.userId)).toMatchObject({ assigned: 2 });

    await pool().query(`SELECT graphile_worker.remove_job($1)`, [`recompute_dataset:${datasetId}`]);
    expect(await deleteRecord(workspace.curator, target)).toEqual({ deleted: 1 });

    expect(await leftovers([target])).toEqual({ Record: 0, Suggestion: 0, Proposal: 0, Response: 0, FinalValue: 0, RecordAssignment: 0, RecordFlag: 0, LlmRunItem: 0 });
    expect(await leftovers([kept])).toMatchObject({ Record: 1, Suggestion: 4, RecordAssignment: 1, LlmRunItem: 1 });
    // Counts and progress: the dataset list, the team's progress, Li's assignments, the run.
    const summary = (await listDatasets(workspace.curator, workspace.workspaceId)).find((dataset) => dataset.id === datasetId)!;
    expect(summary.progress).toMatchObject({ total: 11, human: 3, humanDone: 0 });
    expect(summary.routedAt).toBeNull();
    expect(await teamProgress(workspace.curator, datasetId)).toMatchObject({ recordsRouted: 3, recordsDone: 0, answersSubmitted: 0 });
    expect((await assignmentOverview(workspace.curator, datasetId)).annotators.find((a) => a.userId === li.userId)).toMatchObject({ assigned: 1 });
    expect(await getRun(workspace.curator, run.id)).toMatchObject({ totalRecords: 11, doneRecords: 0, status: "running" });
    // The job the run had queued for the record finds nothing to do, without an error.
    expect(await processRunRecord(run.id, target)).toEqual({ status: "skipped", suggestions: 0, errors: 0 });
    // Routing is decided again by the worker, as after an import.
    expect(await recomputeJobs(datasetId)).toBe(1);
    const [event] = await auditEvents(workspace.workspaceId);
    expect(event).toMatchObject({ actorId: workspace.curator.userId, targetType: "dataset", targetId: datasetId, details: { deleted: 1, externalIds: ["r-0002"] } });
  });

  it("answers 404 for another workspace's record and 403 to an annotator, deleting nothing", async () => {
    const { workspace, byExternalId } = await routedDataset();
    const other = await createTestWorkspace(1);
    const target = await byExternalId("r-0003");
    await expect(deleteRecord(other.curator, target)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteRecord(workspace.annotators[0]!, target)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteRecord(workspace.curator, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteRecord(workspace.curator, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    expect((await leftovers([target])).Record).toBe(1);
    expect(await auditEvents(workspace.workspaceId)).toEqual([]);
    // An admin may (records.write: owner, admin, curator).
    expect(await deleteRecord(workspace.admin, target)).toEqual({ deleted: 1 });
  });
});

describe("deleting records by id", () => {
  it("deletes the given records, and nothing at all when one id is not a record of the dataset", async () => {
    const { workspace, datasetId, byExternalId, externalIds } = await routedDataset();
    const elsewhere = await routedDataset(workspace);
    const foreign = await routedDataset();
    const ids = [await byExternalId("r-0000"), await byExternalId("r-0001")];
    for (const stranger of [randomUUID(), await elsewhere.byExternalId("r-0000"), await foreign.byExternalId("r-0000")]) {
      const attempt = deleteRecords(workspace.curator, datasetId, { recordIds: [...ids, stranger] });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ details: [{ where: "recordIds[2]", message: "not a record of this dataset" }] });
    }
    expect(await externalIds()).toHaveLength(12);
    expect(await elsewhere.externalIds()).toHaveLength(12);
    // The count the curator confirmed no longer holds: nothing is deleted.
    await expect(deleteRecords(workspace.curator, datasetId, { recordIds: ids, expectedCount: 3 })).rejects.toBeInstanceOf(ConflictError);
    expect(await externalIds()).toHaveLength(12);

    expect(await deleteRecords(workspace.curator, datasetId, { recordIds: ids, expectedCount: 2 })).toEqual({ deleted: 2 });
    expect(await externalIds()).not.toContain("r-0000");
    expect(await externalIds()).toHaveLength(10);
    const events = await auditEvents(workspace.workspaceId);
    expect(events).toHaveLength(1);
    const details = events[0]!.details as { deleted: number; externalIds: string[] };
    expect(details.deleted).toBe(2);
    expect([...details.externalIds].sort()).toEqual(["r-0000", "r-0001"]);
  });

  it("refuses a malformed body with 400 naming the field, and a caller without records.write", async () => {
    const { workspace, datasetId, externalIds } = await routedDataset();
    const outsider = await createTestWorkspace(1);
    const bad: [unknown, string][] = [
      [{}, "recordIds"],
      [{ recordIds: [], filter: {} }, "recordIds"],
      [{ recordIds: ["nope"] }, "recordIds[0]"],
      [{ filter: { decision: "maybe" } }, "filter.decision"],
      [{ filter: {}, expectedCount: 1.5 }, "expectedCount"],
      [{ filter: {}, everything: true }, ""],
    ];
    for (const [body, where] of bad) {
      const attempt = deleteRecords(workspace.curator, datasetId, body);
      await expect(attempt, JSON.stringify(body)).rejects.toBeInstanceOf(ValidationError);
      if (where) await expect(attempt).rejects.toMatchObject({ details: expect.arrayContaining([expect.objectContaining({ where })]) });
    }
    await expect(deleteRecords(workspace.annotators[0]!, datasetId, { filter: {} })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteRecords(outsider.curator, datasetId, { filter: {} })).rejects.toBeInstanceOf(NotFoundError);
    expect(await externalIds()).toHaveLength(12);
  });
});

describe("deleting records by filter", () => {
  it("deletes what the records page's filter matches, and the budget then routes other records to humans", async () => {
    const { workspace, datasetId, externalIds } = await routedDataset();
    const [maria] = workspace.annotators as [TestWorkspace["curator"]];
    expect(await externalIds({ routingDecision: "human" })).toEqual(["r-0002", "r-0005", "r-0008", "r-0011"]);
    expect(await queueCounts(maria, datasetId)).toEqual({ remainingForMe: 4, submittedByMe: 0 });

    // A filter naming an unknown metadata property is refused whole.
    await expect(deleteRecords(workspace.curator, datasetId, { filter: { metadata: [{ name: "nope", equals: "x" }] } })).rejects.toMatchObject({
      details: [{ where: "metadata.nope" }],
    });
    expect(await deleteRecords(workspace.curator, datasetId, { filter: { decision: "human" }, expectedCount: 4 })).toEqual({ deleted: 4 });
    expect(await externalIds()).toHaveLength(8);
    const [event] = await auditEvents(workspace.workspaceId);
    const details = event!.details as { deleted: number; externalIds: string[]; filter: unknown };
    expect(details).toMatchObject({ deleted: 4, filter: { decision: "human" } });
    expect([...details.externalIds].sort()).toEqual(["r-0002", "r-0005", "r-0008", "r-0011"]);
    // Until the worker decides again, nobody is served anything.
    expect(await queueCounts(maria, datasetId)).toEqual({ remainingForMe: 0, submittedByMe: 0 });

    // The real job queue: the recompute job the deletion enqueued (debounced half a second) re-ranks the budget over
    // the 8 records left: round(0.3 × 8) = 2, the most uncertain (the 2-vs-1 votes), ties by import order.
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Only recomputes: the LLM jobs other tests left queued would call an endpoint that is down.
    await runOnce({ connectionString: databaseUrl(), taskList: tasksOnly(["recompute_dataset"]) as TaskList });
    expect(await externalIds({ routingDecision: "human" })).toEqual(["r-0001", "r-0004"]);
    expect(await queueCounts(maria, datasetId)).toEqual({ remainingForMe: 2, submittedByMe: 0 });
    const summary = (await listDatasets(maria, workspace.workspaceId)).find((dataset) => dataset.id === datasetId)!;
    expect(summary).toMatchObject({ myPending: 2, progress: { total: 8, human: 2, auto: 6 } });
    expect(summary.routedAt).not.toBeNull();
    // A filter that matches nothing deletes nothing and writes no event.
    expect(await deleteRecords(workspace.curator, datasetId, { filter: { q: "no-such-word" } })).toEqual({ deleted: 0 });
    expect(await auditEvents(workspace.workspaceId)).toHaveLength(1);
  });

  it("keeps LLM runs' counters equal to their records, and completes a run whose pending records are all deleted", async () => {
    const { workspace, datasetId, byExternalId, externalIds } = await routedDataset();
    await withProposer(workspace, datasetId);
    const run = await startRun(workspace.curator, datasetId, {});
    // Three records done (as if the worker had answered them), nine pending.
    const done = [await byExternalId("r-0000"), await byExternalId("r-0001"), await byExternalId("r-0002")];
    await pool().query(`UPDATE "LlmRunItem" SET status = 'done' WHERE "runId" = $1 AND "recordId" = ANY($2::uuid[])`, [run.id, done]);
    await pool().query(`UPDATE "LlmRun" SET "doneRecords" = 3 WHERE id = $1`, [run.id]);

    expect(await deleteRecords(workspace.curator, datasetId, { recordIds: [done[0]!, await byExternalId("r-0003")] })).toEqual({ deleted: 2 });
    expect(await getRun(workspace.curator, run.id)).toMatchObject({ totalRecords: 10, doneRecords: 2, status: "running" });
    // Every record still pending is deleted: the run has nothing left to do.
    const pending = (await externalIds()).filter((externalId) => !["r-0001", "r-0002"].includes(externalId));
    expect(pending).toHaveLength(8);
    expect(await deleteRecords(workspace.curator, datasetId, { recordIds: await Promise.all(pending.map(byExternalId)) })).toEqual({ deleted: 8 });
    expect(await externalIds()).toEqual(["r-0001", "r-0002"]);
    expect(await getRun(workspace.curator, run.id)).toMatchObject({ totalRecords: 2, doneRecords: 2, status: "completed" });
  });

  it("deletes more records than one chunk in one transaction", async () => {
    const workspace = await createTestWorkspace(1);
    const { id } = await createSentimentDataset(workspace);
    await importRecords(workspace.curator, id, sentimentRecords(4_500));
    await recomputeDataset(id);
    const started = performance.now();
    expect(await deleteRecords(workspace.curator, id, { filter: { q: "Record" } })).toEqual({ deleted: 4_500 });
    const elapsed = performance.now() - started;
    expect(await db.record.count({ where: { datasetId: id } })).toBe(0);
    expect(await db.suggestion.count({ where: { record: { datasetId: id } } })).toBe(0);
    const [event] = await auditEvents(workspace.workspaceId);
    // Too many to name: the count and the filter.
    expect(event!.details).toEqual({ deleted: 4_500, filter: { q: "Record" } });
    console.info(`deleted 4,500 records with 18,000 suggestions in ${Math.round(elapsed)} ms`);
  }, 60_000);
});
