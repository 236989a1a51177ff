// Reading records: one record in full (the focus view, the side panel, the API) and the keyset-paginated list of a
// dataset (the records page, the API). What an annotator receives is cut to what their role may see.
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { jsonBytes } from "@/lib/datasets/value-limits";
import { formatQuestionValue } from "@/lib/questions";
import { pool } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import { can, type Role } from "@/lib/server/policy";
import { datasetAccess, recordAccess } from "@/lib/server/services/access";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { detailPreview, LIST_PREVIEW, loadRecordRows, type RecordRow } from "@/lib/server/services/record-rows";
import { UNREADABLE_DISPLAY } from "@/lib/ui/uncertainty-signal";
import {
  DECISIONS,
  NUMBER,
  recordFilterConditions,
  RESPONSE_STATUSES,
  type MetadataFilter,
  type ProposalFilter,
  type RecordFilter,
} from "@/lib/server/services/record-filter";

export interface ProposalView {
  value: unknown;
  display: string;
  uncertainty: number | null;
  normalized: number | null;
  method: string;
  votes: number;
  buckets: { key: string; label: string; count: number; agents: string[] }[];
}

export interface SuggestionView {
  agent: string;
  value: unknown;
  display: string;
  score: number | null;
  rationale: string | null;
  model: string | null;
  /** Set for suggestions Sift's LLM runs made: the prompt variant, the tokens and the cost of the vote's calls. */
  promptVariant: string | null;
  tokens: number | null;
  costUsd: number | null;
  /** The model's text when its answer could not be read (an unparseable vote). */
  rawOutput: string | null;
}

export interface ResponseView {
  user: string;
  status: "draft" | "submitted" | "discarded";
  values: Record<string, unknown>;
  display: Record<string, string>;
  timeSpentMs: number;
  updatedAt: string;
}

export interface RecordView {
  id: string;
  datasetId: string;
  externalId: string;
  importOrder: number;
  routingDecision: "pending" | "auto" | "audit" | "human";
  uncertainty: number | null;
  submittedCount: number;
  requiredResponses: number;
  fields: { name: string; title: string; type: string; value: unknown }[];
  metadata: { name: string; title: string; value: unknown }[];
  questions: {
    name: string;
    title: string;
    description: string;
    type: string;
    required: boolean;
    settings: unknown;
    proposal: ProposalView | null;
    suggestions: SuggestionView[];
    finalValue: { value: unknown; display: string; provenance: string } | null;
  }[];
  myResponse: { status: "draft" | "submitted" | "discarded"; values: Record<string, unknown> } | null;
  /** Every annotator's response: only for roles that may see them. */
  responses: ResponseView[] | null;
  /** Usernames the record is reserved for (empty: open to all); only for roles that may see every response. */
  assignees: string[] | null;
  /**
   * Values that were cut to a preview, by path (`fields.text`, `metadata.source`,
   * `questions.<question>.suggestions.<agent>.rationale`, `responses.<user>.values.<question>`...), with their whole
   * size in bytes. A cut string holds its first characters; any other cut value is a string of the first characters
   * of its JSON text. `GET /api/v1/records/{id}/fields/{name}` (and `/metadata/{name}`) answer a field whole.
   */
  truncated: Record<string, number>;
  /** Suggestions left out of this view (lists keep the first few of each record); 0 when all are here. */
  suggestionsOmitted: number;
}

function display(config: DatasetConfig, questionName: string, value: unknown): string {
  const question = config.questions.find((candidate) => candidate.name === questionName);
  return question ? formatQuestionValue(question.type, question.settings, value) : JSON.stringify(value);
}

function toRecordView(config: DatasetConfig, record: RecordRow, actor: Actor, seeAll: boolean): RecordView {
  const { fields, metadata } = record;
  const mine = record.responses.find((response) => response.userId === actor.userId);
  // Blind mode: an annotator's answer must not lean on the LLMs', so nothing of theirs reaches annotators (the
  // uncertainty and an accepted proposal's final value included); curators and admins see everything.
  const blind = config.blind && !seeAll;
  const visibleMetadata = config.metadata.filter((property) => seeAll || property.visibleForAnnotators);
  return {
    id: record.id,
    datasetId: record.datasetId,
    externalId: record.externalId,
    importOrder: record.importOrder,
    routingDecision: record.routingDecision,
    uncertainty: blind ? null : record.uncertainty,
    submittedCount: record.submittedCount,
    requiredResponses: record.requiredResponses,
    fields: config.fields.map((field) => ({ name: field.name, title: field.title, type: field.type, value: fields[field.name] ?? null })),
    metadata: visibleMetadata
      .filter((property) => metadata[property.name] !== undefined)
      .map((property) => ({ name: property.name, title: property.title, value: metadata[property.name] })),
    questions: config.questions.map((question) => {
      const proposal = record.proposals.find((candidate) => candidate.questionId === question.id);
      const final = record.finalValues.find((candidate) => candidate.questionId === question.id);
      return {
        name: question.name,
        title: question.title,
        description: question.description,
        type: question.type,
        required: question.required,
        settings: question.settings,
        proposal:
          proposal && !blind
          ? {
              value: proposal.value,
              display: display(config, question.name, proposal.value),
              uncertainty: proposal.uncertainty,
              normalized: proposal.normalized,
              method: proposal.method,
              votes: proposal.votes,
              buckets: proposal.buckets as ProposalView["buckets"],
            }
          : null,
        suggestions: record.suggestions
          .filter((suggestion) => !blind && suggestion.questionId === question.id)
          .map((suggestion) => ({
            agent: suggestion.agent,
            value: suggestion.value,
            display: display(config, question.name, suggestion.value) || UNREADABLE_DISPLAY,
            score: suggestion.score,
            rationale: suggestion.rationale,
            model: suggestion.model,
            promptVariant: suggestion.promptVariant,
            tokens:
              suggestion.inputTokens === null && suggestion.outputTokens === null
                ? null
                : (suggestion.inputTokens ?? 0) + (suggestion.outputTokens ?? 0),
            costUsd: suggestion.costUsd,
            rawOutput: suggestion.rawOutput,
          })),
        finalValue:
          final && finalValueShown(final.provenance, seeAll, blind)
          ? { value: final.value, display: display(config, question.name, final.value), provenance: final.provenance }
          : null,
      };
    }),
    myResponse: mine ? { status: mine.status, values: mine.values } : null,
    responses: seeAll ? record.responses.map((response) => responseView(config, response.username, response)) : null,
    assignees: seeAll ? record.assignees : null,
    truncated: truncatedPaths(config, record, { seeAll, blind, mine, visibleMetadata: visibleMetadata.map((property) => property.name) }),
    suggestionsOmitted: blind ? 0 : record.suggestionCount - record.suggestions.length,
  };
}

/**
 * Whether a final value of this provenance reaches the caller. A human or curator final value is made of other
 * people's answers (with one colleague's response it IS their answer): only roles that see every response get it.
 * An accepted proposal's (`llm`) reaches annotators too, but not in blind mode.
 */
function finalValueShown(provenance: string, seeAll: boolean, blind: boolean): boolean {
  if (seeAll) return true;
  return provenance === "llm" && !blind;
}

/** The paths of the view's values that `loadRecordRows` cut, for what the actor may see. */
function truncatedPaths(
  config: DatasetConfig,
  record: RecordRow,
  seen: { seeAll: boolean; blind: boolean; mine: RecordRow["responses"][number] | undefined; visibleMetadata: string[] },
): Record<string, number> {
  const paths: Record<string, number> = {};
  const add = (prefix: string, cut: Record<string, number> | null, keep: (name: string) => boolean = () => true) => {
    for (const [name, bytes] of Object.entries(cut ?? {})) if (keep(name)) paths[`${prefix}.${name}`] = bytes;
  };
  add("fields", record.fieldsCut);
  add("metadata", record.metadataCut, (name) => seen.visibleMetadata.includes(name));
  const questionName = new Map(config.questions.map((question) => [question.id, question.name]));
  if (!seen.blind) {
    for (const suggestion of record.suggestions) add(`questions.${questionName.get(suggestion.questionId)}.suggestions.${suggestion.agent}`, suggestion.cut);
    for (const proposal of record.proposals) if (proposal.cut !== null) paths[`questions.${questionName.get(proposal.questionId)}.proposal.value`] = proposal.cut;
  }
  for (const final of record.finalValues) {
    if (final.cut !== null && finalValueShown(final.provenance, seen.seeAll, seen.blind)) paths[`questions.${questionName.get(final.questionId)}.finalValue.value`] = final.cut;
  }
  if (seen.mine) add("myResponse.values", seen.mine.cut);
  if (seen.seeAll) for (const response of record.responses) add(`responses.${response.username}.values`, response.cut);
  return paths;
}

function responseView(
  config: DatasetConfig,
  username: string,
  response: { status: ResponseView["status"]; values: Record<string, unknown>; timeSpentMs: number; updatedAt: string },
): ResponseView {
  const values = response.values;
  return {
    user: username,
    status: response.status,
    values,
    display: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, display(config, name, value)])),
    timeSpentMs: response.timeSpentMs,
    updatedAt: new Date(response.updatedAt).toISOString(),
  };
}

/** Whether a role reaches one record: browsing roles any; others what the queue could serve them or what they answered. */
export function mayReadRecord(role: Role, routingDecision: RecordRow["routingDecision"], answeredByActor: boolean): boolean {
  return can(role, "records.view") || routingDecision === "human" || routingDecision === "audit" || answeredByActor;
}

/**
 * One record. Roles that may not browse records (annotators) reach only what the queue could serve them or what
 * they answered: a record accepted automatically answers 404 to them, as if it did not exist.
 */
export async function getRecord(actor: Actor, recordId: string): Promise<RecordView> {
  const access = await recordAccess(actor, recordId, "records.annotate");
  const [config, [record]] = await Promise.all([loadDatasetConfig(access.datasetId), loadRecordRows([access.recordId], detailPreview())]);
  if (!record) throw new NotFoundError("Record");
  const answeredByActor = record.responses.some((response) => response.userId === actor.userId);
  if (!mayReadRecord(access.role, record.routingDecision, answeredByActor)) throw new NotFoundError("Record");
  return toRecordView(config, record, actor, can(access.role, "responses.viewAll"));
}

const METADATA_PARAM = /^metadata\.([a-zA-Z_][a-zA-Z0-9_-]*)(?:\.(min|max))?$/;
const PROPOSAL_PARAM = /^proposal\.([a-zA-Z_][a-zA-Z0-9_-]*)$/;

/**
 * The query parameters of a records list, as documented (`/api/v1/openapi.json`): everything but the metadata
 * filters, which are named after the dataset's properties (`metadata.<name>`, `metadata.<name>.min|max`), and the
 * proposal filter, named after a question (`proposal.<question>=<value>`).
 */
export const listRecordsParamsSchema = z.object({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe("Keyset cursor: the `nextCursor` of the previous page (an import order). Absent: the first page."),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("Records per page (1 to 500)."),
  decision: z.enum(DECISIONS).optional().describe("Only records with this routing decision."),
  uncertaintyMin: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe("Only records whose uncertainty (normalised, 0..1) is at least this; records without one are left out."),
  uncertaintyMax: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe("Only records whose uncertainty (normalised, 0..1) is at most this; records without one are left out."),
  responseStatus: z
    .enum(RESPONSE_STATUSES)
    .optional()
    .describe("Only records having at least one response with this status, by anyone; `none`: records without any response."),
  q: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .optional()
    .describe(
      "Full-text search over every string of the record's fields (PostgreSQL `websearch_to_tsquery('simple', q)`): " +
        'words must all occur, `"a phrase"` in that order, `or` between alternatives, `-word` excludes. No stemming.',
    ),
});

export interface ListRecordsQuery extends RecordFilter {
  after?: number;
  limit: number;
}

const KNOWN_PARAMS = Object.keys(listRecordsParamsSchema.shape);

/** Blank values (`?q=`, an empty box of a GET form) read as absent. */
function withoutBlanks(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => !(typeof value === "string" && value.trim() === "")));
}

/**
 * Parses the query string of a records list (an object of strings, e.g. `Object.fromEntries(searchParams)`).
 * Unknown parameters and malformed values are issues whose path is the parameter's name.
 */
export const listRecordsQuerySchema = z.preprocess(
  withoutBlanks,
  listRecordsParamsSchema
    .catchall(z.string())
    .superRefine((query, context) => {
      const proposals = Object.keys(query).filter((key) => PROPOSAL_PARAM.test(key));
      for (const key of proposals.slice(1)) {
        context.addIssue({ code: "custom", path: [key], message: "filter by one question's proposal at a time" });
      }
      for (const [key, value] of Object.entries(query)) {
        if (KNOWN_PARAMS.includes(key) || PROPOSAL_PARAM.test(key)) continue;
        const metadata = METADATA_PARAM.exec(key);
        if (!metadata) {
          context.addIssue({
            code: "custom",
            path: [key],
            message: `unknown parameter (known: ${KNOWN_PARAMS.join(", ")}, metadata.<name>, metadata.<name>.min, metadata.<name>.max, proposal.<question>)`,
          });
        } else if (metadata[2] && !NUMBER.test(String(value).trim())) {
          context.addIssue({ code: "custom", path: [key], message: "must be a number" });
        }
      }
      if (query.uncertaintyMin !== undefined && query.uncertaintyMax !== undefined && query.uncertaintyMin > query.uncertaintyMax) {
        context.addIssue({ code: "custom", path: ["uncertaintyMin"], message: "must not be greater than uncertaintyMax" });
      }
    })
    .transform((query): ListRecordsQuery => {
      const { after, limit, decision, uncertaintyMin, uncertaintyMax, responseStatus, q, ...rest } = query;
      const filters = new Map<string, MetadataFilter>();
      let proposal: ProposalFilter | undefined;
      for (const [key, value] of Object.entries(rest)) {
        const proposalQuestion = PROPOSAL_PARAM.exec(key)?.[1];
        if (proposalQuestion !== undefined) {
          proposal = { question: proposalQuestion, value: String(value) };
          continue;
        }
        const [, name, bound] = METADATA_PARAM.exec(key)!;
        const filter = filters.get(name!) ?? { name: name! };
        if (bound === "min" || bound === "max") filter[bound] = Number(String(value).trim());
        else filter.equals = String(value);
        filters.set(name!, filter);
      }
      return {
        after,
        limit,
        decision,
        uncertaintyMin,
        uncertaintyMax,
        responseStatus,
        q,
        metadata: filters.size > 0 ? [...filters.values()] : undefined,
        proposal,
      };
    }),
);

export interface RecordPage {
  records: RecordView[];
  /** Pass as `after` to get the next page; null on the last page. */
  nextCursor: number | null;
}

/**
 * Records in import order, keyset-paginated on `importOrder` so that page N costs the same as page 1, narrowed by
 * every filter given (they combine with AND). One statement finds the page's ids with the indexes of the record
 * table (see the record_search migration); a second loads those records in full.
 */
export async function listRecords(actor: Actor, datasetId: string, query: ListRecordsQuery): Promise<RecordPage> {
  const access = await datasetAccess(actor, datasetId, "records.view");
  const config = await loadDatasetConfig(access.datasetId);
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = recordFilterConditions(config, query, param);
  if (query.after !== undefined) where.push(`r."importOrder" > ${param(query.after)}`);
  const found = await pool().query<{ id: string; importOrder: number }>(
    `SELECT r.id, r."importOrder" FROM "Record" r WHERE ${where.join(" AND ")}
     ORDER BY r."importOrder" LIMIT ${param(query.limit + 1)}`,
    params,
  );
  const rows = await boundedPage(found.rows.slice(0, query.limit).map((row) => row.id));
  const seeAll = can(access.role, "responses.viewAll");
  // A page cut short by its byte budget continues after its last record, like a full one.
  const more = rows.length < Math.min(query.limit, found.rows.length) || found.rows.length > query.limit;
  return {
    records: rows.map((record) => toRecordView(config, record, actor, seeAll)),
    nextCursor: more && rows.length > 0 ? rows.at(-1)!.importOrder : null,
  };
}

/** Records loaded per statement while a page is filled. */
const PAGE_BATCH = 50;
/** What one page of a list may hold, in bytes of its values' JSON: the page ends early (with a cursor) past it. */
export const PAGE_BUDGET_BYTES = 8 * 1024 * 1024;

/**
 * The records of a page, every value cut to a preview in SQL, loaded a batch at a time until the page's byte budget
 * is spent: however large the page asked for, and whatever is stored, the server holds at most the budget plus one
 * batch. The first record is always kept, so paging always moves on.
 */
async function boundedPage(ids: string[]): Promise<RecordRow[]> {
  const rows: RecordRow[] = [];
  let bytes = 0;
  for (let start = 0; start < ids.length; start += PAGE_BATCH) {
    for (const row of await loadRecordRows(ids.slice(start, start + PAGE_BATCH), LIST_PREVIEW)) {
      const size = jsonBytes(row);
      if (rows.length > 0 && bytes + size > PAGE_BUDGET_BYTES) return rows;
      rows.push(row);
      bytes += size;
    }
  }
  return rows;
}
