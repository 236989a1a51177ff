// Reads a dataset's records as lines of records.jsonl (lib/io/folder.ts), in import order and in keyset batches, with
// everything people and LLMs put on them: suggestions with all their attributes (in arrival order), responses (by
// username) and final values with their provenance (in question order). Derived data (proposals, routing decisions)
// is left out: the importing Sift recomputes it.
import type { Provenance } from "@/lib/io/export-shapes";
import type { FolderRecord, FolderResponse, FolderSuggestion } from "@/lib/io/folder";
import { pool } from "@/lib/server/db/client";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";

const BATCH_SIZE = 500;

interface RecordRow {
  id: string;
  importOrder: number;
  externalId: string;
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

interface SuggestionRow {
  recordId: string;
  questionId: string;
  agent: string;
  value: unknown;
  score: number | null;
  rationale: string | null;
  distribution: Record<string, number> | null;
  model: string | null;
  promptVariant: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: string | null;
  rawOutput: string | null;
}

interface ResponseRow {
  recordId: string;
  user: string;
  status: FolderResponse["status"];
  values: Record<string, unknown>;
  origins: FolderResponse["origins"];
  timeSpentMs: number;
  submittedAt: Date | null;
}

interface FinalRow {
  recordId: string;
  questionId: string;
  value: unknown;
  provenance: Provenance;
  resolvedBy: string | null;
}

function groupByRecord<T extends { recordId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.recordId);
    if (list) list.push(row);
    else map.set(row.recordId, [row]);
  }
  return map;
}

function toSuggestion(row: SuggestionRow, question: string): FolderSuggestion {
  return {
    question,
    agent: row.agent,
    // null: an unparseable vote (stored as SQL NULL, as the bulk import stores a JSON null).
    value: row.value,
    score: row.score,
    rationale: row.rationale,
    distribution: row.distribution,
    model: row.model,
    promptVariant: row.promptVariant,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    costUsd: row.costUsd,
    rawOutput: row.rawOutput,
  };
}

async function assemble(config: DatasetConfig, rows: RecordRow[]): Promise<FolderRecord[]> {
  const ids = rows.map((row) => row.id);
  const questionNames = new Map(config.questions.map((question) => [question.id, question.name]));
  const questionOrder = new Map(config.questions.map((question, index) => [question.id, index]));
  const [suggestions, responses, finals] = await Promise.all([
    pool().query<SuggestionRow>(
      `SELECT "recordId", "questionId", agent, value, score, rationale, distribution, model,
              "promptVariant", "inputTokens", "outputTokens", "costUsd"::text AS "costUsd", "rawOutput"
       FROM "Suggestion" WHERE "recordId" = ANY($1::uuid[]) ORDER BY seq`,
      [ids],
    ),
    pool().query<ResponseRow>(
      `SELECT s."recordId", u.username AS user, s.status, s.values, s.origins, s."timeSpentMs", s."submittedAt"
       FROM "Response" s JOIN "User" u ON u.id = s."userId" WHERE s."recordId" = ANY($1::uuid[]) ORDER BY u.username`,
      [ids],
    ),
    pool().query<FinalRow>(
      `SELECT f."recordId", f."questionId", f.value, f.provenance, u.username AS "resolvedBy"
       FROM "FinalValue" f LEFT JOIN "User" u ON u.id = f."resolvedById" WHERE f."recordId" = ANY($1::uuid[])`,
      [ids],
    ),
  ]);
  const suggestionsOf = groupByRecord(suggestions.rows);
  const responsesOf = groupByRecord(responses.rows);
  const finalsOf = groupByRecord(finals.rows);
  return rows.map((row) => ({
    externalId: row.externalId,
    fields: row.fields,
    metadata: row.metadata,
    suggestions: (suggestionsOf.get(row.id) ?? []).map((suggestion) => toSuggestion(suggestion, questionNames.get(suggestion.questionId)!)),
    responses: (responsesOf.get(row.id) ?? []).map((response) => ({
      user: response.user,
      status: response.status,
      values: response.values,
      origins: response.origins,
      timeSpentMs: response.timeSpentMs,
      submittedAt: response.submittedAt ? response.submittedAt.toISOString() : null,
    })),
    finalValues: Object.fromEntries(
      (finalsOf.get(row.id) ?? [])
        .sort((a, b) => questionOrder.get(a.questionId)! - questionOrder.get(b.questionId)!)
        .map((final) => [
          questionNames.get(final.questionId)!,
          { value: final.value, provenance: final.provenance, resolvedBy: final.resolvedBy },
        ]),
    ),
  }));
}

/** Every record of the dataset as a records.jsonl line object, one batch in memory at a time. */
export async function* folderRecords(config: DatasetConfig): AsyncGenerator<FolderRecord> {
  let after = -1;
  for (;;) {
    const batch = await pool().query<RecordRow>(
      `SELECT id, "importOrder", "externalId", fields, metadata FROM "Record"
       WHERE "datasetId" = $1 AND "importOrder" > $2 ORDER BY "importOrder" LIMIT $3`,
      [config.id, after, BATCH_SIZE],
    );
    if (batch.rows.length === 0) return;
    yield* await assemble(config, batch.rows);
    after = batch.rows[batch.rows.length - 1]!.importOrder;
  }
}
