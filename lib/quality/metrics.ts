/**
 * Final accuracy and macro-F1 of a set of answers against the human references.
 */
import { proportion } from "./wilson";
import type { Proportion } from "./types";
import { sameValue, valueKey } from "./values";

/** One answer (what the dataset would hold: a proposal or a human answer) and the reference it is judged by. */
export interface AnswerPair {
  answer: unknown;
  reference: unknown;
}

export interface Scores {
  /** Share of answers equal to their reference, with its Wilson interval. */
  accuracy: Proportion;
  /** Null when there are no pairs. No interval: see `macroF1`. */
  macroF1: number | null;
}

export function accuracy(pairs: readonly AnswerPair[]): Proportion {
  let agree = 0;
  for (const p of pairs) if (sameValue(p.answer, p.reference)) agree += 1;
  return proportion(agree, pairs.length);
}

/**
 * DESIGN.md: "Macro-F1 averages the per-option F1 over the options that occur in the human answers". An "option"
 * is a distinct answer (by `valueKey`): for label questions exactly the options; for other types each distinct
 * value is a class (a multi_label set, a ranking order, a rating). Per class c: F1 = 2·TP / (2·TP + FP + FN), where
 * an answer of a class that never occurs in the references (or no answer at all) still costs its reference class a
 * false negative. Classes are summed in key order so the float result does not depend on input order.
 * No confidence interval: F1 is not a proportion, and a bootstrap would cost more than it tells at this size.
 */
export function macroF1(pairs: readonly AnswerPair[]): number | null {
  if (pairs.length === 0) return null;
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  for (const p of pairs) {
    const ref = valueKey(p.reference);
    if (ref !== null && !counts.has(ref)) counts.set(ref, { tp: 0, fp: 0, fn: 0 });
  }
  for (const p of pairs) {
    const ref = valueKey(p.reference);
    const answer = valueKey(p.answer);
    if (ref === null) continue;
    if (answer === ref) counts.get(ref)!.tp += 1;
    else {
      counts.get(ref)!.fn += 1;
      const predicted = answer === null ? undefined : counts.get(answer);
      if (predicted) predicted.fp += 1;
    }
  }
  if (counts.size === 0) return null;
  let sum = 0;
  for (const key of [...counts.keys()].sort()) {
    const c = counts.get(key)!;
    // The class occurs in the references, so tp + fn > 0 and the denominator is never 0.
    sum += (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
  }
  return sum / counts.size;
}

export function scores(pairs: readonly AnswerPair[]): Scores {
  return { accuracy: accuracy(pairs), macroF1: macroF1(pairs) };
}
