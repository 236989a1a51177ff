/**
 * Everything the Quality tab and the simulator show for one question, from its items: the LLM alone, calibration
 * per estimator, the frontier per policy and the threshold advice per estimator.
 */
import { adviseThreshold, type ThresholdAdvice } from "./threshold-advice";
import { calibration, type Calibration } from "./calibration";
import { defaultPolicies, frontier, type FrontierCurve } from "./frontier";
import { canonicalOrder, llmPairs } from "./items";
import { scores, type Scores } from "./metrics";
import type { Estimator, QualityItem } from "./types";

export interface QuestionQuality {
  /** Items (records with a human answer). */
  n: number;
  /** The LLM's proposals alone against the human answers. */
  llm: Scores;
  calibration: Calibration[];
  frontier: FrontierCurve[];
  advice: ThresholdAdvice[];
}

export interface QualityOptions {
  /** Target accuracy for the threshold advice (0..1). */
  target: number;
  /** Seed of the random policy. */
  seed?: number;
  bins?: number;
  estimators?: readonly Estimator[];
}

export function questionQuality(items: readonly QualityItem[], options: QualityOptions): QuestionQuality {
  const ordered = canonicalOrder(items);
  const policies = defaultPolicies(ordered, { seed: options.seed, estimators: options.estimators });
  // The estimators that give a signal are exactly those with a budget policy.
  const estimators = policies.flatMap((p) => (p.kind === "budget" ? [p.estimator] : []));
  return {
    n: ordered.length,
    llm: scores(llmPairs(ordered)),
    calibration: estimators.map((e) => calibration(ordered, e, { bins: options.bins })),
    frontier: frontier(ordered, policies),
    advice: estimators.map((e) => adviseThreshold(ordered, e, options.target)),
  };
}
