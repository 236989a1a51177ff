// Records as read for showing them (lists, the side panel, the focus view, the API), with every stored value cut in
// SQL to a preview size before it leaves PostgreSQL: whatever is stored (values written before the limits existed,
// or under higher limits), the web process never holds more than page size × preview sizes. A value that was cut is
// named, with its whole size in bytes, so that clients can say so and fetch it whole (record-values.ts).
import { valueLimits } from "@/lib/datasets/value-limits";
import { pool } from "@/lib/server/db/client";

/** How many characters of each kind of value a read keeps (a character is at most 4 UTF-8 bytes). */
export interface PreviewSizes {
  field: number;
  metadata: number;
  /** A suggestion's value; also proposal, final and response values. */
  value: number;
  /** A rationale or an LLM's raw answer. */
  text: number;
  /** Suggestions kept per record (the first ones, in arrival order). */
  suggestions: number;
}

/**
 * Lists (the records table, the API's list, the bulk view): enough to recognise a record and read most short values
 * whole. With the API's largest page (500 records) this bounds the values of a page; see README "Memory".
 */
export const LIST_PREVIEW: PreviewSizes = { field: 1_000, metadata: 200, value: 200, text: 500, suggestions: 25 };

/** One record: every value whole up to its write limit, so nothing that passes the limits today is ever cut. */
export function detailPreview(): PreviewSizes {
  const limits = valueLimits();
  const value = Math.max(limits.suggestionBytes, limits.responseBytes);
  return { field: limits.fieldBytes, metadata: limits.metadataBytes, value, text: limits.rationaleBytes, suggestions: 1_000 };
}

export interface SuggestionRow {
  questionId: string;
  agent: string;
  value: unknown;
  score: number | null;
  rationale: string | null;
  model: string | null;
  promptVariant: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  rawOutput: string | null;
  /** Whole sizes of the parts that were cut (`value`, `rationale`, `rawOutput`). */
  cut: Record<string, number> | null;
}

export interface RecordRow {
  id: string;
  datasetId: string;
  externalId: string;
  importOrder: number;
  routingDecision: "pending" | "auto" | "audit" | "human";
  uncertainty: number | null;
  submittedCount: number;
  requiredResponses: number;
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** Whole sizes of the field and metadata values that were cut, by name. */
  fieldsCut: Record<string, number> | null;
  metadataCut: Record<string, number> | null;
  suggestions: SuggestionRow[];
  /** How many suggestions the record has in all (more than `suggestions` holds when the preview kept fewer). */
  suggestionCount: number;
  proposals: {
    questionId: string;
    value: unknown;
    uncertainty: number | null;
    normalized: number | null;
    method: string;
    votes: number;
    buckets: unknown;
    cut: number | null;
  }[];
  finalValues: { questionId: string; value: unknown; provenance: "llm" | "human" | "curator"; cut: number | null }[];
  responses: {
    userId: string;
    username: string;
    status: "draft" | "submitted" | "discarded";
    values: Record<string, unknown>;
    cut: Record<string, number> | null;
    timeSpentMs: number;
    updatedAt: string;
  }[];
  assignees: string[];
}

/** SQL: a jsonb value, or a JSON string of its first `n` characters (of its text, for non-strings) when longer. */
export function cutJson(value: string, n: string): string {
  return `CASE WHEN ${value} IS NULL OR length(${value}::text) <= ${n} THEN ${value}
    WHEN jsonb_typeof(${value}) = 'string' THEN to_jsonb(left(${value} #>> '{}', ${n}))
    ELSE to_jsonb(left(${value}::text, ${n})) END`;
}

/** SQL: the whole size in bytes of a jsonb value that `cutJson` cuts, else NULL. */
function cutJsonBytes(value: string, n: string): string {
  return `CASE WHEN length(${value}::text) > ${n} THEN octet_length(${value}::text) END`;
}

/** SQL: a jsonb object with each member cut by `cutJson`. */
export function cutObject(object: string, n: string): string {
  return `coalesce((SELECT jsonb_object_agg(e.key, ${cutJson("e.value", n)}) FROM jsonb_each(${object}) e), '{}'::jsonb)`;
}

/** SQL: the members of a jsonb object that `cutObject` cuts, with their whole sizes; NULL when none is. */
export function cutObjectBytes(object: string, n: string): string {
  return `(SELECT jsonb_object_agg(e.key, octet_length(e.value::text)) FROM jsonb_each(${object}) e WHERE length(e.value::text) > ${n})`;
}

function cutTextBytes(text: string, n: string): string {
  return `CASE WHEN length(${text}) > ${n} THEN octet_length(${text}) END`;
}

/** The records with these ids, in import order, every value cut to `sizes`. */
export async function loadRecordRows(ids: readonly string[], sizes: PreviewSizes): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  const [F, M, V, T, S] = ["$2", "$3", "$4", "$5", "$6"];
  const result = await pool().query<RecordRow>(
    `SELECT r.id, r."datasetId", r."externalId", r."importOrder", r."routingDecision", r.uncertainty, r."submittedCount",
       r."requiredResponses",
       ${cutObject("r.fields", F)} AS fields, ${cutObjectBytes("r.fields", F)} AS "fieldsCut",
       ${cutObject("r.metadata", M)} AS metadata, ${cutObjectBytes("r.metadata", M)} AS "metadataCut",
       coalesce((
         SELECT jsonb_agg(jsonb_build_object(
           'questionId', s."questionId", 'agent', s.agent, 'value', ${cutJson("s.value", V)}, 'score', s.score,
           'rationale', left(s.rationale, ${T}), 'model', s.model, 'promptVariant', s."promptVariant",
           'inputTokens', s."inputTokens", 'outputTokens', s."outputTokens", 'costUsd', s."costUsd",
           'rawOutput', left(s."rawOutput", ${T}),
           'cut', nullif(jsonb_strip_nulls(jsonb_build_object('value', ${cutJsonBytes("s.value", V)},
             'rationale', ${cutTextBytes("s.rationale", T)}, 'rawOutput', ${cutTextBytes('s."rawOutput"', T)})), '{}'::jsonb)
         ) ORDER BY s.seq)
         FROM (SELECT * FROM "Suggestion" WHERE "recordId" = r.id ORDER BY seq LIMIT ${S}) s), '[]'::jsonb) AS suggestions,
       (SELECT count(*)::int FROM "Suggestion" WHERE "recordId" = r.id) AS "suggestionCount",
       coalesce((
         SELECT jsonb_agg(jsonb_build_object(
           'questionId', p."questionId", 'value', ${cutJson("p.value", V)}, 'cut', ${cutJsonBytes("p.value", V)},
           'uncertainty', p.uncertainty, 'normalized', p.normalized, 'method', p.method, 'votes', p.votes,
           -- The vote breakdown repeats the votes' values: dropped whole when it is larger than a page of them.
           'buckets', CASE WHEN length(p.buckets::text) <= ${V} * ${S} THEN p.buckets ELSE '[]'::jsonb END))
         FROM "Proposal" p WHERE p."recordId" = r.id), '[]'::jsonb) AS proposals,
       coalesce((
         SELECT jsonb_agg(jsonb_build_object('questionId', f."questionId", 'value', ${cutJson("f.value", V)},
           'cut', ${cutJsonBytes("f.value", V)}, 'provenance', f.provenance))
         FROM "FinalValue" f WHERE f."recordId" = r.id), '[]'::jsonb) AS "finalValues",
       coalesce((
         SELECT jsonb_agg(jsonb_build_object('userId', x."userId", 'username', u.username, 'status', x.status,
           'values', ${cutObject("x.values", V)}, 'cut', ${cutObjectBytes("x.values", V)},
           'timeSpentMs', x."timeSpentMs", 'updatedAt', x."updatedAt") ORDER BY x."createdAt")
         FROM "Response" x JOIN "User" u ON u.id = x."userId" WHERE x."recordId" = r.id), '[]'::jsonb) AS responses,
       array(SELECT u.username FROM "RecordAssignment" a JOIN "User" u ON u.id = a."userId"
             WHERE a."recordId" = r.id ORDER BY a."createdAt") AS assignees
     FROM "Record" r WHERE r.id = ANY($1::uuid[]) ORDER BY r."importOrder"`,
    [ids, sizes.field, sizes.metadata, sizes.value, sizes.text, sizes.suggestions],
  );
  return result.rows.map((row) => ({
    ...row,
    suggestions: row.suggestions.map((suggestion) => ({ ...suggestion, costUsd: suggestion.costUsd === null ? null : Number(suggestion.costUsd) })),
  }));
}
