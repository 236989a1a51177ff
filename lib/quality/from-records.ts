/**
 * Quality items from records in DESIGN.md's record format (suggestions and responses), as the simulator reads
 * them. Aggregation goes through the question-type registry, so proposals and uncertainties are exactly the app's.
 */
import {
  aggregateRecord,
  getQuestionType,
  recordUncertainty,
  type RecordUncertaintyMode,
  type SuggestionVote,
} from "@/lib/questions";
import { humanMajority, type ResponseLike } from "./human-answer";
import type { Estimator, QualityItem } from "./types";

export interface SimulationQuestion {
  name: string;
  type: string;
  /** Settings already validated for the type. */
  settings: unknown;
  required: boolean;
}

export interface SimulationSuggestion extends SuggestionVote {
  question: string;
}

export interface SimulationRecord {
  id: string;
  importOrder: number;
  /** In suggestion order (it breaks vote ties). */
  suggestions: readonly SimulationSuggestion[];
  /** Responses whose values are valid for their questions. */
  responses: readonly ResponseLike[];
}

/**
 * A value in its canonical form: the consensus of a single vote for it. The registry has no equality, but its
 * aggregate already writes consensus values canonically (a multi_label set in option order, a ranking as is), so
 * one vote through it gives a form in which equal answers are equal JSON, without switching on the type here.
 * A value that does not parse stays as it is.
 */
export function canonicalValue(question: SimulationQuestion, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const single = getQuestionType(question.type).aggregate([{ agent: "canonical", value }], question.settings, {
    method: "vote_entropy",
  });
  return single.value ?? value;
}

/**
 * One item per question that has a human answer in this record. Each item carries the record's uncertainty (not
 * the question's) under each estimator, because routing is per record: the record goes to humans as a whole.
 */
export function recordItems(
  record: SimulationRecord,
  questions: readonly SimulationQuestion[],
  options: { estimators: readonly Estimator[]; mode: RecordUncertaintyMode },
): { question: string; item: QualityItem }[] {
  const inputs = questions.map((q) => ({
    ...q,
    suggestions: record.suggestions.filter((s) => s.question === q.name),
  }));
  const uncertainty: Partial<Record<Estimator, number | null>> = {};
  let proposals: Map<string, unknown> | null = null;
  for (const estimator of options.estimators) {
    const aggregates = aggregateRecord(inputs, estimator);
    // The consensus value does not depend on the estimator; take it from the first.
    proposals ??= new Map([...aggregates].map(([name, a]) => [name, a.value]));
    uncertainty[estimator] = recordUncertainty(
      questions.map((q) => ({ required: q.required, normalized: aggregates.get(q.name)?.normalized ?? null })),
      options.mode,
    );
  }
  const out: { question: string; item: QualityItem }[] = [];
  for (const q of questions) {
    const reference = humanMajority(record.responses, q.name, (v) => canonicalValue(q, v));
    if (reference === null) continue;
    out.push({
      question: q.name,
      item: {
        id: record.id,
        importOrder: record.importOrder,
        proposal: proposals?.get(q.name) ?? null,
        uncertainty: { ...uncertainty },
        reference,
      },
    });
  }
  return out;
}
