/**
 * `ranking`: order all N options, best first (e.g. candidate responses judged by an LLM).
 */
import { z } from "zod";
import { meanPairwiseDisagreement } from "../uncertainty/kendall";
import { optionText, optionValues, optionsSchema, quoteList } from "./options";
import { rankingLlm } from "./ranking-llm";
import type { Aggregate, QuestionType, VoteBucket } from "./types";
import {
  AGGREGATE_METHODS,
  byCountThenFirstVote,
  chooseEstimate,
  noSuggestions,
  tally,
  unparseableBucket,
  unparseableConsensus,
} from "./votes";

export const rankingSettingsSchema = z.object({ options: optionsSchema(2) });
export type RankingSettings = z.output<typeof rankingSettingsSchema>;

function valueSchema(settings: RankingSettings): z.ZodType<string[]> {
  const values = optionValues(settings.options);
  return z.array(z.string("each ranked item must be a string"), "a ranking must be a list").superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      if (!values.includes(v))
        ctx.addIssue({ code: "custom", path: [i], message: `${JSON.stringify(v)} is not an option (expected one of ${quoteList(values)})` });
      else if (seen.has(v)) ctx.addIssue({ code: "custom", path: [i], message: `${JSON.stringify(v)} is ranked twice` });
      seen.add(v);
    });
    const missing = values.filter((v) => !list.includes(v));
    if (missing.length > 0)
      ctx.addIssue({ code: "custom", message: `a ranking must order every option; missing ${quoteList(missing)}` });
  });
}

function parse(raw: unknown, settings: RankingSettings): { ok: true; value: string[] } | { ok: false } {
  const result = valueSchema(settings).safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false };
}

/**
 * Borda count: with N options, position p (0 = best) earns N−1−p points from each ranking. Equal totals are
 * ordered by first appearance, i.e. by position in the first parseable ranking in suggestion order (which is
 * a permutation of all options, so it settles every tie).
 */
export function bordaConsensus(rankings: readonly (readonly string[])[]): string[] {
  const first = rankings[0];
  if (!first) return [];
  const n = first.length;
  const points = new Map<string, number>(first.map((o) => [o, 0]));
  for (const r of rankings) r.forEach((o, p) => points.set(o, (points.get(o) ?? 0) + (n - 1 - p)));
  const firstPos = new Map(first.map((o, i) => [o, i]));
  return [...first].sort((a, b) => (points.get(b) ?? 0) - (points.get(a) ?? 0) || (firstPos.get(a) ?? 0) - (firstPos.get(b) ?? 0));
}

function formatRanking(value: readonly string[], settings: RankingSettings): string {
  return value.map((v) => optionText(settings.options, v)).join(" > ");
}

export const rankingQuestion: QuestionType<RankingSettings, string[]> = {
  type: "ranking",
  settingsSchema: rankingSettingsSchema,
  valueSchema,
  parse,
  aggregate(votes, settings, ctx): Aggregate<string[]> {
    if (votes.length === 0) return noSuggestions();
    // Unparseable rankings are left out of both Borda and the disagreement (an invalid order has no pairs to
    // compare); they stay visible in their own bucket, and if nothing parsed the consensus is "unparseable".
    const rankings: string[][] = [];
    const entries: { key: string; label: string; agent: string }[] = [];
    const unparseableAgents: string[] = [];
    for (const v of votes) {
      const p = parse(v.value, settings);
      if (p.ok) {
        rankings.push(p.value);
        entries.push({ key: JSON.stringify(p.value), label: formatRanking(p.value, settings), agent: v.agent });
      } else unparseableAgents.push(v.agent);
    }
    const extra = unparseableBucket(unparseableAgents);
    const buckets: VoteBucket[] = [...byCountThenFirstVote(tally(entries)), ...(extra ? [extra] : [])];
    if (rankings.length === 0) return unparseableConsensus(votes.length, buckets);

    const estimate = chooseEstimate(votes, ctx, rankings.length, () => {
      const d = meanPairwiseDisagreement(rankings);
      return { uncertainty: d, normalized: d, method: AGGREGATE_METHODS.bordaDisagreement };
    });
    return { value: bordaConsensus(rankings), ...estimate, votes: votes.length, buckets };
  },
  formatValue: formatRanking,
  // No order is pre-filled: an untouched ranking must not pass for an answer. Widgets list settings.options.
  emptyValue: () => null,
  prefillsFromProposal: () => true,
  valueKind: "list",
  agreement: () => ({ level: "nominal" as const }),
  optionsMayGrow: false,
  llm: rankingLlm(parse),
};
