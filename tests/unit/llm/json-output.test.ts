import { describe, expect, it } from "vitest";
import type { ChatCall } from "@/lib/llm/contracts";
import { parseJsonOutput, repairMessages } from "@/lib/llm/json-output";

const ok = (text: string) => {
  const r = parseJsonOutput(text);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value;
};
const error = (text: string) => {
  const r = parseJsonOutput(text);
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
};

describe("parseJsonOutput accepts", () => {
  it("a bare object, with whitespace and a byte-order mark", () => {
    expect(ok('\uFEFF  {"answer": "pos"}\n')).toEqual({ answer: "pos" });
  });
  it("an object in a ```json fence, with prose around the fence", () => {
    expect(ok('Sure! Here it is:\n```json\n{"answer": ["a", "b"]}\n```\nHope that helps.')).toEqual({ answer: ["a", "b"] });
    expect(ok('```\n{"answer": 3}\n```')).toEqual({ answer: 3 });
  });
  it("an object followed by prose", () => {
    expect(ok('{"answer": "pos"}\nI chose positive because of the tone.')).toEqual({ answer: "pos" });
  });
  it("one object with prose before and after, braces inside strings included", () => {
    expect(ok('The answer is {"answer": "neg", "rationale": "says \\"}{\\" twice {"} — done.')).toEqual({
      answer: "neg",
      rationale: 'says "}{" twice {',
    });
  });
  it("unicode, escaped or not", () => {
    expect(ok('{"answer": "naïve — 日本語 \\u00e9 😀"}')).toEqual({ answer: "naïve — 日本語 é 😀" });
  });
});

describe("parseJsonOutput rejects with a readable error", () => {
  it("empty text", () => expect(error("  \n")).toBe("the answer is empty"));
  it("truncated output, bare or fenced", () => {
    expect(error('{"answer": "pos", "rationale": "because')).toBe("the JSON object is not closed (the answer looks truncated)");
    expect(error('Here: {"answer": "pos", "rat')).toBe("the JSON object is not closed (the answer looks truncated)");
    expect(error('```json\n{"answer": "pos",')).toBe("the JSON object is not closed (the answer looks truncated)");
  });
  it("trailing commas, single quotes and comments (not JSON)", () => {
    expect(error('{"answer": "pos",}')).toMatch(/^not valid JSON: /);
    expect(error("{'answer': 'pos'}")).toMatch(/^not valid JSON: /);
    expect(error('prose {"answer": "pos" /* sure */} prose')).toMatch(/^not valid JSON: /);
  });
  it("a list or a scalar instead of an object", () => {
    expect(error('["pos"]')).toBe("expected a JSON object ({…}), got a list");
    expect(error("pos")).toBe("no JSON object found in the answer");
  });
  it("two candidate objects, in prose or in fences (which one would be the answer?)", () => {
    expect(error('{"answer": "pos"} or maybe {"answer": "neg"}')).toBe("the answer contains more than one JSON object");
    expect(error('```json\n{"answer": 1}\n```\n```json\n{"answer": 2}\n```')).toBe("the answer contains more than one JSON block");
  });
});

describe("repairMessages", () => {
  it("replays the conversation, the bad answer, and a request naming the error and the schema", () => {
    const call: ChatCall = {
      messages: [
        { role: "system", content: "sys" },
        { role: "user", content: "question" },
      ],
      output: { name: "sift_answer", schema: { type: "object", properties: { answer: { type: "string" } } } },
    };
    const msgs = repairMessages(call, "{oops", "not valid JSON: x");
    expect(msgs.slice(0, 3)).toEqual([...call.messages, { role: "assistant", content: "{oops" }]);
    expect(msgs).toHaveLength(4);
    expect(msgs[3]?.role).toBe("user");
    expect(msgs[3]?.content).toContain("not valid JSON: x");
    expect(msgs[3]?.content).toContain(JSON.stringify(call.output.schema));
    // The call itself is untouched: the runner may still need it.
    expect(call.messages).toHaveLength(2);
  });
});
