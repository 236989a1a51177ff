/**
 * How an LLM is asked a `multi_label` question: the list of options that apply (possibly none), or one
 * true/false question per option.
 */
import type { PromptVariant } from "../llm/contracts";
import { describeKeys, keySchema, matchOptionList, shownOrDefault } from "./llm-options";
import type { QuestionLlm } from "./llm-types";
import type { QuestionOption } from "./options";
import type { ParseResult } from "./types";

interface Settings {
  options: QuestionOption[];
}

const VARIANTS: readonly PromptVariant[] = ["plain", "instruction_after", "shuffled_options", "paraphrase", "true_false", "letters"];

/** Settings order, without duplicates: a set does not depend on the order the model listed it in. */
function asSet(values: readonly string[], options: readonly QuestionOption[]): string[] {
  const chosen = new Set(values);
  return options.map((o) => o.value).filter((v) => chosen.has(v));
}

export function multiLabelLlm<S extends Settings>(parse: (raw: unknown, settings: S) => ParseResult<string[]>): QuestionLlm<S, string[]> {
  return {
    strategies: ["single", "variants", "samples"],
    variants: VARIANTS,
    options: (settings) => settings.options,
    instruction: (_settings, wording) =>
      wording === "plain"
        ? "Choose every option that applies to the record; answer with an empty list when none applies."
        : "Which of these options are true of this record? List all that hold, or none.",
    answerSchema(settings, shown) {
      const s = shownOrDefault(shown, settings.options);
      return { type: "array", items: keySchema(s), description: describeKeys("a list (possibly empty) of distinct values from", s) };
    },
    readAnswer(answer, settings, shown) {
      const values = matchOptionList(answer, shownOrDefault(shown, settings.options));
      return values === null ? { ok: false } : parse(asSet(values, settings.options), settings);
    },
    fromTrueFalse: (trueValues, settings) => parse(asSet(trueValues, settings.options), settings),
  };
}
