// The bulk view's records: what the queue could serve this annotator (one by one in the focus view), matching the
// records list's filters, a page at a time. The same conditions decide which records a bulk submit may write to
// (bulk-responses.ts), so the page never offers a record the submit would refuse.
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { agreementScale, formatQuestionValue } from "@/lib/questions";
import { pool } from "@/lib/server/db/client";
import { ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { can } from "@/lib/server/policy";
import { datasetAccess, type DatasetAccess } from "@/lib/server/services/access";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { annotatorChecks } from "@/lib/server/services/queue-rule";
import { recordFilterConditions, type RecordFilter } from "@/lib/server/services/record-filter";
import { cutObject, cutObjectBytes, LIST_PREVIEW } from "@/lib/server/services/record-rows";

export const BULK_PAGE_SIZES = [25, 50] as const;

/** SQL conditions on `r`: the record is the actor's to answer now. */
export function servableConditions(user: string): string[] {
  return annotatorChecks(user).map((check) => check.condition);
}

/** A SQL expression on `r`: why the record is not the actor's to answer now, or NULL when it is. */
export function unservableReason(user: string): string {
  const cases = annotatorChecks(user).map((check) => `WHEN NOT ${check.condition} THEN '${check.reason}'`);
  return `CASE ${cases.join(" ")} END`;
}

/**
 * What an annotator may not filter on, since they may not see it: metadata hidden from annotators, and in blind mode
 * (annotators' answers must not lean on the LLMs') the proposals, and, as in the focus view, the uncertainty.
 */
export function checkAnnotatorFilter(config: DatasetConfig, access: DatasetAccess, filter: RecordFilter): void {
  const seesAll = can(access.role, "responses.viewAll");
  const problems: ErrorDetail[] = [];
  if (config.blind && filter.proposal) problems.push({ where: "proposal", message: "the dataset is in blind mode: annotators see no proposals" });
  if (config.blind && !seesAll && (filter.uncertaintyMin !== undefined || filter.uncertaintyMax !== undefined)) {
    problems.push({ where: "uncertaintyMin", message: "the dataset is in blind mode: annotators see no uncertainty" });
  }
  for (const metadata of filter.metadata ?? []) {
    const property = config.metadata.find((candidate) => candidate.name === metadata.name);
    if (property && !property.visibleForAnnotators && !seesAll) problems.push({ where: `metadata.${metadata.name}`, message: "hidden from annotators" });
  }
  if (problems.length > 0) throw new ValidationError("Invalid query parameters.", problems);
}

export interface BulkProposal {
  question: string;
  value: unknown;
  display: string;
  /** The proposal's normalised uncertainty (0..1). */
  uncertainty: number | null;
}

export interface BulkRecordView {
  id: string;
  externalId: string;
  uncertainty: number | null;
  fields: { name: string; title: string; type: string; value: unknown }[];
  /** Field values cut to a preview (`fields.<name>`), with their whole size in bytes (as in the records list). */
  truncated: Record<string, number>;
  /** One per question that has a proposal; empty in blind mode. */
  proposals: BulkProposal[];
}

export interface BulkPage {
  records: BulkRecordView[];
  /** Records matching the filter that are the actor's to answer (every page). */
  total: number;
  page: number;
  pageSize: number;
  /** Blind mode: no proposals, no accepting them. */
  blind: boolean;
  /** Whether uncertainty is shown (and may be filtered on). */
  showsUncertainty: boolean;
  /** The proposal values among the actor's records (before filtering), for the proposal filter; empty in blind mode. */
  proposalValues: { question: string; title: string; value: unknown; display: string; records: number }[];
}

export const bulkPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((size) => (BULK_PAGE_SIZES as readonly number[]).includes(size), `must be ${BULK_PAGE_SIZES.join(" or ")}`)
    .default(25),
});

export type BulkPageQuery = z.output<typeof bulkPageQuerySchema>;

/** A statement's parameters and the function that adds one and returns its placeholder. */
export function statementParams(): { params: unknown[]; param: (value: unknown) => string } {
  const params: unknown[] = [];
  return {
    params,
    param: (value) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}

/** A page of the records matching `filter` that are the actor's to answer, in queue order. */
export async function listBulkRecords(actor: Actor, datasetId: string, filter: RecordFilter, paging: BulkPageQuery): Promise<BulkPage> {
  const access = await datasetAccess(actor, datasetId, "records.annotate");
  const config = await loadDatasetConfig(access.datasetId);
  checkAnnotatorFilter(config, access, filter);
  const showsUncertainty = !config.blind || can(access.role, "responses.viewAll");
  const { params, param } = statementParams();
  const mine = [`r."datasetId" = ${param(access.datasetId)}::uuid`, ...servableConditions(`${param(actor.userId)}::uuid`)];
  const where = [...recordFilterConditions(config, filter, param), ...mine];
  // Field values are cut to a preview in SQL: a page never holds more than its size times the preview size.
  const found = await pool().query<{
    id: string;
    externalId: string;
    uncertainty: number | null;
    fields: Record<string, unknown>;
    fieldsCut: Record<string, number> | null;
    total: number;
  }>(
    `SELECT r.id, r."externalId", r.uncertainty, ${cutObject("r.fields", String(LIST_PREVIEW.field))} AS fields,
       ${cutObjectBytes("r.fields", String(LIST_PREVIEW.field))} AS "fieldsCut", count(*) OVER ()::int AS total
     FROM "Record" r WHERE ${where.join(" AND ")}
     ORDER BY r.uncertainty DESC NULLS LAST, r."importOrder"
     LIMIT ${param(paging.pageSize)} OFFSET ${param((paging.page - 1) * paging.pageSize)}`,
    params,
  );
  const ids = found.rows.map((row) => row.id);
  const proposals = config.blind ? [] : await loadProposals(ids);
  const total = found.rows[0]?.total ?? (paging.page > 1 ? await countMatching(where, params.slice(0, -2)) : 0);
  return {
    records: found.rows.map((row) => ({
      id: row.id,
      externalId: row.externalId,
      uncertainty: showsUncertainty ? row.uncertainty : null,
      fields: config.fields.map((field) => ({ name: field.name, title: field.title, type: field.type, value: row.fields[field.name] ?? null })),
      truncated: Object.fromEntries(Object.entries(row.fieldsCut ?? {}).map(([name, bytes]) => [`fields.${name}`, bytes])),
      proposals: config.questions.flatMap((question) => {
        const proposal = proposals.find((candidate) => candidate.recordId === row.id && candidate.questionId === question.id);
        if (!proposal || proposal.value === null) return [];
        return [{ question: question.name, value: proposal.value, display: display(config, question.name, proposal.value), uncertainty: proposal.normalized }];
      }),
    })),
    total,
    page: paging.page,
    pageSize: paging.pageSize,
    blind: config.blind,
    showsUncertainty,
    proposalValues: config.blind ? [] : await proposalValues(config, actor.userId),
  };
}

function display(config: DatasetConfig, questionName: string, value: unknown): string {
  const question = config.questions.find((candidate) => candidate.name === questionName)!;
  return formatQuestionValue(question.type, question.settings, value);
}

async function loadProposals(recordIds: string[]) {
  if (recordIds.length === 0) return [];
  const result = await pool().query<{ recordId: string; questionId: string; value: unknown; normalized: number | null }>(
    `SELECT "recordId", "questionId", value, normalized FROM "Proposal" WHERE "recordId" = ANY($1::uuid[])`,
    [recordIds],
  );
  return result.rows;
}

/** A page past the end has no rows to carry the count: count on its own. */
async function countMatching(where: string[], params: unknown[]): Promise<number> {
  const result = await pool().query<{ total: number }>(`SELECT count(*)::int AS total FROM "Record" r WHERE ${where.join(" AND ")}`, params);
  return result.rows[0]?.total ?? 0;
}

/**
 * Questions whose proposals make a filter: those whose answers are compared for equality (labels, ratings,
 * rankings). Free text is not (its agreement level is "none"): every distinct critique would be one more option.
 */
function filterableQuestions(config: DatasetConfig): DatasetConfig["questions"] {
  return config.questions.filter((question) => agreementScale(question.type, question.settings).level !== "none");
}

/** Each filterable question's proposal values among the records that are the user's to answer, most frequent first. */
async function proposalValues(config: DatasetConfig, userId: string): Promise<BulkPage["proposalValues"]> {
  const questions = filterableQuestions(config);
  if (questions.length === 0) return [];
  const result = await pool().query<{ questionId: string; value: unknown; records: number }>(
    `SELECT p."questionId", p.value, count(*)::int AS records
     FROM "Record" r JOIN "Proposal" p ON p."recordId" = r.id
     WHERE r."datasetId" = $1 AND p."questionId" = ANY($3::uuid[]) AND p.value IS NOT NULL AND ${servableConditions("$2::uuid").join(" AND ")}
     GROUP BY p."questionId", p.value ORDER BY records DESC LIMIT 200`,
    [config.id, userId, questions.map((question) => question.id)],
  );
  return questions.flatMap((question) =>
    result.rows
      .filter((row) => row.questionId === question.id)
      .map((row) => ({ question: question.name, title: question.title, value: row.value, display: display(config, question.name, row.value), records: row.records })),
  );
}
