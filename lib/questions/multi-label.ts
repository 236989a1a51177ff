/**
 * `multi_label`: any subset of N options (the empty set = "no label applies").
 */
import { z } from "zod";
import { binaryEntropyBits } from "../uncertainty/entropy";
import { optionText, optionValues, optionsSchema, quoteList } from "./options";
import { multiLabelLlm } from "./multi-label-llm";
import type { Aggregate, QuestionType, VoteBucket } from "./types";
import { AGGREGATE_METHODS, chooseEstimate, noSuggestions, unparseableBucket, unparseableConsensus } from "./votes";

export const multiLabelSettingsSchema = z.object({ options: optionsSchema(1) });
export type MultiLabelSettings = z.output<typeof multiLabelSettingsSchema>;

function valueSchema(settings: MultiLabelSettings): z.ZodType<string[]> {
  const values = optionValues(settings.options);
  return z.array(z.string("each label must be a string"), "multi-label values must be a list").superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      if (!values.includes(v))
        ctx.addIssue({ code: "custom", path: [i], message: `${JSON.stringify(v)} is not an option (expected one of ${quoteList(values)})` });
      else if (seen.has(v)) ctx.addIssue({ code: "custom", path: [i], message: `${JSON.stringify(v)} is listed twice` });
      seen.add(v);
    });
  });
}

function parse(raw: unknown, settings: MultiLabelSettings): { ok: true; value: string[] } | { ok: false } {
  const result = valueSchema(settings).safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false };
}

export const multiLabelQuestion: QuestionType<MultiLabelSettings, string[]> = {
  type: "multi_label",
  settingsSchema: multiLabelSettingsSchema,
  valueSchema,
  parse,
  aggregate(votes, settings, ctx): Aggregate<string[]> {
    if (votes.length === 0) return noSuggestions();
    // Unparseable suggestions cannot say yes or no to any option: they only show up in their own bucket.
    const sets: { agent: string; labels: Set<string> }[] = [];
    const unparseableAgents: string[] = [];
    for (const v of votes) {
      const p = parse(v.value, settings);
      if (p.ok) sets.push({ agent: v.agent, labels: new Set(p.value) });
      else unparseableAgents.push(v.agent);
    }
    const extra = unparseableBucket(unparseableAgents);
    const first = sets[0];
    if (!first) return unparseableConsensus(votes.length, extra ? [extra] : []);

    const n = sets.length;
    const buckets: VoteBucket[] = [];
    const value: string[] = [];
    let entropySum = 0;
    for (const option of settings.options) {
      const yesAgents = sets.filter((s) => s.labels.has(option.value)).map((s) => s.agent);
      const yes = yesAgents.length;
      const no = n - yes;
      // Every parseable suggestion votes on every option, so "the first vote for that option" is the first suggestion's.
      if (yes > no || (yes === no && first.labels.has(option.value))) value.push(option.value);
      entropySum += binaryEntropyBits(yes / n);
      buckets.push({ key: option.value, label: option.text, count: yes, agents: yesAgents });
    }
    if (extra) buckets.push(extra);
    // Binary entropy is at most 1 bit, so the mean is already normalised.
    const mean = entropySum / settings.options.length;
    const estimate = chooseEstimate(votes, ctx, n, () => ({
      uncertainty: mean,
      normalized: mean,
      method: AGGREGATE_METHODS.binaryEntropyMean,
    }));
    return { value, ...estimate, votes: votes.length, buckets };
  },
  formatValue: (value, settings) => (value.length === 0 ? "(none)" : value.map((v) => optionText(settings.options, v)).join(", ")),
  // Checkboxes start unticked; an empty list is itself a valid answer ("no label applies").
  emptyValue: () => [],
  prefillsFromProposal: () => true,
  valueKind: "list",
  agreement: () => ({ level: "nominal" as const }),
  optionsMayGrow: true,
  llm: multiLabelLlm(parse),
};
