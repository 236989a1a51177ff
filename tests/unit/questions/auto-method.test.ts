// The `auto` uncertainty method (issue 13): per (record, question), votes when two or more can disagree, else the
// agents' scores (1 − mean), else a token-probability distribution, else no signal, said as such. Plain data only.
import { describe, expect, it } from "vitest";
import { aggregateRecord, getQuestionType, recordUncertainty } from "@/lib/questions";
import { datasetSettingsSchema } from "@/lib/datasets/settings";
import type { SuggestionVote } from "@/lib/questions/types";

const auto = { method: "auto" } as const;
const label = getQuestionType("label");
const rating = getQuestionType("rating");
const ranking = getQuestionType("ranking");
const multi = getQuestionType("multi_label");
const posNeg = { options: [{ value: "pos", text: "pos" }, { value: "neg", text: "neg" }] };
const scale = { min: 1, max: 5 };

describe("auto uncertainty method", () => {
  it("one label with the model's confidence: uncertainty is 1 − score, from self_eval", () => {
    const agg = label.aggregate([{ agent: "gpt", value: "pos", score: 0.4 }], posNeg, auto);
    expect(agg).toMatchObject({ value: "pos", method: "self_eval", votes: 1 });
    expect(agg.normalized).toBeCloseTo(0.6, 12);
    const sure = label.aggregate([{ agent: "gpt", value: "pos", score: 0.95 }], posNeg, auto);
    expect(sure.normalized).toBeCloseTo(0.05, 12);
  });

  it("two or more votes that can disagree: vote entropy, even when scores exist", () => {
    const votes: SuggestionVote[] = [
      { agent: "a", value: "pos", score: 0.99 },
      { agent: "b", value: "neg", score: 0.99 },
    ];
    const agg = label.aggregate(votes, posNeg, auto);
    expect(agg).toMatchObject({ method: "vote_entropy", normalized: 1 });
    // The same votes under the forced methods, for contrast.
    expect(label.aggregate(votes, posNeg, { method: "self_eval" }).normalized).toBeCloseTo(0.01, 12);
  });

  it("one vote with a probability distribution and no score: the distribution's entropy", () => {
    const agg = label.aggregate([{ agent: "gpt", value: "pos", distribution: { pos: 0.5, neg: 0.5 } }], posNeg, auto);
    expect(agg).toMatchObject({ method: "logprob", normalized: 1 });
    const r = rating.aggregate([{ agent: "gpt", value: 4, distribution: { "4": 1 } }], scale, auto);
    expect(r).toMatchObject({ method: "logprob", normalized: 0 });
  });

  it("a score wins over a distribution when votes cannot disagree", () => {
    const agg = label.aggregate([{ agent: "gpt", value: "pos", score: 0.8, distribution: { pos: 0.5, neg: 0.5 } }], posNeg, auto);
    expect(agg.method).toBe("self_eval");
    expect(agg.normalized).toBeCloseTo(0.2, 12);
  });

  it("one vote without score or distribution: no signal, said why (not 0 %)", () => {
    const agg = label.aggregate([{ agent: "gpt", value: "pos" }], posNeg, auto);
    expect(agg).toMatchObject({ value: "pos", uncertainty: null, normalized: null, method: "none (one vote without a score)" });
    // The old default read the same vote as certain.
    expect(label.aggregate([{ agent: "gpt", value: "pos" }], posNeg, { method: "vote_entropy" }).normalized).toBe(0);
  });

  it("an unreadable answer counts as a vote where the type counts it (label, rating), not where it does not", () => {
    const withGarbage: SuggestionVote[] = [
      { agent: "a", value: "pos" },
      { agent: "b", value: "???" },
    ];
    expect(label.aggregate(withGarbage, posNeg, auto).method).toBe("vote_entropy");
    const orders = { options: [{ value: "x", text: "x" }, { value: "y", text: "y" }] };
    const rank = ranking.aggregate(
      [
        { agent: "a", value: ["x", "y"], score: 0.7 },
        { agent: "b", value: "not a ranking" },
      ],
      orders,
      auto,
    );
    // Ranking leaves unreadable orders out, so one readable order cannot disagree: the score speaks.
    expect(rank.method).toBe("self_eval");
    expect(rank.normalized).toBeCloseTo(0.3, 12);
    const ml = multi.aggregate([{ agent: "a", value: ["pos"] }], posNeg, auto);
    expect(ml).toMatchObject({ normalized: null, method: "none (one vote without a score)" });
  });

  it("rankings and multi-labels with several votes keep their own vote measures", () => {
    const orders = { options: [{ value: "x", text: "x" }, { value: "y", text: "y" }] };
    const rank = ranking.aggregate(
      [
        { agent: "a", value: ["x", "y"] },
        { agent: "b", value: ["y", "x"] },
      ],
      orders,
      auto,
    );
    expect(rank).toMatchObject({ method: "borda_pairwise_disagreement", normalized: 1 });
    const ml = multi.aggregate(
      [
        { agent: "a", value: ["pos"] },
        { agent: "b", value: [] },
      ],
      posNeg,
      auto,
    );
    expect(ml.method).toBe("binary_entropy_mean");
  });

  it("a record whose only votes give no signal has no uncertainty (it is not counted as certain)", () => {
    const aggregates = aggregateRecord(
      [{ name: "sentiment", type: "label", settings: posNeg, suggestions: [{ agent: "gpt", value: "neg" }] }],
      "auto",
    );
    const normalized = aggregates.get("sentiment")?.normalized ?? null;
    expect(recordUncertainty([{ required: true, normalized }], "max")).toBeNull();
  });

  it("is the default method of new dataset settings; an explicit choice is kept", () => {
    const base = { name: "d", fields: [{ name: "text", type: "text" }], questions: [{ name: "q", type: "label", settings: posNeg }] };
    expect(datasetSettingsSchema.parse(base).uncertainty.method).toBe("auto");
    expect(datasetSettingsSchema.parse({ ...base, uncertainty: { method: "vote_entropy" } }).uncertainty.method).toBe("vote_entropy");
    expect(datasetSettingsSchema.safeParse({ ...base, uncertainty: { method: "scores" } }).success).toBe(false);
  });
});
