/**
 * How an LLM is asked a `label` question: one option, by value or by letter; every variant and logprobs apply.
 */
import { PROMPT_VARIANTS } from "../llm/contracts";
import { describeKeys, keySchema, matchOption, shownOrDefault } from "./llm-options";
import type { QuestionLlm } from "./llm-types";
import type { QuestionOption } from "./options";
import type { ParseResult } from "./types";

interface Settings {
  options: QuestionOption[];
}

/** Built with the type's strict `parse`, which every cleaned-up answer still has to pass. */
export function labelLlm<S extends Settings>(parse: (raw: unknown, settings: S) => ParseResult<string>): QuestionLlm<S, string> {
  return {
    strategies: ["single", "variants", "samples", "logprobs"],
    variants: PROMPT_VARIANTS,
    options: (settings) => settings.options,
    instruction: (_settings, wording) =>
      wording === "plain"
        ? "Choose the one option that best fits the record."
        : "Which single option describes this record best? Pick exactly one.",
    answerSchema(settings, shown) {
      const s = shownOrDefault(shown, settings.options);
      return { ...keySchema(s), description: describeKeys("exactly one of", s) };
    },
    readAnswer(answer, settings, shown) {
      const value = matchOption(answer, shownOrDefault(shown, settings.options));
      return value === null ? { ok: false } : parse(value, settings);
    },
    // One "true" is a label; none or several is no answer to a one-of-N question.
    fromTrueFalse: (trueValues, settings) => (trueValues.length === 1 ? parse(trueValues[0], settings) : { ok: false }),
    // Letters: each answer is a single token, so the top alternatives at that token cover every option.
    logprobs: {
      keys: "letters",
      choices: (settings, shown) => shownOrDefault(shown, settings.options).options.map((o) => ({ token: o.key, key: o.value })),
    },
  };
}
