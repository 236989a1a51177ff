/**
 * `text`: free text (critique, correction, rationale). Texts are not votes: the proposal is the most confident
 * suggestion, and the uncertainty is borrowed from a companion rating question or from the agents' scores.
 */
import { z } from "zod";
import { textLlm } from "./text-llm";
import type { Aggregate, QuestionType } from "./types";
import { AGGREGATE_METHODS, noSuggestions, selfEvalEstimate, unparseableBucket, unparseableConsensus } from "./votes";

/** Question types whose uncertainty a text question may borrow. */
export const COMPANION_TYPES: readonly string[] = ["rating"];

export const textSettingsSchema = z.object({
  useMarkdown: z.boolean("useMarkdown must be true or false").optional(),
  companion: z.string("companion must be a question name").min(1, "companion must be a question name").optional(),
  /** The form starts from the LLMs' proposed text (off by default: see `prefillsFromProposal`). */
  prefill: z.boolean("prefill must be true or false").optional(),
});
export type TextSettings = z.output<typeof textSettingsSchema>;

const textValueSchema = z
  .string("a text answer must be a string")
  .refine((v) => v.trim().length > 0, "a text answer must not be empty");

function parse(raw: unknown): { ok: true; value: string } | { ok: false } {
  return typeof raw === "string" && raw.trim().length > 0 ? { ok: true, value: raw } : { ok: false };
}

/** Scores that are missing or not finite rank below any real score. */
function scoreOf(score: number | null | undefined): number {
  return typeof score === "number" && Number.isFinite(score) ? score : Number.NEGATIVE_INFINITY;
}

const PREVIEW_LENGTH = 80;

export const textQuestion: QuestionType<TextSettings, string> = {
  type: "text",
  settingsSchema: textSettingsSchema,
  valueSchema: () => textValueSchema,
  parse,
  aggregate(votes, _settings, ctx): Aggregate<string> {
    if (votes.length === 0) return noSuggestions();
    // Highest score wins; strict ">" keeps the first on ties and when no suggestion has a score.
    let best: { text: string; score: number } | null = null;
    const unparseableAgents: string[] = [];
    for (const v of votes) {
      const p = parse(v.value);
      if (!p.ok) {
        unparseableAgents.push(v.agent);
        continue;
      }
      const score = scoreOf(v.score);
      if (best === null || score > best.score) best = { text: p.value, score };
    }
    const extra = unparseableBucket(unparseableAgents);
    const buckets = extra ? [extra] : [];
    // As for the voted types: nothing usable to propose means the record must not be accepted as is.
    if (best === null) return unparseableConsensus(votes.length, buckets);
    const base = { value: best.text, votes: votes.length, buckets };

    // A companion that itself has no signal (e.g. no rating suggestions yet) is treated as absent.
    const companion = ctx.companion;
    if (companion && companion.normalized !== null)
      return { ...base, uncertainty: companion.uncertainty, normalized: companion.normalized, method: AGGREGATE_METHODS.companion };
    const selfEval = selfEvalEstimate(votes);
    if (selfEval) return { ...base, ...selfEval };
    return { ...base, uncertainty: null, normalized: null, method: AGGREGATE_METHODS.none };
  },
  formatValue(value) {
    const flat = value.replace(/\s+/g, " ").trim();
    return flat.length <= PREVIEW_LENGTH ? flat : `${flat.slice(0, PREVIEW_LENGTH - 1)}…`;
  },
  emptyValue: () => null,
  prefillsFromProposal: (settings) => settings.prefill === true,
  valueKind: "string",
  agreement: () => ({ level: "none" as const }),
  optionsMayGrow: false,
  companionOf: (settings) => settings.companion ?? null,
  llm: textLlm(parse),
};
