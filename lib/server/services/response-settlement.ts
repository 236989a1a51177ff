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

interface LockedRecord extends SettledRecord {
  id: string;
  leaseUserId: string | null;
}

const pairKey = (recordId: string, userId: string) => `${recordId}:${userId}`;

/**
 * Writes responses (at most one per record and user) and settles them, in the caller's transaction. Set-based: a
 * fixed number of statements whatever the number of writes. The records are locked here (in id order, so that two
 * writers cannot deadlock): every count below is read and moved under that lock.
 */
export async function writeResponses(client: pg.PoolClient, config: Pick<DatasetConfig, "questions">, writes: readonly ResponseWrite[],
): Promise<Settlement> {
  const settlement: Settlement = { ids: [], records: new Map(), created: 0, updated: 0, unchanged: 0 };
  if (writes.length === 0) return settlement;
  const recordIds = [...new Set(writes.map((write) => write.recordId))];
  const locked = await client.query<LockedRecord>(
    `SELECT id, "submittedCount", "requiredResponses", "leaseUserId" FROM "Record" WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [recordIds],
  );
  const previous = await client.query<{ id: string; recordId: string; userId: string; status: ResponseStatus }>(
    `SELECT s.id, s."recordId", s."userId", s.status FROM "Response" s
     JOIN unnest($1::uuid[], $2::uuid[]) AS w("recordId", "userId") ON s."recordId" = w."recordId" AND s."userId" = w."userId"`,
    [writes.map((write) => write.recordId), writes.map((write) => write.userId)],
  );
  const before = new Map(previous.rows.map((row) => [pairKey(row.recordId, row.userId), row]));
  const saved = await upsert(client, writes);
  settlement.created = saved.filter((row) => row.inserted).length;
  settlement.updated = saved.length - settlement.created;
  settlement.unchanged = writes.length - saved.length;
  const ids = new Map(saved.map((row) => [pairKey(row.recordId, row.userId), row.id]));
  settlement.ids = writes.map((write) => ids.get(pairKey(write.recordId, write.userId)) ?? before.get(pairKey(write.recordId, write.userId))!.id);

  // What each write changes: the record's count, and whether its author has now answered the record.
  const delta = new Map<string, number>();
  const answeredBy = new Map<string, Set<string>>();
  const flipped = new Set<string>();
  for (const write of writes) {
    const was = before.get(pairKey(write.recordId, write.userId))?.status;
    const move = (write.status === "submitted" ? 1 : 0) - (was === "submitted" ? 1 : 0);
    delta.set(write.recordId, (delta.get(write.recordId) ?? 0) + move);
    const answered = write.status !== "draft";
    if (answered) answeredBy.set(write.recordId, (answeredBy.get(write.recordId) ?? new Set()).add(write.userId));
    if (answered !== (was !== undefined && was !== "draft")) flipped.add(write.recordId);
  }
  const changed = locked.rows.filter(
    (record) => delta.get(record.id) !== 0 || (record.leaseUserId !== null && answeredBy.get(record.id)?.has(record.leaseUserId)),
  );
  if (changed.length > 0) await moveRecords(client, changed, delta, answeredBy);
  for (const record of locked.rows) {
    settlement.records.set(record.id, { submittedCount: record.submittedCount + (delta.get(record.id) ?? 0), requiredResponses: record.requiredResponses });
  }
  if (flipped.size > 0) await markAssignmentsAnswered(client, [...flipped]);
  await settleHumanFinalValues(
    client,
    config,
    locked.rows
      .filter((record) => delta.get(record.id) !== 0)
      .map((record) => {
        const counts = settlement.records.get(record.id)!;
        return { recordId: record.id, complete: counts.submittedCount >= counts.requiredResponses };
      }),
  );
  return settlement;
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

/** Moves the records' submitted counts and ends the leases of those who have now answered them. */
async function moveRecords(
  client: pg.PoolClient,
  records: readonly LockedRecord[],
  delta: ReadonlyMap<string, number>,
  answeredBy: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<void> {
  const releases = records.map((record) => record.leaseUserId !== null && (answeredBy.get(record.id)?.has(record.leaseUserId) ?? false));
  await client.query(
    `UPDATE "Record" r SET "submittedCount" = r."submittedCount" + c.delta,
       "leaseUserId" = CASE WHEN c.release THEN NULL ELSE r."leaseUserId" END,
       "leaseExpiresAt" = CASE WHEN c.release THEN NULL ELSE r."leaseExpiresAt" END
     FROM unnest($1::uuid[], $2::int[], $3::boolean[]) AS c(id, delta, release)
     WHERE r.id = c.id`,
    [records.map((record) => record.id), records.map((record) => delta.get(record.id) ?? 0), releases],
  );
}
