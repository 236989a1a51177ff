/**
 * Helpers every computation shares: a canonical item order (so results never depend on input order, floating-point
 * sums included), the routing candidates under one estimator, and the final answers once records are routed.
 */
import { compareIds } from "@/lib/routing/policies-hash";
import type { RoutingCandidate, RoutingDecision } from "@/lib/routing/policies";
import { scores, type AnswerPair, type Scores } from "./metrics";
import type { Estimator, QualityItem } from "./types";

/** Items in import order (then id), after checking ids are unique. */
export function canonicalOrder(items: readonly QualityItem[]): QualityItem[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new Error(`quality: duplicate item id ${JSON.stringify(item.id)}`);
    seen.add(item.id);
  }
  return [...items].sort((a, b) => a.importOrder - b.importOrder || compareIds(a.id, b.id));
}

/** The item's uncertainty under the estimator, or null when it has none (NaN counts as none, as in routing). */
export function uncertaintyOf(item: QualityItem, estimator: Estimator): number | null {
  const u = item.uncertainty[estimator];
  return typeof u === "number" && !Number.isNaN(u) ? u : null;
}

export function candidates(items: readonly QualityItem[], estimator: Estimator): RoutingCandidate[] {
  return items.map((item) => ({ id: item.id, importOrder: item.importOrder, uncertainty: uncertaintyOf(item, estimator) }));
}

/** What the dataset would hold for each routed record: the human answer if routed to humans, else the proposal. */
export function routedPairs(items: readonly QualityItem[], decisions: ReadonlyMap<string, RoutingDecision>): AnswerPair[] {
  const pairs: AnswerPair[] = [];
  for (const item of items) {
    const decision = decisions.get(item.id);
    // Pending records have no proposal to accept and are not routed yet: they are left out, and counted by callers.
    if (decision === undefined || decision === "pending") continue;
    pairs.push({ answer: decision === "human" ? item.reference : item.proposal, reference: item.reference });
  }
  return pairs;
}

export interface RoutedScores extends Scores {
  /** Records routed to humans. */
  humans: number;
  /** Records scored (pending ones excluded). */
  n: number;
}

export function scoreRouting(items: readonly QualityItem[], decisions: ReadonlyMap<string, RoutingDecision>): RoutedScores {
  const pairs = routedPairs(items, decisions);
  let humans = 0;
  for (const d of decisions.values()) if (d === "human") humans += 1;
  return { ...scores(pairs), humans, n: pairs.length };
}

/** The LLM alone: every proposal against its reference (null proposals count as wrong). */
export function llmPairs(items: readonly QualityItem[]): AnswerPair[] {
  return items.map((item) => ({ answer: item.proposal, reference: item.reference }));
}
