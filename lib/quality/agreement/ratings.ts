/**
 * The plain data the agreement measures read, and the one place it is checked and reduced to comparable keys.
 * A unit is one record's answers to one question; each rating is one rater's value, of any JSON shape (a label, a
 * multi-label list, a ranking array, a rating number). Values are compared whole, by `valueKey` (canonical JSON):
 * ["a","b"] equals ["a","b"] but not ["b","a"], which for a ranking is the point and for a multi-label set is why
 * such values must arrive in a canonical order (see values.ts).
 */
import { valueKey } from "../values";

export interface Rating {
  rater: string;
  value: unknown;
}

export interface RatedUnit {
  /** The record's id; references (`agreementWithReference`) are looked up by it. */
  id: string;
  ratings: readonly Rating[];
}

/**
 * One unit's values by rater, as keys. A null or absent value counts as "not rated" in every measure (there is no
 * value to agree on); a caller that wants unparseable answers to count as a category of their own must give them a
 * value of their own.
 */
export type KeysByRater = ReadonlyMap<string, string>;

/**
 * Each unit's keys by rater. A rater rating one unit twice is refused rather than resolved: which of the two would
 * count depends on input order, and every measure here assumes one rating per rater per unit.
 */
export function keysByRater(unit: RatedUnit): KeysByRater {
  const keys = new Map<string, string>();
  const seen = new Set<string>();
  for (const { rater, value } of unit.ratings) {
    if (seen.has(rater)) throw new RangeError(`unit ${unit.id}: rater ${rater} rated it more than once`);
    seen.add(rater);
    const key = valueKey(value);
    if (key !== null) keys.set(rater, key);
  }
  return keys;
}

/** Counts of each key in a list, for tallying categories. */
export function countKeys(keys: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/**
 * Code-unit order, not `localeCompare`: the same on every machine, so sums taken in this order give the same float
 * result whatever order the input came in.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
