/**
 * Fleiss' kappa: agreement among a fixed number m of raters per unit on nominal values (the raters need not be the
 * same people from unit to unit). Per unit i, P_i = (Σ_c n_ic² − m) / (m(m − 1)) is the share of agreeing rater
 * pairs; P̄ is their mean, P̄e = Σ_c p_c² with p_c the share of all ratings in category c, and
 * κ = (P̄ − P̄e) / (1 − P̄e).
 */
import { countKeys, keysByRater, type RatedUnit } from "./ratings";

export interface FleissKappa {
  /** Null when no unit qualifies, or when P̄e = 1 (one category throughout: 0/0, agreement not told from chance). */
  kappa: number | null;
  /** Units used: those with exactly `raters` values. */
  units: number;
  /** m, the number of values per unit that was used; null when no unit has two or more. */
  raters: number | null;
  /** Units left out because they have another number of values (including those with fewer than two). */
  excluded: number;
}

/**
 * The formula needs the same m for every unit. Rather than fail on a dataset where overlap varies (adaptive overlap
 * gives some records more annotators), m is the most common count of values per unit, ties to the larger m (more
 * raters per unit: a steadier P_i), and the other units are left out and counted.
 */
export function fleissKappa(units: readonly RatedUnit[]): FleissKappa {
  const perUnit = units.map((unit) => [...keysByRater(unit).values()]);
  const m = mostCommonCount(perUnit.map((keys) => keys.length));
  if (m === null) return { kappa: null, units: 0, raters: null, excluded: units.length };
  const used = perUnit.filter((keys) => keys.length === m);
  // Both sums are integers, so the result is exact integer arithmetic up to the last divisions and does not depend
  // on the order of units or ratings.
  let sumSquares = 0; // Σ_i Σ_c n_ic²
  const totals = new Map<string, number>(); // Σ_i n_ic per category c
  for (const keys of used) {
    for (const [key, count] of countKeys(keys)) {
      sumSquares += count * count;
      totals.set(key, (totals.get(key) ?? 0) + count);
    }
  }
  const N = used.length;
  const ratings = N * m;
  let sumTotalsSquared = 0;
  for (const total of totals.values()) sumTotalsSquared += total * total;
  const meanAgreement = (sumSquares - ratings) / (ratings * (m - 1)); // P̄
  const chance = sumTotalsSquared / (ratings * ratings); // P̄e
  const kappa = sumTotalsSquared === ratings * ratings ? null : (meanAgreement - chance) / (1 - chance);
  return { kappa, units: N, raters: m, excluded: units.length - N };
}

function mostCommonCount(counts: readonly number[]): number | null {
  const frequency = new Map<number, number>();
  for (const count of counts) if (count >= 2) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  let best: number | null = null;
  for (const [count, times] of frequency) {
    const bestTimes = best === null ? 0 : frequency.get(best)!;
    if (times > bestTimes || (times === bestTimes && count > best!)) best = count;
  }
  return best;
}
