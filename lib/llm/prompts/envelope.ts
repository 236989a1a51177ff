/**
 * The JSON object every answer comes in: the type's `answer`, and with self-evaluation a `rationale` before it and a
 * `confidence` after it (reasoning first, so the answer can follow from it; the confidence last, about that answer).
 * Also the "## Answer format" section that spells the same keys out in the prompt.
 */
import { z } from "zod";
import type { OutputSchema } from "../contracts";

export type JsonSchema = Record<string, unknown>;

/** A strict-mode object: every property required, nothing else allowed (OpenAI structured outputs). */
export function strictObject(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: "object", properties, required: Object.keys(properties), additionalProperties: false };
}

export const RATIONALE_SCHEMA: JsonSchema = { type: "string", description: "one or two sentences explaining your answer" };
export const CONFIDENCE_SCHEMA: JsonSchema = {
  type: "number",
  description: "how likely it is that your answer is correct, from 0 (a guess) to 1 (certain)",
};

export function answerOutput(name: string, answer: JsonSchema, selfEvaluate: boolean): OutputSchema {
  return {
    name,
    schema: strictObject(
      selfEvaluate ? { rationale: RATIONALE_SCHEMA, answer, confidence: CONFIDENCE_SCHEMA } : { answer },
    ),
  };
}

/** "## Answer format" from the schema's own property descriptions, so the prompt and the schema cannot drift apart. */
export function formatSection(output: OutputSchema): string {
  const properties = (output.schema.properties ?? {}) as Record<string, { description?: unknown }>;
  const lines = Object.entries(properties).map(
    ([key, p]) => `- "${key}": ${typeof p.description === "string" ? p.description : "see the schema"}`,
  );
  return ["## Answer format", "Reply with only a JSON object with these keys, in this order, and no other text:", ...lines].join("\n");
}

const NUMBER = /^\s*([+-]?\d+(?:\.\d+)?)\s*(%?)\s*$/;

/**
 * A stated confidence as a score in 0..1: numbers are clamped (1.2 → 1, −0.1 → 0), numeric strings read ("0.8",
 * "80%"); anything else (words, NaN, missing) is no score rather than a guess.
 */
export function readScore(raw: unknown): number | null {
  let n: number | null = null;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "string") {
    const m = NUMBER.exec(raw);
    if (m) n = Number(m[1]) / (m[2] === "%" ? 100 : 1);
  }
  if (n === null || !Number.isFinite(n)) return null;
  return Math.min(1, Math.max(0, n));
}

/** The model's explanation, under either name models use for it; null when absent or blank. */
export function readRationale(json: Record<string, unknown>): string | null {
  for (const key of ["rationale", "reasoning"]) {
    const v = json[key];
    if (typeof v === "string" && v.trim() !== "") return v.trim();
  }
  return null;
}

const envelopeSchema = z.looseObject({}).refine((o) => "answer" in o, "no \"answer\" key");

export interface Envelope {
  answer: unknown;
  score: number | null;
  rationale: string | null;
}

/** The parsed JSON as an envelope, or null when it is not an object with an `answer`. */
export function readEnvelope(json: unknown): Envelope | null {
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return null;
  const o = parsed.data as Record<string, unknown>;
  return { answer: o.answer, score: readScore(o.confidence), rationale: readRationale(o) };
}
