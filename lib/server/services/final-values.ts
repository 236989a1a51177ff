// The one writer of final values (the FinalValue table): what export takes per (record, question), with one function
// per provenance, so their precedence is written down once: a curator's resolution beats the human consensus, which
// beats the accepted LLM proposal, and no later human or LLM write overwrites a curator's value.
// tests/unit/server/one-writer.test.ts fails when code elsewhere writes the table.
import type pg from "pg";
import { aggregateQuestion, consensusOnlyConfirmed } from "@/lib/questions";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";

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

interface FinalRow {
  recordId: string;
  questionId: string;
  value: unknown;
  provenance: "human" | "human_confirmed";
}

/**
 * Provenance `human`, for records whose submitted answers changed (response-settlement.ts calls it, locks held): a
 * complete record's final value per question is the human majority; a tie, or an incomplete record, has none (it
 * waits for more answers or for review). A majority made only of people who confirmed the LLMs' proposal as shown
 * (lib/questions/origins.ts) is `human_confirmed` instead: the LLMs' answer, checked by people, not their own.
 * Set-based: three statements however many records.
 */
export async function settleHumanFinalValues(
  client: pg.PoolClient,
  config: Pick<DatasetConfig, "questions">,
  records: readonly { recordId: string; complete: boolean }[],
): Promise<void> {
  if (records.length === 0) return;
  await client.query(`DELETE FROM "FinalValue" WHERE "recordId" = ANY($1::uuid[]) AND provenance IN ('human', 'human_confirmed')`, [
    records.map((record) => record.recordId),
  ]);
  const complete = records.filter((record) => record.complete).map((record) => record.recordId);
  if (complete.length === 0) return;
  const responses = await client.query<{ recordId: string; username: string; values: Record<string, unknown>; origins: Record<string, unknown> }>(
    `SELECT s."recordId", u.username, s.values, s.origins FROM "Response" s JOIN "User" u ON u.id = s."userId"
     WHERE s."recordId" = ANY($1::uuid[]) AND s.status = 'submitted' ORDER BY s."recordId", s."submittedAt", s.id`,
    [complete],
  );
  const byRecord = new Map<string, { username: string; values: Record<string, unknown>; origins: Record<string, unknown> }[]>();
  for (const row of responses.rows) byRecord.set(row.recordId, [...(byRecord.get(row.recordId) ?? []), row]);
  const rows: FinalRow[] = [];
  for (const [recordId, submitted] of byRecord) {
    for (const question of config.questions) {
      const votes = submitted
        .filter((row) => row.values[question.name] !== undefined)
        .map((row) => ({ agent: row.username, value: row.values[question.name] }));
      if (votes.length === 0) continue;
      const aggregate = aggregateQuestion(question.type, question.settings, votes, { method: "vote_entropy" });
      if (aggregate.value === null || topAnswersTie(votes.map((vote) => vote.value))) continue;
      const behind = submitted
        .filter((row) => row.values[question.name] !== undefined)
        .map((row) => ({ value: row.values[question.name], origin: row.origins[question.name] }));
      const provenance = consensusOnlyConfirmed(question, aggregate.value, behind) ? "human_confirmed" : "human";
      rows.push({ recordId, questionId: question.id, value: aggregate.value, provenance });
    }
  }
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO "FinalValue" ("recordId", "questionId", value, provenance)
     SELECT x."recordId", x."questionId", x.value, x.provenance::"Provenance"
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]::jsonb[], $4::text[]) AS x("recordId", "questionId", value, provenance)
     ON CONFLICT ("recordId", "questionId") DO UPDATE
       SET value = EXCLUDED.value, provenance = EXCLUDED.provenance, "resolvedById" = NULL, "updatedAt" = now()
       WHERE "FinalValue".provenance <> 'curator'`,
    [
      rows.map((row) => row.recordId),
      rows.map((row) => row.questionId),
      rows.map((row) => JSON.stringify(row.value)),
      rows.map((row) => row.provenance),
    ],
  );
}

/** Provenance `curator`: a reviewer's resolution of one record (locked by the caller); it replaces any other value. */
export async function resolveFinalValues(
  client: pg.PoolClient,
  recordId: string,
  curatorId: string,
  values: readonly { questionId: string; value: unknown }[],
): Promise<void> {
  if (values.length === 0) return;
  await client.query(
    `INSERT INTO "FinalValue" ("recordId", "questionId", value, provenance, "resolvedById")
     SELECT $1, x."questionId", x.value, 'curator', $2 FROM unnest($3::uuid[], $4::text[]::jsonb[]) AS x("questionId", value)
     ON CONFLICT ("recordId", "questionId") DO UPDATE
       SET value = EXCLUDED.value, provenance = 'curator', "resolvedById" = EXCLUDED."resolvedById", "updatedAt" = now()`,
    [recordId, curatorId, values.map((row) => row.questionId), values.map((row) => JSON.stringify(row.value))],
  );
}

/**
 * Provenance `llm`, after routing: the accepted proposals (records routed `auto` or `audit`) are final values where
 * no human or curator has one; records no longer accepted lose their LLM final values.
 */
export async function settleLlmFinalValues(client: pg.PoolClient, datasetId: string): Promise<void> {
  await client.query(
    `INSERT INTO "FinalValue" ("recordId", "questionId", value, provenance)
     SELECT p."recordId", p."questionId", p.value, 'llm'
     FROM "Proposal" p JOIN "Record" r ON r.id = p."recordId"
     WHERE r."datasetId" = $1 AND r."routingDecision" IN ('auto', 'audit')
       AND p.value IS NOT NULL AND p.value <> 'null'::jsonb
     ON CONFLICT ("recordId", "questionId") DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()
       WHERE "FinalValue".provenance = 'llm' AND "FinalValue".value IS DISTINCT FROM EXCLUDED.value`,
    [datasetId],
  );
  await client.query(
    `DELETE FROM "FinalValue" f USING "Record" r
     WHERE f."recordId" = r.id AND r."datasetId" = $1 AND f.provenance = 'llm'
       AND r."routingDecision" NOT IN ('auto', 'audit')`,
    [datasetId],
  );
}

/** A dataset folder's final values, as the folder recorded them (any provenance), over whatever its import derived. */
export async function copyFolderFinalValues(
  client: pg.PoolClient,
  datasetId: string,
  rows: readonly { externalId: string; question: string; value: string; provenance: string; resolvedById: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO "FinalValue" ("recordId", "questionId", value, provenance, "resolvedById")
     SELECT r.id, q.id, x.value::jsonb, x.provenance::"Provenance", x."resolvedById"
     FROM jsonb_to_recordset($2::jsonb) AS x("externalId" text, question text, value text, provenance text, "resolvedById" uuid)
     JOIN "Record" r ON r."datasetId" = $1 AND r."externalId" = x."externalId"
     JOIN "Question" q ON q."datasetId" = $1 AND q.name = x.question
     ON CONFLICT ("recordId", "questionId") DO UPDATE
       SET value = EXCLUDED.value, provenance = EXCLUDED.provenance, "resolvedById" = EXCLUDED."resolvedById", "updatedAt" = now()`,
    [datasetId, JSON.stringify(rows)],
  );
}
