/**
 * `label`: pick one of N options.
 */
import { z } from "zod";
import { distributionEntropy, restrictDistribution } from "../uncertainty/logprob";
import { optionText, optionValues, optionsSchema, quoteList } from "./options";
import { labelLlm } from "./label-llm";
import type { Aggregate, QuestionType, SuggestionVote } from "./types";
import {
  AGGREGATE_METHODS,
  byCountThenFirstVote,
  chooseEstimate,
  noSuggestions,
  UNPARSEABLE_KEY,
  tally,
  unparseableConsensus,
  unparseableEntry,
  voteEntropy,
  type Estimate,
} from "./votes";

export const labelSettingsSchema = z.object({ options: optionsSchema(2) });
export type LabelSettings = z.output<typeof labelSettingsSchema>;

function valueSchema(settings: LabelSettings): z.ZodType<string> {
  const values = optionValues(settings.options);
  return z.string("a label must be a string").superRefine((v, ctx) => {
    if (!values.includes(v))
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(v)} is not an option (expected one of ${quoteList(values)})` });
  });
}

// Exact match only: the design says a value that is not a valid option is unparseable; cleaning up an LLM's
// free-form answer (case, quotes, option text) is the prompt parser's job, before the value becomes a suggestion.
function parse(raw: unknown, settings: LabelSettings): { ok: true; value: string } | { ok: false } {
  return typeof raw === "string" && settings.options.some((o) => o.value === raw) ? { ok: true, value: raw } : { ok: false };
}

/** Logprob: the first suggestion whose distribution has mass on the options; its entropy over log2(options). */
function logprobEstimate(votes: readonly SuggestionVote[], settings: LabelSettings): Estimate | null {
  const values = optionValues(settings.options);
  for (const vote of votes) {
    if (!vote.distribution) continue;
    const dist = restrictDistribution(vote.distribution, values);
    if (!dist) continue;
    const { raw, normalized } = distributionEntropy(dist, values.length);
    return { uncertainty: raw, normalized, method: AGGREGATE_METHODS.logprob };
  }
  return null;
}

export const labelQuestion: QuestionType<LabelSettings, string> = {
  type: "label",
  settingsSchema: labelSettingsSchema,
  valueSchema,
  parse,
  aggregate(votes, settings, ctx): Aggregate<string> {
    if (votes.length === 0) return noSuggestions();
    const buckets = byCountThenFirstVote(
      tally(
        votes.map((v) => {
          const p = parse(v.value, settings);
          return p.ok ? { key: p.value, label: optionText(settings.options, p.value), agent: v.agent } : unparseableEntry(v.agent);
        }),
      ),
    );
    // Sorted by count, ties in first-vote order: the first bucket is the consensus.
    const winner = buckets[0];
    if (!winner || winner.key === UNPARSEABLE_KEY) return unparseableConsensus(votes.length, buckets);
    const estimate = chooseEstimate(
      votes,
      ctx,
      votes.length,
      () => voteEntropy(buckets, settings.options.length),
      () => logprobEstimate(votes, settings),
    );
    return { value: winner.key, ...estimate, votes: votes.length, buckets };
  },
  formatValue: (value, settings) => optionText(settings.options, value),
  emptyValue: () => null,
  prefillsFromProposal: () => true,
  valueKind: "string",
  agreement: () => ({ level: "nominal" as const }),
  optionsMayGrow: true,
  llm: labelLlm(parse),
};
