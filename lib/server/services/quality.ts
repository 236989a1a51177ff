// A dataset's quality (DESIGN.md, "Uncertainty and routing, exactly", the Quality bullet): from every record that
// has both a proposal and human answers, per question, the LLM's agreement with the humans, calibration, the
// cost–quality frontier and the threshold advice (lib/quality's `questionQuality`, the simulator's own computation),
// and the accuracy of the accepted records estimated from the audit sample.
//
// Items are built as the simulator builds them (lib/quality/from-records.ts): the record's uncertainty under each
// estimator is aggregated from its suggestions through the question-type registry (so every estimator is measured,
// not only the dataset's configured method), the proposal is the stored consensus, and the human answer is a
// curator's resolution where there is one, else the majority of the submitted responses (`humanMajority`, ties to
// the first answer). Records are read in keyset batches by import order; only one small item per (record,
// question) with a human answer is kept in memory. Counts are SQL aggregates.
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { aggregateRecord, agreementScale, recordUncertainty, type SuggestionVote } from "@/lib/questions";
import {
  auditEstimate,
  canonicalValue,
  estimatorsToMeasure,
  humanMajority,
  questionQuality,
  type AuditEstimate,
  type Estimator,
  type QualityItem,
  type QuestionQuality,
  type SimulationQuestion,
} from "@/lib/quality";
import type { RoutingDecision } from "@/lib/routing/policies";
import { pool } from "@/lib/server/db/client";
import { ValidationError } from "@/lib/server/errors";
import { datasetAccess } from "@/lib/server/services/access";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { zodDetails } from "@/lib/server/validation";

const BATCH_SIZE = 1_000;
export const DEFAULT_QUALITY_TARGET = 0.95;

/**
 * Whether a question's answers are compared with the humans' (and with each other): its type says (lib/questions,
 * `agreement`); free text is not, as it is almost never equal character for character, so "agreement" would measure
 * typing, not quality.
 */
export function isCompared(question: { type: string; settings: unknown }): boolean {
  return agreementScale(question.type, question.settings).level !== "none";
}
const NOT_COMPARED_NOTE = "Free-text answers are not compared with the humans' (they are rarely equal word for word).";

/** The query of GET /api/v1/datasets/{id}/quality. */
export const qualityQuerySchema = z.object({
  target: z.coerce
    .number("target must be a number between 0 and 1")
    .min(0, "target must be between 0 and 1")
    .max(1, "target must be between 0 and 1")
    .default(DEFAULT_QUALITY_TARGET)
    .describe("Target accuracy for the threshold advice, 0..1 (default 0.95)."),
  question: z
    .string()
    .min(1, "question must be a question's name")
    .max(200)
    .optional()
    .describe("Only this question (by name); absent: every question."),
});
export type QualityQuery = z.output<typeof qualityQuerySchema>;

export interface QuestionQualityView {
  name: string;
  title: string;
  type: string;
  /** Why the question is not measured (free text); null when it is. */
  skipped: string | null;
  /** Null when skipped. `n` = records with a proposal and a human answer to this question. */
  quality: QuestionQuality | null;
  /** The audit estimate for this question; null when skipped. */
  audit: AuditEstimate | null;
}

export interface DatasetQuality {
  datasetId: string;
  target: number;
  /** Seed of the random policy (the dataset's routing seed). */
  seed: number;
  /** Estimators measured: the dataset's method first, auto and vote entropy always, self-evaluation where scores exist, logprob where distributions do. */
  estimators: Estimator[];
  /** The dataset's configured uncertainty method (what routing uses now). */
  method: Estimator;
  records: {
    total: number;
    /** Records with at least one proposal. */
    withProposal: number;
    /** Records with a human answer (a submitted response or a curator's resolution). */
    withHumanAnswer: number;
    /** Records with both: what quality is measured on (for at least one measured question). */
    measured: number;
    /** Records routed to auto or audit (the accepted ones), and to audit alone. */
    accepted: number;
    audited: number;
  };
  questions: QuestionQualityView[];
}

interface BatchRecord {
  id: string;
  importOrder: number;
  routingDecision: RoutingDecision;
}

function parseQuery(input: unknown): QualityQuery {
  const parsed = qualityQuerySchema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError("Invalid query parameters.", zodDetails(parsed.error));
  return parsed.data;
}

async function datasetCounts(datasetId: string) {
  const { rows } = await pool().query<{
    total: number;
    withProposal: number;
    withHumanAnswer: number;
    accepted: number;
    audited: number;
    scores: boolean;
    distributions: boolean;
  }>(
    `SELECT
       (SELECT count(*)::int FROM "Record" r WHERE r."datasetId" = $1) AS total,
       (SELECT count(*)::int FROM "Record" r WHERE r."datasetId" = $1
          AND EXISTS (SELECT 1 FROM "Proposal" p WHERE p."recordId" = r.id)) AS "withProposal",
       (SELECT count(*)::int FROM "Record" r WHERE r."datasetId" = $1
          AND (EXISTS (SELECT 1 FROM "Response" s WHERE s."recordId" = r.id AND s.status = 'submitted')
               OR EXISTS (SELECT 1 FROM "FinalValue" f WHERE f."recordId" = r.id AND f.provenance = 'curator'))) AS "withHumanAnswer",
       (SELECT count(*)::int FROM "Record" r WHERE r."datasetId" = $1 AND r."routingDecision" IN ('auto', 'audit')) AS accepted,
       (SELECT count(*)::int FROM "Record" r WHERE r."datasetId" = $1 AND r."routingDecision" = 'audit') AS audited,
       EXISTS (SELECT 1 FROM "Suggestion" g JOIN "Question" q ON q.id = g."questionId"
               WHERE q."datasetId" = $1 AND g.score IS NOT NULL) AS scores,
       EXISTS (SELECT 1 FROM "Suggestion" g JOIN "Question" q ON q.id = g."questionId"
               WHERE q."datasetId" = $1 AND g.distribution IS NOT NULL AND g.distribution <> 'null'::jsonb) AS distributions`,
    [datasetId],
  );
  return rows[0]!;
}

/** The next batch of records that have a proposal and a human answer, after `afterOrder` in import order. */
async function nextBatch(datasetId: string, afterOrder: number): Promise<BatchRecord[]> {
  const { rows } = await pool().query<BatchRecord>(
    `SELECT r.id, r."importOrder", r."routingDecision" FROM "Record" r
     WHERE r."datasetId" = $1 AND r."importOrder" > $2
       AND EXISTS (SELECT 1 FROM "Proposal" p WHERE p."recordId" = r.id)
       AND (EXISTS (SELECT 1 FROM "Response" s WHERE s."recordId" = r.id AND s.status = 'submitted')
            OR EXISTS (SELECT 1 FROM "FinalValue" f WHERE f."recordId" = r.id AND f.provenance = 'curator'))
     ORDER BY r."importOrder" LIMIT $3`,
    [datasetId, afterOrder, BATCH_SIZE],
  );
  return rows;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Adds the items of one batch of records to `items` (per question name). */
async function collectBatch(
  config: DatasetConfig,
  measured: readonly DatasetConfig["questions"][number][],
  estimators: readonly Estimator[],
  batch: readonly BatchRecord[],
  items: Map<string, QualityItem[]>,
  decisions: Map<string, RoutingDecision>,
): Promise<number> {
  const ids = batch.map((r) => r.id);
  const [suggestions, proposals, responses, curated] = await Promise.all([
    pool().query<{ recordId: string; questionId: string; agent: string; value: unknown; score: number | null; distribution: Record<string, number> | null }>(
      `SELECT "recordId", "questionId", agent, value, score, distribution FROM "Suggestion"
       WHERE "recordId" = ANY($1::uuid[]) ORDER BY "recordId", seq`,
      [ids],
    ),
    pool().query<{ recordId: string; questionId: string; value: unknown }>(
      `SELECT "recordId", "questionId", value FROM "Proposal" WHERE "recordId" = ANY($1::uuid[])`,
      [ids],
    ),
    // Submission order (as the app's own human consensus reads them): ties of the majority go to the first answer.
    pool().query<{ recordId: string; values: Record<string, unknown> }>(
      `SELECT "recordId", values FROM "Response" WHERE "recordId" = ANY($1::uuid[]) AND status = 'submitted'
       ORDER BY "recordId", "submittedAt" NULLS LAST, id`,
      [ids],
    ),
    pool().query<{ recordId: string; questionId: string; value: unknown }>(
      `SELECT "recordId", "questionId", value FROM "FinalValue" WHERE "recordId" = ANY($1::uuid[]) AND provenance = 'curator'`,
      [ids],
    ),
  ]);
  const suggestionsOf = groupBy(suggestions.rows, (row) => row.recordId);
  const proposalOf = new Map(proposals.rows.map((row) => [`${row.recordId}\u0000${row.questionId}`, row.value]));
  const responsesOf = groupBy(responses.rows, (row) => row.recordId);
  const curatedOf = new Map(curated.rows.map((row) => [`${row.recordId}\u0000${row.questionId}`, row.value]));

  let measuredRecords = 0;
  for (const record of batch) {
    const rows = suggestionsOf.get(record.id) ?? [];
    // Every question takes part in the record's uncertainty (a text question may borrow a rating's), as in recompute.
    const inputs = config.questions.map((question) => ({
      name: question.name,
      type: question.type,
      settings: question.settings,
      suggestions: rows.filter((row) => row.questionId === question.id).map(toVote),
    }));
    const uncertainty: QualityItem["uncertainty"] = {};
    for (const estimator of estimators) {
      const aggregates = aggregateRecord(inputs, estimator);
      uncertainty[estimator] = recordUncertainty(
        config.questions.map((q) => {
          const a = aggregates.get(q.name);
          return { required: q.required, normalized: a && a.votes > 0 ? a.normalized : null };
        }),
        config.routing.aggregate,
      );
    }
    const recordResponses = (responsesOf.get(record.id) ?? []).map((row) => ({ status: "submitted", values: row.values ?? {} }));
    let any = false;
    for (const question of measured) {
      const key = `${record.id}\u0000${question.id}`;
      const simulationQuestion: SimulationQuestion = question;
      const curatorValue = curatedOf.get(key);
      const reference =
        curatorValue !== undefined && curatorValue !== null
          ? canonicalValue(simulationQuestion, curatorValue)
          : humanMajority(recordResponses, question.name, (v) => canonicalValue(simulationQuestion, v));
      if (reference === null || reference === undefined) continue;
      any = true;
      items.get(question.name)!.push({
        id: record.id,
        importOrder: record.importOrder,
        proposal: proposalOf.get(key) ?? null,
        uncertainty: { ...uncertainty },
        reference,
      });
    }
    if (any) {
      measuredRecords += 1;
      decisions.set(record.id, record.routingDecision);
    }
  }
  return measuredRecords;
}

function toVote(row: { agent: string; value: unknown; score: number | null; distribution: Record<string, number> | null }): SuggestionVote {
  return { agent: row.agent, value: row.value, score: row.score, distribution: row.distribution };
}

export interface MeasuredItems {
  /** Per measured question name, one item per record with a proposal and a human answer to it. */
  items: Map<string, QualityItem[]>;
  /** Decisions of the measured records only (the audit estimate reads the decision of each item). */
  decisions: Map<string, RoutingDecision>;
  measuredRecords: number;
}

/** The quality items of the `measured` questions, read in batches of records in import order. */
export async function measuredItems(
  config: DatasetConfig,
  measured: readonly DatasetConfig["questions"][number][],
  estimators: readonly Estimator[],
): Promise<MeasuredItems> {
  const items = new Map<string, QualityItem[]>(measured.map((q) => [q.name, []]));
  const decisions = new Map<string, RoutingDecision>();
  let measuredRecords = 0;
  if (measured.length === 0) return { items, decisions, measuredRecords };
  let afterOrder = -2_147_483_648; // importOrder is an int4
  for (;;) {
    const batch = await nextBatch(config.id, afterOrder);
    if (batch.length === 0) break;
    measuredRecords += await collectBatch(config, measured, estimators, batch, items, decisions);
    afterOrder = batch[batch.length - 1]!.importOrder;
  }
  return { items, decisions, measuredRecords };
}

/**
 * The quality of a dataset's LLM proposals against its human answers, per question. Owners, admins and curators
 * (`quality.view`); `input` is the query (`target`, `question`), validated here.
 */
export async function datasetQuality(actor: Actor, datasetId: string, input: unknown = {}): Promise<DatasetQuality> {
  // Access first: a dataset the caller cannot see answers 404 (403 for annotators) whatever the query says.
  const access = await datasetAccess(actor, datasetId, "quality.view");
  const query = parseQuery(input);
  const config = await loadDatasetConfig(access.datasetId);
  const selected = query.question === undefined ? config.questions : config.questions.filter((q) => q.name === query.question);
  if (selected.length === 0)
    throw new ValidationError("Invalid query parameters.", [{ where: "question", message: `the dataset has no question "${query.question}"` }]);
  const measured = selected.filter(isCompared);

  const counts = await datasetCounts(access.datasetId);
  // The dataset's method first (what routing uses), then the alternatives the data can measure, as the simulator does.
  const estimators = estimatorsToMeasure(counts, config.uncertaintyMethod);

  const { items, decisions, measuredRecords } = await measuredItems(config, measured, estimators);

  const options = { target: query.target, seed: config.routing.seed, estimators };
  return {
    datasetId: access.datasetId,
    target: query.target,
    seed: config.routing.seed,
    estimators,
    method: config.uncertaintyMethod,
    records: {
      total: counts.total,
      withProposal: counts.withProposal,
      withHumanAnswer: counts.withHumanAnswer,
      measured: measuredRecords,
      accepted: counts.accepted,
      audited: counts.audited,
    },
    questions: selected.map((question): QuestionQualityView => {
      const base = { name: question.name, title: question.title, type: question.type };
      const list = items.get(question.name);
      if (!list) return { ...base, skipped: NOT_COMPARED_NOTE, quality: null, audit: null };
      const audit = auditEstimate(list, decisions);
      return {
        ...base,
        skipped: null,
        quality: questionQuality(list, options),
        audit: { ...audit, accepted: counts.accepted, audited: counts.audited },
      };
    }),
  };
}
