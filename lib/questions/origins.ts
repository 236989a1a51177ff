/**
 * Where a person's answer to one question came from, decided from what Sift showed them rather than from what a
 * client claims: `confirmed` (the value is the LLMs' proposal they were shown, left as it was), `changed` (the form
 * started from a proposal and they answered something else), `written` (no proposal to start from: blind mode, no
 * proposal, or a question whose form does not start from it, such as free text, and an answer of their own).
 *
 * The proposal compared with is the one current when the answer is saved. It can have changed since the form was
 * shown (new suggestions arrived meanwhile, rarely): an answer equal to the new proposal is then `confirmed`, which
 * errs on the side of not crediting people with answers the LLMs gave. An answer saved again unchanged keeps the
 * origin it had, so a later change of the proposal does not rewrite history. Pure: no database, no framework.
 */
import { getQuestionType, isQuestionTypeName, parseQuestionSettings } from "./registry";

export const ANSWER_ORIGINS = ["confirmed", "changed", "written"] as const;
export type AnswerOrigin = (typeof ANSWER_ORIGINS)[number];
/** Per answered question name. A question without an entry has an unknown origin (answers saved before origins). */
export type AnswerOrigins = Record<string, AnswerOrigin>;

export interface OriginQuestion {
  name: string;
  type: string;
  settings: unknown;
}

function settingsOf(question: OriginQuestion): unknown | null {
  if (!isQuestionTypeName(question.type)) return null;
  const settings = parseQuestionSettings(question.type, question.settings);
  return settings.ok ? settings.value : null;
}

/** Whether the annotation form starts from the LLMs' proposal for this question (the type's capability and settings). */
export function prefillsFromProposal(question: OriginQuestion): boolean {
  const settings = settingsOf(question);
  return settings !== null && getQuestionType(question.type).prefillsFromProposal(settings);
}

/** The question type's canonical form of a value (a multi-label set in option order), for comparing answers. */
function canonicalKey(question: OriginQuestion, settings: unknown, value: unknown): string {
  const single = getQuestionType(question.type).aggregate([{ agent: "canonical", value }], settings, { method: "vote_entropy" });
  return JSON.stringify(single.value ?? value);
}

/** Whether two answers to a question are the same answer (in the type's canonical form). */
export function sameAnswer(question: OriginQuestion, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  const settings = settingsOf(question);
  if (settings === null) return JSON.stringify(a) === JSON.stringify(b);
  return canonicalKey(question, settings, a) === canonicalKey(question, settings, b);
}

export interface OriginInput {
  questions: readonly OriginQuestion[];
  /** The answer being saved, per question name (unanswered questions absent). */
  values: Readonly<Record<string, unknown>>;
  /** The proposal value per question name, as the person could see it; empty when they could see none (blind mode). */
  proposals: Readonly<Record<string, unknown>>;
  /** The same person's answer saved before, if any, with its origins. */
  previous?: { values: Readonly<Record<string, unknown>>; origins: Readonly<Record<string, unknown>> } | null;
  /**
   * Origins an import states (a file's or a dataset folder's), taken as they are instead of comparing with the
   * proposals; an answer it says nothing about is `written` (a file: people's answers from elsewhere) or stays
   * unknown (a folder keeps exactly what it recorded).
   */
  stated?: { stated: Readonly<Record<string, AnswerOrigin>>; unstated: "written" | "unknown" };
}

/** The origin of each answered question (see the file's comment for the rules). */
export function answerOrigins(input: OriginInput): AnswerOrigins {
  const origins: AnswerOrigins = {};
  for (const question of input.questions) {
    const value = input.values[question.name];
    if (value === null || value === undefined) continue;
    const stated = input.stated?.stated[question.name];
    if (stated !== undefined) {
      origins[question.name] = stated;
      continue;
    }
    const kept = input.previous?.origins[question.name];
    if (isAnswerOrigin(kept) && sameAnswer(question, input.previous?.values[question.name], value)) {
      origins[question.name] = kept;
      continue;
    }
    if (input.stated) {
      if (input.stated.unstated === "written") origins[question.name] = "written";
      continue;
    }
    const proposal = input.proposals[question.name];
    const shown = proposal !== null && proposal !== undefined;
    if (shown && sameAnswer(question, proposal, value)) origins[question.name] = "confirmed";
    else if (shown && prefillsFromProposal(question)) origins[question.name] = "changed";
    else origins[question.name] = "written";
  }
  return origins;
}

export function isAnswerOrigin(value: unknown): value is AnswerOrigin {
  return typeof value === "string" && (ANSWER_ORIGINS as readonly string[]).includes(value);
}

/**
 * Whether a human consensus rests only on confirmations: every vote behind it (the answers equal to the consensus,
 * or all of them when none is, as a ranking's Borda count can give) confirmed the LLMs' proposal. An answer of
 * unknown origin counts as the person's own, so older data keeps its provenance.
 */
export function consensusOnlyConfirmed(
  question: OriginQuestion,
  consensus: unknown,
  votes: readonly { value: unknown; origin: unknown }[],
): boolean {
  const supporters = votes.filter((vote) => sameAnswer(question, vote.value, consensus));
  const behind = supporters.length > 0 ? supporters : votes;
  return behind.length > 0 && behind.every((vote) => vote.origin === "confirmed");
}
