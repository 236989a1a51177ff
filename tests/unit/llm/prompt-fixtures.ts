/** Shared test data for the prompt tests: a small dataset with one question of each type, and fake answers. */
import type { ChatResult, PromptContext, PromptQuestion, TokenLogprob, VotePlan } from "@/lib/llm/contracts";

export const sentiment: PromptQuestion = {
  name: "sentiment",
  title: "Sentiment",
  description: "The overall tone of the review.",
  type: "label",
  settings: { options: [{ value: "pos", text: "Positive" }, { value: "neg", text: "Negative" }, { value: "neu", text: "Neutral" }] },
};

export const topics: PromptQuestion = {
  name: "topics",
  title: "Topics",
  description: "",
  type: "multi_label",
  settings: { options: [{ value: "price" }, { value: "quality" }, { value: "delivery" }] },
};

export const preference: PromptQuestion = {
  name: "preference",
  title: "Which response is better?",
  description: "",
  type: "ranking",
  settings: { options: [{ value: "response_a", text: "Answer A" }, { value: "response_b", text: "Answer B" }] },
};

export const quality: PromptQuestion = { name: "quality", title: "Quality", description: "", type: "rating", settings: { min: 1, max: 5 } };
export const score10: PromptQuestion = { name: "score10", title: "Score", description: "", type: "rating", settings: { min: 0, max: 10 } };
export const critique: PromptQuestion = { name: "critique", title: "Critique", description: "What is wrong?", type: "text", settings: {} };

export function ctxFor(question: PromptQuestion, extra: Partial<PromptContext> = {}): PromptContext {
  return {
    guidelines: "Label the review as the customer meant it.",
    fields: [
      { name: "prompt", title: "Prompt", type: "text" },
      { name: "response_a", title: "Response A", type: "text" },
      { name: "response_b", title: "Response B", type: "markdown" },
    ],
    recordFields: { prompt: "What is 2+2?", response_a: "It is 4.", response_b: "**Five**, obviously." },
    question,
    questions: [sentiment, topics, preference, quality, score10, critique],
    selfEvaluate: false,
    seed: "run-1",
    ...extra,
  };
}

export function result(text: string, logprobs?: TokenLogprob[]): ChatResult {
  return { text, finishReason: "stop", inputTokens: 10, outputTokens: 5, ...(logprobs ? { logprobs } : {}) };
}

/** An answer as the runner hands it over: the parsed JSON and the raw text it came from. */
export function answer(json: unknown, text = JSON.stringify(json)): { json: unknown; result: ChatResult } {
  return { json, result: result(text) };
}

/** The user message of a plan's n-th call. */
export function userText(plan: VotePlan, call = 0): string {
  return plan.calls[call]?.messages.find((m) => m.role === "user")?.content ?? "";
}

/** Paths where a JSON schema breaks OpenAI strict mode (an object not closed, or a property not required). */
export function strictViolations(schema: unknown, path = "$"): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const out: string[] = [];
  if (s.type === "object") {
    const keys = Object.keys((s.properties ?? {}) as object);
    if (s.additionalProperties !== false) out.push(`${path}: additionalProperties`);
    if (JSON.stringify([...((s.required ?? []) as string[])].sort()) !== JSON.stringify([...keys].sort())) out.push(`${path}: required`);
    for (const k of keys) out.push(...strictViolations((s.properties as Record<string, unknown>)[k], `${path}.${k}`));
  }
  if (s.items) out.push(...strictViolations(s.items, `${path}[]`));
  return out;
}
