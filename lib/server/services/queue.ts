// The human queue: hands an annotator the next record that routing sent to humans, highest uncertainty first.
// The claim is ONE statement (select with FOR UPDATE SKIP LOCKED, then set the lease), so two annotators can never
// be handed the same record, unlike a "fetch, then lock" in two steps.
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { datasetAccess } from "@/lib/server/services/access";
import { annotatorChecks } from "@/lib/server/services/queue-rule";

export const LEASE_MINUTES = 10;

/**
 * A record the annotator `$2` may be served in dataset `$1` now, not skipped in this session (`$3`): the queue's rule
 * (queue-rule.ts) but for the assignee check, which the claim states in two branches (assigned to them, then open to
 * all) that its indexes serve.
 */
const SERVABLE = [`r."datasetId" = $1`, `NOT (r.id = ANY($3::uuid[]))`]
  .concat(annotatorChecks("$2").filter((check) => !check.assignees).map((check) => check.condition))
  .join("\n      AND ");
const ASSIGNEES = annotatorChecks("$2").find((check) => check.assignees)!.condition;

/** Queue order: highest uncertainty first, then import order. */
const QUEUE_ORDER = `ORDER BY r.uncertainty DESC NULLS LAST, r."importOrder"`;

/**
 * The claim, ONE statement: the record this annotator already holds (a reload must hand back the same one; its lease
 * is renewed); else the highest-priority servable record assigned to them; else the highest-priority servable record
 * assigned to nobody (a record with assignees is reserved for them). The candidate is locked with FOR UPDATE SKIP
 * LOCKED and leased. One round trip instead of two (the held-record lookup was a statement of its own). Exported so
 * that bench/queue.ts can time the bare statement.
 * $1 dataset, $2 user, $3 records skipped in this session, $4 lease in minutes.
 */
export const CLAIM_SQL = `
  WITH held AS (
    UPDATE "Record" SET "leaseExpiresAt" = now() + make_interval(mins => $4)
    WHERE id = (SELECT r.id FROM "Record" r
                WHERE r."leaseUserId" = $2 AND r."leaseExpiresAt" >= now() AND ${SERVABLE} AND ${ASSIGNEES}
                ORDER BY r."leaseExpiresAt" DESC LIMIT 1)
    RETURNING id
  ),
  mine AS (
    -- Walks the annotator's waiting assignments in queue order (RecordAssignment_queue_idx) to the first servable.
    SELECT r.id FROM "RecordAssignment" a JOIN "Record" r ON r.id = a."recordId"
    WHERE NOT EXISTS (SELECT 1 FROM held) AND a."userId" = $2 AND a."datasetId" = $1 AND NOT a.answered AND ${SERVABLE}
    ORDER BY a.uncertainty DESC NULLS LAST, a."importOrder"
    LIMIT 1
    FOR UPDATE OF r SKIP LOCKED
  ),
  open AS (
    SELECT r.id FROM "Record" r
    WHERE NOT EXISTS (SELECT 1 FROM held) AND NOT EXISTS (SELECT 1 FROM mine) AND ${SERVABLE}
      AND r."assigneeCount" = 0
    ${QUEUE_ORDER}
    LIMIT 1
    FOR UPDATE SKIP LOCKED
  ),
  claimed AS (
    UPDATE "Record" r
    SET "leaseUserId" = $2, "leaseExpiresAt" = now() + make_interval(mins => $4)
    FROM (SELECT id FROM mine UNION ALL SELECT id FROM open) next WHERE r.id = next.id
    RETURNING r.id
  )
  SELECT id FROM held UNION ALL SELECT id FROM claimed`;

/**
 * The record this annotator should work on now: the one they already hold (after a reload), or a newly claimed
 * one. `skip` lists records the annotator skipped in this session (handed back to the queue); `exclude` records left
 * out of this claim but still held (one whose answer is being saved while the next is claimed); null when the queue
 * is empty for them.
 */
export async function claimNext(actor: Actor, datasetId: string, skip: string[] = [], exclude: string[] = []): Promise<string | null> {
  const access = await datasetAccess(actor, datasetId, "records.annotate");
  if (skip.length > 0) {
    // Skipping hands the record back to the queue for others.
    await pool().query(
      `UPDATE "Record" SET "leaseUserId" = NULL, "leaseExpiresAt" = NULL WHERE id = ANY($1::uuid[]) AND "leaseUserId" = $2`,
      [skip, actor.userId],
    );
  }
  const claimed = await pool().query<{ id: string }>(CLAIM_SQL, [access.datasetId, actor.userId, [...skip, ...exclude], LEASE_MINUTES]);
  if (exclude.length > 0) {
    // The records left out stay held, a moment longer than the one just claimed (a claim ahead while the annotator
    // works on one): a reload hands back the one she was working on, the latest lease, not the one claimed ahead.
    await pool().query(
      `UPDATE "Record" SET "leaseExpiresAt" = now() + make_interval(mins => $3) + interval '1 second'
       WHERE id = ANY($1::uuid[]) AND "leaseUserId" = $2`,
      [exclude, actor.userId, LEASE_MINUTES],
    );
  }
  return claimed.rows[0]?.id ?? null;
}

const IN_QUEUE = `r."routingDecision" IN ('human', 'audit') AND r."submittedCount" < r."requiredResponses"`;

/**
 * Per dataset, how many records are still waiting for the user: in the queue, open to everybody or assigned to them,
 * not answered by them (queue-rule.ts's `annotatorChecks` without the lease). Counted as (open + assigned to them) −
 * (those they answered), so that the big part is a plain count over the queue index and only the user's own rows are
 * looked up: a test per queue record costs 100 ms on a queue of 30,000.
 */
export async function recordsWaitingFor(userId: string, datasetIds: readonly string[]): Promise<Map<string, number>> {
  const result = await pool().query<{ datasetId: string; waiting: number }>(
    `WITH open AS (
       SELECT r."datasetId", count(*)::int AS n FROM "Record" r
       WHERE r."datasetId" = ANY($1::uuid[]) AND ${IN_QUEUE} AND r."assigneeCount" = 0 GROUP BY r."datasetId"),
     mine AS (
       SELECT a."datasetId", count(*)::int AS n FROM "RecordAssignment" a JOIN "Record" r ON r.id = a."recordId"
       WHERE a."userId" = $2 AND a."datasetId" = ANY($1::uuid[]) AND ${IN_QUEUE} GROUP BY a."datasetId"),
     answered AS (
       SELECT r."datasetId", count(*)::int AS n FROM "Response" s JOIN "Record" r ON r.id = s."recordId"
       WHERE s."userId" = $2 AND s.status <> 'draft' AND r."datasetId" = ANY($1::uuid[]) AND ${IN_QUEUE}
         AND (r."assigneeCount" = 0 OR EXISTS (SELECT 1 FROM "RecordAssignment" a WHERE a."recordId" = r.id AND a."userId" = $2))
       GROUP BY r."datasetId")
     SELECT d.id AS "datasetId",
            coalesce(open.n, 0) + coalesce(mine.n, 0) - coalesce(answered.n, 0) AS waiting
     FROM unnest($1::uuid[]) AS d(id)
     LEFT JOIN open ON open."datasetId" = d.id LEFT JOIN mine ON mine."datasetId" = d.id
     LEFT JOIN answered ON answered."datasetId" = d.id`,
    [datasetIds, userId],
  );
  return new Map(result.rows.map((row) => [row.datasetId, row.waiting]));
}

export interface QueueCounts {
  /** Records routed to humans that this actor could still be served (open to all, or assigned to them). */
  remainingForMe: number;
  /** Records this actor has submitted in this dataset. */
  submittedByMe: number;
}

export async function queueCounts(actor: Actor, datasetId: string): Promise<QueueCounts> {
  const access = await datasetAccess(actor, datasetId, "records.annotate");
  const [waiting, submitted] = await Promise.all([
    recordsWaitingFor(actor.userId, [access.datasetId]),
    pool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Response" s JOIN "Record" r ON r.id = s."recordId"
       WHERE s."userId" = $2 AND s.status = 'submitted' AND r."datasetId" = $1`,
      [access.datasetId, actor.userId],
    ),
  ]);
  return { remainingForMe: waiting.get(access.datasetId) ?? 0, submittedByMe: submitted.rows[0]!.n };
}

export interface TeamProgress {
  /** Submitted responses that count towards the records routed to humans (at most what each record needs). */
  answersSubmitted: number;
  /** Submitted responses those records need in all (adaptive overlap included). */
  answersNeeded: number;
  /** Records routed to humans that have all their responses. */
  recordsDone: number;
  recordsRouted: number;
  /** People who submitted at least one response in this dataset. */
  annotators: number;
}

/**
 * The whole team's progress on the dataset's human queue, for the focus view's header. Aggregates over the records
 * routed to humans: kept off the path of "next record" (the focus view asks for it on its own, now and then).
 */
export async function teamProgress(actor: Actor, datasetId: string): Promise<TeamProgress> {
  const access = await datasetAccess(actor, datasetId, "records.annotate");
  const result = await pool().query<TeamProgress>(
    `SELECT
       coalesce(sum(least(r."submittedCount", r."requiredResponses")), 0)::int AS "answersSubmitted",
       coalesce(sum(r."requiredResponses"), 0)::int AS "answersNeeded",
       count(*) FILTER (WHERE r."submittedCount" >= r."requiredResponses")::int AS "recordsDone",
       count(*)::int AS "recordsRouted",
       (SELECT count(DISTINCT s."userId")::int FROM "Response" s JOIN "Record" x ON x.id = s."recordId"
        WHERE x."datasetId" = $1 AND s.status = 'submitted') AS annotators
     FROM "Record" r WHERE r."datasetId" = $1 AND r."routingDecision" IN ('human', 'audit')`,
    [access.datasetId],
  );
  return result.rows[0]!;
}
