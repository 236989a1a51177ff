import { describe, expect, it } from "vitest";
import type { JudgeStrategy, PromptQuestion, VotePlan } from "@/lib/llm/contracts";
import { agentName, planVotes } from "@/lib/llm/prompts";
import { orderByWins } from "@/lib/llm/prompts/judge-read";
import { answer, ctxFor, preference, userText } from "./prompt-fixtures";

const judge = (over: Partial<JudgeStrategy> = {}, q: PromptQuestion = preference, extra = {}): VotePlan[] =>
  planVotes(ctxFor(q, extra), { kind: "judge", mode: "listwise", bothOrders: true, rate: [], ...over }, "llama");

const three: PromptQuestion = {
  name: "best",
  title: "Best summary",
  description: "",
  type: "ranking",
  settings: { options: [{ value: "s1", text: "Short summary" }, { value: "s2", text: "Long summary" }, { value: "s3", text: "Bullet summary" }] },
};

describe("judge, listwise", () => {
  it("two candidates in both orders: plans ab and ba, judge agents, candidates only as Response 1/2", () => {
    const [ab, ba] = judge();
    if (!ab || !ba) throw new Error("two plans expected");
    expect([ab.label, ba.label, ab.variant]).toEqual(["ab", "ba", "judge"]);
    expect(agentName("llama", ba)).toBe("judge:llama/ba");
    expect(userText(ab)).toMatch(/### Response 1\nIt is 4\.\n\n### Response 2\n\*\*Five\*\*, obviously\./);
    expect(userText(ba)).toMatch(/### Response 1\n\*\*Five\*\*, obviously\.\n\n### Response 2\nIt is 4\./);
    for (const text of [userText(ab), userText(ba)]) {
      expect(text).not.toMatch(/response_a|response_b|Answer A|Answer B|### Response A/);
      expect(text).toContain("## Context\n### Prompt\nWhat is 2+2?");
    }
  });
  it("maps positions back to options in each order", () => {
    const [ab, ba] = judge();
    expect(ab?.interpret([answer({ rationale: "1 is right.", ranking: [1, 2] })]).value).toEqual(["response_a", "response_b"]);
    expect(ba?.interpret([answer({ rationale: "2 is right.", ranking: [2, 1] })]).value).toEqual(["response_a", "response_b"]);
    expect(ba?.interpret([answer({ ranking: ["Response 1", "response_2"] })]).value).toEqual(["response_b", "response_a"]);
  });
  it("explains positions in the rationale, since readers never saw them", () => {
    const [, ba] = judge();
    expect(ba?.interpret([answer({ rationale: "Response 2 is correct.", ranking: [2, 1] })]).rationale).toBe(
      "(Response 1 = Answer B; Response 2 = Answer A) Response 2 is correct.",
    );
  });
  it("a ranking that skips or repeats a response is unparseable", () => {
    const [ab] = judge();
    expect(ab?.interpret([answer({ ranking: [1, 1] })])).toMatchObject({ value: null, rawOutput: '{"ranking":[1,1]}' });
    expect(ab?.interpret([answer({ ranking: [3, 1] })]).value).toBeNull();
    expect(ab?.interpret([answer(null, "Response 1 wins")]).value).toBeNull();
  });
  it("one order only: a single plan; the option text stands in for a missing field", () => {
    const plans = judge({ bothOrders: false }, three);
    expect(plans.map((p) => p.label)).toEqual(["forward"]);
    expect(userText(plans[0] as VotePlan)).toContain("### Response 1\nShort summary\n\n### Response 2\nLong summary\n\n### Response 3\nBullet summary");
    expect(plans[0]?.interpret([answer({ ranking: [3, 1, 2] })]).value).toEqual(["s3", "s1", "s2"]);
  });
  it("self-evaluation: the confidence is the judge's score", () => {
    const [ab] = judge({}, preference, { selfEvaluate: true });
    expect(ab?.calls[0]?.output.schema.required).toEqual(["rationale", "ranking", "confidence"]);
    expect(ab?.interpret([answer({ rationale: "x", ranking: [1, 2], confidence: 0.75 })]).score).toBe(0.75);
  });
});

describe("judge, pairwise", () => {
  it("compares every pair once per order: three candidates, three calls, forward and reversed", () => {
    const plans = judge({ mode: "pairwise" }, three);
    expect(plans.map((p) => [p.label, p.calls.length])).toEqual([
      ["forward", 3],
      ["reversed", 3],
    ]);
    const firstShown = (p: VotePlan, c: number) => userText(p, c).match(/### Response 1\n(.*)/)?.[1];
    expect([0, 1, 2].map((c) => firstShown(plans[0] as VotePlan, c))).toEqual(["Short summary", "Short summary", "Long summary"]);
    expect([0, 1, 2].map((c) => firstShown(plans[1] as VotePlan, c))).toEqual(["Bullet summary", "Bullet summary", "Long summary"]);
  });
  it("orders by wins; the reversed order maps back to the same options", () => {
    const [forward, reversed] = judge({ mode: "pairwise" }, three);
    // Forward pairs: s1–s2, s1–s3, s2–s3. s3 beats both, s1 beats s2.
    const w = (winner: string) => answer({ rationale: "r", winner });
    expect(forward?.interpret([w("1"), w("2"), w("2")]).value).toEqual(["s3", "s1", "s2"]);
    // Reversed pairs: s3–s2, s3–s1, s2–s1; the same verdicts on the same candidates.
    expect(reversed?.interpret([w("1"), w("1"), w("2")]).value).toEqual(["s3", "s1", "s2"]);
  });
  it("ties count half a win each and keep the presentation order, so all-ties disagree across orders", () => {
    expect(orderByWins(3, [{ first: 0, second: 1, winner: "tie" }, { first: 0, second: 2, winner: 2 }, { first: 1, second: 2, winner: "tie" }])).toEqual([2, 1, 0]);
    // A cycle (0 beats 1, 1 beats 2, 2 beats 0): one win each, presentation order.
    expect(orderByWins(3, [{ first: 0, second: 1, winner: 1 }, { first: 0, second: 2, winner: 2 }, { first: 1, second: 2, winner: 1 }])).toEqual([0, 1, 2]);
    const [forward, reversed] = judge({ mode: "pairwise" }, three);
    const tie = answer({ rationale: "same", winner: "tie" });
    expect(forward?.interpret([tie, tie, tie]).value).toEqual(["s1", "s2", "s3"]);
    expect(reversed?.interpret([tie, tie, tie]).value).toEqual(["s3", "s2", "s1"]);
  });
  it("any unreadable comparison makes the vote unparseable, with every raw answer", () => {
    const [forward] = judge({ mode: "pairwise" }, three);
    const out = forward?.interpret([answer({ winner: "1" }), answer({ winner: "both" }), answer({ winner: "2" })]);
    expect(out?.value).toBeNull();
    expect(out?.rawOutput).toContain("[s1 vs s3]\n{\"winner\":\"both\"}");
  });
});

describe("judge ratings and critiques (rate → related)", () => {
  const rate: JudgeStrategy["rate"] = [
    { option: "response_a", ratingQuestion: "quality", critiqueQuestion: "critique" },
    { option: "response_b", ratingQuestion: "score10" },
  ];
  const verdict = {
    response_1: { critique: "Wrong: says five.", rating: 1 },
    response_2: { critique: "Correct and short.", rating: 4 },
    rationale: "2 is correct.",
    ranking: [2, 1],
  };
  it("asks a critique and 1–5 rating of every response, before the verdict", () => {
    const [ab] = judge({ rate });
    expect(ab?.calls[0]?.output.schema.required).toEqual(["response_1", "response_2", "rationale", "ranking"]);
    expect(userText(ab as VotePlan)).toContain("write a short critique of each response and rate it from 1 (poor) to 5 (excellent)");
  });
  it("returns them for the named questions, by option whatever the order, mapped onto each scale", () => {
    const [, ba] = judge({ rate });
    // In "ba", Response 1 is response_b and Response 2 is response_a.
    const out = ba?.interpret([answer(verdict)]);
    expect(out?.value).toEqual(["response_a", "response_b"]);
    expect(out?.related).toEqual([
      { question: "quality", draft: { value: 4, score: null, rationale: "Correct and short.", distribution: null, rawOutput: null } },
      { question: "critique", draft: { value: "Correct and short.", score: null, rationale: null, distribution: null, rawOutput: null } },
      { question: "score10", draft: { value: 0, score: null, rationale: "Wrong: says five.", distribution: null, rawOutput: null } },
    ]);
  });
  it("a missing or invalid judgement gives unparseable related votes, and does not spoil the ranking", () => {
    const [ab] = judge({ rate });
    const out = ab?.interpret([answer({ ...verdict, response_1: { critique: "", rating: 9 } })]);
    expect(out?.value).toEqual(["response_b", "response_a"]);
    expect(out?.related?.map((r) => [r.question, r.draft.value])).toEqual([
      ["quality", null],
      ["critique", null],
      ["score10", 8],
    ]);
    expect(out?.related?.[0]?.draft.rawOutput).toContain('"rating":9');
  });
  it("pairwise: the candidate's judgement from its comparison", () => {
    const [ab] = judge({ rate, mode: "pairwise" });
    const out = ab?.interpret([answer({ ...verdict, ranking: undefined, winner: "2" })]);
    expect(out?.value).toEqual(["response_b", "response_a"]);
    expect(out?.related?.find((r) => r.question === "quality")?.draft.value).toBe(1);
  });
  it("refuses rate targets that are not options or not questions that can take a rating", () => {
    expect(() => judge({ rate: [{ option: "response_c", ratingQuestion: "quality" }] })).toThrow('"response_c" is not an option of question "preference"');
    expect(() => judge({ rate: [{ option: "response_a", ratingQuestion: "nope" }] })).toThrow('question "nope" is not a question of this dataset');
    expect(() => judge({ rate: [{ option: "response_a", ratingQuestion: "sentiment" }] })).toThrow("label question, which cannot receive a rating or critique");
  });
});
