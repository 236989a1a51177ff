/**
 * The plain data every quality computation works on: one item per (record, question) that has a human answer.
 * The service can build these from the database (proposals and decisions are stored), the simulator from a JSONL
 * file (scripts/simulate.ts via `from-records.ts`); nothing here knows where they came from.
 */
import type { UncertaintyMethod } from "@/lib/questions";

/** An uncertainty estimator by which records can be ranked (the dataset methods of lib/questions). */
export type Estimator = UncertaintyMethod;

export interface QualityItem {
  /** The record's id (routing is per record, so ids must be unique within one computation). */
  id: string;
  /** Breaks budget ties, as in the app. */
  importOrder: number;
  /** The LLM proposal's consensus value (parsed), or null when there is none (then it never agrees). */
  proposal: unknown;
  /**
   * The record's uncertainty (0..1, max or mean over its required questions) under each estimator that was
   * computed; null or absent = no signal under that estimator (the record would be "pending").
   */
  uncertainty: Partial<Record<Estimator, number | null>>;
  /** The human answer taken as the reference (valid for the question, never null). */
  reference: unknown;
}

/** A closed interval on 0..1. */
export interface Interval {
  low: number;
  high: number;
}

/** A proportion with its 95 % Wilson score interval; `value` and `interval` are null when n = 0. */
export interface Proportion {
  successes: number;
  n: number;
  value: number | null;
  interval: Interval | null;
}
