// The curators' review: the queue of records that need a curator (see review-queue.ts for exactly which), one
// record side by side (responses, LLM proposal and suggestions, final values), and the resolution that writes the
// curator's final values and resolves the record's flags in one transaction.
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { answerLimitProblems, valueLimits } from "@/lib/datasets/value-limits";
import { aggregateQuestion, formatQuestionValue, parseQuestionValue } from "@/lib/questions";
import { pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { datasetAccess, recordAccess, type DatasetAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { resolveFinalValues } from "@/lib/server/services/final-values";
import { cutObject } from "@/lib/server/services/record-rows";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { getRecord, type RecordView } from "@/lib/server/services/records";
import {
  openFlagsJson,
  REVIEW_ORDER,
  REVIEW_QUEUE_CTES,
  REVIEW_REASONS,
  setValuedQuestionIds,
  type ReviewFlag,
  type ReviewReason,
  type ReviewReasons,
} from "@/lib/server/services/review-queue";
import { zodDetails } from "@/lib/server/validation";

export { REVIEW_REASONS, type ReviewReason, type ReviewReasons, type ReviewFlag };

export const REVIEW_PAGE_SIZE = 30;

export const reviewListQuerySchema = z
  .object({
    reason: z.enum(REVIEW_REASONS, `the reason must be one of ${REVIEW_REASONS.join(", ")}`).optional(),
    /** The `next` cursor of the previous page. */
    after: z.string().regex(/^\d{1,9}$/, "the cursor must be the `next` of a previous page").optional(),
  })
  .strict();

export const resolveInputSchema = z
  .object({
    /** The curator's value per question name; questions left out keep their final value. */
    values: z.record(z.string(), z.unknown()).default({}),
    note: z.string().trim().max(1_000, "keep the note under 1000 characters").optional(),
  })
  .strict();

export interface ReviewListItem extends ReviewReasons {
  id: string;
  externalId: string;
  importOrder: number;
  uncertainty: number | null;
  /** The start of the record's first field, to recognise it in the list. */
  preview: string;
}

export interface ReviewList {
  /** Records in the queue, per reason (a record with two reasons counts in both) and in all. */
  counts: { total: number } & Record<ReviewReason, number>;
  items: ReviewListItem[];
  /** Cursor of the next page (`after`), null on the last one. */
  next: string | null;
}

export interface ReviewResponse {
  user: string;
  submittedAt: string | null;
  values: Record<string, unknown>;
  display: Record<string, string>;
}

export interface ReviewRecord extends ReviewReasons {
  record: RecordView;
  /** Submitted responses only, in the order they came. */
  responses: ReviewResponse[];
  /** What the resolution form starts from per question: the human majority, else the proposal, else nothing. */
  prefill: Record<string, unknown>;
}

export interface ResolveResult {
  recordId: string;
  /** Questions that received a curator final value. */
  resolved: string[];
  flagsResolved: number;
}

function parseWith<T extends z.ZodType>(schema: T, input: unknown, message: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(message, zodDetails(parsed.error));
  return parsed.data;
}

interface QueueRow {
  id: string;
  externalId: string;
  importOrder: number;
  uncertainty: number | null;
  reasons: ReviewReason[];
  humanQuestions: string[];
  llmQuestions: string[];
  flags: ReviewFlag[];
  preview: string | null;
}

export async function listReviewQueue(actor: Actor, datasetId: string, query: unknown): Promise<ReviewList> {
  const access = await datasetAccess(actor, datasetId, "records.review");
  const parsed = parseWith(reviewListQuerySchema, query, "The review query is not valid.");
  const config = await loadDatasetConfig(access.datasetId);
  const offset = Number(parsed.after ?? 0);
  const result = await pool().query<{ counts: ReviewList["counts"]; rows: QueueRow[] }>(
    `WITH ${REVIEW_QUEUE_CTES},
     page AS (
       SELECT q.*, ${openFlagsJson("q.id")} AS flags, left(q.fields ->> $7::text, 240) AS preview
       FROM queue q WHERE $4::text IS NULL OR $4::text = ANY(q.reasons)
       ORDER BY ${REVIEW_ORDER} LIMIT $5 OFFSET $6
     )
     SELECT
       (SELECT json_build_object('total', count(*)::int,
          'human_disagreement', count(*) FILTER (WHERE 'human_disagreement' = ANY(reasons))::int,
          'llm_disagreement', count(*) FILTER (WHERE 'llm_disagreement' = ANY(reasons))::int,
          'flagged', count(*) FILTER (WHERE 'flagged' = ANY(reasons))::int) FROM queue) AS counts,
       coalesce((SELECT json_agg(json_build_object('id', id, 'externalId', "externalId", 'importOrder', "importOrder",
          'uncertainty', uncertainty, 'reasons', reasons, 'humanQuestions', "humanQuestions", 'llmQuestions', "llmQuestions",
          'flags', flags, 'preview', preview) ORDER BY ${REVIEW_ORDER}) FROM page), '[]') AS rows`,
    [
      access.datasetId,
      setValuedQuestionIds(config),
      null,
      parsed.reason ?? null,
      REVIEW_PAGE_SIZE + 1,
      offset,
      config.fields[0]?.name ?? "",
    ],
  );
  const { counts, rows } = result.rows[0]!;
  const items = rows.slice(0, REVIEW_PAGE_SIZE).map((row) => ({ ...row, preview: row.preview ?? "" }));
  return { counts, items, next: rows.length > REVIEW_PAGE_SIZE ? String(offset + REVIEW_PAGE_SIZE) : null };
}

/** Why the record needs a curator now (nothing when it is not in the queue). */
async function reasonsOf(client: pg.Pool | pg.PoolClient, config: DatasetConfig, recordId: string): Promise<ReviewReasons> {
  const found = await client.query<ReviewReasons>(
    `WITH ${REVIEW_QUEUE_CTES}
     SELECT reasons, "humanQuestions", "llmQuestions", ${openFlagsJson("queue.id")} AS flags FROM queue`,
    [config.id, setValuedQuestionIds(config), recordId],
  );
  return found.rows[0] ?? { reasons: [], humanQuestions: [], llmQuestions: [], flags: [] };
}

/** The human majority per question (ties have none), as the final value would be. */
function majorityOf(config: DatasetConfig, responses: readonly ReviewResponse[]): Record<string, unknown> {
  const majority: Record<string, unknown> = {};
  for (const question of config.questions) {
    const votes = responses
      .filter((response) => response.values[question.name] !== undefined && response.values[question.name] !== null)
      .map((response) => ({ agent: response.user, value: response.values[question.name] }));
    if (votes.length === 0) continue;
    const aggregate = aggregateQuestion(question.type, question.settings, votes, { method: "vote_entropy" });
    if (aggregate.value !== null) majority[question.name] = aggregate.value;
  }
  return majority;
}

/** One record as a curator reviews it. Annotators get 403: they never see other annotators' responses here. */
export async function getReviewRecord(actor: Actor, recordId: string): Promise<ReviewRecord> {
  const access = await recordAccess(actor, recordId, "records.review");
  const config = await loadDatasetConfig(access.datasetId);
  const [record, reasons, submitted] = await Promise.all([
    getRecord(actor, access.recordId),
    reasonsOf(pool(), config, access.recordId),
    pool().query<{ user: string; submittedAt: Date | null; values: Record<string, unknown> }>(
      // Each answer cut to the answer limit in SQL, as in the record's own view: bounded whatever was stored.
      `SELECT u.username AS "user", s."submittedAt", ${cutObject("s.values", "$2")} AS values FROM "Response" s JOIN "User" u ON u.id = s."userId"
       WHERE s."recordId" = $1 AND s.status = 'submitted' ORDER BY s."submittedAt", s.id`,
      [access.recordId, valueLimits().responseBytes],
    ),
  ]);
  const responses = submitted.rows.map((row) => ({
    user: row.user,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    values: row.values,
    display: Object.fromEntries(
      config.questions
        .filter((question) => row.values[question.name] !== undefined)
        .map((question) => [question.name, formatQuestionValue(question.type, question.settings, row.values[question.name])]),
    ),
  }));
  const majority = majorityOf(config, responses);
  const prefill: Record<string, unknown> = {};
  for (const question of record.questions) {
    const value = question.finalValue?.provenance === "curator" ? question.finalValue.value : (majority[question.name] ?? question.proposal?.value);
    if (value !== undefined && value !== null) prefill[question.name] = value;
  }
  return { ...reasons, record, responses, prefill };
}

async function audit(client: pg.PoolClient, access: DatasetAccess & { recordId: string }, actor: Actor, details: object): Promise<void> {
  await writeAudit(client, {
    workspaceId: access.workspaceId,
    actorId: actor.userId,
    action: "record.resolve",
    targetType: "record",
    targetId: access.recordId,
    details,
  });
}

/**
 * Writes the curator's values as final values (provenance `curator`, never overwritten by later submits or LLM
 * acceptance) and resolves the record's open flags, in one transaction. Every question the record disagrees on
 * must get a value, so that a resolved record leaves the queue.
 */
export async function resolveRecord(actor: Actor, recordId: string, input: unknown): Promise<ResolveResult> {
  const access = await recordAccess(actor, recordId, "records.review");
  const parsed = parseWith(resolveInputSchema, input, "The resolution is not valid.");
  const config = await loadDatasetConfig(access.datasetId);
  const questions = new Map(config.questions.map((question) => [question.name, question]));
  const oversize = answerLimitProblems(parsed.values).map((problem) => ({ where: problem.path, message: problem.message }));
  if (oversize.length > 0) throw new ValidationError("The resolution is not valid.", oversize);
  const problems: ErrorDetail[] = [];
  const clean = new Map<string, unknown>();
  for (const [name, value] of Object.entries(parsed.values)) {
    const question = questions.get(name);
    if (!question) problems.push({ where: `values.${name}`, message: "unknown question" });
    else if (value === null || value === undefined || value === "") continue;
    else {
      const checked = parseQuestionValue(question.type, question.settings, value);
      if (checked.ok) clean.set(name, checked.value);
      else problems.push({ where: `values.${name}`, message: checked.error });
    }
  }
  return withTransaction(async (client) => {
    // Locking the record serialises the resolution with submits about it (they lock it too).
    await client.query(`SELECT id FROM "Record" WHERE id = $1 FOR UPDATE`, [access.recordId]);
    const reasons = await reasonsOf(client, config, access.recordId);
    for (const name of new Set([...reasons.humanQuestions, ...reasons.llmQuestions])) {
      if (!clean.has(name) && !problems.some((problem) => problem.where === `values.${name}`))
        problems.push({ where: `values.${name}`, message: `"${questions.get(name)?.title ?? name}" is disputed: choose its value` });
    }
    if (problems.length > 0) throw new ValidationError("The resolution is not valid.", problems);
    await resolveFinalValues(
      client,
      access.recordId,
      actor.userId,
      [...clean].map(([name, value]) => ({ questionId: questions.get(name)!.id, value })),
    );
    const flags = await client.query(
      `UPDATE "RecordFlag" SET "resolvedAt" = now(), "resolvedById" = $2 WHERE "recordId" = $1 AND "resolvedAt" IS NULL`,
      [access.recordId, actor.userId],
    );
    const resolved = [...clean.keys()];
    const flagsResolved = flags.rowCount ?? 0;
    await audit(client, access, actor, { reasons: reasons.reasons, values: Object.fromEntries(clean), flagsResolved, note: parsed.note ?? null });
    return { recordId: access.recordId, resolved, flagsResolved };
  });
}
