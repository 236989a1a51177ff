// The form's values, generically: nothing here knows a question type; it asks the registry.
import { getQuestionType, isQuestionTypeName, parseQuestionSettings, parseQuestionValue, prefillsFromProposal } from "@/lib/questions";
import type { RecordView } from "@/lib/server/services/records";

export type FormValues = Record<string, unknown>;
export type QuestionErrors = Record<string, string[]>;

type Question = RecordView["questions"][number];

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

function emptyValue(question: Question): unknown {
  if (!isQuestionTypeName(question.type)) return null;
  const settings = parseQuestionSettings(question.type, question.settings);
  return settings.ok ? getQuestionType(question.type).emptyValue(settings.value as never) : null;
}

/**
 * Where the form starts: the user's own response if they have one (a draft after a reload, or what they submitted
 * when they come back to a record), else the LLM's proposal when valid, not in blind mode, and the question's type
 * starts from it (free text does not, unless its settings say `prefill`), else the empty value.
 */
export function initialValues(record: RecordView, blind: boolean): FormValues {
  const values: FormValues = {};
  for (const question of record.questions) {
    if (record.myResponse) {
      values[question.name] = record.myResponse.values[question.name] ?? emptyValue(question);
    } else if (
      !blind &&
      prefillsFromProposal(question) &&
      question.proposal &&
      question.proposal.value !== null &&
      parseQuestionValue(question.type, question.settings, question.proposal.value).ok
    ) {
      values[question.name] = question.proposal.value;
    } else {
      values[question.name] = emptyValue(question);
    }
  }
  return values;
}

/** What is sent: answered questions only (blank text is no answer). */
export function responseValues(record: RecordView, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const question of record.questions) {
    const value = values[question.name];
    if (!isBlank(value)) out[question.name] = value;
  }
  return out;
}

/** The same checks the server makes on submit, so the user hears about them at once and next to the question. */
export function checkValues(record: RecordView, values: FormValues, forSubmit: boolean): QuestionErrors {
  const errors: QuestionErrors = {};
  for (const question of record.questions) {
    const value = values[question.name];
    if (isBlank(value)) {
      if (forSubmit && question.required) errors[question.name] = ["This question is required to submit."];
      continue;
    }
    const parsed = parseQuestionValue(question.type, question.settings, value);
    if (!parsed.ok) errors[question.name] = [parsed.error];
  }
  return errors;
}

export function hasErrors(errors: QuestionErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** Maps a 400's details (`where: "values.<name>"`) to questions; the rest are for the whole form. */
export function splitServerDetails(
  details: { where?: string; message: string }[],
  questionNames: string[],
): { byQuestion: QuestionErrors; general: string[] } {
  const byQuestion: QuestionErrors = {};
  const general: string[] = [];
  for (const detail of details) {
    const name = detail.where?.startsWith("values.") ? detail.where.slice("values.".length) : null;
    if (name && questionNames.includes(name)) (byQuestion[name] ??= []).push(detail.message);
    else general.push(detail.where ? `${detail.where}: ${detail.message}` : detail.message);
  }
  return { byQuestion, general };
}
