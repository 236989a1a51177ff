/**
 * `planVotes`: which chat calls make the votes of one (record, question) under one strategy, and how each vote is
 * read back. Plan labels, which end the agent names (`agentName`):
 *  - single → "single" (the model is already the agent's prefix, so two models stay two agents);
 *  - variants → the variant name, e.g. "letters";
 *  - samples → "sample-1" … "sample-n";
 *  - logprobs → "logprobs";
 *  - judge → "ab" / "ba" for two candidates, "forward" / "reversed" for more (see judge.ts).
 */
import type { PromptContext, Strategy, VotePlan } from "../contracts";
import { judgePlans } from "./judge";
import { logprobPlan, samplePlans, singlePlan, variantPlan } from "./question-plans";
import { resolveQuestion } from "./resolve";
import { findStrategyProblems } from "./strategy-problems";
import { trueFalsePlan } from "./true-false";

/**
 * The vote plans, in a fixed order (the order of `strategy.variants` for variants). Throws with readable reasons
 * when the strategy does not apply to the question (see `findStrategyProblems`): that is a configuration error to
 * catch before a run starts, not a vote. `model` is not part of the prompt; it is taken so that callers always
 * pass what `agentName` needs alongside.
 */
export function planVotes(ctx: PromptContext, strategy: Strategy, model: string): VotePlan[] {
  void model;
  const problems = findStrategyProblems(ctx.question, ctx.questions, strategy);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const rq = resolveQuestion(ctx.question);
  switch (strategy.kind) {
    case "single":
      return [singlePlan(ctx, rq)];
    case "samples":
      return samplePlans(ctx, rq, strategy.count, strategy.temperature);
    case "logprobs":
      return [logprobPlan(ctx, rq)];
    case "variants":
      return strategy.variants.map((v) => (v === "true_false" ? trueFalsePlan(ctx, rq) : variantPlan(ctx, rq, v)));
    case "judge":
      return judgePlans(ctx, rq, strategy);
  }
}

/** The suggestion's agent: `model/label`, and `judge:model/label` for a judge's votes (DESIGN.md, Suggestion). */
export function agentName(model: string, plan: Pick<VotePlan, "label" | "variant">): string {
  return `${plan.variant === "judge" ? "judge:" : ""}${model}/${plan.label}`;
}
