// What bench/lib/queue-load.ts measures and hands back to bench/queue.ts (as JSON on its last line).
import type { QueueShape } from "./queue-data";

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** A claim and the window in which it was certainly held: from claimNext's return to the call of saveResponse. */
export interface ClaimWindow {
  user: string;
  record: string;
  /** Milliseconds since the epoch (performance.timeOrigin + performance.now()). */
  from: number;
  to: number;
}

export interface LoadResult {
  datasetId: string;
  records: number;
  annotators: number;
  thinkMs: number;
  poolSize: number;
  shape: QueueShape;
  setupSeconds: number;
  insertSeconds: number;
  loadSeconds: number;
  startedAt: number;
  claims: number;
  emptyClaims: number;
  submits: number;
  errors: string[];
  errorCount: number;
  /** claimNext as the API route calls it (access check, the held-record lookup, the claim). */
  claim: LatencySummary;
  /** saveResponse of a submit (access, dataset config, the transaction with the final value). */
  submit: LatencySummary;
  /** The bare claim statement alone on one connection, before and after the load, and both together. */
  bareBefore: LatencySummary;
  bareAfter: LatencySummary;
  bare: LatencySummary;
  /** The bare statement every 50 ms during the load, on a connection of its own. */
  bareDuringLoad: LatencySummary;
  /** CPU time of the process running the 50 annotators (the app's code, in-process), over the load. */
  loadCpuSeconds: number;
  plan: string;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function latencySummary(durations: number[]): LatencySummary {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? 0 : sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
  };
}
