// Reads a dataset's records for export as ExportRecords (lib/io/export-shapes), in import order and in keyset
// batches, so an export of any size holds one batch in memory at a time.
import { z } from "zod";
import type { ExportRecord, ExportResponse, FinalValue, Provenance } from "@/lib/io/export-shapes";
import { PROVENANCES } from "@/lib/io/export-shapes";
import type { SuggestionInput } from "@/lib/io/record-format";
import type { AnswerOrigins } from "@/lib/questions";
import { pool } from "@/lib/server/db/client";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";

const BATCH_SIZE = 1_000;

export const exportSelectionSchema = z
  .object({
    /** `final`: only records that have a final value for at least one question; `all`: every record. */
    records: z.enum(["all", "final"]).default("all"),
    /** Only records whose final values include one of these provenances (implies `final`). */
    provenance: z.array(z.enum(PROVENANCES as [Provenance, ...Provenance[]])).min(1).optional(),
    decisions: z.array(z.enum(["pending", "auto", "audit", "human"])).min(1).optional(),
    includeSuggestions: z.boolean().default(false),
    includeResponses: z.boolean().default(false),
  })
  .strict();

export type ExportSelection = z.infer<typeof exportSelectionSchema>;

interface RecordRow {
  id: string;
  importOrder: number;
  externalId: string;
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  routingDecision: ExportRecord["routingDecision"];
  uncertainty: number | null;
}

/** The selection as SQL conditions on `r` ("Record"), numbering its parameters after the `usedParams` before it. */
function whereClause(selection: ExportSelection, usedParams: number): { sql: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${usedParams + values.length}`;
  };
  if (selection.decisions) {
    conditions.push(`r."routingDecision"::text = ANY(${param(selection.decisions)}::text[])`);
  }
  if (selection.provenance) {
    conditions.push(
      `EXISTS (SELECT 1 FROM "FinalValue" f WHERE f."recordId" = r.id AND f.provenance::text = ANY(${param(selection.provenance)}::text[]))`,
    );
  } else if (selection.records === "final") {
    conditions.push(`EXISTS (SELECT 1 FROM "FinalValue" f WHERE f."recordId" = r.id)`);
  }
  return { sql: conditions.map((condition) => ` AND ${condition}`).join(""), values };
}

/** How many records the selection holds (to choose between a direct download and a background task). */
export async function countExportRecords(datasetId: string, selection: ExportSelection): Promise<number> {
  const where = whereClause(selection, 1);
  const result = await pool().query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "Record" r WHERE r."datasetId" = $1${where.sql}`,
    [datasetId, ...where.values],
  );
  return result.rows[0]?.count ?? 0;
}

export async function* exportRecords(config: DatasetConfig, selection: ExportSelection): AsyncGenerator<ExportRecord> {
  const where = whereClause(selection, 3);
  const questionNames = new Map(config.questions.map((question) => [question.id, question.name]));
  let after = 0;
  for (;;) {
    const batch = await pool().query<RecordRow>(
      `SELECT r.id, r."importOrder", r."externalId", r.fields, r.metadata, r."routingDecision", r.uncertainty
       FROM "Record" r WHERE r."datasetId" = $1 AND r."importOrder" > $2${where.sql}
       ORDER BY r."importOrder" LIMIT $3`,
      [config.id, after, BATCH_SIZE, ...where.values],
    );
    if (batch.rows.length === 0) return;
    yield* await assemble(batch.rows, questionNames, selection);
    after = batch.rows[batch.rows.length - 1]!.importOrder;
  }
}

async function assemble(
  rows: RecordRow[],
  questionNames: Map<string, string>,
  selection: ExportSelection,
): Promise<ExportRecord[]> {
  const ids = rows.map((row) => row.id);
  const [finals, proposals, suggestions, responses] = await Promise.all([
    pool().query<{ recordId: string; questionId: string; value: unknown; provenance: Provenance }>(
      `SELECT "recordId", "questionId", value, provenance FROM "FinalValue" WHERE "recordId" = ANY($1::uuid[])`,
      [ids],
    ),
    pool().query<{ recordId: string; questionId: string; value: unknown; uncertainty: number | null; normalized: number | null; method: string; votes: number }>(
      `SELECT "recordId", "questionId", value, uncertainty, normalized, method, votes FROM "Proposal" WHERE "recordId" = ANY($1::uuid[])`,
      [ids],
    ),
    selection.includeSuggestions
      ? pool().query<{ recordId: string; questionId: string; agent: string; value: unknown; score: number | null; rationale: string | null; distribution: Record<string, number> | null; model: string | null }>(
          `SELECT "recordId", "questionId", agent, value, score, rationale, distribution, model FROM "Suggestion"
           WHERE "recordId" = ANY($1::uuid[]) ORDER BY "recordId", seq`,
          [ids],
        )
      : Promise.resolve({ rows: [] }),
    selection.includeResponses
      ? pool().query<{ recordId: string; user: string; status: ExportResponse["status"]; values: Record<string, unknown>; origins: AnswerOrigins }>(
          `SELECT s."recordId", u.username AS user, s.status, s.values, s.origins FROM "Response" s JOIN "User" u ON u.id = s."userId"
           WHERE s."recordId" = ANY($1::uuid[]) ORDER BY s."recordId", s."createdAt"`,
          [ids],
        )
      : Promise.resolve({ rows: [] }),
  ]);
  const byRecord = <T extends { recordId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.recordId, [...(map.get(item.recordId) ?? []), item]);
    return map;
  };
  const finalsOf = byRecord(finals.rows);
  const proposalsOf = byRecord(proposals.rows);
  const suggestionsOf = byRecord(suggestions.rows);
  const responsesOf = byRecord(responses.rows);
  const name = (questionId: string) => questionNames.get(questionId) ?? questionId;
  return rows.map((row) => ({
    externalId: row.externalId,
    fields: row.fields,
    metadata: row.metadata,
    routingDecision: row.routingDecision,
    uncertainty: row.uncertainty,
    finalValues: Object.fromEntries(
      (finalsOf.get(row.id) ?? []).map((final): [string, FinalValue] => [name(final.questionId), { value: final.value, provenance: final.provenance }]),
    ),
    proposals: Object.fromEntries(
      (proposalsOf.get(row.id) ?? []).map((proposal) => [
        name(proposal.questionId),
        { value: proposal.value, uncertainty: proposal.uncertainty, normalized: proposal.normalized, method: proposal.method, votes: proposal.votes },
      ]),
    ),
    suggestions: (suggestionsOf.get(row.id) ?? []).map(
      (suggestion): SuggestionInput => ({
        question: name(suggestion.questionId),
        agent: suggestion.agent,
        value: suggestion.value,
        ...(suggestion.score !== null ? { score: suggestion.score } : {}),
        ...(suggestion.rationale !== null ? { rationale: suggestion.rationale } : {}),
        ...(suggestion.distribution !== null ? { distribution: suggestion.distribution } : {}),
        ...(suggestion.model !== null ? { model: suggestion.model } : {}),
      }),
    ),
    responses: (responsesOf.get(row.id) ?? []).map(({ user, status, values, origins }) => ({ user, status, values, origins })),
  }));
}
