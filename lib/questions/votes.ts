/**
 * Building blocks shared by the aggregators: vote buckets, the special aggregates, and the choice of
 * uncertainty estimator (with its fallbacks), so every question type applies the dataset's method the same way.
 */
import { normalizedEntropy, shannonEntropyBits } from "../uncertainty/entropy";
import { selfEvalUncertainty } from "../uncertainty/self-eval";
import type { Aggregate, AggregateContext, SuggestionVote, VoteBucket } from "./types";

/** Bucket key of the "unparseable" category. Option values may not take it (see options.ts). */
export const UNPARSEABLE_KEY = "__unparseable__";
export const UNPARSEABLE_LABEL = "unparseable";

/** Every `Aggregate.method` produced here (fallbacks append a reason, see `withFallback`). */
export const AGGREGATE_METHODS = {
  voteEntropy: "vote_entropy",
  selfEval: "self_eval",
  logprob: "logprob",
  bordaDisagreement: "borda_pairwise_disagreement",
  binaryEntropyMean: "binary_entropy_mean",
  companion: "companion",
  /** The consensus is "unparseable": nothing to accept, so uncertainty is forced to the maximum. */
  unparseable: "unparseable",
  none: "none",
} as const;

/**
 * Why `auto` found no signal for a (record, question), appended to the `none` method as "none (reason)": one vote
 * (or one readable answer) cannot disagree with itself and carries neither a score nor a distribution.
 */
export const NO_SIGNAL_REASON = "one vote without a score";

/** One estimate of uncertainty: raw (method's unit) and normalised 0..1; both null when there is no signal. */
export interface Estimate {
  uncertainty: number | null;
  normalized: number | null;
  method: string;
}

/** Zero suggestions: no value, no signal. */
export function noSuggestions<V>(): Aggregate<V> {
  return { value: null, uncertainty: null, normalized: null, method: AGGREGATE_METHODS.none, votes: 0, buckets: [] };
}

/**
 * The consensus is "unparseable" (or nothing parsed at all): there is no value to accept, so the record must be
 * maximally uncertain (normalized 1) whatever the estimator would have said; raw is 1 too, in the "unparseable" unit.
 */
export function unparseableConsensus<V>(votes: number, buckets: VoteBucket[]): Aggregate<V> {
  return { value: null, uncertainty: 1, normalized: 1, method: AGGREGATE_METHODS.unparseable, votes, buckets };
}

interface TallyEntry {
  key: string;
  label: string;
  agent: string;
}

/** Count entries per key; buckets come out in order of their first vote. */
export function tally(entries: readonly TallyEntry[]): VoteBucket[] {
  const byKey = new Map<string, VoteBucket>();
  for (const e of entries) {
    let bucket = byKey.get(e.key);
    if (!bucket) {
      bucket = { key: e.key, label: e.label, count: 0, agents: [] };
      byKey.set(e.key, bucket);
    }
    bucket.count++;
    bucket.agents.push(e.agent);
  }
  return [...byKey.values()];
}

/** Most votes first; equal counts keep first-vote order (Array.prototype.sort is stable). */
export function byCountThenFirstVote(buckets: readonly VoteBucket[]): VoteBucket[] {
  return [...buckets].sort((a, b) => b.count - a.count);
}

export function unparseableEntry(agent: string): TallyEntry {
  return { key: UNPARSEABLE_KEY, label: UNPARSEABLE_LABEL, agent };
}

/** The bucket of unparseable votes, or null when every vote parsed. */
export function unparseableBucket(agents: readonly string[]): VoteBucket | null {
  return agents.length === 0
    ? null
    : { key: UNPARSEABLE_KEY, label: UNPARSEABLE_LABEL, count: agents.length, agents: [...agents] };
}

/**
 * Vote entropy over the buckets' counts. `categories` is how many outcomes a vote could have had: the question's
 * options (or scale values), plus one when an unparseable vote is present. Unparseable is only counted as a category
 * when it occurs so that a clean, evenly split vote still normalises to exactly 1, while a garbage answer adds
 * both mass (it is a vote) and room (it is an outcome) to the entropy.
 */
export function voteEntropy(buckets: readonly VoteBucket[], scaleSize: number): Estimate {
  const counts = buckets.map((b) => b.count);
  const categories = scaleSize + (buckets.some((b) => b.key === UNPARSEABLE_KEY) ? 1 : 0);
  return {
    uncertainty: shannonEntropyBits(counts),
    normalized: normalizedEntropy(counts, categories),
    method: AGGREGATE_METHODS.voteEntropy,
  };
}

/** Self-evaluation estimate over every suggestion's score (unparseable ones included), or null without scores. */
export function selfEvalEstimate(votes: readonly SuggestionVote[]): Estimate | null {
  const u = selfEvalUncertainty(votes.map((v) => v.score));
  return u === null ? null : { uncertainty: u, normalized: u, method: AGGREGATE_METHODS.selfEval };
}

/** Mark an estimate as a fallback, keeping its own method name first so `method.startsWith(...)` still works. */
export function withFallback(estimate: Estimate, reason: string): Estimate {
  return { ...estimate, method: `${estimate.method} (fallback: ${reason})` };
}

/**
 * Apply the dataset's method. `voteBased` is the question type's own vote estimator (also the fallback);
 * `fromDistribution` is its logprob estimator, absent when logprobs mean nothing for the type. `votesCounted` is how
 * many votes `voteBased` looks at (label and rating count an unreadable answer as a vote for its own category;
 * ranking and multi-label leave unreadable answers out), which is what `auto` asks: can these votes disagree?
 *
 * `auto`, deterministic, per (record, question):
 *   1. at least two counted votes  → the vote estimator (they can disagree);
 *   2. else, any suggestion with a score → self-evaluation, 1 − the mean score;
 *   3. else, a suggestion with a probability distribution over the options → its entropy;
 *   4. else no signal ("none (one vote without a score)"): one vote cannot say how sure it is.
 */
export function chooseEstimate(
  votes: readonly SuggestionVote[],
  ctx: AggregateContext,
  votesCounted: number,
  voteBased: () => Estimate,
  fromDistribution?: () => Estimate | null,
): Estimate {
  switch (ctx.method) {
    case "auto":
      if (votesCounted >= 2) return voteBased();
      return (
        selfEvalEstimate(votes) ??
        fromDistribution?.() ?? { uncertainty: null, normalized: null, method: `${AGGREGATE_METHODS.none} (${NO_SIGNAL_REASON})` }
      );
    case "self_eval":
      return selfEvalEstimate(votes) ?? withFallback(voteBased(), "no self_eval scores");
    case "logprob": {
      if (!fromDistribution) return withFallback(voteBased(), "logprob not supported for this question type");
      return fromDistribution() ?? withFallback(voteBased(), "no logprob distribution");
    }
    case "vote_entropy":
      return voteBased();
  }
}
