/**
 * The shapes shared by the three parts of Sift's LLM work, so each can be built and tested on its own:
 *  - prompts (lib/llm/prompts, and each question type's `llm` member): what to ask and how to read the answer, pure;
 *  - the client (lib/llm/client.ts): one chat completion against an OpenAI-compatible endpoint, with retries;
 *  - runs (lib/server/services/llm-runs*.ts and the worker): which records, limits, counters, writing suggestions.
 * Nothing here imports Prisma, Next or the openai package.
 */

export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** A JSON schema for `response_format: {type: "json_schema"}`; also pasted into the prompt when unsupported. */
export interface OutputSchema {
  /** `^[a-zA-Z0-9_-]{1,64}$`, as OpenAI requires. */
  name: string;
  schema: Record<string, unknown>;
}

/** One chat completion to make. */
export interface ChatCall {
  messages: ChatMessage[];
  output: OutputSchema;
  /**
   * Ask for token log-probabilities and read them at the answer token: the option values (or letters) whose
   * probabilities make the suggestion's `distribution`. Absent: no logprobs requested.
   */
  logprobChoices?: string[];
  /** Sampling temperature; absent means the run's default (0 for deterministic variants). */
  temperature?: number;
}

/** A token with its log-probability and the top alternatives at that position, as the endpoint returned them. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  top: { token: string; logprob: number }[];
}

/** What came back from one call (after the client's retries). */
export interface ChatResult {
  /** The assistant message text, verbatim. */
  text: string;
  finishReason: string | null;
  inputTokens: number;
  outputTokens: number;
  /** Present when logprobs were requested and the endpoint returned them. */
  logprobs?: TokenLogprob[];
}

/** How a strategy spreads one question over several votes (DESIGN.md: each suggestion is one vote). */
export type PromptVariant =
  | "plain" // the instruction, then the input
  | "instruction_after" // the input, then the instruction
  | "shuffled_options" // options in another (seeded) order
  | "paraphrase" // the instruction in other words
  | "true_false" // one yes/no question per option; the yes answers make the value
  | "letters"; // multiple choice with letters A, B, C…

export const PROMPT_VARIANTS: readonly PromptVariant[] = [
  "plain",
  "instruction_after",
  "shuffled_options",
  "paraphrase",
  "true_false",
  "letters",
];

export interface PromptQuestion {
  name: string;
  title: string;
  description: string;
  type: string;
  /** Validated by the type's settings schema. */
  settings: unknown;
}

/** The dataset's view that a prompt needs: nothing about storage. */
export interface PromptContext {
  guidelines: string;
  fields: { name: string; title: string; type: string }[];
  /** The record's field values by field name (text, markdown, chat messages, image URL, JSON). */
  recordFields: Record<string, unknown>;
  question: PromptQuestion;
  /** Every question of the dataset (a judge's ratings go to rating questions whose scale it must know). */
  questions: PromptQuestion[];
  /** A curator's instruction template replacing the default; placeholders are documented in lib/llm/prompts. */
  template?: string;
  /** Ask the model to also state its confidence 0..1 (self-evaluation). */
  selfEvaluate: boolean;
  /** Seed for anything shuffled, so a retried or restarted run asks the same prompt. */
  seed: string;
}

/** What one suggestion will hold (its vote); `rawOutput` keeps the text when the value is unparseable. */
export interface SuggestionDraft {
  value: unknown;
  score: number | null;
  rationale: string | null;
  distribution: Record<string, number> | null;
  rawOutput: string | null;
}

/**
 * One vote to obtain: the calls to make and how to combine their answers. `true_false` needs one call per option;
 * everything else one call. `interpret` receives, per call, the parsed JSON (or null when it stayed unparseable after
 * the repair retry) with the call's result, and must always return a draft: an unreadable answer becomes an
 * unparseable vote (value null) with its raw text, never an exception.
 */
export interface VotePlan {
  /** The suffix of the agent name, e.g. "letters" or "sample-2" or "ab" / "ba" for a judge's orders. */
  label: string;
  variant: PromptVariant | "sample" | "judge";
  calls: ChatCall[];
  interpret(answers: { json: unknown | null; result: ChatResult }[]): VoteOutcome;
}

export interface VoteOutcome extends SuggestionDraft {
  /**
   * Suggestions the same calls made for other questions of the record, stored under the same agent name: a judge's
   * per-response rating (1–5) and critique, UltraFeedback-style, for the rating and text questions named in
   * `JudgeStrategy.rate`.
   */
  related?: { question: string; draft: SuggestionDraft }[];
}

/** How one proposer spreads one question over votes. Which kinds a question type accepts is its `llm.strategies`. */
export type Strategy =
  | { kind: "single" } // one call, one vote (several models voting = several proposers with "single")
  | { kind: "variants"; variants: PromptVariant[] } // CoAnnotating: one vote per prompt variant
  | { kind: "samples"; count: number; temperature: number } // the same prompt sampled `count` times
  | { kind: "logprobs" } // one call; the answer token's log-probabilities give the distribution
  | JudgeStrategy;

/** Ranking questions: the model judges the candidates (the ranking's options name the fields holding them). */
export interface JudgeStrategy {
  kind: "judge";
  mode: "pairwise" | "listwise";
  /** Ask again with the candidates in reverse order; both answers are votes, so position bias shows as disagreement. */
  bothOrders: boolean;
  /** Optionally rate each candidate 1–5 with a critique: which rating / text question receives it, per option. */
  rate: { option: string; ratingQuestion?: string; critiqueQuestion?: string }[];
}
