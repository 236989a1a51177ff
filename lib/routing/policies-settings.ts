/**
 * A dataset's stored routing settings (flat, as in settings.json) and their translation into a policy.
 */
import { z } from "zod";
import type { RoutingOptions, RoutingPolicy } from "./policies";

export const ROUTING_POLICIES = ["threshold", "budget", "random", "all_human", "all_llm"] as const;
export const DEFAULT_HUMAN_SHARE = 0.3;
export const DEFAULT_ROUTING_SEED = 42;

const share = (name: string) =>
  z.number(`${name} must be a number`).min(0, `${name} must be between 0 and 1`).max(1, `${name} must be between 0 and 1`);

/**
 * `{}` (or nothing) means the default: budget with humanShare 0.3. A policy given explicitly must bring its own
 * parameter (threshold for "threshold", humanShare for "budget" and "random"), so a typo cannot silently fall back.
 */
export const routingSettingsSchema = z
  .preprocess(
    (raw) => (raw === undefined || raw === null ? {} : raw),
    z
      .object({
        policy: z.enum(ROUTING_POLICIES, `policy must be one of: ${ROUTING_POLICIES.join(", ")}`).optional(),
        threshold: share("threshold").optional(),
        humanShare: share("humanShare").optional(),
        seed: z.number("seed must be a number").int("seed must be an integer").default(DEFAULT_ROUTING_SEED),
        auditRate: share("auditRate").default(0),
        aggregate: z.enum(["max", "mean"], "aggregate must be max or mean").default("max"),
        /** Adaptive overlap: records routed to humans whose uncertainty is above this need `overlapExtra` more answers. */
        overlapThreshold: share("overlapThreshold").optional(),
        overlapExtra: z
          .number("overlapExtra must be a number")
          .int("overlapExtra must be a whole number")
          .min(1, "overlapExtra must be at least 1")
          .max(10, "overlapExtra must be at most 10")
          .default(1),
      })
      .superRefine((s, ctx) => {
        if (s.policy === "threshold" && s.threshold === undefined)
          ctx.addIssue({ code: "custom", path: ["threshold"], message: "threshold is required for the threshold policy" });
        if ((s.policy === "budget" || s.policy === "random") && s.humanShare === undefined)
          ctx.addIssue({ code: "custom", path: ["humanShare"], message: `humanShare is required for the ${s.policy} policy` });
      })
      .transform((s) =>
        s.policy === undefined
          ? { ...s, policy: "budget" as const, humanShare: s.humanShare ?? DEFAULT_HUMAN_SHARE }
          : { ...s, policy: s.policy },
      ),
  );

export type RoutingSettings = z.output<typeof routingSettingsSchema>;

/** The policy and options `decideRouting` takes, from validated settings. */
export function routingFromSettings(settings: RoutingSettings): { policy: RoutingPolicy; options: RoutingOptions } {
  const options: RoutingOptions = { auditRate: settings.auditRate, seed: settings.seed };
  switch (settings.policy) {
    case "threshold":
      return { policy: { policy: "threshold", threshold: settings.threshold ?? 1 }, options };
    case "budget":
      return { policy: { policy: "budget", humanShare: settings.humanShare ?? DEFAULT_HUMAN_SHARE }, options };
    case "random":
      return { policy: { policy: "random", humanShare: settings.humanShare ?? DEFAULT_HUMAN_SHARE, seed: settings.seed }, options };
    case "all_human":
      return { policy: { policy: "all_human" }, options };
    case "all_llm":
      return { policy: { policy: "all_llm" }, options };
  }
}

/**
 * How many submitted responses complete a record: the dataset's `minSubmitted`, plus `overlapExtra` for a record
 * whose uncertainty is strictly above `overlapThreshold` (the most uncertain records get more annotators, so their
 * human consensus is worth more). A record without an uncertainty needs the base number.
 */
export function requiredResponsesFor(uncertainty: number | null, minSubmitted: number, settings: RoutingSettings): number {
  const above = settings.overlapThreshold !== undefined && uncertainty !== null && uncertainty > settings.overlapThreshold;
  return minSubmitted + (above ? settings.overlapExtra : 0);
}
