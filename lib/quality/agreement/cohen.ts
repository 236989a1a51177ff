/**
 * Cohen's kappa: agreement between two raters on nominal values, corrected for the agreement their own label
 * frequencies would give by chance. κ = (po − pe) / (1 − pe), with po the share of units they agree on and
 * pe = Σ_c pA(c)·pB(c) over the categories c.
 */
import { compareText, countKeys, keysByRater, type RatedUnit } from "./ratings";
import { valueKey } from "../values";

export interface CohensKappa {
  /**
   * Null when undefined: with no units (n = 0) there is nothing to measure, and when expected agreement is 1 (both
   * raters used one and the same category throughout) the formula is 0/0: agreement is total but cannot be told
   * apart from chance.
   */
  kappa: number | null;
  /** po: the share of units the two raters agree on; null when n = 0. */
  observed: number | null;
  /** pe: the agreement expected by chance from each rater's own category shares; null when n = 0. */
  expected: number | null;
  /** Units both raters gave a value to (pairs with a null on either side do not count). */
  n: number;
}

/** Cohen's kappa of two raters' values, one pair per unit: [rater A's value, rater B's value]. */
export function cohensKappa(pairs: readonly (readonly [unknown, unknown])[]): CohensKappa {
  const a: string[] = [];
  const b: string[] = [];
  for (const [valueA, valueB] of pairs) {
    const keyA = valueKey(valueA);
    const keyB = valueKey(valueB);
    if (keyA === null || keyB === null) continue;
    a.push(keyA);
    b.push(keyB);
  }
  return kappaOfKeys(a, b);
}

function kappaOfKeys(a: readonly string[], b: readonly string[]): CohensKappa {
  const n = a.length;
  if (n === 0) return { kappa: null, observed: null, expected: null, n };
  let agreed = 0;
  for (let i = 0; i < n; i += 1) if (a[i] === b[i]) agreed += 1;
  // Σ_c countA(c)·countB(c) is an integer, so po, pe and κ below are each one division of exact integers: the
  // result cannot depend on the order of the pairs.
  const countsA = countKeys(a);
  const countsB = countKeys(b);
  let chanceProducts = 0;
  for (const [key, countA] of countsA) chanceProducts += countA * (countsB.get(key) ?? 0);
  const n2 = n * n;
  const kappa = chanceProducts === n2 ? null : (n * agreed - chanceProducts) / (n2 - chanceProducts);
  return { kappa, observed: agreed / n, expected: chanceProducts / n2, n };
}

export interface RaterPairKappa {
  /** The pair in code-unit order: raterA < raterB. */
  raterA: string;
  raterB: string;
  n: number;
  kappa: number | null;
  observed: number | null;
}

/**
 * Cohen's kappa for every pair of raters who both gave a value to at least one unit, over the units they share;
 * pairs sorted by raterA, then raterB.
 */
export function pairwiseCohensKappa(units: readonly RatedUnit[]): RaterPairKappa[] {
  const shared = new Map<string, { raterA: string; raterB: string; a: string[]; b: string[] }>();
  for (const unit of units) {
    const keys = keysByRater(unit);
    const raters = [...keys.keys()].sort(compareText);
    for (let i = 0; i < raters.length; i += 1) {
      for (let j = i + 1; j < raters.length; j += 1) {
        const raterA = raters[i]!;
        const raterB = raters[j]!;
        // JSON of the pair, so that no rater name can make two different pairs collide.
        const pairId = JSON.stringify([raterA, raterB]);
        let pair = shared.get(pairId);
        if (!pair) shared.set(pairId, (pair = { raterA, raterB, a: [], b: [] }));
        pair.a.push(keys.get(raterA)!);
        pair.b.push(keys.get(raterB)!);
      }
    }
  }
  return [...shared.values()]
    .sort((x, y) => compareText(x.raterA, y.raterA) || compareText(x.raterB, y.raterB))
    .map(({ raterA, raterB, a, b }) => {
      const { n, kappa, observed } = kappaOfKeys(a, b);
      return { raterA, raterB, n, kappa, observed };
    });
}
