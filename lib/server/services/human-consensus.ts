// The one loader behind "LLM agreement with people" (lib/quality/llm-agreement.ts): the records that have a human
// consensus (a final value made by people: provenance `human` or `human_confirmed`, written only once every required
// response is in and there is no tie, or `curator`, a reviewer's ruling), read in keyset batches by import order, with
// their proposals and, when asked, every suggestion. Overview, Quality, Agreement and the LLM tab all read their LLM-vs-people figure
// through here, so they compare the same records with the same values. A consensus of confirmations
// (`human_confirmed`: people left the LLM's proposal as it was) counts: leaving it out would keep exactly the records
// where people disagreed with the LLM and measure its accuracy near zero on any dataset that is not blind. The anchoring
// a shown proposal causes is what blind mode and the audit sample are for.
import { addComparison, agreementFigure, canonicalValue, type AgreementCounts, type Proportion, type SimulationQuestion } from "@/lib/quality";
import type { RoutingDecision } from "@/lib/routing/policies";
import { pool } from "@/lib/server/db/client";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";

const BATCH_SIZE = 1_000;

type ConfigQuestion = DatasetConfig["questions"][number];

export interface ConsensusRecord {
  id: string;
  importOrder: number;
  routingDecision: RoutingDecision;
}

export interface ConsensusSuggestion {
  recordId: string;
  questionId: string;
  agent: string;
  value: unknown;
  score: number | null;
  distribution: Record<string, number> | null;
}

export interface ConsensusBatch {
  records: ConsensusRecord[];
  /** The people's value per (record, question), as stored (canonical: written through the registry's aggregate). */
  consensus: Map<string, unknown>;
  /** The proposal per (record, question): a key exists where the LLMs voted; its value is null when none was readable. */
  proposals: Map<string, unknown>;
  /** Every suggestion of the batch's records in arrival order; empty unless asked for. */
  suggestions: ConsensusSuggestion[];
}

export const pairKey = (recordId: string, questionId: string): string => `${recordId}\u0000${questionId}`;

async function nextRecords(datasetId: string, afterOrder: number): Promise<ConsensusRecord[]> {
  const { rows } = await pool().query<ConsensusRecord>(
    `SELECT r.id, r."importOrder", r."routingDecision" FROM "Record" r
     WHERE r."datasetId" = $1 AND r."importOrder" > $2
       AND EXISTS (SELECT 1 FROM "FinalValue" f WHERE f."recordId" = r.id AND f.provenance IN ('human', 'human_confirmed', 'curator'))
     ORDER BY r."importOrder" LIMIT $3`,
    [datasetId, afterOrder, BATCH_SIZE],
  );
  return rows;
}

/** The records with a human consensus, a batch at a time, in import order. */
export async function* consensusBatches(datasetId: string, options: { suggestions: boolean }): AsyncGenerator<ConsensusBatch> {
  let afterOrder = -2_147_483_648; // importOrder is an int4
  for (;;) {
    const records = await nextRecords(datasetId, afterOrder);
    if (records.length === 0) return;
    const ids = records.map((r) => r.id);
    const [finals, proposals, suggestions] = await Promise.all([
      pool().query<{ recordId: string; questionId: string; value: unknown }>(
        `SELECT "recordId", "questionId", value FROM "FinalValue" WHERE "recordId" = ANY($1::uuid[]) AND provenance IN ('human', 'human_confirmed', 'curator')`,
        [ids],
      ),
      pool().query<{ recordId: string; questionId: string; value: unknown }>(
        `SELECT "recordId", "questionId", value FROM "Proposal" WHERE "recordId" = ANY($1::uuid[])`,
        [ids],
      ),
      options.suggestions
        ? pool().query<ConsensusSuggestion>(
            `SELECT "recordId", "questionId", agent, value, score, distribution FROM "Suggestion"
             WHERE "recordId" = ANY($1::uuid[]) ORDER BY "recordId", seq`,
            [ids],
          )
        : Promise.resolve({ rows: [] as ConsensusSuggestion[] }),
    ]);
    yield {
      records,
      consensus: new Map(finals.rows.map((row) => [pairKey(row.recordId, row.questionId), row.value])),
      proposals: new Map(proposals.rows.map((row) => [pairKey(row.recordId, row.questionId), row.value])),
      suggestions: suggestions.rows,
    };
    afterOrder = records[records.length - 1]!.importOrder;
  }
}

/**
 * The compared pairs of one question in one batch: per record with both a proposal and a human consensus for it, the
 * proposal and the consensus in the question type's canonical form. Every figure's record set is decided here.
 */
export function proposalPairs(batch: ConsensusBatch, question: ConfigQuestion): Map<string, { llm: unknown; people: unknown }> {
  const q: SimulationQuestion = question;
  const pairs = new Map<string, { llm: unknown; people: unknown }>();
  for (const record of batch.records) {
    const key = pairKey(record.id, question.id);
    const people = batch.consensus.get(key);
    if (people === undefined || people === null || !batch.proposals.has(key)) continue;
    pairs.set(record.id, { llm: canonicalValue(q, batch.proposals.get(key)), people: canonicalValue(q, people) });
  }
  return pairs;
}

/** LLM agreement with people per question name (the proposal against the human consensus). */
export async function llmAgreementByQuestion(datasetId: string, questions: readonly ConfigQuestion[]): Promise<Map<string, Proportion>> {
  const counts = new Map<string, AgreementCounts>(questions.map((q) => [q.name, { agreed: 0, n: 0 }]));
  if (questions.length > 0)
    for await (const batch of consensusBatches(datasetId, { suggestions: false }))
      for (const question of questions)
        for (const pair of proposalPairs(batch, question).values()) addComparison(counts.get(question.name)!, pair.llm, pair.people);
  return new Map([...counts].map(([name, c]) => [name, agreementFigure(c)]));
}

/**
 * Each agent's own agreement with people per question: its suggestion (not the proposal) against the human consensus,
 * on the records where it made one and people reached a consensus. Same comparison, same interval.
 */
export async function llmAgreementByAgent(
  datasetId: string,
  questions: readonly ConfigQuestion[],
): Promise<Map<string, Map<string, Proportion>>> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const counts = new Map<string, Map<string, AgreementCounts>>();
  if (questions.length > 0)
    for await (const batch of consensusBatches(datasetId, { suggestions: true }))
      for (const suggestion of batch.suggestions) {
        const question = byId.get(suggestion.questionId);
        const people = batch.consensus.get(pairKey(suggestion.recordId, suggestion.questionId));
        if (!question || people === undefined || people === null) continue;
        let perQuestion = counts.get(suggestion.agent);
        if (!perQuestion) counts.set(suggestion.agent, (perQuestion = new Map()));
        let c = perQuestion.get(question.name);
        if (!c) perQuestion.set(question.name, (c = { agreed: 0, n: 0 }));
        addComparison(c, canonicalValue(question, suggestion.value), canonicalValue(question, people));
      }
  return new Map([...counts].map(([agent, m]) => [agent, new Map([...m].map(([name, c]) => [name, agreementFigure(c)]))]));
}
