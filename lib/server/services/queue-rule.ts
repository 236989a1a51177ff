// The queue's rule, stated once: which records a person may be served, and to which they may write a response or a
// flag. The claim (CLAIM_SQL in queue.ts), the bulk view and bulk submit (bulk-records.ts, bulk-responses.ts), a
// single response (responses.ts) and flags (flags.ts) build their SQL from these conditions, so that what the queue
// serves and what a write accepts cannot diverge. Each is a SQL condition on the record `r`, for the user whose id is
// the placeholder `user` (e.g. "$2::uuid").
import type pg from "pg";
import { NotFoundError } from "@/lib/server/errors";

export interface QueueCheck {
  condition: string;
  /** Why a record failing the condition is not the user's to answer (the bulk view and bulk submit report it). */
  reason: string;
  /** The assignee check: the claim states it in two branches (assigned to them, open to all) for its indexes. */
  assignees?: true;
}

/** Whether `user` has answered `r`: a submitted or discarded response (a draft is work in progress, not an answer). */
export function answeredBy(user: string): string {
  return `EXISTS (SELECT 1 FROM "Response" s WHERE s."recordId" = r.id AND s."userId" = ${user} AND s.status <> 'draft')`;
}

/**
 * What makes `r` the user's to answer now, each with the reason a record failing it is not: routed to people (the
 * `audit` sample included), not answered by them, short of submitted responses, open to everybody or assigned to
 * them, and not held by someone else's live claim (their own claim is fine).
 */
export function annotatorChecks(user: string): QueueCheck[] {
  return [
    { condition: `r."routingDecision" IN ('human', 'audit')`, reason: "not routed to humans" },
    { condition: `NOT ${answeredBy(user)}`, reason: "you already answered it" },
    { condition: `r."submittedCount" < r."requiredResponses"`, reason: "already has the responses it needs" },
    {
      condition: `(r."assigneeCount" = 0 OR EXISTS (SELECT 1 FROM "RecordAssignment" a WHERE a."recordId" = r.id AND a."userId" = ${user}))`,
      reason: "assigned to someone else",
      assignees: true,
    },
    {
      condition: `(r."leaseUserId" IS NULL OR r."leaseUserId" = ${user} OR r."leaseExpiresAt" < now())`,
      reason: "someone else is annotating it",
    },
  ];
}

/** `annotatorChecks` as one condition: the queue could serve `r` to the user now (or already holds it for them). */
export function answerableBy(user: string): string {
  return `(${annotatorChecks(user).map((check) => check.condition).join(" AND ")})`;
}

/**
 * `r` exists at all for a person who may not browse records (an annotator): routed to people, or they responded to
 * it (getRecord in records.ts applies the same rule to the record it loaded). Elsewhere it answers like a missing one.
 */
export function visibleToAnnotator(user: string): string {
  return `(r."routingDecision" IN ('human', 'audit') OR EXISTS (SELECT 1 FROM "Response" s WHERE s."recordId" = r.id AND s."userId" = ${user}))`;
}

/** A curator's resolution set a final value of `r`: the record's answers are settled for good. */
const RESOLVED_BY_CURATOR = `EXISTS (SELECT 1 FROM "FinalValue" f WHERE f."recordId" = r.id AND f.provenance = 'curator')`;

/**
 * The user may write a response (draft, submit, discard) to `r`: the queue could serve it to them, or they answered
 * it before and may change their answer, as long as no curator has resolved the record (a resolution is final).
 */
export function mayRespond(user: string): string {
  return `(${answerableBy(user)} OR (${answeredBy(user)} AND NOT ${RESOLVED_BY_CURATOR}))`;
}

/**
 * The user may flag `r` (or change or withdraw their flag): the queue could serve it to them, they answered it, or
 * they flagged it already.
 */
export function mayFlag(user: string): string {
  return `(${answerableBy(user)} OR ${answeredBy(user)}
    OR EXISTS (SELECT 1 FROM "RecordFlag" g WHERE g."recordId" = r.id AND g."userId" = ${user}))`;
}

/**
 * Throws the 404 of a missing record unless `rule` lets `userId` write to the record. Called inside the writer's
 * transaction after it locked the record (SELECT … FOR UPDATE), in a statement of its own: it then sees every write
 * committed before the lock was granted, so two concurrent writes cannot both pass on the same old state.
 */
export async function assertRecordAllows(
  client: pg.PoolClient,
  recordId: string,
  userId: string,
  rule: (user: string) => string,
): Promise<void> {
  const allowed = await client.query(`SELECT 1 FROM "Record" r WHERE r.id = $1 AND ${rule("$2::uuid")}`, [recordId, userId]);
  if (allowed.rowCount === 0) throw new NotFoundError("Record");
}
