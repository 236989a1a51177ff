import { describe, expect, it } from "vitest";
import { accuracy, canonicalJson, llmPairs, macroF1, proportion, sameValue, wilsonInterval } from "@/lib/quality";
import { EXAMPLE, reordered } from "./example";

describe("wilsonInterval", () => {
  it("matches known 95 % Wilson bounds", () => {
    // 8/10: p = 0.8, z² = 3.8415; centre (0.8 + 0.19207)/1.38415 = 0.7168; half 1.95996/1.38415 · √(0.016 + 0.0096) = 0.2266
    const i = wilsonInterval(8, 10)!;
    expect(i.low).toBeCloseTo(0.4902, 4);
    expect(i.high).toBeCloseTo(0.9433, 4);
    // 0/10 and 10/10: one bound is exact, the other z²/(n + z²) = 3.8415/13.8415 = 0.2775 from it.
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775, 4) });
    expect(wilsonInterval(10, 10)).toEqual({ low: expect.closeTo(0.7225, 4), high: 1 });
    // 1/2: symmetric around 0.5; half = 1.95996/2.92073 · √(0.125 + 0.24009) = 0.4054 → [0.0945, 0.9055]
    expect(wilsonInterval(1, 2)!.low).toBeCloseTo(0.0945, 4);
    expect(wilsonInterval(1, 2)!.high).toBeCloseTo(0.9055, 4);
  });

  it("has no interval without a sample and rejects impossible counts", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(proportion(0, 0)).toEqual({ successes: 0, n: 0, value: null, interval: null });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe("accuracy and macro-F1", () => {
  it("scores the LLM alone on the example", () => {
    // r1, r3, r5, r6 right; r2, r4 wrong: 4/6.
    const a = accuracy(llmPairs(EXAMPLE));
    expect(a.successes).toBe(4);
    expect(a.n).toBe(6);
    expect(a.value).toBeCloseTo(0.6667, 4);
    // Wilson 4/6: centre (0.6667 + 0.3201)/1.6403 = 0.6016; half 1.19488 · √(0.03704 + 0.02668) = 0.3016
    expect(a.interval!.low).toBeCloseTo(0.3, 3);
    expect(a.interval!.high).toBeCloseTo(0.9032, 3);
  });

  it("averages per-option F1 over the options in the human answers", () => {
    // pos: TP r1, FP r2 (said pos, was neg), FN r4 (was pos, said neu) → 2/(2+1+1) = 0.5
    // neg: TP r3 r6, FN r2                                              → 4/(4+0+1) = 0.8
    // neu: TP r5, FP r4                                                 → 2/(2+1+0) = 0.6667
    // mean (0.5 + 0.8 + 0.6667)/3 = 0.6556
    expect(macroF1(llmPairs(EXAMPLE))).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
    expect(macroF1(llmPairs(reordered(EXAMPLE)))).toBe(macroF1(llmPairs(EXAMPLE)));
  });

  it("ignores options that only the answers use, and counts missing answers as misses", () => {
    const pairs = [
      { answer: "x", reference: "a" }, // "x" never occurs in the references: no class of its own, a miss for a
      { answer: null, reference: "a" }, // no proposal (unparseable consensus): a miss
      { answer: "a", reference: "a" },
      { answer: "b", reference: "b" },
    ];
    // a: TP 1, FN 2 → 2/4 = 0.5; b: TP 1 → 1; mean 0.75
    expect(macroF1(pairs)).toBeCloseTo(0.75, 12);
    expect(accuracy(pairs).value).toBe(0.5);
    expect(macroF1([])).toBeNull();
  });

  it("compares values by canonical JSON: rankings by order, objects regardless of key order", () => {
    expect(sameValue(["a", "b"], ["a", "b"])).toBe(true);
    expect(sameValue(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameValue(4, 4)).toBe(true);
    expect(sameValue(null, null)).toBe(false);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 1 }] })).toBe('{"a":[{"c":1,"d":2}],"b":1}');
  });
});
