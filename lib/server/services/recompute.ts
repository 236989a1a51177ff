// Recomputes a dataset's proposals (one per record and question with suggestions) and then its routing decisions.
// Runs in the worker after imports. Records are processed in keyset batches, so memory stays flat whatever the
// dataset's size; routing needs every record's uncertainty at once (a budget is a global rank), which is one small
// row per record.
import type pg from "pg";
import { aggregateRecord, recordUncertainty, type SuggestionVote } from "@/lib/questions";
import { decideRouting, requiredResponsesFor, routingFromSettings, type RoutingCandidate } from "@/lib/routing/policies";
import { pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { settleLlmFinalValues } from "@/lib/server/services/final-values";

const BATCH_SIZE = 2_000;

export interface RecomputeResult {
  records: number;
  proposals: number;
  decisions: Record<"pending" | "auto" | "audit" | "human", number>;
}

interface SuggestionRow {
  recordId: string;
  questionId: string;
  agent: string;
  value: unknown;
  score: number | null;
  distribution: Record<string, number> | null;
}

export async function recomputeDataset(datasetId: string): Promise<RecomputeResult> {
  const config = await loadDatasetConfig(datasetId);
  let afterOrder = 0;
  let records = 0;
  let proposals = 0;
  for (;;) {
    const batch = await pool().query<{ id: string; importOrder: number }>(
      `SELECT id, "importOrder" FROM "Record" WHERE "datasetId" = $1 AND "importOrder" > $2
       ORDER BY "importOrder" LIMIT $3`,
      [datasetId, afterOrder, BATCH_SIZE],
    );
    if (batch.rows.length === 0) break;
    proposals += await recomputeBatch(config, batch.rows.map((row) => row.id));
    records += batch.rows.length;
    afterOrder = batch.rows[batch.rows.length - 1]!.importOrder;
  }
  const decisions = await applyRouting(config);
  await pool().query(`UPDATE "Dataset" SET "routedAt" = now() WHERE id = $1`, [datasetId]);
  return { records, proposals, decisions };
}

async function recomputeBatch(config: DatasetConfig, recordIds: string[]): Promise<number> {
  const suggestions = await pool().query<SuggestionRow>(
    `SELECT "recordId", "questionId", agent, value, score, distribution FROM "Suggestion"
     WHERE "recordId" = ANY($1::uuid[]) ORDER BY "recordId", seq`,
    [recordIds],
  );
  const byRecord = new Map<string, SuggestionRow[]>();
  for (const row of suggestions.rows) {
    const list = byRecord.get(row.recordId) ?? [];
    list.push(row);
    byRecord.set(row.recordId, list);
  }
  const proposalRows: object[] = [];
  const uncertaintyRows: { id: string; uncertainty: number | null }[] = [];
  for (const recordId of recordIds) {
    const rows = byRecord.get(recordId) ?? [];
    const aggregates = aggregateRecord(
      config.questions.map((question) => ({
        name: question.name,
        type: question.type,
        settings: question.settings,
        suggestions: rows.filter((row) => row.questionId === question.id).map(toVote),
      })),
      config.uncertaintyMethod,
    );
    const perQuestion = config.questions.map((question) => {
      const aggregate = aggregates.get(question.name);
      if (aggregate && aggregate.votes > 0) {
        proposalRows.push({
          recordId,
          questionId: question.id,
          value: aggregate.value,
          uncertainty: aggregate.uncertainty,
          normalized: aggregate.normalized,
          method: aggregate.method,
          votes: aggregate.votes,
          buckets: aggregate.buckets,
        });
      }
      return { required: question.required, normalized: aggregate && aggregate.votes > 0 ? aggregate.normalized : null };
    });
    uncertaintyRows.push({ id: recordId, uncertainty: recordUncertainty(perQuestion, config.routing.aggregate) });
  }
  await withTransaction(async (client) => {
    await writeProposals(client, recordIds, proposalRows);
    await client.query(
      `UPDATE "Record" r SET uncertainty = x.uncertainty
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, uncertainty float8)
       WHERE r.id = x.id AND r.uncertainty IS DISTINCT FROM x.uncertainty`,
      [JSON.stringify(uncertaintyRows)],
    );
    // Assignments keep a copy of the queue order (see RecordAssignment).
    await client.query(
      `UPDATE "RecordAssignment" a SET uncertainty = x.uncertainty
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, uncertainty float8)
       WHERE a."recordId" = x.id AND a.uncertainty IS DISTINCT FROM x.uncertainty`,
      [JSON.stringify(uncertaintyRows)],
    );
  });
  return proposalRows.length;
}

function toVote(row: SuggestionRow): SuggestionVote {
  return { agent: row.agent, value: row.value, score: row.score, distribution: row.distribution };
}

async function writeProposals(client: pg.PoolClient, recordIds: string[], rows: object[]): Promise<void> {
  // Proposals whose suggestions disappeared go; the rest are upserted.
  await client.query(
    `DELETE FROM "Proposal" p WHERE p."recordId" = ANY($1::uuid[])
       AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS x("recordId" uuid, "questionId" uuid)
                       WHERE x."recordId" = p."recordId" AND x."questionId" = p."questionId")`,
    [recordIds, JSON.stringify(rows)],
  );
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO "Proposal" ("recordId", "questionId", value, uncertainty, normalized, method, votes, buckets)
     SELECT x."recordId", x."questionId", x.value, x.uncertainty, x.normalized, x.method, x.votes, x.buckets
     FROM jsonb_to_recordset($1::jsonb) AS x("recordId" uuid, "questionId" uuid, value jsonb, uncertainty float8,
          normalized float8, method text, votes int, buckets jsonb)
     ON CONFLICT ("recordId", "questionId") DO UPDATE
       SET value = EXCLUDED.value, uncertainty = EXCLUDED.uncertainty, normalized = EXCLUDED.normalized,
           method = EXCLUDED.method, votes = EXCLUDED.votes, buckets = EXCLUDED.buckets, "updatedAt" = now()`,
    [JSON.stringify(rows)],
  );
}

async function applyRouting(config: DatasetConfig): Promise<RecomputeResult["decisions"]> {
  const candidates = await pool().query<RoutingCandidate>(
    `SELECT r.id, r.uncertainty, r."importOrder", EXISTS (SELECT 1 FROM "Proposal" p WHERE p."recordId" = r.id) AS proposed
     FROM "Record" r WHERE r."datasetId" = $1`,
    [config.id],
  );
  const { policy, options } = routingFromSettings(config.routing);
  const decided = decideRouting(candidates.rows, policy, options);
  const counts: RecomputeResult["decisions"] = { pending: 0, auto: 0, audit: 0, human: 0 };
  const uncertaintyOf = new Map(candidates.rows.map((row) => [row.id, row.uncertainty]));
  const rows = [...decided.entries()].map(([id, decision]) => {
    counts[decision] += 1;
    return { id, decision, required: requiredResponsesFor(uncertaintyOf.get(id) ?? null, config.minSubmitted, config.routing) };
  });
  await withTransaction(async (client) => {
    for (let start = 0; start < rows.length; start += 10_000) {
      await client.query(
        // Adaptive overlap: a record keeps what it needed when it was first answered, unless it needs more now.
        `UPDATE "Record" r SET "routingDecision" = x.decision::"RoutingDecision",
           "requiredResponses" = CASE WHEN r."submittedCount" = 0 OR x.required > r."requiredResponses"
                                      THEN x.required ELSE r."requiredResponses" END
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, decision text, required int)
         WHERE r.id = x.id AND (r."routingDecision" <> x.decision::"RoutingDecision"
           OR r."requiredResponses" <> x.required AND (r."submittedCount" = 0 OR x.required > r."requiredResponses"))`,
        [JSON.stringify(rows.slice(start, start + 10_000))],
      );
    }
    // Accepted proposals are final values with provenance `llm`; a human or curator answer is never overwritten.
    await settleLlmFinalValues(client, config.id);
  });
  return counts;
}
