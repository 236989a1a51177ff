// A dataset's quality (DESIGN.md, "Uncertainty and routing, exactly", the Quality bullet): from every record that
// has both a proposal and a human consensus, per question, the LLM's agreement with people, calibration, the
// cost–quality frontier and the threshold advice (lib/quality's `questionQuality`, the simulator's own computation),
// and the accuracy of the accepted records estimated from the audit sample.
//
// The records and values are those of "LLM agreement with people" (lib/quality/llm-agreement.ts), read through the
// loader every tab shares (human-consensus.ts): the human answer is the record's final value made by people (every
// required response submitted without a tie, or a curator's ruling), never the majority of an incomplete record, so
// the Quality tab's figure is the Overview's, the Agreement tab's and the LLM tab's. Items are built as the simulator
// builds them (lib/quality/from-records.ts): the record's uncertainty under each estimator is aggregated from its
// suggestions through the question-type registry (so every estimator is measured, not only the dataset's configured
// method), and the proposal is the stored consensus. Only one small item per (record, question) is kept in memory.
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { aggregateRecord, agreementScale, recordUncertainty, type SuggestionVote } from "@/lib/questions";
import {
  agreementFigure,
  auditEstimate,
  countAgreement,
  estimatorsToMeasure,
  questionQuality,
  type AuditEstimate,
  type Estimator,
  type QualityItem,
  type Proportion,
  type QuestionQuality,
} from "@/lib/quality";
import type { RoutingDecision } from "@/lib/routing/policies";
import { pool } from "@/lib/server/db/client";
import { ValidationError } from "@/lib/server/errors";
import { datasetAccess } from "@/lib/server/services/access";
import { consensusBatches, proposalPairs, type ConsensusBatch } from "@/lib/server/services/human-consensus";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { zodDetails } from "@/lib/server/validation";

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
  /** Null when skipped. `n` = records with a proposal and a human consensus on this question. */
  quality: QuestionQuality | null;
  /** LLM agreement with people (lib/quality/llm-agreement.ts), the figure every tab shows; null when skipped. */
  llmAgreement: Proportion | null;
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
    /** Records with a human consensus (a final value made by people), complete records only. */
    withConsensus: number;
    /** Records with a proposal and a consensus: what quality is measured on (for at least one measured question). */
    measured: number;
    /** Records routed to auto or audit (the accepted ones), and to audit alone. */
    accepted: number;
    audited: number;
  };
  questions: QuestionQualityView[];
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
    withConsensus: number;
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
       (SELECT count(*)::int FROM "Record" r WHERE r."datasetId" = $1
          AND EXISTS (SELECT 1 FROM "FinalValue" f WHERE f."recordId" = r.id AND f.provenance IN ('human', 'human_confirmed', 'curator'))) AS "withConsensus",
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

/** Adds the items of one batch of records with a human consensus to `items` (per question name). */
function collectBatch(
  config: DatasetConfig,
  measured: readonly DatasetConfig["questions"][number][],
  estimators: readonly Estimator[],
  batch: ConsensusBatch,
  items: Map<string, QualityItem[]>,
  decisions: Map<string, RoutingDecision>,
): number {
  const suggestionsOf = groupBy(batch.suggestions, (row) => row.recordId);
  const pairsOf = new Map(measured.map((question) => [question.name, proposalPairs(batch, question)]));

  let measuredRecords = 0;
  for (const record of batch.records) {
    if (!measured.some((question) => pairsOf.get(question.name)!.has(record.id))) continue;
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
    for (const question of measured) {
      const pair = pairsOf.get(question.name)!.get(record.id);
      if (!pair) continue;
      items.get(question.name)!.push({
        id: record.id,
        importOrder: record.importOrder,
        proposal: pair.llm,
        uncertainty: { ...uncertainty },
        reference: pair.people,
      });
    }
    measuredRecords += 1;
    decisions.set(record.id, record.routingDecision);
  }
  return measuredRecords;
}

function toVote(row: { agent: string; value: unknown; score: number | null; distribution: Record<string, number> | null }): SuggestionVote {
  return { agent: row.agent, value: row.value, score: row.score, distribution: row.distribution };
}

export interface MeasuredItems {
  /** Per measured question name, one item per record with a proposal and a human consensus on it. */
  items: Map<string, QualityItem[]>;
  /** Decisions of the measured records only (the audit estimate reads the decision of each item). */
  decisions: Map<string, RoutingDecision>;
  measuredRecords: number;
}

/** The quality items of the `measured` questions, from the records with a human consensus in import order. */
export async function measuredItems(
  config: DatasetConfig,
  measured: readonly DatasetConfig["questions"][number][],
  estimators: readonly Estimator[],
): Promise<MeasuredItems> {
  const items = new Map<string, QualityItem[]>(measured.map((q) => [q.name, []]));
  const decisions = new Map<string, RoutingDecision>();
  let measuredRecords = 0;
  if (measured.length === 0) return { items, decisions, measuredRecords };
  for await (const batch of consensusBatches(config.id, { suggestions: true }))
    measuredRecords += collectBatch(config, measured, estimators, batch, items, decisions);
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
      withConsensus: counts.withConsensus,
      measured: measuredRecords,
      accepted: counts.accepted,
      audited: counts.audited,
    },
    questions: selected.map((question): QuestionQualityView => {
      const base = { name: question.name, title: question.title, type: question.type };
      const list = items.get(question.name);
      if (!list) return { ...base, skipped: NOT_COMPARED_NOTE, quality: null, llmAgreement: null, audit: null };
      const audit = auditEstimate(list, decisions);
      return {
        ...base,
        skipped: null,
        quality: questionQuality(list, options),
        // The shared comparison on the same pairs the Overview counts (human-consensus.ts, proposalPairs).
        llmAgreement: agreementFigure(countAgreement(list.map((item) => ({ llm: item.proposal, people: item.reference })))),
        audit: { ...audit, accepted: counts.accepted, audited: counts.audited },
      };
    }),
  };
}
