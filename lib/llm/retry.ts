/**
 * Sift retries chat calls itself (the openai SDK runs with maxRetries 0) so that the policy is the same for every
 * endpoint, testable with an injected clock and random source, and visible to runs (attempt counts, onRetry).
 */
import { LlmCallError } from "./client-errors";

export interface RetryPolicy {
  /** Attempts in all, the first included: 1 means no retry. */
  maxAttempts: number;
  /** The backoff ceiling of the first retry; doubles per attempt. */
  baseMs: number;
  /** No wait is longer than this, Retry-After included. */
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseMs: 1_000, maxMs: 60_000 };

export interface RetryDelayOptions {
  baseMs: number;
  maxMs: number;
  /** A number in [0, 1), Math.random in production. */
  random: () => number;
}

/**
 * How long to wait after attempt `attempt` (1-based) failed with `error`.
 * With Retry-After: exactly what the server asked, capped by maxMs (it knows when its window resets; adding jitter
 * would only make us early or late). Otherwise "full jitter" exponential backoff: uniform in
 * [0, min(maxMs, baseMs·2^(attempt−1))), which spreads concurrent callers out better than equal or no jitter.
 */
export function retryDelayMs(attempt: number, error: unknown, opts: RetryDelayOptions): number {
  const retryAfter = error instanceof LlmCallError ? error.retryAfterMs : undefined;
  if (retryAfter !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) {
    return Math.min(retryAfter, opts.maxMs);
  }
  const exponent = Math.max(0, Math.min(attempt - 1, 30)); // 2^30·base is beyond any sane maxMs; avoids Infinity
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** exponent);
  return Math.floor(opts.random() * ceiling);
}

/** Rate limits, server errors, timeouts and broken connections may pass; client errors and bad responses will not. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof LlmCallError)) return false;
  return error.kind === "rate_limited" || error.kind === "server" || error.kind === "timeout" || error.kind === "network";
}

export interface RetryInfo {
  /** The attempt that failed (1-based). */
  attempt: number;
  error: LlmCallError;
  delayMs: number;
}

export interface RetryDeps {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  random?: () => number;
  /** Called before each wait: for logs and run counters. */
  onRetry?: (info: RetryInfo) => void;
}

/**
 * Calls `fn(attempt)` until it succeeds, fails with a non-retryable error, or `policy.maxAttempts` attempts failed;
 * then rethrows the last error (an LlmCallError says how many attempts were made). An aborted signal stops at once
 * with the signal's reason.
 */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps = {},
): Promise<T> {
  const sleep = deps.sleep ?? abortableSleep;
  const random = deps.random ?? Math.random;
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  for (let attempt = 1; ; attempt++) {
    deps.signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      deps.signal?.throwIfAborted();
      if (!isRetryable(error) || attempt >= maxAttempts) {
        throw error instanceof LlmCallError ? error.withAttempts(attempt) : error;
      }
      const delayMs = retryDelayMs(attempt, error, { baseMs: policy.baseMs, maxMs: policy.maxMs, random });
      deps.onRetry?.({ attempt, error: error as LlmCallError, delayMs });
      await sleep(delayMs, deps.signal);
    }
  }
}

/** setTimeout as a promise that rejects with the signal's reason when aborted. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
