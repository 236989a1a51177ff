import { describe, expect, it } from "vitest";
import type { ChatCall } from "@/lib/llm/contracts";
import { buildChatRequest, JSON_INSTRUCTION, topLogprobsFor, withJsonInstruction } from "@/lib/llm/client-request";
import { mapLogprobs, toChatResult } from "@/lib/llm/client-response";
import { displayEndpoint, parseRetryAfterMs } from "@/lib/llm/client-errors";

const schema = { type: "object", properties: { label: { type: "string", enum: ["a", "b"] } }, required: ["label"] };
const call: ChatCall = {
  messages: [
    { role: "system", content: "You label." },
    { role: "user", content: "Label this." },
    { role: "assistant", content: "{}" },
  ],
  output: { name: "label", schema },
};

describe("buildChatRequest", () => {
  it("sends a strict json_schema response format when supported", () => {
    const body = buildChatRequest(call, { model: "m", jsonSchemaSupported: true });
    expect(body.response_format).toEqual({ type: "json_schema", json_schema: { name: "label", schema, strict: true } });
    expect(body.messages).toEqual(call.messages);
    expect(body).not.toHaveProperty("logprobs");
    expect(body).not.toHaveProperty("temperature");
  });

  it("without support sends no response_format and pastes the schema into the last user message", () => {
    const body = buildChatRequest(call, { model: "m", jsonSchemaSupported: false });
    expect(body).not.toHaveProperty("response_format");
    expect(body.messages[1].content).toBe(`Label this.\n\n${JSON_INSTRUCTION}\n${JSON.stringify(schema)}`);
    expect(body.messages[0].content).toBe("You label.");
    expect(body.messages[2].content).toBe("{}");
    expect(call.messages[1].content).toBe("Label this."); // the call is not mutated
  });

  it("adds a user message for the instruction when there is none", () => {
    const out = withJsonInstruction([{ role: "system", content: "s" }], call.output);
    expect(out).toHaveLength(2);
    expect(out[1].role).toBe("user");
    expect(out[1].content.startsWith(JSON_INSTRUCTION)).toBe(true);
  });

  it("asks for logprobs with enough alternatives for the options", () => {
    const body = buildChatRequest({ ...call, logprobChoices: ["a", "b"] }, { model: "m", jsonSchemaSupported: true });
    expect(body.logprobs).toBe(true);
    expect(body.top_logprobs).toBe(5);
    expect(topLogprobsFor(Array.from({ length: 8 }, (_, i) => String(i)))).toBe(8);
    expect(topLogprobsFor(Array.from({ length: 40 }, (_, i) => String(i)))).toBe(20);
  });

  it("takes the call's temperature over the run's default", () => {
    expect(buildChatRequest({ ...call, temperature: 0.7 }, { model: "m", jsonSchemaSupported: true, temperature: 0 }).temperature).toBe(0.7);
    expect(buildChatRequest(call, { model: "m", jsonSchemaSupported: true, temperature: 0 }).temperature).toBe(0);
  });
});

describe("toChatResult", () => {
  it("reads text, finish reason and usage, and 0 tokens when usage is absent", () => {
    const body = { choices: [{ message: { content: "{\"label\":\"a\"}" }, finish_reason: "stop" }], usage: { prompt_tokens: 12, completion_tokens: 3 } };
    expect(toChatResult(body, "e", false)).toEqual({ text: "{\"label\":\"a\"}", finishReason: "stop", inputTokens: 12, outputTokens: 3 });
    expect(toChatResult({ choices: [{ message: { content: "x" } }] }, "e", false)).toEqual({
      text: "x",
      finishReason: null,
      inputTokens: 0,
      outputTokens: 0,
    });
  });

  it("keeps a refusal as the text", () => {
    expect(toChatResult({ choices: [{ message: { content: null, refusal: "I can't" }, finish_reason: "stop" }] }, "e", false).text).toBe("I can't");
  });

  it("throws bad_response for bodies that are not completions", () => {
    expect(() => toChatResult("<html>", "http://x/v1", false)).toThrow(/http:\/\/x\/v1 returned an unreadable answer/);
    expect(() => toChatResult({ choices: [] }, "e", false)).toThrow(expect.objectContaining({ kind: "bad_response" }));
  });

  it("maps logprobs only when requested and present", () => {
    const logprobs = { content: [{ token: "a", logprob: -0.1, bytes: [97], top_logprobs: [{ token: "a", logprob: -0.1 }, { token: "b", logprob: -2.4 }] }] };
    const body = { choices: [{ message: { content: "a" }, finish_reason: "stop", logprobs }] };
    expect(toChatResult(body, "e", true).logprobs).toEqual([{ token: "a", logprob: -0.1, top: [{ token: "a", logprob: -0.1 }, { token: "b", logprob: -2.4 }] }]);
    expect(toChatResult(body, "e", false)).not.toHaveProperty("logprobs");
    expect(toChatResult({ choices: [{ message: { content: "a" }, logprobs: null }] }, "e", true)).not.toHaveProperty("logprobs");
    expect(mapLogprobs([{ token: "x", logprob: -1 }])).toEqual([{ token: "x", logprob: -1, top: [] }]);
  });
});

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads seconds, HTTP-dates and retry-after-ms (which wins)", () => {
    expect(parseRetryAfterMs(new Headers({ "retry-after": "3" }), now)).toBe(3_000);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "0.5" }), now)).toBe(500);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), now)).toBe(7_000);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "3", "retry-after-ms": "250" }), now)).toBe(250);
  });
  it("is undefined when absent or unreadable", () => {
    expect(parseRetryAfterMs(new Headers(), now)).toBeUndefined();
    expect(parseRetryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe("displayEndpoint", () => {
  it("drops credentials and the trailing slash", () => {
    expect(displayEndpoint("http://user:secret@llm.local:8000/v1/")).toBe("http://llm.local:8000/v1");
  });
});
