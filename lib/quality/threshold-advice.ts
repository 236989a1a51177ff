/**
 * Threshold advice: the smallest human share that reaches a target final accuracy under the `threshold` policy
 * (uncertainty strictly above t goes to humans), and the t that produces it.
 */
import { decideRouting } from "@/lib/routing/policies";
import { candidates, canonicalOrder, scoreRouting, uncertaintyOf } from "./items";
import { adviceReliability, type AdviceReliability } from "./llm-agreement";
import type { Estimator, Proportion, QualityItem } from "./types";
import { sameValue } from "./values";

export interface ThresholdAdvice {
  estimator: Estimator;
  target: number;
  /** False when no threshold reaches the target; the other fields then describe the best threshold found. */
  reached: boolean;
  /**
   * The advised t: the highest uncertainty among the records still accepted (0 when every record goes to humans),
   * null when there is nothing to route. Any t in [threshold, nextUncertainty) routes the same records.
   */
  threshold: number | null;
  /** The lowest uncertainty among the records sent to humans; null when none are. */
  nextUncertainty: number | null;
  humans: number;
  n: number;
  /** humans / n; null when n = 0. */
  humanShare: number | null;
  accuracy: Proportion;
  macroF1: number | null;
  /** Records without an uncertainty under this estimator (not routed, not scored). */
  pending: number;
  /**
   * Whether `n` is enough to advise at all (llm-agreement.ts, ADVICE_MIN_RECORDS): when not, the screens say "not
   * reliable yet" with n and the minimum instead of the threshold.
   */
  reliability: AdviceReliability;
}

/** Accuracies are compared with this slack so that 0.9 reached as 0.8999999999 still counts. */
const EPSILON = 1e-9;

export function adviseThreshold(items: readonly QualityItem[], estimator: Estimator, target: number): ThresholdAdvice {
  if (!(target >= 0 && target <= 1)) throw new RangeError(`adviseThreshold: target must be in 0..1, got ${target}`);
  const ordered = canonicalOrder(items);
  const scored = ordered
    .map((item) => ({ u: uncertaintyOf(item, estimator), right: sameValue(item.proposal, item.reference) }))
    .filter((x): x is { u: number; right: boolean } => x.u !== null);
  const n = scored.length;

  // Candidate thresholds, highest first: each distinct uncertainty (t = it routes everything strictly above it),
  // then 0 if that still leaves records accepted (t = 0 routes every record above 0; records at exactly 0 can never
  // be routed by a threshold, since thresholds live in 0..1). A sweep finds the first one reaching the target
  // in O(n log n); the result is then recomputed with decideRouting so the numbers are the app's own.
  const distinct = [...new Set(scored.map((x) => x.u))].sort((a, b) => b - a);
  const thresholds = distinct.length > 0 && distinct[distinct.length - 1]! > 0 ? [...distinct, 0] : distinct;
  const wrongAt = new Map<number, number>();
  let wrong = 0;
  for (const x of scored) if (!x.right) {
    wrong += 1;
    wrongAt.set(x.u, (wrongAt.get(x.u) ?? 0) + 1);
  }
  let chosen: number | null = null;
  let best: { t: number; wrong: number } | null = null;
  // Wrong answers left once everything above t is routed (routed records take the human answer: right by definition).
  let routedWrong = 0;
  let previous: number | null = null;
  for (const t of thresholds) {
    if (previous !== null) routedWrong += wrongAt.get(previous) ?? 0;
    previous = t;
    const left = wrong - routedWrong;
    if (best === null || left < best.wrong) best = { t, wrong: left };
    if ((n - left) / n >= target - EPSILON) {
      chosen = t;
      break;
    }
  }
  const reached = chosen !== null;
  const threshold = chosen ?? best?.t ?? null;

  const routed = candidates(ordered, estimator);
  const pending = routed.filter((c) => c.uncertainty === null).length;
  const decisions = decideRouting(routed, threshold === null ? { policy: "all_llm" } : { policy: "threshold", threshold });
  const s = scoreRouting(ordered, decisions);
  let nextUncertainty: number | null = null;
  let acceptedMax: number | null = null;
  for (const c of routed) {
    if (c.uncertainty === null) continue;
    if (decisions.get(c.id) === "human") nextUncertainty = nextUncertainty === null ? c.uncertainty : Math.min(nextUncertainty, c.uncertainty);
    else acceptedMax = acceptedMax === null ? c.uncertainty : Math.max(acceptedMax, c.uncertainty);
  }
  return {
    estimator,
    target,
    reached: n === 0 ? false : reached,
    threshold: threshold === null ? null : (acceptedMax ?? threshold),
    nextUncertainty,
    humans: s.humans,
    n: s.n,
    humanShare: s.n === 0 ? null : s.humans / s.n,
    accuracy: s.accuracy,
    macroF1: s.macroF1,
    pending,
    reliability: adviceReliability(s.n),
  };
}
