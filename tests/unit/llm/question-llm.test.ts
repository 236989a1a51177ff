import { describe, expect, it } from "vitest";
import { getQuestionType, parseQuestionSettings, questionTypeNames, type AnyQuestionType } from "@/lib/questions";
import { letterFor, matchOption, present } from "@/lib/questions/llm-options";
import { labelSettingsSchema } from "@/lib/questions/label";
import { fromFivePoint } from "@/lib/questions/rating-llm";
import { strictViolations } from "./prompt-fixtures";

const labelS = labelSettingsSchema.parse({
  options: [{ value: "pos", text: "Positive" }, { value: "neg", text: "Negative" }, { value: "neu", text: "Neutral" }],
});
const label = getQuestionType("label");
const multi = getQuestionType("multi_label");
const ranking = getQuestionType("ranking");
const rating = getQuestionType("rating");
const text = getQuestionType("text");
const values = present(labelS.options, "values");
const letters = present(labelS.options, "letters");

describe("every question type's llm member", () => {
  it("offers only strategies and variants it can carry out", () => {
    for (const name of questionTypeNames) {
      const llm = getQuestionType(name).llm;
      expect(llm.strategies.includes("variants"), name).toBe(llm.variants.length > 0);
      expect(llm.strategies.includes("logprobs"), name).toBe(llm.logprobs !== undefined);
      expect(llm.variants.includes("true_false"), name).toBe(llm.fromTrueFalse !== undefined);
    }
    expect(label.llm.strategies).toEqual(["single", "variants", "samples", "logprobs"]);
    expect(ranking.llm.strategies).toContain("judge");
    expect(ranking.llm.variants).not.toContain("true_false");
    expect(rating.llm.variants).toEqual(["plain", "instruction_after", "paraphrase"]);
    expect(text.llm.strategies).toEqual(["single", "samples"]);
  });

  it("answer schemas use enums of the presented keys", () => {
    expect(label.llm.answerSchema(labelS, letters)).toMatchObject({ type: "string", enum: ["A", "B", "C"] });
    expect(label.llm.answerSchema(labelS, values)).toMatchObject({ enum: ["pos", "neg", "neu"] });
    expect(multi.llm.answerSchema(labelS, values)).toMatchObject({ type: "array", items: { enum: ["pos", "neg", "neu"] } });
    expect(rating.llm.answerSchema({ min: 0, max: 3 }, null)).toMatchObject({ type: "integer", enum: [0, 1, 2, 3] });
    for (const name of questionTypeNames) {
      const t: AnyQuestionType = getQuestionType(name as string);
      const s = parseQuestionSettings(name, name === "rating" ? { min: 1, max: 5 } : name === "text" ? {} : { options: labelS.options });
      if (!s.ok) throw new Error(s.error);
      const schema = t.llm.answerSchema(s.value, null);
      expect(typeof schema.description, name).toBe("string");
      expect(strictViolations(schema), name).toEqual([]);
    }
  });
});

describe("option matching (label, multi_label, ranking)", () => {
  it("letters run A..Z then AA", () => {
    expect([0, 1, 25, 26, 27].map(letterFor)).toEqual(["A", "B", "Z", "AA", "AB"]);
  });
  it("cleans case, whitespace, quotes and punctuation, and accepts the option text", () => {
    for (const raw of ["neg", " NEG ", '"neg"', "`neg`.", "Negative", "negative!", "(neg)"]) expect(matchOption(raw, values), raw).toBe("neg");
  });
  it("maps letters back, also 'B) Negative' and 'Option B'", () => {
    for (const raw of ["B", "b", "(B)", "B.", "B) Negative", "B: Negative", "Option B", "Negative"]) expect(matchOption(raw, letters), raw).toBe("neg");
    // "A negative review" is an article, not the letter A.
    expect(matchOption("A negative review", letters)).toBeNull();
  });
  it("never guesses between two options", () => {
    const clash = present(labelSettingsSchema.parse({ options: [{ value: "yes" }, { value: "YES" }] }).options, "values");
    expect(matchOption(" yes ", clash)).toBe("yes");
    expect(matchOption("YES", clash)).toBe("YES");
    expect(matchOption("Yes", clash)).toBeNull();
    expect(matchOption("mixed", values)).toBeNull();
    expect(matchOption(null, values)).toBeNull();
  });
});

describe("readAnswer", () => {
  it("label: one option, letters and shuffled presentations mapped back", () => {
    expect(label.llm.readAnswer("Positive", labelS, values)).toEqual({ ok: true, value: "pos" });
    expect(label.llm.readAnswer("C", labelS, letters)).toEqual({ ok: true, value: "neu" });
    const shuffled = present([labelS.options[2], labelS.options[0], labelS.options[1]] as typeof labelS.options, "letters");
    expect(label.llm.readAnswer("A", labelS, shuffled)).toEqual({ ok: true, value: "neu" });
    expect(label.llm.readAnswer(["pos"], labelS, values)).toEqual({ ok: false });
    expect(label.llm.readAnswer("D", labelS, letters)).toEqual({ ok: false });
  });
  it("multi_label: a set in settings order, duplicates merged, empty allowed, unknown items fail", () => {
    expect(multi.llm.readAnswer(["C", "a", "A"], labelS, letters)).toEqual({ ok: true, value: ["pos", "neu"] });
    expect(multi.llm.readAnswer("neutral, Positive", labelS, values)).toEqual({ ok: true, value: ["pos", "neu"] });
    expect(multi.llm.readAnswer([], labelS, values)).toEqual({ ok: true, value: [] });
    expect(multi.llm.readAnswer(["pos", "other"], labelS, values)).toEqual({ ok: false });
  });
  it("ranking: every option exactly once, best first", () => {
    expect(ranking.llm.readAnswer(["B", "C", "A"], labelS, letters)).toEqual({ ok: true, value: ["neg", "neu", "pos"] });
    expect(ranking.llm.readAnswer(["neg", "pos"], labelS, values)).toEqual({ ok: false });
    expect(ranking.llm.readAnswer(["neg", "neg", "pos"], labelS, values)).toEqual({ ok: false });
  });
  it("rating: integers on the scale, numeric strings and 'n/max'", () => {
    const s = { min: 1, max: 5 };
    expect(rating.llm.readAnswer(4, s, null)).toEqual({ ok: true, value: 4 });
    expect(rating.llm.readAnswer(' "4" ', s, null)).toEqual({ ok: true, value: 4 });
    expect(rating.llm.readAnswer("4/5", s, null)).toEqual({ ok: true, value: 4 });
    expect(rating.llm.readAnswer("4 out of 5", s, null)).toEqual({ ok: true, value: 4 });
    expect(rating.llm.readAnswer("4/10", s, null)).toEqual({ ok: false });
    expect(rating.llm.readAnswer(6, s, null)).toEqual({ ok: false });
    expect(rating.llm.readAnswer(3.5, s, null)).toEqual({ ok: false });
  });
  it("text: trimmed, non-empty", () => {
    expect(text.llm.readAnswer("  Too long.  ", {}, null)).toEqual({ ok: true, value: "Too long." });
    expect(text.llm.readAnswer("   ", {}, null)).toEqual({ ok: false });
    expect(text.llm.readAnswer(5, {}, null)).toEqual({ ok: false });
  });
});

describe("true/false answers and judgements", () => {
  it("label: exactly one true option is the label; none or two is unparseable", () => {
    expect(label.llm.fromTrueFalse?.(["neg"], labelS)).toEqual({ ok: true, value: "neg" });
    expect(label.llm.fromTrueFalse?.([], labelS)).toEqual({ ok: false });
    expect(label.llm.fromTrueFalse?.(["pos", "neg"], labelS)).toEqual({ ok: false });
  });
  it("multi_label: the true options are the set", () => {
    expect(multi.llm.fromTrueFalse?.(["neu", "pos"], labelS)).toEqual({ ok: true, value: ["pos", "neu"] });
    expect(multi.llm.fromTrueFalse?.([], labelS)).toEqual({ ok: true, value: [] });
  });
  it("a 1–5 judge rating maps linearly onto the rating scale, rounding half up", () => {
    expect([1, 2, 3, 4, 5].map((r) => fromFivePoint(r, { min: 0, max: 10 }))).toEqual([0, 3, 5, 8, 10]);
    expect([1, 2, 3, 4, 5].map((r) => fromFivePoint(r, { min: 1, max: 5 }))).toEqual([1, 2, 3, 4, 5]);
    expect([1, 3, 5].map((r) => fromFivePoint(r, { min: 1, max: 3 }))).toEqual([1, 2, 3]);
    expect(fromFivePoint(6, { min: 1, max: 5 })).toBeNull();
    expect(rating.llm.fromJudgement?.({ rating: 4, critique: "ok" }, { min: 0, max: 10 })).toEqual({ ok: true, value: 8 });
    expect(text.llm.fromJudgement?.({ rating: 4, critique: " Clear. " }, {})).toEqual({ ok: true, value: "Clear." });
    expect(label.llm.fromJudgement).toBeUndefined();
  });
});
