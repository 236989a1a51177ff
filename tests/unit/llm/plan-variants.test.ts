import { describe, expect, it } from "vitest";
import type { PromptVariant, VotePlan } from "@/lib/llm/contracts";
import { agentName, planVotes } from "@/lib/llm/prompts";
import { answer, critique, ctxFor, preference, quality, sentiment, strictViolations, topics, userText } from "./prompt-fixtures";

const one = (plans: VotePlan[], label: string): VotePlan => {
  const p = plans.find((x) => x.label === label);
  if (!p) throw new Error(`no plan ${label} in ${plans.map((x) => x.label).join(", ")}`);
  return p;
};
const variants = (q = sentiment, vs: PromptVariant[] = ["plain", "instruction_after", "shuffled_options", "paraphrase", "true_false", "letters"], extra = {}) =>
  planVotes(ctxFor(q, extra), { kind: "variants", variants: vs }, "gpt-x");
const enumOf = (plan: VotePlan) => (plan.calls[0]?.output.schema.properties as { answer: { enum: unknown[] } }).answer.enum;

describe("single and samples", () => {
  it("single: one plan, one call, agent model/single, strict schema", () => {
    const plans = planVotes(ctxFor(sentiment), { kind: "single" }, "gpt-x");
    expect(plans.map((p) => [p.label, p.variant, p.calls.length])).toEqual([["single", "plain", 1]]);
    expect(agentName("gpt-x", one(plans, "single"))).toBe("gpt-x/single");
    expect(strictViolations(plans[0]?.calls[0]?.output.schema)).toEqual([]);
    expect(plans[0]?.calls[0]?.temperature).toBeUndefined();
  });
  it("samples: n identical prompts at the given temperature, labelled sample-1..n", () => {
    const plans = planVotes(ctxFor(sentiment), { kind: "samples", count: 3, temperature: 0.7 }, "m");
    expect(plans.map((p) => p.label)).toEqual(["sample-1", "sample-2", "sample-3"]);
    expect(plans.every((p) => p.variant === "sample" && p.calls[0]?.temperature === 0.7)).toBe(true);
    expect(new Set(plans.map((p) => JSON.stringify(p.calls[0]?.messages))).size).toBe(1);
  });
  it("reads each type's answer from the JSON", () => {
    const read = (q = sentiment, json: unknown) => planVotes(ctxFor(q), { kind: "single" }, "m")[0]?.interpret([answer(json)]).value;
    expect(read(sentiment, { answer: "Negative" })).toBe("neg");
    expect(read(topics, { answer: ["delivery", "price"] })).toEqual(["price", "delivery"]);
    expect(read(quality, { answer: 4 })).toBe(4);
    expect(read(critique, { answer: "Misses the point." })).toBe("Misses the point.");
  });
  it("an unreadable answer is an unparseable vote with the raw text, never an exception", () => {
    const [plan] = planVotes(ctxFor(sentiment), { kind: "single" }, "m");
    if (!plan) throw new Error("no plan");
    expect(plan.interpret([answer({ answer: "angry" })])).toEqual({
      value: null,
      score: null,
      rationale: null,
      distribution: null,
      rawOutput: '{"answer":"angry"}',
    });
    expect(plan.interpret([answer(null, "I think it is negative")])).toMatchObject({ value: null, rawOutput: "I think it is negative" });
    expect(plan.interpret([answer({ label: "neg" })]).value).toBeNull();
    expect(plan.interpret([answer(["neg"])]).value).toBeNull();
    expect(plan.interpret([]).value).toBeNull();
  });
  it("refuses strategies the type does not accept, with the reason", () => {
    expect(() => planVotes(ctxFor(sentiment), { kind: "judge", mode: "listwise", bothOrders: false, rate: [] }, "m")).toThrow(
      'question "sentiment": label questions accept the strategies single, variants, samples, logprobs, not judge',
    );
    expect(() => variants(quality, ["true_false"])).toThrow("the true_false variant does not apply to rating questions");
    expect(() => variants(critique, ["plain"])).toThrow("text questions accept the strategies single, samples, not variants");
    expect(() => variants(sentiment, ["plain", "plain"])).toThrow("listed twice");
    expect(() => planVotes(ctxFor(sentiment), { kind: "samples", count: 0, temperature: 1 }, "m")).toThrow("at least 1");
  });
});

describe("CoAnnotating variants", () => {
  it("one plan per variant, labelled by the variant, in the order asked", () => {
    const plans = variants();
    expect(plans.map((p) => p.label)).toEqual(["plain", "instruction_after", "shuffled_options", "paraphrase", "true_false", "letters"]);
    expect(plans.map((p) => p.calls.length)).toEqual([1, 1, 1, 1, 3, 1]);
    expect(plans.map((p) => agentName("gpt-x", p))).toContain("gpt-x/paraphrase");
    for (const p of plans) for (const c of p.calls) expect(strictViolations(c.output.schema)).toEqual([]);
  });
  it("instruction_after puts the record before the instruction", () => {
    const plans = variants();
    const plain = userText(one(plans, "plain"));
    const after = userText(one(plans, "instruction_after"));
    expect(plain.indexOf("## Question")).toBeLessThan(plain.indexOf("## Record"));
    expect(after.indexOf("## Record")).toBeLessThan(after.indexOf("## Question"));
    expect(after.startsWith("## Record")).toBe(true);
  });
  it("instruction_after with a curator's template moves the {{fields}} line first", () => {
    const plans = variants(sentiment, ["instruction_after"], { template: "Task: {{question}}\n{{fields}}\n{{format}}" });
    expect(userText(plans[0] as VotePlan)).toMatch(/^## Record\n[\s\S]*\nTask: ## Question/);
  });
  it("paraphrase words the system message and the instruction differently", () => {
    const plans = variants();
    const plain = one(plans, "plain").calls[0];
    const para = one(plans, "paraphrase").calls[0];
    expect(para?.messages[0]?.content).not.toBe(plain?.messages[0]?.content);
    expect(userText(one(plans, "paraphrase"))).toContain("Which single option describes this record best?");
    expect(userText(one(plans, "plain"))).not.toContain("Which single option describes this record best?");
  });
  it("shuffled_options: another order, the same for the same seed, answers still option values", () => {
    const a = one(variants(), "shuffled_options");
    const b = one(variants(), "shuffled_options");
    expect(enumOf(a)).not.toEqual(["pos", "neg", "neu"]);
    expect([...(enumOf(a) as string[])].sort()).toEqual(["neg", "neu", "pos"]);
    expect(a.calls).toEqual(b.calls);
    const seeds = ["s1", "s2", "s3", "s4", "s5", "s6"].map((seed) => JSON.stringify(enumOf(one(variants(sentiment, ["shuffled_options"], { seed }), "shuffled_options"))));
    expect(new Set(seeds).size).toBeGreaterThan(1);
    const firstShown = (enumOf(a) as string[])[0];
    expect(a.interpret([answer({ answer: firstShown })]).value).toBe(firstShown);
  });
  it("shuffled_options varies from record to record under one run seed", () => {
    const orders = ["a", "b", "c", "d", "e", "f"].map((t) =>
      JSON.stringify(enumOf(one(variants(sentiment, ["shuffled_options"], { recordFields: { prompt: t } }), "shuffled_options"))),
    );
    expect(new Set(orders).size).toBeGreaterThan(1);
  });
  it("ranking and multi_label read lettered and shuffled answers back into option values", () => {
    const r = variants(preference, ["letters", "shuffled_options"]);
    expect(one(r, "letters").interpret([answer({ answer: ["B", "A"] })]).value).toEqual(["response_b", "response_a"]);
    expect(one(r, "shuffled_options").interpret([answer({ answer: ["response_a", "response_b"] })]).value).toEqual(["response_a", "response_b"]);
    const m = one(variants(topics, ["letters"]), "letters");
    expect(m.interpret([answer({ answer: ["C", "A"] })]).value).toEqual(["price", "delivery"]);
  });
  it("letters: options as A, B, C; the letter maps back to the option", () => {
    const plan = one(variants(), "letters");
    expect(userText(plan)).toContain("A. Positive\nB. Negative\nC. Neutral");
    expect(enumOf(plan)).toEqual(["A", "B", "C"]);
    expect(plan.interpret([answer({ answer: "B" })]).value).toBe("neg");
    expect(plan.interpret([answer({ answer: "D" })]).value).toBeNull();
  });
  it("rating offers plain, instruction_after and paraphrase with its scale in the task", () => {
    const plans = variants(quality, ["plain", "instruction_after", "paraphrase"]);
    expect(userText(plans[0] as VotePlan)).toContain("Rate the record on a scale from 1 (lowest) to 5 (highest).");
    expect(plans.map((p) => p.interpret([answer({ answer: "5" })]).value)).toEqual([5, 5, 5]);
  });
});

describe("true_false", () => {
  const tf = (q = sentiment) => one(variants(q, ["true_false"]), "true_false");
  const answers = (...yes: unknown[]) => yes.map((a) => answer({ answer: a }));
  it("asks one yes/no question per option, with a boolean answer", () => {
    const plan = tf();
    expect(plan.calls.map((c, i) => userText(plan, i).match(/Consider only the option (.*?)\. Does/)?.[1])).toEqual([
      '"pos" (Positive)',
      '"neg" (Negative)',
      '"neu" (Neutral)',
    ]);
    expect(plan.calls[0]?.output.schema.properties).toMatchObject({ answer: { type: "boolean" } });
  });
  it("label: the one true option; none or several true is unparseable", () => {
    expect(tf().interpret(answers(false, true, false)).value).toBe("neg");
    expect(tf().interpret(answers(false, "yes", "No")).value).toBe("neg");
    expect(tf().interpret(answers(false, false, false)).value).toBeNull();
    const two = tf().interpret(answers(true, true, false));
    expect(two.value).toBeNull();
    expect(two.rawOutput).toContain("[pos]");
  });
  it("multi_label: the set of true options", () => {
    expect(tf(topics).interpret(answers(true, false, true)).value).toEqual(["price", "delivery"]);
    expect(tf(topics).interpret(answers(false, false, false)).value).toEqual([]);
  });
  it("an unreadable answer for any option makes the whole vote unparseable", () => {
    const out = tf(topics).interpret([answer({ answer: true }), answer(null, "maybe?"), answer({ answer: false })]);
    expect(out.value).toBeNull();
    expect(out.rawOutput).toBe('[price]\n{"answer":true}\n\n[quality]\nmaybe?\n\n[delivery]\n{"answer":false}');
  });
});

describe("self-evaluation", () => {
  const plan = (q = sentiment) => planVotes(ctxFor(q, { selfEvaluate: true }), { kind: "single" }, "m")[0] as VotePlan;
  it("asks for rationale, answer and confidence, all required", () => {
    const schema = plan().calls[0]?.output.schema;
    expect(schema?.required).toEqual(["rationale", "answer", "confidence"]);
    expect(strictViolations(schema)).toEqual([]);
    expect(userText(plan())).toContain('- "confidence": how likely it is that your answer is correct');
  });
  it("confidence becomes the score, clamped to 0..1; the rationale (or reasoning) is kept", () => {
    const read = (json: object) => plan().interpret([answer({ answer: "pos", ...json })]);
    expect(read({ confidence: 0.8, rationale: " Upbeat. " })).toMatchObject({ value: "pos", score: 0.8, rationale: "Upbeat." });
    expect(read({ confidence: 1.4 }).score).toBe(1);
    expect(read({ confidence: -0.2 }).score).toBe(0);
    expect(read({ confidence: "0.65" }).score).toBe(0.65);
    expect(read({ confidence: "90%" }).score).toBe(0.9);
    expect(read({ confidence: "very sure", reasoning: "Tone." })).toMatchObject({ score: null, rationale: "Tone." });
    expect(read({}).score).toBeNull();
  });
  it("an unparseable answer carries no score; without self-evaluation no score is read", () => {
    expect(plan().interpret([answer({ answer: "??", confidence: 0.9 })]).score).toBeNull();
    const plain = planVotes(ctxFor(sentiment), { kind: "single" }, "m")[0] as VotePlan;
    expect(plain.interpret([answer({ answer: "pos", confidence: 0.9 })]).score).toBeNull();
    expect(plain.calls[0]?.output.schema.required).toEqual(["answer"]);
  });
  it("true_false: the mean of the per-option confidences", () => {
    const tf = one(planVotes(ctxFor(sentiment, { selfEvaluate: true }), { kind: "variants", variants: ["true_false"] }, "m"), "true_false");
    const out = tf.interpret([answer({ answer: false, confidence: 0.9 }), answer({ answer: true, confidence: 0.6 }), answer({ answer: false, confidence: 0.9 })]);
    expect(out.value).toBe("neg");
    expect(out.score).toBeCloseTo(0.8, 10);
  });
});
