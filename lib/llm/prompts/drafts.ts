/**
 * Building vote outcomes, so every interpreter says "unparseable" the same way: value null, the raw text kept.
 */
import type { ChatResult, VoteOutcome } from "../contracts";

export function unparseable(rawOutput: string, extra: Partial<VoteOutcome> = {}): VoteOutcome {
  return { value: null, score: null, rationale: null, distribution: null, ...extra, rawOutput };
}

export function parsed(value: unknown, extra: Partial<VoteOutcome> = {}): VoteOutcome {
  return { value, score: null, rationale: null, distribution: null, rawOutput: null, ...extra };
}

/** Several calls' texts as one raw output, each under its own heading, for votes made of several calls. */
export function joinedRaw(parts: { heading: string; result: ChatResult | undefined }[]): string {
  return parts.map((p) => `[${p.heading}]\n${p.result?.text ?? "(no answer)"}`).join("\n\n");
}

/** The mean of the scores that exist, or null: a vote made of several calls states one confidence. */
export function meanScore(scores: readonly (number | null)[]): number | null {
  const present = scores.filter((s): s is number => s !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}
