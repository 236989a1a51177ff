// Words for the LLM tab: strategies, prompt variants, placeholders, numbers and money. Pure; nothing here knows the
// question types (what a question accepts comes from its type's `llm` member, through the API).
import type { PromptVariant, Strategy } from "@/lib/llm/contracts";

export type StrategyKind = Strategy["kind"];

export const STRATEGY_TEXT: Record<StrategyKind, { label: string; hint: string }> = {
  single: { label: "Single call", hint: "One call, one vote. For several models voting, add one proposer per model." },
  variants: {
    label: "Prompt variants",
    hint: "CoAnnotating: the question asked in several ways, one vote each; disagreement between them is the uncertainty.",
  },
  samples: { label: "Samples", hint: "The same prompt sampled several times at a temperature; each answer is a vote." },
  logprobs: { label: "Token log-probabilities", hint: "One call; the probabilities of the answer token give the distribution." },
  judge: {
    label: "Judge",
    hint: "The model compares the candidate responses, optionally in both orders so that position bias shows as disagreement.",
  },
};

export const STRATEGY_ORDER: StrategyKind[] = ["single", "variants", "samples", "logprobs", "judge"];

export const VARIANT_TEXT: Record<PromptVariant, { label: string; hint: string }> = {
  plain: { label: "Plain", hint: "the instruction, then the input" },
  instruction_after: { label: "Instruction after", hint: "the input, then the instruction" },
  shuffled_options: { label: "Shuffled options", hint: "the options in another order" },
  paraphrase: { label: "Paraphrase", hint: "the instruction in other words" },
  true_false: { label: "True / false", hint: "one yes/no question per option" },
  letters: { label: "Letters", hint: "multiple choice with A, B, C…" },
};

/** What each placeholder of a template inserts (lib/llm/prompts/template.ts). */
export const PLACEHOLDER_TEXT: { placeholder: string; inserts: string }[] = [
  { placeholder: "{{guidelines}}", inserts: "the dataset's guidelines under a “Guidelines” heading (nothing when there are none)" },
  { placeholder: "{{fields}}", inserts: "every field of the record, each under its title (judges: the fields that are not candidates)" },
  { placeholder: "{{question}}", inserts: "the question's title, description and the task" },
  { placeholder: "{{options}}", inserts: "the options as this variant shows them (shuffled, lettered); a judge's “Response 1”, “Response 2”…" },
  { placeholder: "{{format}}", inserts: "how to answer: the JSON keys and what each must hold (added at the end when missing)" },
];

export function strategySummary(strategy: Strategy): string {
  switch (strategy.kind) {
    case "variants":
      return `${STRATEGY_TEXT.variants.label}: ${strategy.variants.map((variant) => VARIANT_TEXT[variant].label.toLowerCase()).join(", ")}`;
    case "samples":
      return `${strategy.count} samples at temperature ${strategy.temperature}`;
    case "judge":
      return `Judge, ${strategy.mode}${strategy.bothOrders ? ", both orders" : ""}${strategy.rate.length > 0 ? `, rates ${strategy.rate.length} candidate(s)` : ""}`;
    default:
      return STRATEGY_TEXT[strategy.kind].label;
  }
}

export const integer = new Intl.NumberFormat("en");

const usd = new Intl.NumberFormat("en", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** USD with cents, and down to a hundredth of a cent for small amounts: $0.0012. */
export function formatUsd(value: number): string {
  return usd.format(value);
}

/** "$0.50 in / $1.50 out per M tokens". */
export function formatPrices(model: { inputPricePerMillion: number; outputPricePerMillion: number }): string {
  return `${formatUsd(model.inputPricePerMillion)} in / ${formatUsd(model.outputPricePerMillion)} out per M tokens`;
}

/** `proposers[1].strategy` → "Proposer 2 — strategy"; `templates.sentiment` → "Prompt of sentiment". */
export function describePath(path: string | undefined): string {
  if (!path) return "";
  const proposer = /^proposers\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (proposer) return `Proposer ${Number(proposer[1]) + 1}${proposer[2] ? ` — ${proposer[2]}` : ""}`;
  const template = /^templates\.(.+)$/.exec(path);
  if (template) return `Prompt of “${template[1]}”`;
  return path;
}
