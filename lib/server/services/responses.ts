// Annotators' responses: draft, submit, discard. A submit is applied once however often it is retried, counts
// towards the record's distribution, releases the annotator's lease, and, when the record has all the responses
// it needs, sets the human consensus as its final value.
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
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
  const problems: ErrorDetail[] = [];
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
  const parsedInput = responseInputSchema.safeParse(rawInput);
  if (!parsedInput.success) {
    throw new ValidationError(
      "The response body is not valid.",
      parsedInput.error.issues.map((issue) => ({ where: issue.path.join(".") || undefined, message: issue.message })),
    );
  }
  const input = parsedInput.data;
  const access = await recordAccess(actor, recordId, "records.annotate");
  const config = await loadDatasetConfig(access.datasetId);
  const values = checkResponseValues(config, input);
  return withTransaction(async (client) => {
    // Locking the record serialises every write about it: counts stay exact under concurrent submits.
    const record = await client.query<{ submittedCount: number; requiredResponses: number }>(
      `SELECT "submittedCount", "requiredResponses" FROM "Record" WHERE id = $1 FOR UPDATE`,
      [recordId],
    );
    const previous = await client.query<{ status: string }>(
      `SELECT status FROM "Response" WHERE "recordId" = $1 AND "userId" = $2`,
      [recordId, actor.userId],
    );
    const wasSubmitted = previous.rows[0]?.status === "submitted";
    const saved = await client.query<{ id: string }>(
      `INSERT INTO "Response" ("recordId", "userId", values, status, "timeSpentMs", "submittedAt")
       VALUES ($1, $2, $3, $4::"ResponseStatus", $5, CASE WHEN $4 = 'submitted' THEN now() END)
       ON CONFLICT ("recordId", "userId") DO UPDATE
         SET values = EXCLUDED.values, status = EXCLUDED.status,
             "timeSpentMs" = "Response"."timeSpentMs" + EXCLUDED."timeSpentMs",
             "submittedAt" = CASE WHEN EXCLUDED.status = 'submitted' THEN coalesce("Response"."submittedAt", now()) END,
             "updatedAt" = now()
       RETURNING id`,
      [recordId, actor.userId, JSON.stringify(values), input.status, input.timeSpentMs],
    );
    const delta = (input.status === "submitted" ? 1 : 0) - (wasSubmitted ? 1 : 0);
    const counts = record.rows[0]!;
    const submittedCount = counts.submittedCount + delta;
    await client.query(
      `UPDATE "Record" SET "submittedCount" = $2,
         "leaseUserId" = CASE WHEN "leaseUserId" = $3 AND $4 <> 'draft' THEN NULL ELSE "leaseUserId" END,
         "leaseExpiresAt" = CASE WHEN "leaseUserId" = $3 AND $4 <> 'draft' THEN NULL ELSE "leaseExpiresAt" END
       WHERE id = $1`,
      [recordId, submittedCount, actor.userId, input.status],
    );
    const wasAnswered = previous.rows.length > 0 && previous.rows[0]!.status !== "draft";
    if (wasAnswered !== (input.status !== "draft")) await markAssignmentsAnswered(client, [recordId], actor.userId);
    if (delta !== 0) await updateHumanFinalValues(client, config, recordId, submittedCount >= counts.requiredResponses);
    return { id: saved.rows[0]!.id, status: input.status, submittedCount, requiredResponses: counts.requiredResponses };
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
