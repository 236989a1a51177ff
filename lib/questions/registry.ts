/**
 * The question-type registry: the only place that knows which question types exist.
 * Code elsewhere looks a type up by name and calls its methods; it never switches on the type.
 */
import type { z } from "zod";
import { formatZodError } from "./errors";
import { labelQuestion } from "./label";
import { multiLabelQuestion } from "./multi-label";
import { rankingQuestion } from "./ranking";
import { ratingQuestion } from "./rating";
import { textQuestion } from "./text";
import type { Aggregate, AggregateContext, QuestionType, SuggestionVote } from "./types";

export const questionTypes = {
  label: labelQuestion,
  multi_label: multiLabelQuestion,
  ranking: rankingQuestion,
  rating: ratingQuestion,
  text: textQuestion,
} as const;

export type QuestionTypeName = keyof typeof questionTypes;

/** Usable in `z.enum(questionTypeNames)`. The checks below keep it in step with `questionTypes`. */
export const questionTypeNames = ["label", "multi_label", "ranking", "rating", "text"] as const satisfies readonly QuestionTypeName[];
type Missing = Exclude<QuestionTypeName, (typeof questionTypeNames)[number]>;
const _everyTypeIsListed: [Missing] extends [never] ? true : Missing = true;
void _everyTypeIsListed;

/** Settings and value types of a question type, by name. */
export type QuestionSettings<T extends QuestionTypeName> = (typeof questionTypes)[T] extends QuestionType<infer S, unknown> ? S : never;
export type QuestionValue<T extends QuestionTypeName> = Extract<ReturnType<(typeof questionTypes)[T]["parse"]>, { ok: true }>["value"];

/**
 * A question type with its settings and values erased to `unknown`, for code that only has a type name.
 * Pass it settings that went through `parseQuestionSettings` (or use the by-name helpers below, which do).
 */
export type AnyQuestionType = QuestionType<unknown, unknown>;

export function isQuestionTypeName(type: string): type is QuestionTypeName {
  return Object.prototype.hasOwnProperty.call(questionTypes, type);
}

export class UnknownQuestionTypeError extends Error {
  readonly questionType: string;
  constructor(questionType: string) {
    super(`unknown question type ${JSON.stringify(questionType)} (expected one of: ${questionTypeNames.join(", ")})`);
    this.name = "UnknownQuestionTypeError";
    this.questionType = questionType;
  }
}

export function getQuestionType<T extends QuestionTypeName>(type: T): (typeof questionTypes)[T];
export function getQuestionType(type: string): AnyQuestionType;
export function getQuestionType(type: string): AnyQuestionType {
  if (!isQuestionTypeName(type)) throw new UnknownQuestionTypeError(type);
  // The erasure type-checks through method bivariance; it is only safe because callers hand each module settings
  // and values its own schemas produced (the by-name helpers below guarantee it).
  return questionTypes[type];
}

export type CheckResult<T> = { ok: true; value: T } | { ok: false; error: string };

function check<T>(schema: z.ZodType<T>, raw: unknown, what: string): CheckResult<T> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: `${what}: ${formatZodError(result.error)}` };
}

/** Validate a question's settings; the error names the type and the path of each problem. */
export function parseQuestionSettings<T extends QuestionTypeName>(type: T, raw: unknown): CheckResult<QuestionSettings<T>>;
export function parseQuestionSettings(type: string, raw: unknown): CheckResult<unknown>;
export function parseQuestionSettings(type: string, raw: unknown): CheckResult<unknown> {
  if (!isQuestionTypeName(type)) return { ok: false, error: new UnknownQuestionTypeError(type).message };
  const questionType: AnyQuestionType = questionTypes[type];
  return check(questionType.settingsSchema, raw, `invalid ${type} settings`);
}

/** Validate a response (or suggestion) value against raw settings; invalid settings are reported as such. */
export function parseQuestionValue<T extends QuestionTypeName>(type: T, settings: unknown, raw: unknown): CheckResult<QuestionValue<T>>;
export function parseQuestionValue(type: string, settings: unknown, raw: unknown): CheckResult<unknown>;
export function parseQuestionValue(type: string, settings: unknown, raw: unknown): CheckResult<unknown> {
  const s = parseQuestionSettings(type, settings);
  if (!s.ok) return s;
  return check(getQuestionType(type).valueSchema(s.value), raw, `invalid ${type} value`);
}

function settingsOrThrow(type: string, raw: unknown): unknown {
  const s = parseQuestionSettings(type, raw);
  if (!s.ok) throw new Error(s.error);
  return s.value;
}

/** Aggregate by type name from stored (unparsed) settings. Throws on an unknown type or invalid settings. */
export function aggregateQuestion(
  type: string,
  settings: unknown,
  votes: readonly SuggestionVote[],
  ctx: AggregateContext,
): Aggregate {
  return getQuestionType(type).aggregate(votes, settingsOrThrow(type, settings), ctx);
}

/** Format a value by type name: "" for no value; a value invalid for the settings is shown as JSON rather than throwing. */
export function formatQuestionValue(type: string, settings: unknown, value: unknown): string {
  if (value === null || value === undefined) return "";
  const v = parseQuestionValue(type, settings, value);
  return v.ok ? getQuestionType(type).formatValue(v.value, settingsOrThrow(type, settings)) : JSON.stringify(value) ?? "";
}

export type AgreementScale = { level: "none" } | { level: "nominal" } | { level: "ordinal"; order: readonly unknown[] };

/** How answers of this type are compared for agreement (see `QuestionType.agreement`), from stored settings. */
export function agreementScale(type: string, settings: unknown): AgreementScale {
  return getQuestionType(type).agreement(settingsOrThrow(type, settings));
}
