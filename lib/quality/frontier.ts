/**
 * The cost–quality frontier: for each policy and each human share, the final accuracy and macro-F1 if the routed
 * records took the human answer and the rest kept the proposal. Routing is `decideRouting` itself, so a point of
 * the curve is exactly what the app would do with that policy and share.
 */
import { decideRouting, DEFAULT_ROUTING_SEED, type RoutingPolicy } from "@/lib/routing/policies";
import { candidates, canonicalOrder, scoreRouting, uncertaintyOf } from "./items";
import type { Proportion, Estimator, QualityItem } from "./types";

/**
 * `budget`: the most uncertain records under `estimator` go to humans. `random`: a seeded sample; its estimator
 * only decides which records have a signal (the others are pending), so it is scored on the same records as the
 * budget policy of that estimator.
 */
export type FrontierPolicy =
  | { name: string; kind: "budget"; estimator: Estimator }
  | { name: string; kind: "random"; estimator: Estimator; seed: number };

/** 0 %, 10 %, …, 100 %, each computed as i/10 so that no share carries accumulated floating-point error. */
export const DEFAULT_SHARES: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 10);

export interface FrontierPoint {
  /** The requested human share. */
  share: number;
  /** Records routed to humans: round(share · n), as the budget policy counts them. */
  humans: number;
  /** Records scored (those with a signal under the policy's estimator). */
  n: number;
  accuracy: Proportion;
  macroF1: number | null;
}

export interface FrontierCurve {
  policy: FrontierPolicy;
  /** Records left out because they have no uncertainty under the policy's estimator ("pending" in the app). */
  pending: number;
  points: FrontierPoint[];
}

function routingPolicy(policy: FrontierPolicy, share: number): RoutingPolicy {
  return policy.kind === "budget"
    ? { policy: "budget", humanShare: share }
    : { policy: "random", humanShare: share, seed: policy.seed };
}

/**
 * The default policies for a set of items: a budget policy per estimator that gives at least one item a signal
 * (vote entropy first; self-evaluation only where scores exist, since without them the app falls back to vote
 * entropy and the curve would repeat it), then the seeded random baseline.
 */
export function defaultPolicies(
  items: readonly QualityItem[],
  options: { estimators?: readonly Estimator[]; seed?: number } = {},
): FrontierPolicy[] {
  const estimators = options.estimators ?? ["auto", "vote_entropy", "self_eval", "logprob"];
  const present = estimators.filter((e) => items.some((item) => uncertaintyOf(item, e) !== null));
  const base: Estimator = present[0] ?? "vote_entropy";
  return [
    ...present.map((estimator): FrontierPolicy => ({ name: `budget:${estimator}`, kind: "budget", estimator })),
    { name: "random", kind: "random", estimator: base, seed: options.seed ?? DEFAULT_ROUTING_SEED },
  ];
}

export function frontierCurve(
  items: readonly QualityItem[],
  policy: FrontierPolicy,
  shares: readonly number[] = DEFAULT_SHARES,
): FrontierCurve {
  const ordered = canonicalOrder(items);
  const routed = candidates(ordered, policy.estimator);
  const pending = routed.filter((c) => c.uncertainty === null).length;
  // Audit rate 0: audited records keep the proposal anyway, so an audit sample would not change the curve.
  const points = shares.map((share): FrontierPoint => {
    const s = scoreRouting(ordered, decideRouting(routed, routingPolicy(policy, share)));
    return { share, humans: s.humans, n: s.n, accuracy: s.accuracy, macroF1: s.macroF1 };
  });
  return { policy, pending, points };
}

export function frontier(
  items: readonly QualityItem[],
  policies: readonly FrontierPolicy[] = defaultPolicies(items),
  shares: readonly number[] = DEFAULT_SHARES,
): FrontierCurve[] {
  return policies.map((policy) => frontierCurve(items, policy, shares));
}
