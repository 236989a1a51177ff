/**
 * Reading a model's text as one JSON object, strictly: models wrap JSON in fences or prose even when told not to,
 * and that much is recovered; anything truncated, malformed or ambiguous is an error that names the problem, so the
 * runner can send one repair retry (`repairMessages`) and otherwise record an unparseable vote.
 */
import { jsonTextTooDeep, tooDeepMessage } from "@/lib/datasets/value-limits";
import type { ChatCall, ChatMessage } from "./contracts";

export type JsonOutput = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

const FENCE = /```[a-zA-Z]*[ \t]*\r?\n?([\s\S]*?)```/g;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseObject(text: string): JsonOutput {
  if (jsonTextTooDeep(text)) return { ok: false, error: `the JSON ${tooDeepMessage()}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  return isObject(value) ? { ok: true, value } : { ok: false, error: "expected a JSON object ({…}), got " + describe(value) };
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null) return "null";
  return `a ${typeof v}`;
}

/**
 * Index just past the `}` closing the object that opens at `start`, skipping braces inside strings;
 * -1 when the text ends first (a truncated answer).
 */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

/** The one `{…}` inside prose: the first balanced object, provided no second object follows it. */
function objectInProse(text: string): JsonOutput {
  const start = text.indexOf("{");
  if (start < 0) return { ok: false, error: "no JSON object found in the answer" };
  const end = objectEnd(text, start);
  if (end < 0) return { ok: false, error: "the JSON object is not closed (the answer looks truncated)" };
  const next = text.indexOf("{", end);
  if (next >= 0 && objectEnd(text, next) >= 0) return { ok: false, error: "the answer contains more than one JSON object" };
  return parseObject(text.slice(start, end));
}

/**
 * The model's text → one JSON object. Accepted: a bare object; an object in a ```json fence (the only fence, or the
 * only one holding an object); an object with prose before or after it. Rejected with a readable error: empty text,
 * truncated or malformed JSON (trailing commas, single quotes, comments), a list or scalar, two candidate objects.
 */
export function parseJsonOutput(text: string): JsonOutput {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") return { ok: false, error: "the answer is empty" };
  if (trimmed.startsWith("[")) return parseObject(trimmed);
  if (trimmed.startsWith("{")) {
    const whole = parseObject(trimmed);
    // Not JSON as a whole: maybe prose after the object, maybe truncated; the scan below tells which.
    if (whole.ok) return whole;
  }
  const fenced = [...trimmed.matchAll(FENCE)].map((m) => (m[1] ?? "").trim()).filter((b) => b.startsWith("{"));
  if (fenced.length > 1) return { ok: false, error: "the answer contains more than one JSON block" };
  if (fenced[0] !== undefined) return parseObject(fenced[0]);
  // An opening fence without its closing one: the answer was cut off.
  if (/```/.test(trimmed) && trimmed.includes("{") && objectEnd(trimmed, trimmed.indexOf("{")) < 0)
    return { ok: false, error: "the JSON object is not closed (the answer looks truncated)" };
  return objectInProse(trimmed);
}

/**
 * The follow-up for the one repair retry: the same conversation, the bad answer as the assistant's turn, and a user
 * turn saying what was wrong and restating the schema (so endpoints without structured outputs can comply).
 */
export function repairMessages(call: ChatCall, badText: string, error: string): ChatMessage[] {
  return [
    ...call.messages,
    { role: "assistant", content: badText },
    {
      role: "user",
      content:
        `Your answer could not be read: ${error}.\n` +
        "Reply again with only one JSON object, no other text, that follows this JSON schema:\n" +
        JSON.stringify(call.output.schema),
    },
  ];
}
