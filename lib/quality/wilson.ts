/**
 * Wilson score intervals for proportions (accuracy, agreement). Chosen over the normal ("Wald") interval because
 * quality samples are often small (an uncertainty bin of 7 records, an audit sample of 20): Wilson stays inside
 * 0..1 and keeps close to its nominal coverage there. Approximate all the same: it assumes the records are
 * independent Bernoulli trials with one common probability, which a dataset of related records need not be.
 */
import type { Interval, Proportion } from "./types";

/** The standard normal quantile for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** The Wilson score interval of `successes` out of `n`; null when n = 0 (no sample, no interval). */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval | null {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n)
    throw new RangeError(`wilsonInterval: need integers 0 <= successes <= n, got ${successes}/${n}`);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 or 1 the exact bound is 0 or 1; floating point would give 1e-17 or 0.9999999999999999.
  return {
    low: successes === 0 ? 0 : Math.max(0, center - half),
    high: successes === n ? 1 : Math.min(1, center + half),
  };
}

export function proportion(successes: number, n: number): Proportion {
  return { successes, n, value: n === 0 ? null : successes / n, interval: wilsonInterval(successes, n) };
}
