import { describe, expect, it } from "vitest";
import type { TokenLogprob, VotePlan } from "@/lib/llm/contracts";
import { logprobDistribution, planVotes } from "@/lib/llm/prompts";
import { ctxFor, quality, result, score10, sentiment, topics, userText } from "./prompt-fixtures";

/** Tokens spelling `text`, split as given; `alts` are the top alternatives at the token equal to `at`. */
function tokens(parts: string[], at: string, alts: Record<string, number>): TokenLogprob[] {
  return parts.map((token) => ({
    token,
    logprob: token === at ? Math.log(alts[at] ?? 0.5) : -0.01,
    top: token === at ? Object.entries(alts).map(([t, p]) => ({ token: t, logprob: Math.log(p) })) : [],
  }));
}

const plan = (q = sentiment) => planVotes(ctxFor(q), { kind: "logprobs" }, "m")[0] as VotePlan;

describe("logprobs plan", () => {
  it("label: a letters prompt asking logprobs for the letters", () => {
    const p = plan();
    expect([p.label, p.variant]).toEqual(["logprobs", "letters"]);
    expect(p.calls[0]?.logprobChoices).toEqual(["A", "B", "C"]);
    expect(userText(p)).toContain("A. Positive");
  });
  it("turns the top alternatives at the answer token into a distribution over option values", () => {
    const text = '{"answer":"B"}';
    const lp = tokens(['{"', "answer", '":"', "B", '"}'], "B", { B: 0.6, A: 0.2, C: 0.1, " B": 0.05, x: 0.05 });
    const out = plan().interpret([{ json: JSON.parse(text), result: result(text, lp) }]);
    expect(out.value).toBe("neg");
    // " B" counts for B; "x" is no option and drops out before renormalising over 0.95.
    expect(out.distribution?.neg).toBeCloseTo(0.65 / 0.95, 10);
    expect(out.distribution?.pos).toBeCloseTo(0.2 / 0.95, 10);
    expect(out.distribution?.neu).toBeCloseTo(0.1 / 0.95, 10);
  });
  it("reads the right token whatever the JSON wrapping: spaces, merged quotes, a rationale first", () => {
    const lp = tokens(['{"rationale": "the answer is A", ', '"answer": ', '"C', '"}'], '"C', { '"C': 0.7, '"A': 0.3 });
    expect(logprobDistribution(lp, [{ token: "A", key: "pos" }, { token: "B", key: "neg" }, { token: "C", key: "neu" }])).toEqual({
      pos: expect.closeTo(0.3, 10),
      neg: 0,
      neu: expect.closeTo(0.7, 10),
    });
  });
  it("counts the sampled token when the endpoint left it out of its own top list", () => {
    const lp: TokenLogprob[] = [{ token: '{"answer":"A"}', logprob: 0, top: [] }];
    // The value merged into one token with its JSON: the part before the value is stripped from the token.
    expect(logprobDistribution(lp, [{ token: "A", key: "a" }, { token: "B", key: "b" }])).toEqual({ a: 1, b: 0 });
    const own: TokenLogprob[] = [
      { token: '{"answer":"', logprob: 0, top: [] },
      { token: "A", logprob: Math.log(0.8), top: [{ token: "B", logprob: Math.log(0.2) }] },
    ];
    expect(logprobDistribution(own, [{ token: "A", key: "a" }, { token: "B", key: "b" }])).toEqual({ a: expect.closeTo(0.8, 10), b: expect.closeTo(0.2, 10) });
  });
  it("without JSON, reads the first token that is a choice", () => {
    const lp = tokens(["Answer", ":", " B"], " B", { " B": 0.9, " A": 0.1 });
    expect(logprobDistribution(lp, [{ token: "A", key: "a" }, { token: "B", key: "b" }])).toEqual({ a: expect.closeTo(0.1, 10), b: expect.closeTo(0.9, 10) });
  });
  it("missing or useless logprobs give a null distribution, the vote itself still counts", () => {
    const text = '{"answer":"A"}';
    expect(plan().interpret([{ json: JSON.parse(text), result: result(text) }])).toMatchObject({ value: "pos", distribution: null });
    const noMatch = tokens(['{"answer":"', "A", '"}'], "A", { zzz: 0.9 });
    expect(logprobDistribution(noMatch, [{ token: "B", key: "b" }])).toBeNull();
    expect(logprobDistribution([], [{ token: "B", key: "b" }])).toBeNull();
  });
  it("rating: digits after an unquoted number, keyed by rating", () => {
    const p = plan(quality);
    expect([p.variant, p.calls[0]?.logprobChoices]).toEqual(["plain", ["1", "2", "3", "4", "5"]]);
    const text = '{"answer": 4}';
    const lp = tokens(['{"', 'answer":', " ", "4", "}"], "4", { "4": 0.5, "5": 0.3, "3": 0.2 });
    const out = p.interpret([{ json: JSON.parse(text), result: result(text, lp) }]);
    expect(out.value).toBe(4);
    expect(out.distribution).toEqual({ "1": 0, "2": 0, "3": expect.closeTo(0.2, 10), "4": expect.closeTo(0.5, 10), "5": expect.closeTo(0.3, 10) });
    expect(plan(score10).calls[0]?.logprobChoices).toHaveLength(11);
  });
  it("is refused for types whose aggregate has no use for a distribution", () => {
    expect(() => plan(topics)).toThrow("multi_label questions accept the strategies single, variants, samples, not logprobs");
  });
});
