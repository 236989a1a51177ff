/**
 * Calibration: how often the LLM's proposal agrees with the human answer, per uncertainty bin. A well-calibrated
 * estimator shows agreement falling as uncertainty rises; the Wilson interval says how much a bin's few records
 * can tell.
 */
import { uncertaintyOf, canonicalOrder } from "./items";
import type { Estimator, Proportion, QualityItem } from "./types";
import { sameValue } from "./values";
import { proportion } from "./wilson";

export const DEFAULT_CALIBRATION_BINS = 10;

export interface CalibrationBin {
  /** Bin i covers [lower, upper); the last bin also holds uncertainty 1. */
  lower: number;
  upper: number;
  /** Agreement with humans in the bin; n = 0 (value and interval null) for an empty bin. */
  agreement: Proportion;
  /** Mean uncertainty of the bin's records; null when empty. */
  meanUncertainty: number | null;
}

export interface Calibration {
  estimator: Estimator;
  bins: CalibrationBin[];
  /** Records placed in bins. */
  n: number;
  /** Records without an uncertainty under this estimator (not binned). */
  withoutSignal: number;
}

/** The bin of an uncertainty: equal-width on 0..1, out-of-range values clamped to the end bins. */
export function binIndex(u: number, bins: number): number {
  // Rounded to 9 decimals first so that e.g. 0.7 (stored as 0.69999…) lands in bin 7 as a reader expects.
  const scaled = Math.floor(Number((u * bins).toFixed(9)));
  return Math.min(bins - 1, Math.max(0, scaled));
}

export function calibration(
  items: readonly QualityItem[],
  estimator: Estimator,
  options: { bins?: number } = {},
): Calibration {
  const bins = options.bins ?? DEFAULT_CALIBRATION_BINS;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`calibration: bins must be a positive integer, got ${bins}`);
  const acc = Array.from({ length: bins }, () => ({ n: 0, agree: 0, sum: 0 }));
  let withoutSignal = 0;
  for (const item of canonicalOrder(items)) {
    const u = uncertaintyOf(item, estimator);
    if (u === null) {
      withoutSignal += 1;
      continue;
    }
    const bin = acc[binIndex(u, bins)]!;
    bin.n += 1;
    bin.sum += u;
    if (sameValue(item.proposal, item.reference)) bin.agree += 1;
  }
  return {
    estimator,
    bins: acc.map((b, i) => ({
      lower: i / bins,
      upper: (i + 1) / bins,
      agreement: proportion(b.agree, b.n),
      meanUncertainty: b.n === 0 ? null : b.sum / b.n,
    })),
    n: acc.reduce((s, b) => s + b.n, 0),
    withoutSignal,
  };
}
