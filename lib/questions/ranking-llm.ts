/**
 * How an LLM is asked a `ranking` question: every option once, best first. Judging candidate responses
 * (the `judge` strategy) is built in lib/llm/prompts/judge*.ts from these options.
 */
import type { PromptVariant } from "../llm/contracts";
import { describeKeys, keySchema, matchOptionList, shownOrDefault } from "./llm-options";
import type { QuestionLlm } from "./llm-types";
import type { QuestionOption } from "./options";
import type { ParseResult } from "./types";

interface Settings {
  options: QuestionOption[];
}

// No true_false: yes/no per option says nothing about the order between the options.
const VARIANTS: readonly PromptVariant[] = ["plain", "instruction_after", "shuffled_options", "paraphrase", "letters"];

export function rankingLlm<S extends Settings>(parse: (raw: unknown, settings: S) => ParseResult<string[]>): QuestionLlm<S, string[]> {
  return {
    strategies: ["single", "variants", "samples", "judge"],
    variants: VARIANTS,
    options: (settings) => settings.options,
    instruction: (_settings, wording) =>
      wording === "plain"
        ? "Order all the options from best to worst."
        : "Rank every option, putting the best one first and the worst one last.",
    answerSchema(settings, shown) {
      const s = shownOrDefault(shown, settings.options);
      return { type: "array", items: keySchema(s), description: describeKeys("every one of these values exactly once, best first", s) };
    },
    // Strict after mapping: a ranking that leaves out or repeats an option is unparseable, not patched up.
    readAnswer(answer, settings, shown) {
      const values = matchOptionList(answer, shownOrDefault(shown, settings.options));
      return values === null ? { ok: false } : parse(values, settings);
    },
  };
}
