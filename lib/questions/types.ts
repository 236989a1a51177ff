/**
 * The contract every question type implements. The rest of the app codes against these types only,
 * so that adding a question type is one module here (and one widget), never a `switch` elsewhere.
 */
import type { z } from "zod";
import type { QuestionLlm } from "./llm-types";

/**
 * How a dataset turns suggestions into an uncertainty (chosen per dataset, applied to every question). `auto` picks,
 * per (record, question), the signal the data has: votes that can disagree, else the agents' scores, else a
 * probability distribution (see `chooseEstimate` in votes.ts); the others force one signal.
 */
export const UNCERTAINTY_METHODS = ["auto", "vote_entropy", "self_eval", "logprob"] as const;
export type UncertaintyMethod = (typeof UNCERTAINTY_METHODS)[number];

/** One suggestion of one (record, question), in suggestion order. */
export interface SuggestionVote {
  agent: string;
  /** Raw value as the agent gave it; may be invalid or null, which makes it an unparseable vote. */
  value: unknown;
  /** The agent's confidence, 0..1. */
  score?: number | null;
  /** Probability per option (from token logprobs). */
  distribution?: Record<string, number> | null;
}

/** One line of the vote breakdown shown in the UI. Key `UNPARSEABLE_KEY` ("__unparseable__") for unparseable votes. */
export interface VoteBucket {
  key: string;
  label: string;
  count: number;
  agents: string[];
}

/** The proposal derived from all suggestions of one (record, question). */
export interface Aggregate<V = unknown> {
  /** Consensus; null when there is none (no votes, or the consensus is "unparseable"). */
  value: V | null;
  /** Raw uncertainty in the method's unit: bits for entropies, a 0..1 fraction otherwise. */
  uncertainty: number | null;
  /** 0..1; null = this question gives no uncertainty signal. */
  normalized: number | null;
  /** See `AGGREGATE_METHODS`; fallbacks read e.g. "vote_entropy (fallback: no self_eval scores)". */
  method: string;
  /** Number of suggestions counted (unparseable ones included). */
  votes: number;
  /** Vote breakdown (ranking: one bucket per distinct order; multi_label: one per option, with its yes-count). */
  buckets: VoteBucket[];
}

export interface AggregateContext {
  method: UncertaintyMethod;
  /** Text questions only: the aggregate of their companion rating question. */
  companion?: Aggregate | null;
}

export type ParseResult<V> = { ok: true; value: V } | { ok: false };

export interface QuestionType<S, V> {
  /** "label" | "multi_label" | "ranking" | "rating" | "text". */
  type: string;
  /** The question's settings (options, scale...), validated when a dataset is configured. */
  settingsSchema: z.ZodType<S>;
  /** A valid response/suggestion value for these settings. */
  valueSchema(settings: S): z.ZodType<V>;
  /** Suggestion value → valid value, or unparseable. */
  parse(raw: unknown, settings: S): ParseResult<V>;
  aggregate(votes: readonly SuggestionVote[], settings: S, ctx: AggregateContext): Aggregate<V>;
  /** Short human-readable text, e.g. option labels joined with " > " for a ranking. */
  formatValue(value: V, settings: S): string;
  /** What an unanswered form starts from. */
  emptyValue(settings: S): V | null;
  /**
   * Whether the annotation form starts from the LLMs' proposal (not in blind mode). A choice is quick to check and
   * to change; a pre-filled free text tends to be submitted as it is and then passes for a person's own words, so
   * text starts empty unless its settings ask otherwise. Answers left as proposed are recorded as `confirmed`.
   */
  prefillsFromProposal(settings: S): boolean;
  /**
   * How values are stored in flat files (CSV, Parquet, Hugging Face features): `string`, `int64`, or `list` (a JSON
   * list in a CSV cell, a native list in Parquet). This is the type's export mapping.
   */
  valueKind: "string" | "int64" | "list";
  /**
   * Whether options may be added once the dataset is published: true where a new option is one more choice and
   * every earlier answer stays valid (label, multi_label), false where it would change the meaning of answers
   * already given (a ranking must order all options).
   */
  optionsMayGrow: boolean;
  /**
   * Name of another question of the same record whose aggregate this one needs as `ctx.companion`
   * (text questions borrowing a rating's uncertainty), or null. Lets callers order the work without knowing types.
   */
  companionOf?(settings: S): string | null;
  /** How an LLM is asked this question and how its answer is read back (see llm-types.ts). */
  llm: QuestionLlm<S, V>;
  /**
   * How answers are compared when measuring agreement (LLM vs humans, annotators with each other): `none` where
   * equality says little (free text is rarely equal word for word), `nominal` where answers are equal or not, and
   * `ordinal` with the scale's values in order where a near miss is closer than a far one (a rating).
   */
  agreement(settings: S): { level: "none" } | { level: "nominal" } | { level: "ordinal"; order: readonly V[] };
}
