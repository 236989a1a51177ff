/**
 * A dataset's LLM settings (`Dataset.llm`): who proposes for which questions, how each spreads a question over votes,
 * and the curator's prompt templates. Pure: checked against the dataset's questions here, against the workspace's
 * providers by the service.
 */
import { z } from "zod";
import { PROMPT_VARIANTS, type PromptQuestion, type PromptVariant, type Strategy } from "./contracts";
import { checkTemplate, findStrategyProblems } from "./prompts";

const variantSchema = z.enum(PROMPT_VARIANTS as unknown as [PromptVariant, ...PromptVariant[]], {
  error: `a prompt variant must be one of ${PROMPT_VARIANTS.join(", ")}`,
});

export const strategySchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("single") }).strict(),
    z
      .object({
        kind: z.literal("variants"),
        variants: z
          .array(variantSchema)
          .min(2, "choose at least two prompt variants: each one is a vote")
          .refine((list) => new Set(list).size === list.length, "each prompt variant may be chosen once"),
      })
      .strict(),
    z
      .object({
        kind: z.literal("samples"),
        count: z.int("samples must be a whole number").min(2, "at least 2 samples").max(20, "at most 20 samples"),
        temperature: z.number("temperature must be a number").min(0.1, "sample at a temperature of at least 0.1").max(2),
      })
      .strict(),
    z.object({ kind: z.literal("logprobs") }).strict(),
    z
      .object({
        kind: z.literal("judge"),
        mode: z.enum(["pairwise", "listwise"], "mode must be pairwise or listwise"),
        bothOrders: z.boolean().default(true),
        rate: z
          .array(
            z
              .object({
                option: z.string().min(1),
                ratingQuestion: z.string().min(1).optional(),
                critiqueQuestion: z.string().min(1).optional(),
              })
              .strict(),
          )
          .default([]),
      })
      .strict(),
  ],
  { error: "strategy.kind must be one of single, variants, samples, logprobs, judge" },
);

export const proposerSchema = z
  .object({
    providerId: z.uuid("providerId must be the id of one of the workspace's LLM providers"),
    model: z.string("model must be a string").trim().min(1, "model is required").max(200),
    questions: z.array(z.string().min(1)).min(1, "choose at least one question"),
    strategy: strategySchema,
    selfEvaluate: z.boolean().default(false),
  })
  .strict();

export const datasetLlmSettingsSchema = z
  .object({
    proposers: z.array(proposerSchema).max(20, "at most 20 proposers").default([]),
    /** Prompt template per question name, replacing the default instruction. */
    templates: z.record(z.string(), z.string().max(20_000, "a template is at most 20,000 characters")).default({}),
    /** Temperature of the calls that are not samples (0: as deterministic as the endpoint allows). */
    temperature: z.number().min(0).max(2).default(0),
  })
  .strict();

export type Proposer = z.output<typeof proposerSchema>;
export type DatasetLlmSettings = z.output<typeof datasetLlmSettingsSchema>;
export type DatasetLlmSettingsInput = z.input<typeof datasetLlmSettingsSchema>;

// The zod output and the contract's Strategy must stay the same shape.
const _sameStrategy: Strategy = {} as z.output<typeof strategySchema>;
void _sameStrategy;

/** Reads stored settings; anything unreadable (an older shape) counts as no settings rather than breaking the page. */
export function readDatasetLlmSettings(raw: unknown): DatasetLlmSettings {
  const parsed = datasetLlmSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : datasetLlmSettingsSchema.parse({});
}

export interface LlmSettingsProblem {
  path: string;
  message: string;
}

/**
 * Problems of settings against the dataset: unknown questions and templates, and whatever makes a strategy
 * unusable for a question (its type does not accept it, a variant that does not apply, judge ratings aimed at the
 * wrong kind of question), as the prompt builders see it.
 */
export function checkLlmSettings(
  settings: DatasetLlmSettings,
  questions: PromptQuestion[],
  fieldNames: readonly string[],
): LlmSettingsProblem[] {
  const byName = new Map(questions.map((question) => [question.name, question]));
  const problems: LlmSettingsProblem[] = [];
  settings.proposers.forEach((proposer, index) => {
    const at = `proposers[${index}]`;
    for (const name of proposer.questions) {
      const question = byName.get(name);
      if (!question) {
        problems.push({ path: `${at}.questions`, message: `unknown question "${name}"` });
        continue;
      }
      for (const message of findStrategyProblems(question, questions, proposer.strategy)) {
        problems.push({ path: `${at}.strategy`, message });
      }
    }
  });
  for (const [name, template] of Object.entries(settings.templates)) {
    if (!byName.has(name)) {
      problems.push({ path: `templates.${name}`, message: `unknown question "${name}"` });
      continue;
    }
    for (const message of checkTemplate(template, fieldNames).problems) problems.push({ path: `templates.${name}`, message });
  }
  return problems;
}
