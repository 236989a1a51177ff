import { describe, expect, it } from "vitest";
import {
  ADVICE_MIN_RECORDS,
  adviceReliability,
  adviseThreshold,
  agreementFigure,
  countAgreement,
  minimumRecordsFor,
  wilsonInterval,
  type QualityItem,
} from "@/lib/quality";

describe("LLM agreement with people (one definition)", () => {
  it("counts equal canonical values; a missing LLM value is a disagreement; counts give the Wilson estimate", () => {
    const counts = countAgreement([
      { llm: "pos", people: "pos" },
      { llm: ["a", "b"], people: ["a", "b"] },
      { llm: { b: 1, a: 2 }, people: { a: 2, b: 1 } },
      { llm: null, people: "pos" },
      { llm: "neg", people: "pos" },
    ]);
    expect(counts).toEqual({ agreed: 3, n: 5 });
    expect(agreementFigure(counts)).toEqual({ successes: 3, n: 5, value: 0.6, interval: wilsonInterval(3, 5) });
    expect(agreementFigure({ agreed: 0, n: 0 })).toEqual({ successes: 0, n: 0, value: null, interval: null });
  });

  it("the minimum for advice is the smallest n whose widest 95 % Wilson interval is at most 20 points", () => {
    const widest = (n: number) => Math.max(...Array.from({ length: n + 1 }, (_, s) => wilsonInterval(s, n)!).map((i) => i.high - i.low));
    expect(ADVICE_MIN_RECORDS).toBe(minimumRecordsFor(0.2));
    expect(widest(ADVICE_MIN_RECORDS)).toBeLessThanOrEqual(0.2);
    expect(widest(ADVICE_MIN_RECORDS - 1)).toBeGreaterThan(0.2);
    expect(ADVICE_MIN_RECORDS).toBe(93);
    expect(() => minimumRecordsFor(0)).toThrow(RangeError);
  });

  it("advice says whether it rests on enough records", () => {
    expect(adviceReliability(92)).toEqual({ reliable: false, n: 92, minimum: 93 });
    expect(adviceReliability(93)).toEqual({ reliable: true, n: 93, minimum: 93 });
    const items = (n: number): QualityItem[] =>
      Array.from({ length: n }, (_, i) => ({ id: `r${i}`, importOrder: i, proposal: "pos", reference: i % 10 === 0 ? "neg" : "pos", uncertainty: { vote_entropy: (i % 10) / 10 } }));
    expect(adviseThreshold(items(5), "vote_entropy", 0.95).reliability).toEqual({ reliable: false, n: 5, minimum: 93 });
    expect(adviseThreshold(items(92), "vote_entropy", 0.95).reliability.reliable).toBe(false);
    expect(adviseThreshold(items(93), "vote_entropy", 0.95).reliability).toEqual({ reliable: true, n: 93, minimum: 93 });
  });
});
