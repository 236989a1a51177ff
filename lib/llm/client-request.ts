/**
 * ChatCall → the body of POST /chat/completions. Pure, so what is sent can be tested without a server.
 */
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { ChatCall, ChatMessage, OutputSchema } from "./contracts";

export interface RequestOptions {
  model: string;
  /** The endpoint accepts `response_format: {type: "json_schema"}` (see lib/llm/probe.ts). */
  jsonSchemaSupported: boolean;
  /** The run's default temperature; the call's own temperature wins. Absent both: the server's default. */
  temperature?: number;
}

/**
 * How many alternatives to ask for at each token. The API allows 0–20 (vLLM's default --max-logprobs is 20 too).
 * Five is the usual choice and is enough for small label sets; more options than that need as many alternatives
 * to see every option's probability at the answer token, so the number follows the options, capped at 20.
 */
export function topLogprobsFor(choices: readonly string[]): number {
  return Math.min(20, Math.max(5, choices.length));
}

/** The line that introduces the schema when it is pasted into the prompt; the fake server looks for JSON after it. */
export const JSON_INSTRUCTION =
  "Answer with one JSON object only: no prose, no Markdown code fence. It must match this JSON schema:";

/**
 * Without json_schema support the schema goes into the prompt instead. We send no `response_format` at all rather
 * than `{type: "json_object"}`: servers disagree about json_object too (some reject it, some need the word "JSON" in
 * the prompt, some ignore it), while an instruction in the prompt works everywhere; runs parse the answer and make
 * one repair attempt when it does not parse. The instruction goes at the end of the last user message, where models
 * heed it most; without a user message it becomes one.
 */
export function withJsonInstruction(messages: readonly ChatMessage[], output: OutputSchema): ChatMessage[] {
  const instruction = `${JSON_INSTRUCTION}\n${JSON.stringify(output.schema)}`;
  const out = messages.map((m) => ({ ...m }));
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i].role === "user") {
      out[i] = { role: "user", content: `${out[i].content}\n\n${instruction}` };
      return out;
    }
  }
  out.push({ role: "user", content: instruction });
  return out;
}

export function buildChatRequest(call: ChatCall, opts: RequestOptions): ChatCompletionCreateParamsNonStreaming {
  const messages = opts.jsonSchemaSupported ? call.messages : withJsonInstruction(call.messages, call.output);
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: opts.model,
    messages: messages.map(toParam),
  };
  const temperature = call.temperature ?? opts.temperature;
  if (temperature !== undefined) body.temperature = temperature;
  if (opts.jsonSchemaSupported) {
    body.response_format = {
      type: "json_schema",
      json_schema: { name: call.output.name, schema: call.output.schema, strict: true },
    };
  }
  if (call.logprobChoices) {
    body.logprobs = true;
    body.top_logprobs = topLogprobsFor(call.logprobChoices);
  }
  return body;
}

function toParam(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case "system":
      return { role: "system", content: message.content };
    case "user":
      return { role: "user", content: message.content };
    case "assistant":
      return { role: "assistant", content: message.content };
  }
}
