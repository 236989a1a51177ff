/**
 * Each rater's agreement with a reference value per unit: the human consensus, the LLM proposal, a gold answer.
 * Unlike kappa there is no chance correction; this is the plain share the UI and the audit speak of. When the
 * reference is a consensus the rater took part in, the rater's own vote is in it and the share runs high.
 */
import { proportion } from "../wilson";
import type { Proportion } from "../types";
import { compareText, keysByRater, type RatedUnit } from "./ratings";
import { valueKey } from "../values";

export interface RaterAgreement {
  rater: string;
  /** Units where the rater's value equals the reference. */
  agreed: number;
  /** Units with both a value from the rater and a (non-null) reference. */
  n: number;
  /** agreed / n with its 95 % Wilson interval. */
  rate: Proportion;
}

/** One row per rater who has at least one unit with a reference, sorted by rater. */
export function agreementWithReference(
  units: readonly RatedUnit[],
  referenceByUnit: ReadonlyMap<string, unknown>,
): RaterAgreement[] {
  const tally = new Map<string, { agreed: number; n: number }>();
  for (const unit of units) {
    const keys = keysByRater(unit);
    const reference = valueKey(referenceByUnit.get(unit.id));
    if (reference === null) continue;
    for (const [rater, key] of keys) {
      let t = tally.get(rater);
      if (!t) tally.set(rater, (t = { agreed: 0, n: 0 }));
      t.n += 1;
      if (key === reference) t.agreed += 1;
    }
  }
  return [...tally.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([rater, { agreed, n }]) => ({ rater, agreed, n, rate: proportion(agreed, n) }));
}
