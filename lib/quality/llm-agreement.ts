/**
 * "LLM agreement with people": the one definition every tab shows (Overview, Quality, Agreement, the LLM tab), so that
 * the same records give the same figure everywhere (issue 13).
 *
 *   On the records that have an LLM proposal for a question and a human consensus for it (every required response
 *   submitted and no tie, or a curator's ruling: the record's final value made by people), the share where the LLM's
 *   value equals that consensus; n = those records; 95 % Wilson interval.
 *
 * The LLM's value is the proposal (the consensus of every agent's suggestions) or, per agent on the LLM tab, that
 * agent's own suggestion; a proposal or suggestion that could not be read counts as a disagreement. Values are
 * compared in the question type's canonical form (the caller canonicalises both sides). Annotators' agreement with
 * the LLM per answer (the Agreement tab) is a different figure with a different name.
 *
 * Kept general (counts in, estimate and interval out), so later work (certified thresholds) can reuse it.
 */
import type { Proportion } from "./types";
import { sameValue } from "./values";
import { Z_95, proportion, wilsonInterval } from "./wilson";

/** What the figure is called, on every tab. */
export const LLM_AGREEMENT_NAME = "LLM agreement with people";
/** What n counts, on every tab ("2 of 3 records with a human consensus"). */
export const LLM_AGREEMENT_UNIT = "records with a human consensus";
/** The definition in one sentence, shown under the figure. */
export const LLM_AGREEMENT_DEFINITION =
  "On records with an LLM proposal and a human consensus (every required answer submitted without a tie, or a curator's ruling): " +
  "the share where the LLM's value equals the consensus. 95 % Wilson interval.";

export interface AgreementCounts {
  agreed: number;
  n: number;
}

/** Adds one comparison: the LLM's value against the people's consensus (both canonical). */
export function addComparison(counts: AgreementCounts, llm: unknown, people: unknown): void {
  counts.n += 1;
  if (sameValue(llm, people)) counts.agreed += 1;
}

/** Counts comparisons of many pairs at once. */
export function countAgreement(pairs: Iterable<{ llm: unknown; people: unknown }>): AgreementCounts {
  const counts = { agreed: 0, n: 0 };
  for (const pair of pairs) addComparison(counts, pair.llm, pair.people);
  return counts;
}

/** Counts → the estimate and its 95 % Wilson interval (value and interval null when n = 0). */
export function agreementFigure(counts: AgreementCounts): Proportion {
  return proportion(counts.agreed, counts.n);
}

/**
 * Advice (a threshold for a target, "send X % to humans") is only given from enough records: at least the smallest n
 * at which every 95 % Wilson interval, whatever the observed share, is at most this wide (±10 points). With fewer, the
 * accuracy the advice rests on is not known to within ±10 points, and an advice such as "send 30 %" would mostly
 * repeat the noise of a handful of records.
 */
export const ADVICE_MAX_INTERVAL_WIDTH = 0.2;

/** The smallest n whose widest 95 % Wilson interval (over every possible count of successes) is at most `width`. */
export function minimumRecordsFor(width: number, z: number = Z_95): number {
  if (!(width > 0 && width <= 1)) throw new RangeError(`minimumRecordsFor: width must be in (0, 1], got ${width}`);
  for (let n = 1; ; n += 1) {
    let widest = 0;
    for (let s = 0; s <= n; s += 1) {
      const interval = wilsonInterval(s, n, z)!;
      widest = Math.max(widest, interval.high - interval.low);
    }
    if (widest <= width) return n;
  }
}

/** 93 records: see ADVICE_MAX_INTERVAL_WIDTH. */
export const ADVICE_MIN_RECORDS = minimumRecordsFor(ADVICE_MAX_INTERVAL_WIDTH);

export interface AdviceReliability {
  reliable: boolean;
  /** Records the advice rests on. */
  n: number;
  /** Records needed before the advice is given. */
  minimum: number;
}

export function adviceReliability(n: number, minimum: number = ADVICE_MIN_RECORDS): AdviceReliability {
  return { reliable: n >= minimum, n, minimum };
}
