/**
 * Krippendorff's alpha, in the coincidence-matrix form of Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability". It allows any number of raters per unit (missing data): a unit with m_u ≥ 2 values adds each
 * ordered pair of values from different raters to the coincidence matrix o_ck with weight 1/(m_u − 1), so that
 * every pairable value counts once; units with fewer than two values cannot be paired and are left out.
 * With n_c = Σ_k o_ck and n = Σ_c n_c:  α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 */
import { compareText, countKeys, keysByRater, type RatedUnit } from "./ratings";
import { valueKey } from "../values";

/** Nominal: any difference counts 1. Ordinal: by ranks, weighted by how many values lie between. Interval: (c − k)². */
export type AlphaLevel = "nominal" | "ordinal" | "interval";

/** A square table over categories (value keys): row c, column k. */
type Matrix = Map<string, Map<string, number>>;

export interface KrippendorffAlpha {
  /**
   * Null when undefined: no pairable values, or no expected disagreement (every pairable value is the same, so
   * agreement cannot be told apart from chance).
   */
  alpha: number | null;
  /** n: the values in units with at least two values. */
  pairableValues: number;
  /** The units with at least two values. */
  units: number;
}

/**
 * `order` ranks the values for the ordinal level (e.g. a rating question's scale, lowest first); without it numbers
 * sort numerically and strings in code-unit order, and anything else (or a mix) is refused, since there is no
 * order to guess. Interval needs numbers. Both refusals are RangeErrors naming the value, and both look at every
 * value, paired or not, so that whether bad data is caught does not depend on overlap.
 */
export function krippendorffAlpha(
  units: readonly RatedUnit[],
  level: AlphaLevel,
  order?: readonly unknown[],
): KrippendorffAlpha {
  const all = new Set<string>();
  const marginals = new Map<string, number>(); // n_c
  // Ordered-pair counts by the unit size m_u they came from, kept as integers and divided by (m_u − 1) only at the
  // end, in a fixed order: the float result then does not depend on the order of units or ratings.
  const pairsBySize = new Map<number, Matrix>();
  let pairableUnits = 0;
  for (const unit of units) {
    const keys = [...keysByRater(unit).values()];
    for (const key of keys) all.add(key);
    if (keys.length < 2) continue;
    pairableUnits += 1;
    let pairs = pairsBySize.get(keys.length);
    if (!pairs) pairsBySize.set(keys.length, (pairs = new Map()));
    const counts = countKeys(keys);
    for (const [c, countC] of counts) {
      marginals.set(c, (marginals.get(c) ?? 0) + countC);
      let row = pairs.get(c);
      if (!row) pairs.set(c, (row = new Map()));
      // Ordered pairs of values from different raters: n_c·n_k, or n_c·(n_c − 1) within one category.
      for (const [k, countK] of counts) {
        const ordered = c === k ? countC * (countC - 1) : countC * countK;
        row.set(k, (row.get(k) ?? 0) + ordered);
      }
    }
  }
  const categories = orderedCategories(all, level, order);
  const squaredDistance = distance(level, categories, marginals);
  const coincidence = coincidences(pairsBySize);
  let n = 0;
  for (const count of marginals.values()) n += count;
  let observed = 0; // Σ o_ck δ²_ck
  let expected = 0; // Σ n_c n_k δ²_ck
  for (const c of categories) {
    for (const k of categories) {
      const d2 = squaredDistance(c, k);
      if (d2 === 0) continue;
      observed += (coincidence.get(c)?.get(k) ?? 0) * d2;
      expected += (marginals.get(c) ?? 0) * (marginals.get(k) ?? 0) * d2;
    }
  }
  const alpha = expected === 0 ? null : 1 - ((n - 1) * observed) / expected;
  return { alpha, pairableValues: n, units: pairableUnits };
}

/** o_ck = Σ over unit sizes m (ascending) of pairs_m(c, k) / (m − 1). */
function coincidences(pairsBySize: ReadonlyMap<number, Matrix>): Matrix {
  const o: Matrix = new Map();
  for (const m of [...pairsBySize.keys()].sort((x, y) => x - y)) {
    for (const [c, row] of pairsBySize.get(m)!) {
      let out = o.get(c);
      if (!out) o.set(c, (out = new Map()));
      for (const [k, count] of row) out.set(k, (out.get(k) ?? 0) + count / (m - 1));
    }
  }
  return o;
}

/** The categories in the order sums run over: by rank for ordinal, by key otherwise (checked numeric for interval). */
function orderedCategories(keys: ReadonlySet<string>, level: AlphaLevel, order: readonly unknown[] | undefined): string[] {
  const sorted = [...keys].sort(compareText);
  if (level === "nominal") return sorted;
  if (level === "interval") {
    for (const key of sorted)
      if (typeof JSON.parse(key) !== "number") throw new RangeError(`interval alpha needs numbers, got ${key}`);
    return sorted;
  }
  if (order) {
    const rank = new Map<string, number>();
    order.forEach((value, i) => {
      const key = valueKey(value);
      if (key !== null && !rank.has(key)) rank.set(key, i);
    });
    for (const key of sorted) if (!rank.has(key)) throw new RangeError(`ordinal alpha: ${key} is not in the given order`);
    return sorted.sort((a, b) => rank.get(a)! - rank.get(b)!);
  }
  const values = sorted.map((key) => ({ key, value: JSON.parse(key) as unknown }));
  if (values.every((v) => typeof v.value === "number"))
    return values.sort((a, b) => (a.value as number) - (b.value as number)).map((v) => v.key);
  const other = values.find((v) => typeof v.value !== "string" && typeof v.value !== "number");
  if (other) throw new RangeError(`ordinal alpha needs an order for ${other.key}: only numbers and strings sort by themselves`);
  const number = values.find((v) => typeof v.value === "number");
  const text = values.find((v) => typeof v.value === "string");
  if (number && text) throw new RangeError(`ordinal alpha needs an order to rank ${number.key} against ${text.key}`);
  // All strings: sorted as strings, not as their JSON keys, whose escapes ("\\", "\"") would order differently.
  return values.sort((a, b) => compareText(a.value as string, b.value as string)).map((v) => v.key);
}

type SquaredDistance = (c: string, k: string) => number;

function distance(level: AlphaLevel, categories: readonly string[], marginals: ReadonlyMap<string, number>): SquaredDistance {
  if (level === "nominal") return (c, k) => (c === k ? 0 : 1);
  if (level === "interval") {
    const number = new Map(categories.map((key) => [key, JSON.parse(key) as number]));
    return (c, k) => (number.get(c)! - number.get(k)!) ** 2;
  }
  // Ordinal: δ_ck = Σ_{g from c to k} n_g − (n_c + n_k)/2, over the ranks between c and k inclusive.
  const index = new Map(categories.map((key, i) => [key, i]));
  const below = [0]; // below[i] = Σ n_g over the categories ranked before i
  for (const key of categories) below.push(below[below.length - 1]! + (marginals.get(key) ?? 0));
  return (c, k) => {
    const [low, high] = [index.get(c)!, index.get(k)!].sort((x, y) => x - y);
    const between = below[high! + 1]! - below[low!]!;
    const d = between - ((marginals.get(c) ?? 0) + (marginals.get(k) ?? 0)) / 2;
    return d * d;
  };
}
