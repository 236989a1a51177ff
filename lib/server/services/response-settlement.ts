// The one writer of responses (the Response table) and of what follows from them on the record (its submitted count,
// the annotator's lease), for every path that writes responses: the focus view, bulk responses, file imports and the
// dataset folder import. So a response has the same effects however it arrives: it is applied once however often it
// is retried, counts towards the record's distribution, ends its author's lease, flips their assignment's `answered`
// flag, and sets the human final value once the record has all the responses it needs.
// tests/unit/server/one-writer.test.ts fails when code elsewhere writes these.
import type pg from "pg";
import { markAssignmentsAnswered } from "@/lib/server/services/assignments";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";
import { settleHumanFinalValues } from "@/lib/server/services/final-values";

export type ResponseStatus = "draft" | "submitted" | "discarded";

export interface ResponseWrite {
  recordId: string;
  userId: string;
  values: Record<string, unknown>;
  status: ResponseStatus;
  /** Added to the time already spent on the response. */
  timeSpentMs: number;
  /** When it was first submitted, where that is known (a dataset folder keeps it); otherwise now. */
  submittedAt?: string | null;
}

export interface SettledRecord {
  submittedCount: number;
  requiredResponses: number;
}

export interface Settlement {
  /** The responses' ids, in the order of the writes. */
  ids: string[];
  /** The records written to, with their counts after the writes. */
  records: Map<string, SettledRecord>;
  /** Responses new, changed, and unchanged (written again with the same values and status, and no time spent). */
  created: number;
  updated: number;
  unchanged: number;
}

/** A write's current state: its record, and the response it would replace. */
interface Current extends SettledRecord {
  recordId: string;
  leaseUserId: string | null;
  responseId: string | null;
  status: ResponseStatus | null;
  /** The write would change nothing: same values and status, no time spent, no lease of its author's to end. */
  same: boolean;
}

const pairKey = (recordId: string, userId: string) => `${recordId}:${userId}`;

/**
 * Writes responses (at most one per record and user) and settles them, in the caller's transaction. Set-based: a
 * fixed number of statements whatever the number of writes. Writes that would change nothing are found first and
 * left alone (a re-import of an unchanged file writes and locks nothing: as if it had come just before any concurrent
 * change). The records of the others are locked (in id order, so that two writers cannot deadlock; `recordsLocked`:
 * the caller already holds those locks) and every count is read and moved under that lock.
 */
export async function writeResponses(
  client: pg.PoolClient,
  config: Pick<DatasetConfig, "questions">,
  writes: readonly ResponseWrite[],
  options: { recordsLocked?: boolean } = {},
): Promise<Settlement> {
  const settlement: Settlement = { ids: [], records: new Map(), created: 0, updated: 0, unchanged: writes.length };
  if (writes.length === 0) return settlement;
  const found = await currentState(client, writes);
  const ids = new Map<string, string>();
  found.forEach((current, index) => {
    settlement.records.set(current.recordId, { submittedCount: current.submittedCount, requiredResponses: current.requiredResponses });
    if (current.responseId) ids.set(pairKey(current.recordId, writes[index]!.userId), current.responseId);
  });
  const changing = writes.filter((_, index) => !found[index]!.same);
  if (changing.length > 0) {
    let locked = found.filter((current) => !current.same);
    if (!options.recordsLocked) {
      const recordIds = [...new Set(changing.map((write) => write.recordId))];
      await client.query(`SELECT id FROM "Record" WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [recordIds]);
      locked = await currentState(client, changing);
    }
    const saved = await upsert(client, changing);
    settlement.created = saved.filter((row) => row.inserted).length;
    settlement.updated = saved.length - settlement.created;
    settlement.unchanged = writes.length - saved.length;
    for (const row of saved) ids.set(pairKey(row.recordId, row.userId), row.id);
    await settle(client, config, changing, locked, settlement.records);
  }
  settlement.ids = writes.map((write) => ids.get(pairKey(write.recordId, write.userId))!);
  return settlement;
}

/** Each write's record and current response, in the order of the writes. */
async function currentState(client: pg.PoolClient, writes: readonly ResponseWrite[]): Promise<Current[]> {
  const rows = await client.query<Current>(
    `SELECT r.id AS "recordId", r."submittedCount", r."requiredResponses", r."leaseUserId", s.id AS "responseId", s.status,
            coalesce(s.values = w.values AND s.status = w.status AND w."timeSpentMs" = 0
                     AND NOT (w.status <> 'draft' AND r."leaseUserId" IS NOT DISTINCT FROM w."userId"), false) AS same
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]::jsonb[], $4::"ResponseStatus"[], $5::int[]) WITH ORDINALITY
          AS w("recordId", "userId", values, status, "timeSpentMs", ord)
     JOIN "Record" r ON r.id = w."recordId"
     LEFT JOIN "Response" s ON s."recordId" = w."recordId" AND s."userId" = w."userId"
     ORDER BY w.ord`,
    [
      writes.map((write) => write.recordId),
      writes.map((write) => write.userId),
      writes.map((write) => JSON.stringify(write.values)),
      writes.map((write) => write.status),
      writes.map((write) => write.timeSpentMs),
    ],
  );
  if (rows.rows.length !== writes.length) throw new Error("writeResponses: a response was written to a record that does not exist");
  return rows.rows;
}

/**
 * What the written responses change, with `locked` their state before the writes (records locked): the records'
 * counts (updated in `records`), their authors' leases and assignments, and the human final values.
 */
async function settle(
  client: pg.PoolClient,
  config: Pick<DatasetConfig, "questions">,
  writes: readonly ResponseWrite[],
  locked: readonly Current[],
  records: Map<string, SettledRecord>,
): Promise<void> {
  const delta = new Map<string, number>();
  const releases = new Set<string>();
  const flipped = new Set<string>();
  // Records whose submitted answers changed: a count that moved, or a submitted answer changed in place (an annotator
  // went back and changed her answer), which changes the human consensus without moving the count.
  const reconsidered = new Set<string>();
  writes.forEach((write, index) => {
    const before = locked[index]!;
    if (write.status === "submitted" || before.status === "submitted") reconsidered.add(write.recordId);
    const move = (write.status === "submitted" ? 1 : 0) - (before.status === "submitted" ? 1 : 0);
    delta.set(write.recordId, (delta.get(write.recordId) ?? 0) + move);
    const answered = write.status !== "draft";
    if (answered && before.leaseUserId === write.userId) releases.add(write.recordId);
    if (answered !== (before.status !== null && before.status !== "draft")) flipped.add(write.recordId);
    records.set(write.recordId, { submittedCount: before.submittedCount, requiredResponses: before.requiredResponses });
  });
  for (const [recordId, move] of delta) {
    const counts = records.get(recordId)!;
    records.set(recordId, { ...counts, submittedCount: counts.submittedCount + move });
  }
  const moved = [...delta.keys()].filter((recordId) => delta.get(recordId) !== 0 || releases.has(recordId));
  if (moved.length > 0) {
    await client.query(
      `UPDATE "Record" r SET "submittedCount" = r."submittedCount" + c.delta,
         "leaseUserId" = CASE WHEN c.release THEN NULL ELSE r."leaseUserId" END,
         "leaseExpiresAt" = CASE WHEN c.release THEN NULL ELSE r."leaseExpiresAt" END
       FROM unnest($1::uuid[], $2::int[], $3::boolean[]) AS c(id, delta, release)
       WHERE r.id = c.id`,
      [moved, moved.map((recordId) => delta.get(recordId)!), moved.map((recordId) => releases.has(recordId))],
    );
  }
  if (flipped.size > 0) await markAssignmentsAnswered(client, [...flipped]);
  await settleHumanFinalValues(
    client,
    config,
    [...reconsidered].map((recordId) => {
      const counts = records.get(recordId)!;
      return { recordId, complete: counts.submittedCount >= counts.requiredResponses };
    }),
  );
}

/**
 * A new response, or an update that adds the time spent and keeps the first submit time. A write that changes
 * nothing (same values and status, no time) is not applied, so a re-import touches nothing.
 */
async function upsert(
  client: pg.PoolClient,
  writes: readonly ResponseWrite[],
): Promise<{ id: string; recordId: string; userId: string; inserted: boolean }[]> {
  const saved = await client.query<{ id: string; recordId: string; userId: string; inserted: boolean }>(
    `INSERT INTO "Response" ("recordId", "userId", values, status, "timeSpentMs", "submittedAt")
     SELECT w."recordId", w."userId", w.values, w.status, w."timeSpentMs",
            CASE WHEN w.status = 'submitted' THEN coalesce(w."submittedAt", now()) END
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]::jsonb[], $4::"ResponseStatus"[], $5::int[], $6::timestamptz[])
       AS w("recordId", "userId", values, status, "timeSpentMs", "submittedAt")
     ON CONFLICT ("recordId", "userId") DO UPDATE
       SET values = EXCLUDED.values, status = EXCLUDED.status,
           "timeSpentMs" = "Response"."timeSpentMs" + EXCLUDED."timeSpentMs",
           "submittedAt" = CASE WHEN EXCLUDED.status = 'submitted' THEN coalesce("Response"."submittedAt", EXCLUDED."submittedAt") END,
           "updatedAt" = now()
       WHERE ("Response".values, "Response".status) IS DISTINCT FROM (EXCLUDED.values, EXCLUDED.status) OR EXCLUDED."timeSpentMs" > 0
     RETURNING id, "recordId", "userId", (xmax = 0) AS inserted`,
    [
      writes.map((write) => write.recordId),
      writes.map((write) => write.userId),
      writes.map((write) => JSON.stringify(write.values)),
      writes.map((write) => write.status),
      writes.map((write) => write.timeSpentMs),
      writes.map((write) => write.submittedAt ?? null),
    ],
  );
  return saved.rows;
}
