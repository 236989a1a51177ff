/**
 * The LLM part of the question-type contract (`QuestionType.llm`): what a type contributes to a prompt and how it
 * reads a model's answer back. Messages, variants, templates and strategies live in lib/llm/prompts and only call
 * these members, so no code there switches on the question type.
 */
import type { PromptVariant, Strategy } from "../llm/contracts";
import type { QuestionOption } from "./options";
import type { ParseResult } from "./types";

export type StrategyKind = Strategy["kind"];

/** A JSON schema object (kept structural: it is pasted into prompts and sent as `response_format`). */
export type JsonSchema = Record<string, unknown>;

/** How the instruction is worded: the CoAnnotating `paraphrase` variant asks the same thing in other words. */
export type Wording = "plain" | "paraphrase";

/** One option as the model sees it. `key` is what the model answers with: the option value, or a letter. */
export interface PresentedOption {
  key: string;
  value: string;
  text: string;
  description?: string;
}

/** The options of one prompt in the order shown, and whether the model answers with values or letters. */
export interface Presentation {
  keys: "values" | "letters";
  options: PresentedOption[];
}

/** A judge's verdict on one candidate, on the judge's own 1–5 scale, with its critique. */
export interface Judgement {
  rating: number;
  critique: string;
}

/**
 * Methods (not function-valued properties) on purpose: method parameters are bivariant, which is what lets the
 * registry erase settings and values to `unknown` (see `AnyQuestionType`).
 */
export interface QuestionLlm<S, V> {
  /** The strategy kinds this type accepts; the UI offers only these and `planVotes` refuses the others. */
  strategies: readonly StrategyKind[];
  /** The CoAnnotating variants that make sense for this type (empty when `variants` is not a strategy). */
  variants: readonly PromptVariant[];
  /** The options a model chooses among, in settings order; null for types without options (rating, text). */
  options(settings: S): readonly QuestionOption[] | null;
  /** The task in one or two sentences, e.g. "Choose the one option that best fits the record." */
  instruction(settings: S, wording: Wording): string;
  /**
   * JSON schema of the `answer` property (strict structured outputs: enums for keys, no open objects), with a
   * `description` that the format section of the prompt repeats. `shown` is null for types without options.
   */
  answerSchema(settings: S, shown: Presentation | null): JsonSchema;
  /**
   * The `answer` property of the model's JSON → a valid value, after tolerant cleanup (case, whitespace, quotes,
   * option text instead of value, letters and shuffled order mapped back); unparseable when it still is not valid.
   */
  readAnswer(answer: unknown, settings: S, shown: Presentation | null): ParseResult<V>;
  /** `true_false` variant: the option values the model said "true" to → a value. Present iff the variant is offered. */
  fromTrueFalse?(trueValues: readonly string[], settings: S): ParseResult<V>;
  /**
   * `logprobs` strategy: which presentation the prompt uses, and the answer tokens whose probabilities make the
   * distribution, each with the distribution key it stands for. Present iff the strategy is offered.
   */
  logprobs?: {
    keys: Presentation["keys"] | null;
    choices(settings: S, shown: Presentation | null): { token: string; key: string }[];
  };
  /** A judge's per-candidate verdict → a value of this (related) question, e.g. a rating mapped onto its scale. */
  fromJudgement?(judgement: Judgement, settings: S): ParseResult<V>;
}
