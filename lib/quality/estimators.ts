/**
 * Which estimators to measure for a set of records: the chosen one first (what routing uses), then `auto` and vote
 * entropy always, self-evaluation only where scores exist and logprob only where distributions exist (without their
 * data each falls back to vote entropy and would only repeat its curve). Shared by the Quality tab and the simulator
 * so both compare the same alternatives.
 */
import type { Estimator } from "./types";

export function estimatorsToMeasure(available: { scores: boolean; distributions: boolean }, chosen: Estimator = "auto"): Estimator[] {
  const all: Estimator[] = [
    chosen,
    "auto",
    "vote_entropy",
    ...(available.scores ? (["self_eval"] as const) : []),
    ...(available.distributions ? (["logprob"] as const) : []),
  ];
  return [...new Set(all)];
}
