import { describe, expect, it } from "vitest";
import { accuracy, defaultPolicies, frontier, frontierCurve, llmPairs, macroF1, type FrontierCurve } from "@/lib/quality";
import { decideRouting } from "@/lib/routing/policies";
import { EXAMPLE, reordered } from "./example";

const accuracies = (c: FrontierCurve) => c.points.map((p) => p.accuracy.successes);
const humans = (c: FrontierCurve) => c.points.map((p) => p.humans);

describe("frontier", () => {
  it("has one policy per estimator with a signal, then random", () => {
    expect(defaultPolicies(EXAMPLE).map((p) => p.name)).toEqual(["budget:vote_entropy", "budget:self_eval", "random"]);
    const noScores = EXAMPLE.map((i) => ({ ...i, uncertainty: { vote_entropy: i.uncertainty.vote_entropy } }));
    expect(defaultPolicies(noScores).map((p) => p.name)).toEqual(["budget:vote_entropy", "random"]);
  });

  it("goes from the LLM's accuracy at 0 % to 1 at 100 %, when humans are the reference", () => {
    for (const curve of frontier(EXAMPLE)) {
      const first = curve.points[0]!;
      const last = curve.points[curve.points.length - 1]!;
      expect(first.share).toBe(0);
      expect(first.accuracy).toEqual(accuracy(llmPairs(EXAMPLE)));
      expect(first.macroF1).toBe(macroF1(llmPairs(EXAMPLE)));
      expect(last.share).toBe(1);
      expect(last.accuracy.value).toBe(1);
      expect(last.macroF1).toBe(1);
      expect(curve.points.map((p) => p.share)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    }
  });

  it("matches the hand-computed budget curves", () => {
    const [ve, se] = frontier(EXAMPLE);
    // humans = round(share · 6): 0, 1 (0.6), 1 (1.2), 2 (1.8), 2 (2.4), 3, 4 (3.6), 4 (4.2), 5 (4.8), 5 (5.4), 6.
    expect(humans(ve!)).toEqual([0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6]);
    // vote entropy ranks r4 (1), then r2 and r6 (0.5794; r2 first by import order), then r1 r3 r5 (0).
    // 1 human: r4 fixed → 5/6; 2 humans: r4, r2 → both wrong answers fixed → 6/6.
    expect(accuracies(ve!)).toEqual([4, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6]);
    // After r4: pos TP r1 r4, FP r2, FN 0 → 4/5; neg TP r3 r6, FN r2 → 0.8; neu TP r5 → 1; mean 0.8667.
    expect(ve!.points[1]!.macroF1).toBeCloseTo((0.8 + 0.8 + 1) / 3, 12);
    // self_eval ranks r4 (0.7), r6 (0.5), r3 (0.2), r2 and r5 (0.1; r2 first), r1 (0): r2 is only fixed at 4 humans.
    expect(accuracies(se!)).toEqual([4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6]);
  });

  it("routes exactly as decideRouting does", () => {
    const random = defaultPolicies(EXAMPLE).find((p) => p.kind === "random")!;
    const curve = frontierCurve(EXAMPLE, random, [0.5]);
    const decisions = decideRouting(
      EXAMPLE.map((i) => ({ id: i.id, importOrder: i.importOrder, uncertainty: i.uncertainty.vote_entropy ?? null })),
      { policy: "random", humanShare: 0.5, seed: 42 },
    );
    const routed = EXAMPLE.filter((i) => decisions.get(i.id) === "human");
    const right = EXAMPLE.filter((i) => decisions.get(i.id) === "human" || i.proposal === i.reference).length;
    expect(curve.points[0]!.humans).toBe(routed.length);
    expect(curve.points[0]!.accuracy.successes).toBe(right);
  });

  it("leaves records without a signal out and counts them", () => {
    const items = [...EXAMPLE, { id: "r7", importOrder: 6, proposal: null, reference: "pos", uncertainty: {} }];
    const [ve] = frontier(items);
    expect(ve!.pending).toBe(1);
    expect(ve!.points[0]!.n).toBe(6);
  });

  it("does not depend on input order", () => {
    expect(frontier(reordered(EXAMPLE))).toEqual(frontier(EXAMPLE));
  });
});
