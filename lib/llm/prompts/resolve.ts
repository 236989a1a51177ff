/**
 * A prompt question with its type module and validated settings: the only door from a question's name and raw
 * settings to the registry, so the prompt code never branches on the type itself.
 */
import { getQuestionType, parseQuestionSettings, type AnyQuestionType } from "../../questions/registry";
import type { PromptQuestion } from "../contracts";

export interface ResolvedQuestion {
  question: PromptQuestion;
  type: AnyQuestionType;
  settings: unknown;
}

/** Throws with a readable message on an unknown type or invalid settings: the dataset is misconfigured. */
export function resolveQuestion(question: PromptQuestion): ResolvedQuestion {
  const s = parseQuestionSettings(question.type, question.settings);
  if (!s.ok) throw new Error(`question "${question.name}": ${s.error}`);
  return { question, type: getQuestionType(question.type), settings: s.value };
}
