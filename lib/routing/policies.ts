/**
 * Routing policies (pure): which records are accepted from the LLMs ("auto"), sampled for a human check ("audit"),
 * or sent to humans ("human"). Deterministic: the same candidates give the same decisions in any input order.
 */
import { compareIds, roundShare, seededOrder } from "./policies-hash";

export type RoutingDecision = "pending" | "auto" | "audit" | "human";

export interface RoutingCandidate {
  id: string;
  /** Record uncertainty 0..1; null while the record waits for suggestions, or when its suggestions give no signal. */
  uncertainty: number | null;
  importOrder: number;
  /**
   * The record has proposals even if they give no uncertainty (one vote without a score, under the `auto` method).
   * Policies that do not rank by uncertainty (random, all_human, all_llm) route such a record; threshold and budget
   * cannot place it, so it stays pending ("no way to tell").
   */
  proposed?: boolean;
}

export type RoutingPolicy =
  | { policy: "threshold"; threshold: number }
  | { policy: "budget"; humanShare: number }
  | { policy: "random"; humanShare: number; seed: number }
  | { policy: "all_human" }
  | { policy: "all_llm" };

export interface RoutingOptions {
  /** Share (0..1) of the auto records that also go to a human check. */
  auditRate?: number;
  /** Seed of the audit sample. */
  seed?: number;
}

export const DEFAULT_AUDIT_SEED = 42;

/** Records with an uncertainty; the others are "pending" and do not count in n. */
type Scored = RoutingCandidate & { uncertainty: number };

function hasUncertainty(c: RoutingCandidate): c is Scored {
  return c.uncertainty !== null && !Number.isNaN(c.uncertainty);
}

/** Whether the policy ranks records by their uncertainty (and so cannot route a record without one). */
function ranksByUncertainty(policy: RoutingPolicy): boolean {
  return policy.policy === "threshold" || policy.policy === "budget";
}

/** The ids that go to humans under the policy, among the records it can route. */
function humanIds(routable: readonly RoutingCandidate[], policy: RoutingPolicy): Set<string> {
  const scored = routable.filter(hasUncertainty);
  switch (policy.policy) {
    case "threshold":
      // Strictly above: a record exactly at the threshold is accepted.
      return new Set(scored.filter((c) => c.uncertainty > policy.threshold).map((c) => c.id));
    case "budget": {
      const k = roundShare(policy.humanShare, scored.length);
      // Most uncertain first; ties by import order (earlier first), then id so the result never depends on input order.
      const ranked = [...scored].sort(
        (a, b) => b.uncertainty - a.uncertainty || a.importOrder - b.importOrder || compareIds(a.id, b.id),
      );
      return new Set(ranked.slice(0, k).map((c) => c.id));
    }
    case "random": {
      const k = roundShare(policy.humanShare, routable.length);
      return new Set(seededOrder(routable.map((c) => c.id), policy.seed, "random").slice(0, k));
    }
    case "all_human":
      return new Set(routable.map((c) => c.id));
    case "all_llm":
      return new Set();
  }
}

export function decideRouting(
  candidates: readonly RoutingCandidate[],
  policy: RoutingPolicy,
  options: RoutingOptions = {},
): Map<string, RoutingDecision> {
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.id)) throw new Error(`decideRouting: duplicate candidate id ${JSON.stringify(c.id)}`);
    seen.add(c.id);
  }
  const canRoute = (c: RoutingCandidate) => hasUncertainty(c) || (c.proposed === true && !ranksByUncertainty(policy));
  const routable = candidates.filter(canRoute);
  const humans = humanIds(routable, policy);
  const autos = routable.filter((c) => !humans.has(c.id)).map((c) => c.id);
  const audits = new Set(
    seededOrder(autos, options.seed ?? DEFAULT_AUDIT_SEED, "audit").slice(0, roundShare(options.auditRate ?? 0, autos.length)),
  );

  const decisions = new Map<string, RoutingDecision>();
  for (const c of candidates) {
    if (!canRoute(c)) decisions.set(c.id, "pending");
    else if (humans.has(c.id)) decisions.set(c.id, "human");
    else decisions.set(c.id, audits.has(c.id) ? "audit" : "auto");
  }
  return decisions;
}

export {
  requiredResponsesFor,
  routingSettingsSchema,
  routingFromSettings,
  ROUTING_POLICIES,
  DEFAULT_HUMAN_SHARE,
  DEFAULT_ROUTING_SEED,
  type RoutingSettings,
} from "./policies-settings";
