/**
 * The audit estimate: the accuracy of the auto-accepted records, estimated from the audit sample (a seeded random
 * share of the accepted records that humans also answered). Because the sample is drawn at random from the
 * accepted records, its agreement rate estimates theirs; the Wilson interval is approximate in the usual way
 * (independent records) and slightly conservative, since it ignores that the sample is drawn without replacement
 * from a finite set of accepted records.
 */
import type { RoutingDecision } from "@/lib/routing/policies";
import { canonicalOrder } from "./items";
import type { Proportion, QualityItem } from "./types";
import { sameValue } from "./values";
import { proportion } from "./wilson";

export interface AuditEstimate {
  /** Records accepted from the LLMs: auto + audit. */
  accepted: number;
  /** Records in the audit sample. */
  audited: number;
  /** Accuracy of the proposals of the audited records that have a human answer (n = how many have one). */
  accuracy: Proportion;
}

/**
 * `items` are the records with a human answer (any decision); `decisions` the routing of the whole dataset.
 * Audited records without a human answer yet are counted in `audited` but not in the estimate.
 */
export function auditEstimate(items: readonly QualityItem[], decisions: ReadonlyMap<string, RoutingDecision>): AuditEstimate {
  let accepted = 0;
  let audited = 0;
  for (const d of decisions.values()) {
    if (d === "auto" || d === "audit") accepted += 1;
    if (d === "audit") audited += 1;
  }
  let n = 0;
  let agree = 0;
  for (const item of canonicalOrder(items)) {
    if (decisions.get(item.id) !== "audit") continue;
    n += 1;
    if (sameValue(item.proposal, item.reference)) agree += 1;
  }
  return { accepted, audited, accuracy: proportion(agree, n) };
}
