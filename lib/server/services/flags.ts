// Annotators' flags: "this record needs a curator" (unclear guidelines, offensive content...), with an optional
// note. A flag does not submit anything; it puts the record in the review queue (review-queue.ts) until a curator
// resolves it. One flag per (record, annotator): flagging again updates the note (and reopens a resolved flag),
// unflagging deletes it. Flags follow the queue's rule (queue-rule.ts `mayFlag`): reading, raising and withdrawing
// one's flag reach only a record one may be served, answered or flagged; any other answers 404 like a missing one.
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { recordAccess } from "@/lib/server/services/access";
import { mayFlag } from "@/lib/server/services/queue-rule";
import { zodDetails } from "@/lib/server/validation";

export const flagInputSchema = z
  .object({
    note: z.string("the note must be text").trim().max(500, "keep the note under 500 characters").default(""),
  })
  .strict();

/** The caller's own flag on a record, as the focus view shows it. */
export interface MyFlag {
  flagged: boolean;
  note: string;
  createdAt: string | null;
}

const NOT_FLAGGED: MyFlag = { flagged: false, note: "", createdAt: null };

/** Whether the caller has an open (unresolved) flag on the record, on the records they may flag (see flagRecord). */
export async function getMyFlag(actor: Actor, recordId: string): Promise<MyFlag> {
  const access = await recordAccess(actor, recordId, "records.annotate");
  const found = await pool().query<{ note: string | null; createdAt: Date | null }>(
    `SELECT f.note, f."createdAt" FROM "Record" r
     LEFT JOIN "RecordFlag" f ON f."recordId" = r.id AND f."userId" = $2 AND f."resolvedAt" IS NULL
     WHERE r.id = $1 AND ${mayFlag("$2::uuid")}`,
    [access.recordId, actor.userId],
  );
  const row = found.rows[0];
  if (!row) throw new NotFoundError("Record");
  return row.createdAt ? { flagged: true, note: row.note ?? "", createdAt: row.createdAt.toISOString() } : NOT_FLAGGED;
}

/**
 * Raises (or updates) the caller's flag. Only on a record the queue could serve them, that they answered, or that they
 * flagged already (queue-rule.ts `mayFlag`): any other answers 404 like a missing record. The check and the write are
 * one statement.
 */
export async function flagRecord(actor: Actor, recordId: string, input: unknown): Promise<MyFlag> {
  const access = await recordAccess(actor, recordId, "records.annotate");
  const parsed = flagInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError("The flag is not valid.", zodDetails(parsed.error));
  const saved = await pool().query<{ note: string; createdAt: Date }>(
    `INSERT INTO "RecordFlag" ("recordId", "userId", note)
     SELECT r.id, $2, $3 FROM "Record" r WHERE r.id = $1 AND ${mayFlag("$2::uuid")}
     ON CONFLICT ("recordId", "userId") DO UPDATE
       SET note = EXCLUDED.note,
           -- A resolved flag raised again is a new request for a curator: it starts over.
           "createdAt" = CASE WHEN "RecordFlag"."resolvedAt" IS NULL THEN "RecordFlag"."createdAt" ELSE now() END,
           "resolvedAt" = NULL, "resolvedById" = NULL
     RETURNING note, "createdAt"`,
    [access.recordId, actor.userId, parsed.data.note],
  );
  const row = saved.rows[0];
  if (!row) throw new NotFoundError("Record");
  return { flagged: true, note: row.note, createdAt: row.createdAt.toISOString() };
}

/** Withdraws the caller's flag, on the records they may flag (see flagRecord). */
export async function unflagRecord(actor: Actor, recordId: string): Promise<MyFlag> {
  const access = await recordAccess(actor, recordId, "records.annotate");
  const allowed = await pool().query(
    `WITH allowed AS (SELECT r.id FROM "Record" r WHERE r.id = $1 AND ${mayFlag("$2::uuid")}),
     removed AS (DELETE FROM "RecordFlag" WHERE "recordId" IN (SELECT id FROM allowed) AND "userId" = $2)
     SELECT id FROM allowed`,
    [access.recordId, actor.userId],
  );
  if (allowed.rowCount === 0) throw new NotFoundError("Record");
  return NOT_FLAGGED;
}
