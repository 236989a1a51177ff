import { describe, expect, it } from "vitest";
import { adviseThreshold } from "@/lib/quality";
import { EXAMPLE, reordered, SPLIT_2_1 } from "./example";

describe("adviseThreshold", () => {
  it("finds the smallest human share reaching the target, and its threshold", () => {
    // vote entropy, thresholds from the top: t = 1 routes nothing (4/6 = 0.667); t = 0.5794 routes r4 (5/6 = 0.833);
    // t = 0 routes r4, r2, r6 (6/6). A threshold cannot split the r2/r6 tie, so 0.9 needs 3 humans (budget: 2).
    const a = adviseThreshold(EXAMPLE, "vote_entropy", 0.9);
    expect(a).toMatchObject({ reached: true, threshold: 0, nextUncertainty: SPLIT_2_1, humans: 3, n: 6, humanShare: 0.5, pending: 0 });
    expect(a.accuracy.value).toBe(1);

    // 0.8 is reached by routing r4 alone: t = 0.5794 (records at it are kept), next uncertainty 1.
    const b = adviseThreshold(EXAMPLE, "vote_entropy", 0.8);
    expect(b).toMatchObject({ reached: true, threshold: SPLIT_2_1, nextUncertainty: 1, humans: 1 });
    expect(b.accuracy.successes).toBe(5);

    // The LLM alone already reaches 0.6: no human needed; the threshold is the highest uncertainty (1).
    expect(adviseThreshold(EXAMPLE, "vote_entropy", 0.6)).toMatchObject({ reached: true, threshold: 1, nextUncertainty: null, humans: 0 });
  });

  it("works on self-evaluation, where only t = 0 fixes r2 (at 0.1, tied with r5)", () => {
    // t = 0.7: 4/6; 0.5: r4 → 5/6; 0.2: +r6 → 5/6; 0.1: +r3 → 5/6; 0: +r2 +r5 → 6/6.
    const a = adviseThreshold(EXAMPLE, "self_eval", 0.95);
    expect(a).toMatchObject({ reached: true, threshold: 0, humans: 5, n: 6 });
    expect(adviseThreshold(EXAMPLE, "self_eval", 0.8)).toMatchObject({ threshold: 0.5, humans: 1 });
  });

  it("says so when no threshold reaches the target, and gives the best one", () => {
    // r5 wrong at uncertainty 0: no threshold in 0..1 can route it, so 6/6 is out of reach; best is 5/6 at t = 0.
    const items = EXAMPLE.map((i) => (i.id === "r5" ? { ...i, reference: "pos" } : i));
    const a = adviseThreshold(items, "vote_entropy", 1);
    expect(a).toMatchObject({ reached: false, threshold: 0, humans: 3 });
    expect(a.accuracy.successes).toBe(5);
  });

  it("handles no items and does not depend on input order", () => {
    expect(adviseThreshold([], "vote_entropy", 0.9)).toMatchObject({ reached: false, threshold: null, n: 0, humanShare: null });
    expect(adviseThreshold(reordered(EXAMPLE), "self_eval", 0.9)).toEqual(adviseThreshold(EXAMPLE, "self_eval", 0.9));
    expect(() => adviseThreshold(EXAMPLE, "vote_entropy", 1.5)).toThrow(RangeError);
  });
});
