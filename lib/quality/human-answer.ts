/**
 * The human reference of one (record, question): the majority of the submitted responses' values. A tie goes to
 * the value whose first vote came first (response order in the record), the same rule DESIGN.md gives label
 * consensus, so the simulator needs no review step to pick a reference. (In the app a human tie goes to review
 * instead; the simulator cannot ask anyone.)
 */
import { valueKey } from "./values";

export interface ResponseLike {
  status: string;
  values: Readonly<Record<string, unknown>>;
}

/** The majority value, or null when no submitted response answers the question. */
export function humanMajority(
  responses: readonly ResponseLike[],
  question: string,
  /** Brings each value into its canonical form first, so equal answers written differently count together. */
  canonical: (value: unknown) => unknown = (v) => v,
): unknown {
  const tally = new Map<string, { value: unknown; count: number }>();
  for (const r of responses) {
    if (r.status !== "submitted") continue;
    const value = canonical(r.values[question]);
    const key = valueKey(value);
    if (key === null) continue;
    const entry = tally.get(key);
    if (entry) entry.count += 1;
    else tally.set(key, { value, count: 1 });
  }
  let best: { value: unknown; count: number } | null = null;
  // Map iteration is in first-insertion order and ">" keeps the earlier one on ties.
  for (const entry of tally.values()) if (best === null || entry.count > best.count) best = entry;
  return best === null ? null : best.value;
}
