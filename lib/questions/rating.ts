/**
 * `rating`: an integer on a small scale, e.g. 1..5 or 0..10.
 */
import { z } from "zod";
import { distributionEntropy } from "../uncertainty/logprob";
import { ratingLlm } from "./rating-llm";
import type { Aggregate, QuestionType, SuggestionVote, VoteBucket } from "./types";
import {
  AGGREGATE_METHODS,
  chooseEstimate,
  noSuggestions,
  tally,
  UNPARSEABLE_KEY,
  unparseableConsensus,
  unparseableEntry,
  voteEntropy,
  type Estimate,
} from "./votes";

/** Longest scale accepted: 0..10. Beyond that, votes spread so thin that vote entropy stops meaning much. */
export const MAX_RATING_VALUES = 11;

export const ratingSettingsSchema = z
  .object({
    min: z.number("min must be a number").int("min must be an integer"),
    max: z.number("max must be a number").int("max must be an integer"),
  })
  .superRefine((s, ctx) => {
    if (s.min >= s.max) ctx.addIssue({ code: "custom", path: ["max"], message: `max (${s.max}) must be greater than min (${s.min})` });
    else if (s.max - s.min + 1 > MAX_RATING_VALUES)
      ctx.addIssue({
        code: "custom",
        path: ["max"],
        message: `a rating scale has at most ${MAX_RATING_VALUES} values; ${s.min}..${s.max} has ${s.max - s.min + 1}`,
      });
  });
export type RatingSettings = z.output<typeof ratingSettingsSchema>;

export function scaleSize(settings: RatingSettings): number {
  return settings.max - settings.min + 1;
}

function valueSchema(settings: RatingSettings): z.ZodType<number> {
  const range = `${settings.min}..${settings.max}`;
  return z
    .number("a rating must be a number")
    .int(`a rating must be an integer in ${range}`)
    .min(settings.min, `a rating must be in ${range}`)
    .max(settings.max, `a rating must be in ${range}`);
}

// Plain decimal notation only: Number() would also read "", "0x10" or "1e1", which no rater means.
const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

/** Like the value schema, but also reads numeric strings ("4", " 4 ", "4.0"), since LLMs often answer so. */
function parse(raw: unknown, settings: RatingSettings): { ok: true; value: number } | { ok: false } {
  let n: number | undefined;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "string" && NUMERIC.test(raw.trim())) n = Number(raw.trim());
  if (n === undefined || !Number.isInteger(n) || n < settings.min || n > settings.max) return { ok: false };
  // Normalise -0 to 0 so buckets keyed by String(value) never split.
  return { ok: true, value: n === 0 ? 0 : n };
}

/** Lower median: for an even count, the lower of the two middle values. */
export function lowerMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}

/** Logprob over the scale: keys are read like ratings ("4", "4.0"), so the first suggestion with mass on the scale counts. */
function logprobEstimate(votes: readonly SuggestionVote[], settings: RatingSettings): Estimate | null {
  for (const vote of votes) {
    if (!vote.distribution) continue;
    const dist: Record<string, number> = {};
    let mass = 0;
    for (const [key, p] of Object.entries(vote.distribution)) {
      const r = parse(key, settings);
      if (!r.ok || !Number.isFinite(p) || p <= 0) continue;
      dist[String(r.value)] = (dist[String(r.value)] ?? 0) + p;
      mass += p;
    }
    if (mass <= 0) continue;
    const { raw, normalized } = distributionEntropy(dist, scaleSize(settings));
    return { uncertainty: raw, normalized, method: AGGREGATE_METHODS.logprob };
  }
  return null;
}

export const ratingQuestion: QuestionType<RatingSettings, number> = {
  type: "rating",
  settingsSchema: ratingSettingsSchema,
  valueSchema,
  parse,
  aggregate(votes, settings, ctx): Aggregate<number> {
    if (votes.length === 0) return noSuggestions();
    const parsed: number[] = [];
    const entries = votes.map((v) => {
      const p = parse(v.value, settings);
      if (!p.ok) return unparseableEntry(v.agent);
      parsed.push(p.value);
      return { key: String(p.value), label: String(p.value), agent: v.agent };
    });
    // Scale order reads best as a histogram; unparseable last.
    const buckets: VoteBucket[] = tally(entries).sort((a, b) => bucketRank(a) - bucketRank(b));
    const median = lowerMedian(parsed);
    // Unlike label, an unparseable majority does not void the consensus: the median of the parseable votes stands.
    if (median === null) return unparseableConsensus(votes.length, buckets);
    const estimate = chooseEstimate(
      votes,
      ctx,
      votes.length,
      () => voteEntropy(buckets, scaleSize(settings)),
      () => logprobEstimate(votes, settings),
    );
    return { value: median, ...estimate, votes: votes.length, buckets };
  },
  formatValue: (value) => String(value),
  emptyValue: () => null,
  prefillsFromProposal: () => true,
  valueKind: "int64",
  // Ratings are ordered: 4 against 5 is a nearer miss than 1 against 5.
  agreement: (settings) => ({ level: "ordinal" as const, order: Array.from({ length: settings.max - settings.min + 1 }, (_, i) => settings.min + i) }),
  optionsMayGrow: false,
  llm: ratingLlm(parse),
};

function bucketRank(b: VoteBucket): number {
  return b.key === UNPARSEABLE_KEY ? Number.POSITIVE_INFINITY : Number(b.key);
}
