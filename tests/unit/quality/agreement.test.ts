import { describe, expect, it } from "vitest";
import {
  agreementWithReference,
  cohensKappa,
  fleissKappa,
  krippendorffAlpha,
  pairwiseCohensKappa,
  questionAgreement,
  type RatedUnit,
} from "@/lib/quality";

/** Units from a reliability-data matrix: one row per rater, one column per unit, null = that rater did not rate it. */
function fromMatrix(rows: Record<string, readonly unknown[]>): RatedUnit[] {
  const width = Math.max(...Object.values(rows).map((row) => row.length));
  return Array.from({ length: width }, (_, u) => ({
    id: `u${u + 1}`,
    ratings: Object.entries(rows)
      .filter(([, row]) => row[u] !== null && row[u] !== undefined)
      .map(([rater, row]) => ({ rater, value: row[u] })),
  }));
}

/** The same units, in another order and with each unit's ratings in another order. */
function shuffled(units: readonly RatedUnit[]): RatedUnit[] {
  return [...units].reverse().map((unit, i) => ({
    id: unit.id,
    ratings: i % 2 === 0 ? [...unit.ratings].reverse() : [...unit.ratings.slice(1), ...unit.ratings.slice(0, 1)],
  }));
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with missing data: 4 observers,
// 12 units, values 1..5. Unit 12 has a single value and is not pairable, so n = 40 pairable values in 11 units.
// Checked by an independent computation (exact fractions, from the pairwise definition of D_o and D_e rather than
// the coincidence matrix): nominal 113/152 = 0.7434, ordinal 108577/133160 = 0.8154, interval 951/1120 = 0.8491,
// which are the paper's 0.743, 0.815 and 0.849.
const N = null;
const KRIPPENDORFF_2011 = fromMatrix({
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
  C: [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
});

// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters each, 5 categories; n_ij per row.
// p_j = 0.143 0.200 0.279 0.150 0.229; P̄ = 0.378, P̄e = 0.213; κ = (0.378 − 0.213)/(1 − 0.213) = 0.210.
const FLEISS_WIKIPEDIA = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

/** Units from a count table (rows: units, columns: categories 1..k), raters r1, r2, … per unit. */
function fromCounts(table: readonly (readonly number[])[]): RatedUnit[] {
  return table.map((row, u) => ({
    id: `s${u + 1}`,
    ratings: row.flatMap((count, c) => Array.from({ length: count }, () => `c${c + 1}`)).map((value, r) => ({ rater: `r${r + 1}`, value })),
  }));
}

/** Pairs from a 2x2 table of counts: [A's value, B's value] repeated. */
function pairsFrom(cells: readonly [unknown, unknown, number][]): [unknown, unknown][] {
  return cells.flatMap(([a, b, count]) => Array.from({ length: count }, (): [unknown, unknown] => [a, b]));
}

describe("cohensKappa", () => {
  it("matches the 2x2 example computed by hand", () => {
    // 50 units. A says yes 25 times, B 30 times.      B yes  B no
    //                                          A yes     20     5
    //                                          A no      10    15
    // po = (20 + 15)/50 = 0.70; pe = 0.5·0.6 + 0.5·0.4 = 0.50; κ = (0.70 − 0.50)/(1 − 0.50) = 0.40
    const k = cohensKappa(pairsFrom([["yes", "yes", 20], ["yes", "no", 5], ["no", "yes", 10], ["no", "no", 15]]));
    expect(k.n).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });

  it("is 1 on perfect agreement and undefined without units or with one category throughout", () => {
    expect(cohensKappa(pairsFrom([["a", "a", 3], ["b", "b", 2]])).kappa).toBe(1);
    // Both raters said "a" every time: pe = 1, κ = 0/0. Agreement is total but not told apart from chance.
    expect(cohensKappa(pairsFrom([["a", "a", 4]]))).toEqual({ kappa: null, observed: 1, expected: 1, n: 4 });
    expect(cohensKappa([])).toEqual({ kappa: null, observed: null, expected: null, n: 0 });
  });

  it("skips pairs with a missing value on either side", () => {
    const k = cohensKappa([["a", "a"], ["b", "b"], [null, "a"], ["b", undefined]]);
    expect(k.n).toBe(2);
    expect(k.kappa).toBe(1);
  });

  it("compares multi-label sets, rankings and objects as whole values", () => {
    // [a,b] = [a,b] agrees; [a,b] vs [b,a] does not (a ranking's order is its value); key order of objects is not.
    // po = 2/3; A: {ab: 2, o: 1}, B: {ab: 1, ba: 1, o: 1} → pe = (2·1 + 1·1)/9 = 1/3; κ = (2/3 − 1/3)/(2/3) = 0.5
    const k = cohensKappa([
      [["a", "b"], ["a", "b"]],
      [["a", "b"], ["b", "a"]],
      [{ x: 1, y: 2 }, { y: 2, x: 1 }],
    ]);
    expect(k.observed).toBeCloseTo(2 / 3, 12);
    expect(k.expected).toBeCloseTo(1 / 3, 12);
    expect(k.kappa).toBeCloseTo(0.5, 12);
  });

  it("does not depend on the order of the pairs", () => {
    const pairs = pairsFrom([["yes", "yes", 7], ["yes", "no", 3], ["no", "yes", 4], ["no", "no", 9], ["maybe", "no", 2]]);
    expect(cohensKappa([...pairs].reverse())).toEqual(cohensKappa(pairs));
  });
});

describe("pairwiseCohensKappa", () => {
  it("gives every pair of raters that share units, over those units, in rater order", () => {
    const pairs = pairwiseCohensKappa(KRIPPENDORFF_2011);
    expect(pairs.map((p) => [p.raterA, p.raterB, p.n])).toEqual([
      ["A", "B", 9],
      ["A", "C", 8],
      ["A", "D", 9],
      ["B", "C", 9],
      ["B", "D", 10],
      ["C", "D", 10],
    ]);
    // A vs B on units 1–9: they differ only on unit 6 (1 vs 2), po = 8/9. A has 1×3, 2×3, 3×2, 4×1 and B 1×2, 2×4,
    // 3×2, 4×1: pe = (3·2 + 3·4 + 2·2 + 1·1)/81 = 23/81. κ = (72/81 − 23/81)/(58/81) = 49/58 = 0.8448
    expect(pairs[0]!.observed).toBeCloseTo(8 / 9, 12);
    expect(pairs[0]!.kappa).toBeCloseTo(49 / 58, 12);
    expect(pairwiseCohensKappa(shuffled(KRIPPENDORFF_2011))).toEqual(pairs);
  });

  it("leaves out raters who share no unit, and refuses a rater rating one unit twice", () => {
    const units: RatedUnit[] = [
      { id: "1", ratings: [{ rater: "ann", value: "x" }, { rater: "bob", value: "x" }] },
      { id: "2", ratings: [{ rater: "cy", value: "y" }] },
    ];
    expect(pairwiseCohensKappa(units)).toEqual([{ raterA: "ann", raterB: "bob", n: 1, kappa: null, observed: 1 }]);
    const twice: RatedUnit[] = [{ id: "1", ratings: [{ rater: "ann", value: "x" }, { rater: "ann", value: "y" }] }];
    expect(() => pairwiseCohensKappa(twice)).toThrow(/ann rated it more than once/);
  });
});

describe("fleissKappa", () => {
  it("gives 0.210 on the Wikipedia example", () => {
    const f = fleissKappa(fromCounts(FLEISS_WIKIPEDIA));
    expect(f).toMatchObject({ units: 10, raters: 14, excluded: 0 });
    expect(f.kappa).toBeCloseTo(0.21, 3);
    expect(f.kappa).toBeCloseTo(0.20993070442195524, 12); // exact fractions in the independent check
    expect(fleissKappa(shuffled(fromCounts(FLEISS_WIKIPEDIA))).kappa).toBe(f.kappa);
  });

  it("uses the most common number of values per unit, ties to the larger, and counts the others out", () => {
    // Two units with 3 values, two with 2, one with 1: the tie 3 vs 2 goes to 3; three units are excluded.
    // Used: (a a a), (b b a). Σ n² = 9 + 5 = 14, 6 ratings: P̄ = (14 − 6)/(6·2) = 2/3; totals a 4, b 2:
    // P̄e = (16 + 4)/36 = 5/9; κ = (2/3 − 5/9)/(1 − 5/9) = 0.25
    const units = fromMatrix({
      x: ["a", "b", "a", "a", "b"],
      y: ["a", "b", "b", "a", N],
      z: ["a", "a", N, N, N],
    });
    const f = fleissKappa(units);
    expect(f).toMatchObject({ units: 2, raters: 3, excluded: 3 });
    expect(f.kappa).toBeCloseTo(0.25, 12);
    // Among the Krippendorff data, eight units have 4 values (the rest 3, 2 or 1): P̄ = 3/4, P̄e = 155/512,
    // κ = 229/357 = 0.6415
    const k = fleissKappa(KRIPPENDORFF_2011);
    expect(k).toMatchObject({ units: 8, raters: 4, excluded: 4 });
    expect(k.kappa).toBeCloseTo(229 / 357, 12);
  });

  it("is 1 on perfect agreement and undefined with one category throughout or no unit to use", () => {
    expect(fleissKappa(fromCounts([[3, 0], [0, 3], [3, 0]])).kappa).toBe(1);
    // One category throughout: P̄e = 1, κ = 0/0.
    expect(fleissKappa(fromCounts([[3, 0], [3, 0]]))).toEqual({ kappa: null, units: 2, raters: 3, excluded: 0 });
    // Units with one rating each cannot give a pair.
    expect(fleissKappa(fromMatrix({ x: ["a", N], y: [N, "b"] }))).toEqual({ kappa: null, units: 0, raters: null, excluded: 2 });
  });
});

describe("krippendorffAlpha", () => {
  it("matches Krippendorff (2011) at the nominal, ordinal and interval levels", () => {
    const nominal = krippendorffAlpha(KRIPPENDORFF_2011, "nominal");
    expect(nominal).toMatchObject({ pairableValues: 40, units: 11 });
    expect(nominal.alpha).toBeCloseTo(0.743, 3);
    expect(nominal.alpha).toBeCloseTo(113 / 152, 12);
    const ordinal = krippendorffAlpha(KRIPPENDORFF_2011, "ordinal");
    expect(ordinal.alpha).toBeCloseTo(0.815, 3);
    expect(ordinal.alpha).toBeCloseTo(108577 / 133160, 12);
    const interval = krippendorffAlpha(KRIPPENDORFF_2011, "interval");
    expect(interval.alpha).toBeCloseTo(0.849, 3);
    expect(interval.alpha).toBeCloseTo(951 / 1120, 12);
  });

  it("ranks ordinal values by a given order, in which values no one used change nothing", () => {
    const expected = krippendorffAlpha(KRIPPENDORFF_2011, "ordinal").alpha;
    expect(krippendorffAlpha(KRIPPENDORFF_2011, "ordinal", [0, 1, 2, 3, 4, 5, 6]).alpha).toBeCloseTo(expected!, 12);
    // The same data as words whose code-unit order is not the scale's: only the order makes it ordinal.
    const scale = ["none", "low", "mid", "high", "top"];
    const words = KRIPPENDORFF_2011.map((u) => ({ id: u.id, ratings: u.ratings.map((r) => ({ rater: r.rater, value: scale[(r.value as number) - 1] })) }));
    expect(krippendorffAlpha(words, "ordinal", scale).alpha).toBeCloseTo(expected!, 12);
    expect(krippendorffAlpha(words, "ordinal").alpha).not.toBeCloseTo(expected!, 3);
    // Reversing the scale mirrors the ranks, which leaves the distances alone.
    expect(krippendorffAlpha(words, "ordinal", [...scale].reverse()).alpha).toBeCloseTo(expected!, 12);
  });

  it("is 1 on perfect agreement, and undefined with one value throughout or nothing pairable", () => {
    expect(krippendorffAlpha(fromMatrix({ x: ["a", "b", "a"], y: ["a", "b", "a"], z: ["a", N, "a"] }), "nominal").alpha).toBe(1);
    // No expected disagreement (every value is "a"): α = 1 − 0/0.
    expect(krippendorffAlpha(fromMatrix({ x: ["a", "a"], y: ["a", "a"] }), "nominal")).toEqual({ alpha: null, pairableValues: 4, units: 2 });
    // Units with one rating are not pairable, whatever their values.
    expect(krippendorffAlpha(fromMatrix({ x: [1, N], y: [N, 5] }), "interval")).toEqual({ alpha: null, pairableValues: 0, units: 0 });
  });

  it("leaves out units with a single rating and corrects Cohen's kappa for small samples", () => {
    // (a a) (a b) (b b), plus a lone "b": n = 6, n_a = n_b = 3, o_ab = o_ba = 1.
    // α = 1 − (n − 1)·Σ o δ² / Σ n_c n_k δ² = 1 − 5·2/18 = 4/9 (Cohen's κ on the same pairs: 0.4).
    const units = fromMatrix({ x: ["a", "a", "b", "b"], y: ["a", "b", "b", N] });
    expect(krippendorffAlpha(units, "nominal")).toEqual({ alpha: expect.closeTo(4 / 9, 12), pairableValues: 6, units: 3 });
    expect(cohensKappa([["a", "a"], ["a", "b"], ["b", "b"]]).kappa).toBeCloseTo(0.4, 12);
  });

  it("compares multi-label sets and rankings as whole values", () => {
    // The same pattern as above with values of other shapes: [p,q] ≠ [q,p], {k:1,l:2} = {l:2,k:1}.
    const rankings = fromMatrix({ x: [["p", "q"], ["p", "q"], ["q", "p"]], y: [["p", "q"], ["q", "p"], ["q", "p"]] });
    expect(krippendorffAlpha(rankings, "nominal").alpha).toBeCloseTo(4 / 9, 12);
    const objects = fromMatrix({ x: [{ k: 1, l: 2 }, { k: 1, l: 2 }, { l: 2 }], y: [{ l: 2, k: 1 }, { l: 2 }, { l: 2 }] });
    expect(krippendorffAlpha(objects, "nominal").alpha).toBeCloseTo(4 / 9, 12);
  });

  it("refuses what cannot be measured at the level asked, naming the value", () => {
    const words = fromMatrix({ x: [1, "high"], y: [2, "low"] });
    expect(() => krippendorffAlpha(words, "interval")).toThrow(RangeError);
    expect(() => krippendorffAlpha(words, "interval")).toThrow(/"high"/);
    expect(() => krippendorffAlpha(words, "ordinal")).toThrow(/needs an order to rank 1 against "high"/);
    expect(() => krippendorffAlpha(fromMatrix({ x: [["a"]], y: [["b"]] }), "ordinal")).toThrow(/needs an order for \["a"\]/);
    expect(() => krippendorffAlpha(words, "ordinal", [1, 2, "low"])).toThrow(/"high" is not in the given order/);
    expect(krippendorffAlpha(words, "nominal").alpha).not.toBeNull();
  });

  it("does not depend on the order of units or ratings, to the last bit", () => {
    for (const level of ["nominal", "ordinal", "interval"] as const)
      expect(krippendorffAlpha(shuffled(KRIPPENDORFF_2011), level).alpha).toBe(krippendorffAlpha(KRIPPENDORFF_2011, level).alpha);
  });
});

describe("agreementWithReference", () => {
  it("gives each rater's share of units equal to the reference, with its Wilson interval", () => {
    const units = fromMatrix({
      ann: ["pos", "neg", "neu", "pos", "pos", "neu"],
      bob: [["a", "b"], "neg", N, "neg", "pos", N],
    });
    // u5 has no reference and u3 a null one: neither counts. ann: u1 u2 u4 right, u6 wrong, 3/4 (Wilson [0.3006, 0.9544]);
    // bob: u2 right, u1 (a list vs "pos") and u4 wrong, no value on u3: 1/3.
    const reference = new Map<string, unknown>([["u1", "pos"], ["u2", "neg"], ["u3", null], ["u4", "pos"], ["u6", "neg"]]);
    const rows = agreementWithReference(units, reference);
    expect(rows.map((r) => [r.rater, r.agreed, r.n])).toEqual([["ann", 3, 4], ["bob", 1, 3]]);
    expect(rows[0]!.rate.value).toBe(0.75);
    expect(rows[0]!.rate.interval!.low).toBeCloseTo(0.3006, 4);
    expect(rows[0]!.rate.interval!.high).toBeCloseTo(0.9544, 4);
    expect(agreementWithReference(shuffled(units), reference)).toEqual(rows);
  });

  it("compares multi-label references as whole values", () => {
    const units = fromMatrix({ ann: [["x", "y"], ["x"]] });
    const rows = agreementWithReference(units, new Map([["u1", ["x", "y"]], ["u2", ["x", "y"]]]));
    expect(rows).toEqual([{ rater: "ann", agreed: 1, n: 2, rate: expect.objectContaining({ successes: 1, n: 2, value: 0.5 }) }]);
  });
});

describe("questionAgreement", () => {
  it("gathers every measure for one question", () => {
    const consensus = new Map<string, unknown>(KRIPPENDORFF_2011.map((u) => [u.id, u.ratings[0]!.value]));
    const q = questionAgreement(KRIPPENDORFF_2011, { level: "ordinal", consensus });
    expect(q.level).toBe("ordinal");
    expect(q.alpha.alpha).toBeCloseTo(108577 / 133160, 12);
    expect(q.fleiss.kappa).toBeCloseTo(229 / 357, 12);
    expect(q.pairwiseKappa).toHaveLength(6);
    expect(q.withConsensus!.map((r) => r.rater)).toEqual(["A", "B", "C", "D"]);
    expect(q.withLlm).toBeNull();
    // Nominal unless said.
    expect(questionAgreement(KRIPPENDORFF_2011).alpha.alpha).toBeCloseTo(113 / 152, 12);
  });
});
