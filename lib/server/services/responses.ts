// Annotators' responses: draft, submit, discard. A submit is applied once however often it is retried, counts
// towards the record's distribution, releases the annotator's lease, and, when the record has all the responses
// it needs, sets the human consensus as its final value.
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { answerLimitProblems } from "@/lib/datasets/value-limits";
import { aggregateQuestion, parseQuestionValue } from "@/lib/questions";
import { withTransaction } from "@/lib/server/db/transaction";
import { ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { recordAccess } from "@/lib/server/services/access";
import { markAssignmentsAnswered } from "@/lib/server/services/assignments";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";

export const responseInputSchema = z
  .object({
    status: z.enum(["draft", "submitted", "discarded"]),
    values: z.record(z.string(), z.unknown()).default({}),
    timeSpentMs: z.number().int().min(0).max(24 * 60 * 60 * 1000).default(0),
  })
  .strict();

export type ResponseInput = z.infer<typeof responseInputSchema>;

/** Checks the values against the questions: unknown names, invalid values, and (on submit) missing required ones. */
export function checkResponseValues(config: DatasetConfig, input: ResponseInput): Record<string, unknown> {
  const problems: ErrorDetail[] = answerLimitProblems(input.values).map((problem) => ({ where: problem.path, message: problem.message }));
  if (problems.length > 0) throw new ValidationError("The response is not valid.", problems);
  const clean: Record<string, unknown> = {};
  const questions = new Map(config.questions.map((question) => [question.name, question]));
  for (const [name, value] of Object.entries(input.values)) {
    const question = questions.get(name);
    if (!question) {
      problems.push({ where: `values.${name}`, message: "unknown question" });
      continue;
    }
    if (value === null || value === undefined || value === "") continue;
    const parsed = parseQuestionValue(question.type, question.settings, value);
    if (parsed.ok) clean[name] = parsed.value;
    else problems.push({ where: `values.${name}`, message: parsed.error });
  }
  if (input.status === "submitted") {
    for (const question of config.questions) {
      if (question.required && clean[question.name] === undefined && !problems.some((p) => p.where === `values.${question.name}`)) {
        problems.push({ where: `values.${question.name}`, message: `"${question.title}" is required to submit` });
      }
    }
  }
  if (problems.length > 0) throw new ValidationError("The response is not valid.", problems);
  return clean;
}

export interface SavedResponse {
  id: string;
  status: "draft" | "submitted" | "discarded";
  submittedCount: number;
  requiredResponses: number;
}

export async function saveResponse(actor: Actor, recordId: string, rawInput: unknown): Promise<SavedResponse> {
  // Access first: a record the caller cannot reach answers 404 whatever the body says.
  const access = await recordAccess(actor, recordId, "records.annotate");
  const parsedInput = responseInputSchema.safeParse(rawInput);
  if (!parsedInput.success) {
    throw new ValidationError(
      "The response body is not valid.",
      parsedInput.error.issues.map((issue) => ({ where: issue.path.join(".") || undefined, message: issue.message })),
    );
  }
  const input = parsedInput.data;
  const config = await loadDatasetConfig(access.datasetId);
  const values = checkResponseValues(config, input);
  return withTransaction(async (client) => {
    // Locking the record serialises every write about it: counts stay exact under concurrent submits.
    await client.query(`SELECT 1 FROM "Record" WHERE id = $1 FOR UPDATE`, [recordId]);
    const previous = await client.query<{ status: string }>(
      `SELECT status FROM "Response" WHERE "recordId" = $1 AND "userId" = $2`,
      [recordId, actor.userId],
    );
    const wasSubmitted = previous.rows[0]?.status === "submitted";
    const wasAnswered = previous.rows.length > 0 && previous.rows[0]!.status !== "draft";
    const [id] = await upsertResponses(client, actor.userId, [{ recordId, values, status: input.status, timeSpentMs: input.timeSpentMs }]);
    const [settled] = await settleResponses(client, config, actor.userId, [
      {
        recordId,
        delta: (input.status === "submitted" ? 1 : 0) - (wasSubmitted ? 1 : 0),
        answered: input.status !== "draft",
        answeredChanged: wasAnswered !== (input.status !== "draft"),
      },
    ]);
    return { id: id!, status: input.status, submittedCount: settled!.submittedCount, requiredResponses: settled!.requiredResponses };
  });
}

export interface ResponseWrite {
  recordId: string;
  values: Record<string, unknown>;
  status: "draft" | "submitted" | "discarded";
  timeSpentMs: number;
}

/**
 * Writes `userId`'s responses (one per record, records locked by the caller): a new one, or an update that adds the
 * time spent and keeps the first submit time. The responses' ids, in the order of `writes`.
 */
export async function upsertResponses(client: pg.PoolClient, userId: string, writes: readonly ResponseWrite[]): Promise<string[]> {
  const saved = await client.query<{ id: string; recordId: string }>(
    `INSERT INTO "Response" ("recordId", "userId", values, status, "timeSpentMs", "submittedAt")
     SELECT w."recordId", $1::uuid, w.values, w.status, w."timeSpentMs", CASE WHEN w.status = 'submitted' THEN now() END
     FROM unnest($2::uuid[], $3::text[]::jsonb[], $4::"ResponseStatus"[], $5::int[]) AS w("recordId", values, status, "timeSpentMs")
     ON CONFLICT ("recordId", "userId") DO UPDATE
       SET values = EXCLUDED.values, status = EXCLUDED.status,
           "timeSpentMs" = "Response"."timeSpentMs" + EXCLUDED."timeSpentMs",
           "submittedAt" = CASE WHEN EXCLUDED.status = 'submitted' THEN coalesce("Response"."submittedAt", now()) END,
           "updatedAt" = now()
     RETURNING id, "recordId"`,
    [
      userId,
      writes.map((write) => write.recordId),
      writes.map((write) => JSON.stringify(write.values)),
      writes.map((write) => write.status),
      writes.map((write) => write.timeSpentMs),
    ],
  );
  const ids = new Map(saved.rows.map((row) => [row.recordId, row.id]));
  return writes.map((write) => ids.get(write.recordId)!);
}

export interface ResponseChange {
  recordId: string;
  /** How the record's submitted count moves: +1 a new submit, -1 a submit taken back. */
  delta: number;
  /** The user's response now answers the record (submitted or discarded): their lease on it ends. */
  answered: boolean;
  /** Whether that changed: the assignments' `answered` flag must follow. */
  answeredChanged: boolean;
}

/**
 * What follows a change of `userId`'s responses on records the caller has locked, for every writer of responses:
 * the submitted counts, the user's lease, their assignments' answered flag, and the human final values of the
 * records whose count moved (set once a record has all the responses it needs). The records' new counts.
 */
export async function settleResponses(
  client: pg.PoolClient,
  config: DatasetConfig,
  userId: string,
  changes: readonly ResponseChange[],
): Promise<{ recordId: string; submittedCount: number; requiredResponses: number }[]> {
  const updated = await client.query<{ id: string; submittedCount: number; requiredResponses: number }>(
    `UPDATE "Record" r SET "submittedCount" = r."submittedCount" + c.delta,
       "leaseUserId" = CASE WHEN r."leaseUserId" = $1 AND c.answered THEN NULL ELSE r."leaseUserId" END,
       "leaseExpiresAt" = CASE WHEN r."leaseUserId" = $1 AND c.answered THEN NULL ELSE r."leaseExpiresAt" END
     FROM unnest($2::uuid[], $3::int[], $4::boolean[]) AS c(id, delta, answered)
     WHERE r.id = c.id
     RETURNING r.id, r."submittedCount", r."requiredResponses"`,
    [userId, changes.map((change) => change.recordId), changes.map((change) => change.delta), changes.map((change) => change.answered)],
  );
  const counts = new Map(updated.rows.map((row) => [row.id, row]));
  const flipped = changes.filter((change) => change.answeredChanged).map((change) => change.recordId);
  if (flipped.length > 0) await markAssignmentsAnswered(client, flipped, userId);
  for (const change of changes) {
    const record = counts.get(change.recordId)!;
    if (change.delta !== 0) await updateHumanFinalValues(client, config, change.recordId, record.submittedCount >= record.requiredResponses);
  }
  return changes.map((change) => {
    const record = counts.get(change.recordId)!;
    return { recordId: change.recordId, submittedCount: record.submittedCount, requiredResponses: record.requiredResponses };
  });
}

/** Whether the two most frequent whole answers are given equally often (humans disagree: no consensus). */
export function topAnswersTie(values: unknown[]): boolean {
  const counts = new Map<string, number>();
  for (const value of values) {
    const key = JSON.stringify(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const sorted = [...counts.values()].sort((a, b) => b - a);
  return sorted.length > 1 && sorted[0] === sorted[1];
}

/**
 * With all required responses in, each question's final value is the human majority (provenance `human`); a tie
 * has no final value and waits for review. A curator's resolution is never overwritten.
 */
export async function updateHumanFinalValues(
  client: pg.PoolClient,
  config: DatasetConfig,
  recordId: string,
  complete: boolean,
): Promise<void> {
  await client.query(
    `DELETE FROM "FinalValue" WHERE "recordId" = $1 AND provenance = 'human'`,
    [recordId],
  );
  if (!complete) return;
  const responses = await client.query<{ username: string; values: Record<string, unknown> }>(
    `SELECT u.username, s.values FROM "Response" s JOIN "User" u ON u.id = s."userId"
     WHERE s."recordId" = $1 AND s.status = 'submitted' ORDER BY s."submittedAt", s.id`,
    [recordId],
  );
  for (const question of config.questions) {
    const votes = responses.rows
      .filter((row) => row.values[question.name] !== undefined)
      .map((row) => ({ agent: row.username, value: row.values[question.name] }));
    if (votes.length === 0) continue;
    const aggregate = aggregateQuestion(question.type, question.settings, votes, { method: "vote_entropy" });
    if (aggregate.value === null || topAnswersTie(votes.map((vote) => vote.value))) continue;
    await client.query(
      `INSERT INTO "FinalValue" ("recordId", "questionId", value, provenance) VALUES ($1, $2, $3, 'human')
       ON CONFLICT ("recordId", "questionId") DO UPDATE SET value = EXCLUDED.value, provenance = 'human', "updatedAt" = now()
         WHERE "FinalValue".provenance <> 'curator'`,
      [recordId, question.id, JSON.stringify(aggregate.value)],
    );
  }
}
