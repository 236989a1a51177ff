// Bulk responses: an annotator submits one response to each of many records at once, either the records' own
// proposals or one answer for all. Everything happens in one transaction; a record that is not (or no longer) theirs
// to answer (the queue's rule, queue-rule.ts, checked under lock), or that lacks a proposal for a required question, is
// skipped and reported, never half-written.
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { ValidationError } from "@/lib/server/errors";
import { can } from "@/lib/server/policy";
import { datasetAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { checkAnnotatorFilter, servableConditions, statementParams, unservableReason } from "@/lib/server/services/bulk-records";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { recordFilterConditions, recordFilterSchema } from "@/lib/server/services/record-filter";
import { visibleToAnnotator } from "@/lib/server/services/queue-rule";
import { writeResponses } from "@/lib/server/services/response-settlement";
import { checkResponseValues } from "@/lib/server/services/responses";
import { zodDetails } from "@/lib/server/validation";

/** Records one request may answer. */
export const MAX_BULK_RECORDS = 10_000;
/** Records written per round of statements: bounded parameter arrays and lock sets. */
const CHUNK = 500;

export const bulkResponsesInputSchema = z
  .object({
    action: z.enum(["accept_proposals", "apply"]),
    /** Which records: these ids, or every record matching the filter that is the caller's to answer. */
    recordIds: z.array(z.uuid("each record must be a record id")).min(1).max(MAX_BULK_RECORDS).optional(),
    filter: recordFilterSchema.optional(),
    /** `apply`: the answer, one value per question (required questions must have one). */
    values: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if ((input.recordIds === undefined) === (input.filter === undefined))
      context.addIssue({ code: "custom", path: ["recordIds"], message: "give either recordIds or filter (not both)" });
    if (input.action === "apply" && input.values === undefined)
      context.addIssue({ code: "custom", path: ["values"], message: "give the answer to apply" });
    if (input.action === "accept_proposals" && input.values !== undefined)
      context.addIssue({ code: "custom", path: ["values"], message: "accept_proposals takes each record's proposals: give no values" });
  });

export interface BulkResult {
  /** Responses submitted. */
  submitted: number;
  /** Records of the selection that got no response, and why. */
  skipped: { externalId: string; reason: string }[];
}

export async function submitBulkResponses(actor: Actor, datasetId: string, input: unknown): Promise<BulkResult> {
  const access = await datasetAccess(actor, datasetId, "records.annotate");
  const parsedInput = bulkResponsesInputSchema.safeParse(input);
  if (!parsedInput.success) throw new ValidationError("The bulk response is not valid.", zodDetails(parsedInput.error));
  const parsed = parsedInput.data;
  const config = await loadDatasetConfig(access.datasetId);
  if (config.blind && parsed.action === "accept_proposals") {
    throw new ValidationError("The dataset is in blind mode: annotators see no proposals, so there are none to accept.", [
      { where: "action", message: "blind mode: apply one answer instead of accepting proposals" },
    ]);
  }
  if (parsed.filter) checkAnnotatorFilter(config, access, parsed.filter);
  const answer =
    parsed.action === "apply" ? checkResponseValues(config, { status: "submitted", values: parsed.values ?? {}, timeSpentMs: 0 }) : null;

  const selected = await selectRecords(config, actor.userId, can(access.role, "records.view"), parsed);
  const skipped: BulkResult["skipped"] = selected.missing.map((id) => ({ externalId: id, reason: "not a record of this dataset" }));
  const submitted = await withTransaction(async (client) => {
    let count = 0;
    for (let start = 0; start < selected.ids.length; start += CHUNK) {
      const chunk = selected.ids.slice(start, start + CHUNK);
      const writable = await lockServable(client, actor.userId, chunk, skipped);
      const writes = answer
        ? writable.map((record) => ({ recordId: record.id, values: answer }))
        : await proposalAnswers(client, config, writable, skipped);
      if (writes.length === 0) continue;
      await writeResponses(
        client,
        config,
        writes.map((write) => ({ ...write, userId: actor.userId, status: "submitted", timeSpentMs: 0 })),
        { recordsLocked: true },
      );
      count += writes.length;
    }
    await writeAudit(client, {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "dataset.responses.bulk",
      targetType: "dataset",
      targetId: access.datasetId,
      details: { action: parsed.action, submitted: count, skipped: skipped.length },
    });
    return count;
  });
  return { submitted, skipped };
}

/**
 * The records to answer, in import order: the given ids (those of another dataset reported as missing, and so are,
 * for a caller who may not browse records, those that do not exist for them: see `visibleToAnnotator`), or the
 * records matching the filter that are the actor's to answer now (re-checked under lock in the transaction).
 */
async function selectRecords(
  config: DatasetConfig,
  userId: string,
  browses: boolean,
  input: z.output<typeof bulkResponsesInputSchema>,
): Promise<{ ids: string[]; missing: string[] }> {
  const { params, param } = statementParams();
  const where = input.filter
    ? [...recordFilterConditions(config, input.filter, param), ...servableConditions(`${param(userId)}::uuid`)]
    : [
        `r."datasetId" = ${param(config.id)}::uuid`,
        `r.id = ANY(${param(input.recordIds)}::uuid[])`,
        ...(browses ? [] : [visibleToAnnotator(`${param(userId)}::uuid`)]),
      ];
  const found = await pool().query<{ id: string }>(
    `SELECT r.id FROM "Record" r WHERE ${where.join(" AND ")} ORDER BY r."importOrder" LIMIT ${param(MAX_BULK_RECORDS + 1)}`,
    params,
  );
  if (found.rows.length > MAX_BULK_RECORDS) {
    throw new ValidationError(`The filter matches more than ${MAX_BULK_RECORDS} records: narrow it.`, [
      { where: "filter", message: `matches more than ${MAX_BULK_RECORDS} records` },
    ]);
  }
  const ids = found.rows.map((row) => row.id);
  const known = new Set(ids);
  return { ids, missing: [...new Set(input.recordIds ?? [])].filter((id) => !known.has(id)) };
}

/**
 * Locks the records (in id order, so that two bulk writes cannot deadlock) and then, seeing every write committed
 * before the lock was granted, keeps those that are still the actor's to answer; the others go to `skipped`.
 */
async function lockServable(
  client: pg.PoolClient,
  userId: string,
  recordIds: string[],
  skipped: BulkResult["skipped"],
): Promise<{ id: string; externalId: string }[]> {
  await client.query(`SELECT id FROM "Record" WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [recordIds]);
  const checked = await client.query<{ id: string; externalId: string; reason: string | null }>(
    `SELECT r.id, r."externalId", ${unservableReason("$2::uuid")} AS reason
     FROM "Record" r WHERE r.id = ANY($1::uuid[]) ORDER BY r."importOrder"`,
    [recordIds, userId],
  );
  for (const row of checked.rows) if (row.reason !== null) skipped.push({ externalId: row.externalId, reason: row.reason });
  return checked.rows.filter((row) => row.reason === null);
}

/**
 * Each record's answer from its proposals: every question that has one. A record whose proposals leave a required
 * question unanswered (or are not valid answers) goes to `skipped` with the reason.
 */
async function proposalAnswers(
  client: pg.PoolClient,
  config: DatasetConfig,
  records: { id: string; externalId: string }[],
  skipped: BulkResult["skipped"],
): Promise<{ recordId: string; values: Record<string, unknown> }[]> {
  if (records.length === 0) return [];
  const proposals = await client.query<{ recordId: string; questionId: string; value: unknown }>(
    `SELECT "recordId", "questionId", value FROM "Proposal" WHERE "recordId" = ANY($1::uuid[]) AND value IS NOT NULL`,
    [records.map((record) => record.id)],
  );
  const names = new Map(config.questions.map((question) => [question.id, question.name]));
  return records.flatMap((record) => {
    const values = Object.fromEntries(
      proposals.rows.filter((row) => row.recordId === record.id).map((row) => [names.get(row.questionId)!, row.value]),
    );
    const lacking = config.questions.filter((question) => question.required && values[question.name] === undefined);
    if (lacking.length > 0) {
      const titles = lacking.map((question) => `"${question.title}"`).join(", ");
      skipped.push({ externalId: record.externalId, reason: `no proposal for the required question${lacking.length > 1 ? "s" : ""} ${titles}` });
      return [];
    }
    try {
      return [{ recordId: record.id, values: checkResponseValues(config, { status: "submitted", values, timeSpentMs: 0 }) }];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      skipped.push({ externalId: record.externalId, reason: error.details.map((detail) => `${detail.where}: ${detail.message}`).join("; ") });
      return [];
    }
  });
}
