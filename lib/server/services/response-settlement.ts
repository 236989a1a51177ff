// The one writer of responses (the Response table) and of what follows from them on the record (its submitted count,
// the annotator's lease), for every path that writes responses: the focus view, bulk responses, file imports and the
// dataset folder import. So a response has the same effects however it arrives: it is applied once however often it
// is retried, counts towards the record's distribution, ends its author's lease, flips their assignment's `answered`
// flag, and sets the human final value once the record has all the responses it needs. It also records, per answered
// question, the answer's origin (confirmed, changed or written: lib/questions/origins.ts), decided here from the
// proposals the person could see, so no client has to be trusted with it and every path records it the same way.
// tests/unit/server/one-writer.test.ts fails when code elsewhere writes these.
import type pg from "pg";
import { answerOrigins, type AnswerOrigin, type AnswerOrigins } from "@/lib/questions";
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
  /**
   * How each answer's origin is known. By default it is derived from the record's current proposals, which the person
   * saw unless `sawProposals` is false (default: not in blind mode). An import states it instead: `stated` origins
   * are taken as they are, and an answer the source says nothing about is `written` (a file) or stays unknown (a
   * dataset folder, which keeps exactly what it recorded).
   */
  origins?: { sawProposals: boolean } | { stated: Readonly<Record<string, AnswerOrigin>>; unstated: "written" | "unknown" };
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
  values: Record<string, unknown> | null;
  origins: Record<string, unknown> | null;
  /** Same values and status, no time spent, no lease of its author's to end (the origins are compared apart). */
  sameValues: boolean;
  /** The write would change nothing: the above, and the same origins. */
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
  config: Pick<DatasetConfig, "questions" | "blind">,
  writes: readonly ResponseWrite[],
  options: { recordsLocked?: boolean } = {},
): Promise<Settlement> {
  const settlement: Settlement = { ids: [], records: new Map(), created: 0, updated: 0, unchanged: writes.length };
  if (writes.length === 0) return settlement;
  const proposals = await currentProposals(client, config, writes);
  const found = await currentState(client, config, proposals, writes);
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
      locked = await currentState(client, config, proposals, changing);
    }
    const saved = await upsert(
      client,
      changing.map((write, index) => ({ ...write, origins: locked[index]!.nextOrigins })),
    );
    settlement.created = saved.filter((row) => row.inserted).length;
    settlement.updated = saved.length - settlement.created;
    settlement.unchanged = writes.length - saved.length;
    for (const row of saved) ids.set(pairKey(row.recordId, row.userId), row.id);
    await settle(client, config, changing, locked, settlement.records);
  }
  settlement.ids = writes.map((write) => ids.get(pairKey(write.recordId, write.userId))!);
  return settlement;
}

/**
 * The proposal values of the written records, per record and question name: what the person was shown (compared at
 * save time: a proposal that changed since the form was shown is the one compared with; see lib/questions/origins.ts).
 */
async function currentProposals(
  client: pg.PoolClient,
  config: Pick<DatasetConfig, "questions">,
  writes: readonly ResponseWrite[],
): Promise<Map<string, Record<string, unknown>>> {
  const byRecord = new Map<string, Record<string, unknown>>();
  const recordIds = [...new Set(writes.filter((write) => !write.origins || "sawProposals" in write.origins).map((write) => write.recordId))];
  if (recordIds.length === 0) return byRecord;
  const names = new Map(config.questions.map((question) => [question.id, question.name]));
  const rows = await client.query<{ recordId: string; questionId: string; value: unknown }>(
    `SELECT "recordId", "questionId", value FROM "Proposal" WHERE "recordId" = ANY($1::uuid[]) AND value IS NOT NULL AND value <> 'null'::jsonb`,
    [recordIds],
  );
  for (const row of rows.rows) {
    const name = names.get(row.questionId);
    if (name === undefined) continue;
    byRecord.set(row.recordId, { ...(byRecord.get(row.recordId) ?? {}), [name]: row.value });
  }
  return byRecord;
}

/** The origins a write gives its answers (see `ResponseWrite.origins`), against the response it replaces. */
function originsOf(
  config: Pick<DatasetConfig, "questions" | "blind">,
  proposals: Map<string, Record<string, unknown>>,
  write: ResponseWrite,
  before: Pick<Current, "values" | "origins">,
): AnswerOrigins {
  const previous = before.values ? { values: before.values, origins: before.origins ?? {} } : null;
  const how = write.origins ?? { sawProposals: !config.blind };
  if ("sawProposals" in how) {
    const shown = how.sawProposals ? (proposals.get(write.recordId) ?? {}) : {};
    return answerOrigins({ questions: config.questions, values: write.values, proposals: shown, previous });
  }
  return answerOrigins({ questions: config.questions, values: write.values, proposals: {}, previous, stated: how });
}

function sameOrigins(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>> | null): boolean {
  const other = b ?? {};
  const keys = Object.keys(a);
  return keys.length === Object.keys(other).length && keys.every((key) => a[key] === other[key]);
}

/** Each write's record and current response, in the order of the writes, with the origins the write would store. */
async function currentState(
  client: pg.PoolClient,
  config: Pick<DatasetConfig, "questions" | "blind">,
  proposals: Map<string, Record<string, unknown>>,
  writes: readonly ResponseWrite[],
): Promise<(Current & { nextOrigins: AnswerOrigins })[]> {
  const rows = await client.query<Omit<Current, "same">>(
    `SELECT r.id AS "recordId", r."submittedCount", r."requiredResponses", r."leaseUserId", s.id AS "responseId", s.status,
            s.values, s.origins,
            coalesce(s.values = w.values AND s.status = w.status AND w."timeSpentMs" = 0
                     AND NOT (w.status <> 'draft' AND r."leaseUserId" IS NOT DISTINCT FROM w."userId"), false) AS "sameValues"
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
  return rows.rows.map((row, index) => {
    const nextOrigins = originsOf(config, proposals, writes[index]!, row);
    return { ...row, nextOrigins, same: row.sameValues && sameOrigins(nextOrigins, row.origins) };
  });
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
  writes: readonly (Omit<ResponseWrite, "origins"> & { origins: AnswerOrigins })[],
): Promise<{ id: string; recordId: string; userId: string; inserted: boolean }[]> {
  const saved = await client.query<{ id: string; recordId: string; userId: string; inserted: boolean }>(
    `INSERT INTO "Response" ("recordId", "userId", values, status, "timeSpentMs", "submittedAt", origins)
     SELECT w."recordId", w."userId", w.values, w.status, w."timeSpentMs",
            CASE WHEN w.status = 'submitted' THEN coalesce(w."submittedAt", now()) END, w.origins
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]::jsonb[], $4::"ResponseStatus"[], $5::int[], $6::timestamptz[], $7::text[]::jsonb[])
       AS w("recordId", "userId", values, status, "timeSpentMs", "submittedAt", origins)
     ON CONFLICT ("recordId", "userId") DO UPDATE
       SET values = EXCLUDED.values, status = EXCLUDED.status, origins = EXCLUDED.origins,
           "timeSpentMs" = "Response"."timeSpentMs" + EXCLUDED."timeSpentMs",
           "submittedAt" = CASE WHEN EXCLUDED.status = 'submitted' THEN coalesce("Response"."submittedAt", EXCLUDED."submittedAt") END,
           "updatedAt" = now()
       WHERE ("Response".values, "Response".status, "Response".origins) IS DISTINCT FROM (EXCLUDED.values, EXCLUDED.status, EXCLUDED.origins)
          OR EXCLUDED."timeSpentMs" > 0
     RETURNING id, "recordId", "userId", (xmax = 0) AS inserted`,
    [
      writes.map((write) => write.recordId),
      writes.map((write) => write.userId),
      writes.map((write) => JSON.stringify(write.values)),
      writes.map((write) => write.status),
      writes.map((write) => write.timeSpentMs),
      writes.map((write) => write.submittedAt ?? null),
      writes.map((write) => JSON.stringify(write.origins)),
    ],
  );
  return saved.rows;
}
