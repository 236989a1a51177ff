import { describe, expect, it } from "vitest";
import { parseQuestionSettings } from "@/lib/questions";
import {
  canonicalValue,
  humanMajority,
  LabelInference,
  questionQuality,
  recordItems,
  type SimulationQuestion,
  type SimulationRecord,
} from "@/lib/quality";
import { EXAMPLE, reordered } from "./example";

const question = (name: string, type: string, settings: unknown, required = true): SimulationQuestion => {
  const s = parseQuestionSettings(type, settings);
  if (!s.ok) throw new Error(s.error);
  return { name, type, settings: s.value, required };
};
const options = (...values: string[]) => ({ options: values.map((value) => ({ value })) });

describe("humanMajority", () => {
  const submitted = (v: unknown) => ({ status: "submitted", values: { q: v } });
  it("takes the most frequent submitted value; a tie goes to the value answered first", () => {
    expect(humanMajority([submitted("a"), submitted("b"), submitted("b")], "q")).toBe("b");
    expect(humanMajority([submitted("b"), submitted("a"), submitted("a"), submitted("b")], "q")).toBe("b");
    expect(humanMajority([{ status: "draft", values: { q: "a" } }, submitted("b")], "q")).toBe("b");
    expect(humanMajority([{ status: "discarded", values: { q: "a" } }], "q")).toBeNull();
    expect(humanMajority([submitted("a")], "other")).toBeNull();
  });
});

describe("canonicalValue", () => {
  it("writes equal answers equally, through the registry", () => {
    const tags = question("tags", "multi_label", options("x", "y", "z"));
    // A set: option order, whatever order the answer listed it in.
    expect(canonicalValue(tags, ["z", "x"])).toEqual(["x", "z"]);
    const rank = question("rank", "ranking", options("a", "b"));
    expect(canonicalValue(rank, ["b", "a"])).toEqual(["b", "a"]);
    expect(canonicalValue(question("stars", "rating", { min: 1, max: 5 }), 4)).toBe(4);
  });
});

describe("recordItems", () => {
  const label = question("sentiment", "label", options("pos", "neg", "neu"));
  const tags = question("tags", "multi_label", options("x", "y"), false);
  const record: SimulationRecord = {
    id: "r1",
    importOrder: 3,
    suggestions: [
      { question: "sentiment", agent: "a", value: "pos", score: 0.8 },
      { question: "sentiment", agent: "b", value: "neg", score: 0.6 },
      { question: "tags", agent: "a", value: ["y", "x"] },
      { question: "tags", agent: "b", value: ["x"] },
    ],
    responses: [{ status: "submitted", values: { sentiment: "pos", tags: ["y", "x"] } }],
  };

  it("gives one item per answered question, with the record's uncertainty", () => {
    const items = recordItems(record, [label, tags], { estimators: ["vote_entropy", "self_eval"], mode: "max" });
    expect(items.map((i) => i.question)).toEqual(["sentiment", "tags"]);
    const [sentiment, tagItem] = items.map((i) => i.item);
    // sentiment: 1–1 tie → "pos" (first vote); vote entropy 1 bit / log2 3 = 0.6309. Only required questions count
    // (tags is optional), so the record's vote_entropy is 0.6309; self_eval = 1 − (0.8 + 0.6)/2 = 0.3.
    expect(sentiment!.proposal).toBe("pos");
    expect(sentiment!.reference).toBe("pos");
    expect(sentiment!.uncertainty.vote_entropy).toBeCloseTo(1 / Math.log2(3), 12);
    expect(sentiment!.uncertainty.self_eval).toBeCloseTo(0.3, 12);
    // tags: x yes 2/2, y yes 1/2 → tie goes to the first suggestion (which has y) → ["x", "y"]; the reference
    // ["y", "x"] is canonicalised to ["x", "y"], so they agree.
    expect(tagItem!.proposal).toEqual(["x", "y"]);
    expect(tagItem!.reference).toEqual(["x", "y"]);
    expect(tagItem!.uncertainty).toEqual(sentiment!.uncertainty);
  });

  it("makes no item without a submitted answer", () => {
    expect(recordItems({ ...record, responses: [] }, [label], { estimators: ["vote_entropy"], mode: "max" })).toEqual([]);
  });
});

describe("LabelInference", () => {
  it("takes the string values seen as options, and refuses a question with one value", () => {
    const inference = new LabelInference();
    for (const v of ["b", "a", null, 3, "b"]) inference.see("q", v);
    inference.see("lonely", "x");
    const { questions, problems } = inference.questions();
    expect(questions.map((q) => [q.name, q.type, q.settings])).toEqual([
      ["q", "label", { options: [{ value: "b", text: "b" }, { value: "a", text: "a" }] }],
    ]);
    expect(problems).toEqual([expect.stringContaining('question "lonely": only one value ("x") seen')]);
  });
});

describe("questionQuality", () => {
  it("is the same for the same items in another order", () => {
    const a = questionQuality(EXAMPLE, { target: 0.9 });
    expect(questionQuality(reordered(EXAMPLE), { target: 0.9 })).toEqual(a);
    expect(a.calibration.map((c) => c.estimator)).toEqual(["vote_entropy", "self_eval"]);
    expect(a.frontier.map((c) => c.policy.name)).toEqual(["budget:vote_entropy", "budget:self_eval", "random"]);
    expect(a.advice.map((x) => x.estimator)).toEqual(["vote_entropy", "self_eval"]);
  });

  it("refuses duplicate ids (routing is per record)", () => {
    expect(() => questionQuality([...EXAMPLE, EXAMPLE[0]!], { target: 0.9 })).toThrow(/duplicate item id "r1"/);
  });
});
