/**
 * Plans that ask the question itself in one call per vote: `single`, `samples`, `logprobs` and every CoAnnotating
 * variant except `true_false` (see true-false.ts).
 */
import type { Presentation, Wording } from "../../questions/llm-types";
import type { ChatCall, PromptContext, PromptVariant, VotePlan } from "../contracts";
import { parsed, unparseable } from "./drafts";
import { answerOutput, readEnvelope } from "./envelope";
import { renderFields } from "./fields";
import { logprobDistribution, type LogprobChoice } from "./logprob-distribution";
import { guidelinesBlock, messages, questionBlock, systemMessage, userMessage } from "./messages";
import { optionsBlock, presentationFor } from "./presentation";
import type { ResolvedQuestion } from "./resolve";
import { DEFAULT_TEMPLATE } from "./template";

export interface Ask {
  label: string;
  variant: PromptVariant | "sample";
  wording: Wording;
  recordFirst: boolean;
  shown: Presentation | null;
  temperature?: number;
  logprobChoices?: LogprobChoice[];
}

export function askCall(ctx: PromptContext, rq: ResolvedQuestion, ask: Ask): ChatCall {
  const output = answerOutput("sift_answer", rq.type.llm.answerSchema(rq.settings, ask.shown), ctx.selfEvaluate);
  const user = userMessage(ctx, {
    blocks: {
      guidelines: guidelinesBlock(ctx),
      fields: `## Record\n${renderFields(ctx)}`,
      question: questionBlock(ctx, rq.type.llm.instruction(rq.settings, ask.wording)),
      options: optionsBlock(ask.shown),
    },
    output,
    defaultTemplate: DEFAULT_TEMPLATE,
    recordFirst: ask.recordFirst,
  });
  return {
    messages: messages(systemMessage(ask.wording), user),
    output,
    ...(ask.logprobChoices ? { logprobChoices: ask.logprobChoices.map((c) => c.token) } : {}),
    ...(ask.temperature !== undefined ? { temperature: ask.temperature } : {}),
  };
}

export function askPlan(ctx: PromptContext, rq: ResolvedQuestion, ask: Ask): VotePlan {
  return {
    label: ask.label,
    variant: ask.variant,
    calls: [askCall(ctx, rq, ask)],
    interpret(answers) {
      const a = answers[0];
      if (!a) return unparseable("");
      const raw = a.result.text;
      const distribution = ask.logprobChoices ? logprobDistribution(a.result.logprobs, ask.logprobChoices) : null;
      const env = readEnvelope(a.json);
      if (!env) return unparseable(raw, { distribution });
      const v = rq.type.llm.readAnswer(env.answer, rq.settings, ask.shown);
      // A confidence in an answer that could not be read is not a confidence in any vote: no score.
      if (!v.ok) return unparseable(raw, { distribution, rationale: env.rationale });
      return parsed(v.value, { distribution, rationale: env.rationale, score: ctx.selfEvaluate ? env.score : null });
    },
  };
}

const plain = { wording: "plain", recordFirst: false } as const;

export function singlePlan(ctx: PromptContext, rq: ResolvedQuestion): VotePlan {
  return askPlan(ctx, rq, { ...plain, label: "single", variant: "plain", shown: presentationFor(rq, "values") });
}

export function samplePlans(ctx: PromptContext, rq: ResolvedQuestion, count: number, temperature: number): VotePlan[] {
  const shown = presentationFor(rq, "values");
  return Array.from({ length: count }, (_, i) =>
    askPlan(ctx, rq, { ...plain, label: `sample-${i + 1}`, variant: "sample", shown, temperature }),
  );
}

export function logprobPlan(ctx: PromptContext, rq: ResolvedQuestion): VotePlan {
  const spec = rq.type.llm.logprobs;
  if (!spec) throw new Error(`question "${rq.question.name}": ${rq.question.type} questions do not support logprobs`);
  const shown = presentationFor(rq, spec.keys);
  return askPlan(ctx, rq, {
    ...plain,
    label: "logprobs",
    variant: spec.keys === "letters" ? "letters" : "plain",
    shown,
    logprobChoices: spec.choices(rq.settings, shown),
  });
}

/**
 * The run's seed, the question and the record's own fields: the same prompt on every retry, yet a different order
 * from record to record even when the caller's seed is per run (one fixed order for all would be a bias, not noise).
 */
function shuffleSeed(ctx: PromptContext): string {
  return `${ctx.seed}|${ctx.question.name}|${JSON.stringify(ctx.recordFields)}`;
}

/** One variant other than true_false. */
export function variantPlan(ctx: PromptContext, rq: ResolvedQuestion, variant: Exclude<PromptVariant, "true_false">): VotePlan {
  const base = { label: variant, variant, ...plain };
  switch (variant) {
    case "plain":
      return askPlan(ctx, rq, { ...base, shown: presentationFor(rq, "values") });
    case "instruction_after":
      return askPlan(ctx, rq, { ...base, recordFirst: true, shown: presentationFor(rq, "values") });
    case "shuffled_options":
      return askPlan(ctx, rq, { ...base, shown: presentationFor(rq, "values", shuffleSeed(ctx)) });
    case "paraphrase":
      return askPlan(ctx, rq, { ...base, wording: "paraphrase", shown: presentationFor(rq, "values") });
    case "letters":
      return askPlan(ctx, rq, { ...base, shown: presentationFor(rq, "letters") });
  }
}
