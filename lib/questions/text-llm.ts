/**
 * How an LLM is asked a `text` question: free text. Texts are not votes, so there are no prompt variants to
 * disagree over; `samples` still lets the most confident of several answers win (see text.ts).
 */
import type { QuestionLlm } from "./llm-types";
import type { ParseResult } from "./types";

export function textLlm<S>(parse: (raw: unknown, settings: S) => ParseResult<string>): QuestionLlm<S, string> {
  return {
    strategies: ["single", "samples"],
    variants: [],
    options: () => null,
    instruction: (_settings, wording) =>
      wording === "plain" ? "Answer the question in your own words." : "Write your answer to the question as text.",
    answerSchema: () => ({ type: "string", description: "your answer as text" }),
    readAnswer: (answer, settings) => parse(typeof answer === "string" ? answer.trim() : answer, settings),
    // A judge's critique of a candidate is the text this question receives.
    fromJudgement: (judgement, settings) => parse(judgement.critique.trim(), settings),
  };
}
