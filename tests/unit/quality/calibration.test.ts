import { describe, expect, it } from "vitest";
import { binIndex, calibration } from "@/lib/quality";
import { EXAMPLE, reordered, SPLIT_2_1 } from "./example";

describe("calibration", () => {
  it("bins the example by vote entropy, with empty bins reported as such", () => {
    const c = calibration(EXAMPLE, "vote_entropy");
    expect(c.n).toBe(6);
    expect(c.withoutSignal).toBe(0);
    expect(c.bins).toHaveLength(10);
    expect(c.bins.map((b) => b.agreement.n)).toEqual([3, 0, 0, 0, 0, 2, 0, 0, 0, 1]);
    // bin 0 (r1, r3, r5 at 0): 3/3 right. Wilson 3/3: low = 3/(3 + z²) = 3/6.8415 = 0.4385, high 1.
    expect(c.bins[0]!.agreement.value).toBe(1);
    expect(c.bins[0]!.agreement.interval!.low).toBeCloseTo(0.4385, 4);
    expect(c.bins[0]!.agreement.interval!.high).toBe(1);
    expect(c.bins[0]!.meanUncertainty).toBe(0);
    // bin 5 (r2 wrong, r6 right at 0.5794): 1/2, Wilson [0.0945, 0.9055].
    expect(c.bins[5]!.agreement.successes).toBe(1);
    expect(c.bins[5]!.agreement.interval!.low).toBeCloseTo(0.0945, 4);
    expect(c.bins[5]!.meanUncertainty).toBeCloseTo(SPLIT_2_1, 12);
    // bin 9 holds uncertainty 1 (r4, wrong): 0/1, Wilson [0, z²/(1 + z²) = 0.7935].
    expect(c.bins[9]!.agreement.value).toBe(0);
    expect(c.bins[9]!.agreement.interval!.high).toBeCloseTo(0.7935, 4);
    // An empty bin: no value, no interval.
    expect(c.bins[1]).toEqual({ lower: 0.1, upper: 0.2, agreement: { successes: 0, n: 0, value: null, interval: null }, meanUncertainty: null });
  });

  it("puts edges in the upper bin, even when floating point lands just below them", () => {
    expect(binIndex(0, 10)).toBe(0);
    expect(binIndex(1 - 0.9, 10)).toBe(1); // 0.09999999999999998 is 0.1 as a reader means it
    expect(binIndex(0.7, 10)).toBe(7);
    expect(binIndex(0.6999, 10)).toBe(6);
    expect(binIndex(1, 10)).toBe(9);
    expect(binIndex(1.2, 10)).toBe(9);
    expect(binIndex(0.5, 4)).toBe(2);
  });

  it("counts records without a signal apart and takes other bin counts", () => {
    const items = [...EXAMPLE, { id: "r7", importOrder: 6, proposal: null, reference: "pos", uncertainty: { vote_entropy: null } }];
    const c = calibration(items, "self_eval", { bins: 2 });
    // self_eval: 0, 0.1, 0.2, 0.1 in [0, 0.5): r1 r2 r3 r5 → 3/4 right; 0.5 and 0.7 in [0.5, 1]: r6 right, r4 wrong.
    expect(c.withoutSignal).toBe(1);
    expect(c.bins.map((b) => [b.agreement.successes, b.agreement.n])).toEqual([[3, 4], [1, 2]]);
  });

  it("does not depend on input order", () => {
    expect(calibration(reordered(EXAMPLE), "self_eval")).toEqual(calibration(EXAMPLE, "self_eval"));
  });
});
