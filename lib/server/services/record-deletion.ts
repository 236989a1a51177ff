// Deleting records: one, the ids a curator picked, or every record matching the records page's filter. Everything
// happens in one transaction: the records and, by ON DELETE CASCADE, their suggestions, proposals, responses, final
// values, assignments, flags and LLM run items go together or not at all. A filter may match a million records, so
// the selection is read through a cursor and deleted a chunk at a time; memory holds one chunk of ids.
//
// What is kept in step: the LLM runs' record counters (a deleted record leaves its run, so a run whose last pending
// records are deleted completes), and routing (a budget is a rank over the dataset's records: the recompute job runs
// again, as after an import). Counts and progress elsewhere are SQL aggregates over the remaining records.
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { enqueueRecompute } from "@/lib/jobs/enqueue";
import { withTransaction } from "@/lib/server/db/transaction";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { finishRunIfDone } from "@/lib/server/llm/run-state";
import { datasetAccess, recordAccess, type DatasetAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { statementParams } from "@/lib/server/services/bulk-records";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { recordSelectionShape, refineSelection, selectionConditions, type RecordSelection } from "@/lib/server/services/record-selection";
import { zodDetails } from "@/lib/server/validation";

/** Records deleted per round of statements: bounded parameter arrays, lock sets and memory. */
const CHUNK = 2_000;
/** Deletions up to this size name every record's external id in the audit log; larger ones give the count. */
const AUDITED_IDS = 100;

export const deleteRecordsInputSchema = z
  .object({
    ...recordSelectionShape,
    /**
     * The count the caller confirmed ("Delete 37 records?"): when the selection holds another number by the time it
     * is deleted (records imported or deleted meanwhile), nothing is deleted and the answer is 409.
     */
    expectedCount: z.number().int("must be a whole number").min(1).optional(),
  })
  .strict()
  .superRefine(refineSelection);

export interface DeleteResult {
  /** Records deleted, with everything that hung on them. */
  deleted: number;
}

/** Deletes one record (the records page's side panel, `DELETE /api/v1/records/{id}`). */
export async function deleteRecord(actor: Actor, recordId: string): Promise<DeleteResult> {
  const access = await recordAccess(actor, recordId, "records.write");
  const config = await loadDatasetConfig(access.datasetId);
  const result = await deleteSelection(actor, access, config, { recordIds: [access.recordId] }, { checkIds: false });
  // Deleted by someone else since the access check: as if it had never been there.
  if (result.deleted === 0) throw new NotFoundError("Record");
  return result;
}

/** Deletes the records given by id (all of the dataset, or nothing is deleted) or matching a filter. */
export async function deleteRecords(actor: Actor, datasetId: string, input: unknown): Promise<DeleteResult> {
  const access = await datasetAccess(actor, datasetId, "records.write");
  const parsed = deleteRecordsInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The deletion is not valid.", zodDetails(parsed.error));
  const config = await loadDatasetConfig(access.datasetId);
  return deleteSelection(actor, access, config, parsed.data, { checkIds: true, expectedCount: parsed.data.expectedCount });
}

async function deleteSelection(
  actor: Actor,
  access: DatasetAccess,
  config: DatasetConfig,
  selection: RecordSelection,
  { checkIds, expectedCount }: { checkIds: boolean; expectedCount?: number },
): Promise<DeleteResult> {
  const { params, param } = statementParams();
  // Checked before anything runs: a bad filter is a 400 naming it, with nothing deleted.
  const where = selectionConditions(config, selection, param);
  return withTransaction(async (client) => {
    if (checkIds && selection.recordIds) await checkRecordsOfDataset(client, access.datasetId, selection.recordIds);
    // Locked in id order as they are fetched, like every bulk writer of records, so that two cannot deadlock.
    await client.query(
      `DECLARE doomed NO SCROLL CURSOR FOR
       SELECT r.id, r."externalId" FROM "Record" r WHERE ${where.join(" AND ")} ORDER BY r.id FOR UPDATE OF r`,
      params,
    );
    let deleted = 0;
    const externalIds: string[] = [];
    const runs = new Set<string>();
    for (;;) {
      const chunk = await client.query<{ id: string; externalId: string }>(`FETCH ${CHUNK} FROM doomed`);
      if (chunk.rows.length === 0) break;
      const ids = chunk.rows.map((row) => row.id);
      for (const runId of await leaveRuns(client, ids)) runs.add(runId);
      const gone = await client.query(`DELETE FROM "Record" WHERE id = ANY($1::uuid[])`, [ids]);
      deleted += gone.rowCount ?? 0;
      for (const row of chunk.rows) if (externalIds.length < AUDITED_IDS) externalIds.push(row.externalId);
    }
    await client.query(`CLOSE doomed`);
    if (expectedCount !== undefined && deleted !== expectedCount) {
      throw new ConflictError(
        `The selection now holds ${deleted} record${deleted === 1 ? "" : "s"}, not the ${expectedCount} confirmed: nothing was deleted. ` +
          "Look at the records again and confirm the new count.",
      );
    }
    if (deleted === 0) return { deleted };
    // A run whose last pending records were deleted has nothing left to do.
    for (const runId of runs) await finishRunIfDone(client, runId);
    // Routing is a rank over the dataset's records (a budget routes round(X·n) of them): decide again, as after an import.
    await client.query(`UPDATE "Dataset" SET "routedAt" = NULL WHERE id = $1`, [access.datasetId]);
    await enqueueRecompute(client, access.datasetId);
    await writeAudit(client, {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "dataset.records.delete",
      targetType: "dataset",
      targetId: access.datasetId,
      details: {
        deleted,
        ...(deleted <= AUDITED_IDS ? { externalIds } : {}),
        ...(selection.filter ? { filter: selection.filter } : {}),
      },
    });
    return { deleted };
  });
}

/** Every id must be a record of the dataset; otherwise a 400 names each one that is not, before anything is deleted. */
async function checkRecordsOfDataset(client: pg.PoolClient, datasetId: string, recordIds: readonly string[]): Promise<void> {
  const found = await client.query<{ id: string }>(`SELECT id FROM "Record" WHERE "datasetId" = $1 AND id = ANY($2::uuid[])`, [
    datasetId,
    recordIds,
  ]);
  const known = new Set(found.rows.map((row) => row.id));
  const problems = recordIds.flatMap((id, index) => (known.has(id) ? [] : [{ where: `recordIds[${index}]`, message: "not a record of this dataset" }]));
  if (problems.length > 0) throw new ValidationError("Some records cannot be deleted: nothing was deleted.", problems);
}

/**
 * Takes the records out of the LLM runs that include them, keeping each run's `totalRecords` and `doneRecords` equal
 * to its items; the runs concerned. (The cascade would delete the items too, but without adjusting the counters.)
 */
async function leaveRuns(client: pg.PoolClient, recordIds: readonly string[]): Promise<string[]> {
  const left = await client.query<{ runId: string }>(
    `WITH items AS (DELETE FROM "LlmRunItem" WHERE "recordId" = ANY($1::uuid[]) RETURNING "runId", status),
     per_run AS (SELECT "runId", count(*)::int AS total, count(*) FILTER (WHERE status = 'done')::int AS done
                 FROM items GROUP BY "runId")
     UPDATE "LlmRun" run SET "totalRecords" = run."totalRecords" - p.total, "doneRecords" = run."doneRecords" - p.done,
       "updatedAt" = now()
     FROM per_run p WHERE run.id = p."runId"
     RETURNING run.id AS "runId"`,
    [recordIds],
  );
  return left.rows.map((row) => row.runId);
}
