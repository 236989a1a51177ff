/**
 * How an LLM is asked a `rating` question: an integer on the question's scale. No options to shuffle or letter,
 * so only the wording and position variants apply; logprobs read the digit token.
 */
import type { PromptVariant } from "../llm/contracts";
import type { QuestionLlm } from "./llm-types";
import type { ParseResult } from "./types";

interface Settings {
  min: number;
  max: number;
}

const VARIANTS: readonly PromptVariant[] = ["plain", "instruction_after", "paraphrase"];

function scale(settings: Settings): number[] {
  return Array.from({ length: settings.max - settings.min + 1 }, (_, i) => settings.min + i);
}

// "4/5" and "4 out of 5" when the denominator is the scale's top: a model stating the scale, not another one.
const OUT_OF = /^([+-]?\d+(?:\.\d+)?)\s*(?:\/|out of)\s*(\d+)$/i;

function cleanRating(answer: unknown, settings: Settings): unknown {
  if (typeof answer !== "string") return answer;
  const s = answer.trim().replace(/^["'`]+|["'`.]+$/g, "").trim();
  const m = OUT_OF.exec(s);
  if (m && Number(m[2]) === settings.max) return m[1];
  return s;
}

/**
 * A judge's 1–5 rating on this scale: linear (1 → min, 5 → max), rounded half up, e.g. on 0..10:
 * 1→0, 2→3, 3→5, 4→8, 5→10. Ratings outside 1–5 are not judgements and stay unparseable.
 */
export function fromFivePoint(rating: number, settings: Settings): number | null {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return null;
  return Math.floor(settings.min + ((rating - 1) * (settings.max - settings.min)) / 4 + 0.5);
}

export function ratingLlm<S extends Settings>(parse: (raw: unknown, settings: S) => ParseResult<number>): QuestionLlm<S, number> {
  return {
    strategies: ["single", "variants", "samples", "logprobs"],
    variants: VARIANTS,
    options: () => null,
    instruction: (s, wording) =>
      wording === "plain"
        ? `Rate the record on a scale from ${s.min} (lowest) to ${s.max} (highest).`
        : `Give the record a whole-number score between ${s.min} and ${s.max}, where ${s.max} is the best.`,
    answerSchema: (s) => ({ type: "integer", enum: scale(s), description: `an integer from ${s.min} to ${s.max}` }),
    readAnswer: (answer, settings) => parse(cleanRating(answer, settings), settings),
    logprobs: {
      keys: null,
      // The distribution's keys are the ratings as strings, which the rating aggregator reads back as ratings.
      choices: (settings) => scale(settings).map((n) => ({ token: String(n), key: String(n) })),
    },
    fromJudgement(judgement, settings) {
      const v = fromFivePoint(judgement.rating, settings);
      return v === null ? { ok: false } : parse(v, settings);
    },
  };
}
