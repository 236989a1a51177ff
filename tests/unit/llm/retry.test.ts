import { describe, expect, it, vi } from "vitest";
import { LlmCallError, type LlmErrorKind } from "@/lib/llm/client-errors";
import { abortableSleep, isRetryable, retryDelayMs, withRetries, type RetryPolicy } from "@/lib/llm/retry";

const err = (kind: LlmErrorKind, retryAfterMs?: number) =>
  new LlmCallError({ kind, endpoint: "http://llm.test/v1", message: `${kind} from http://llm.test/v1`, retryAfterMs });

describe("retryDelayMs", () => {
  const opts = (random: number) => ({ baseMs: 100, maxMs: 5_000, random: () => random });

  it("is full jitter: uniform in [0, base·2^(attempt−1))", () => {
    expect(retryDelayMs(1, err("server"), opts(0))).toBe(0);
    expect(retryDelayMs(1, err("server"), opts(0.5))).toBe(50);
    expect(retryDelayMs(1, err("server"), opts(0.999999))).toBe(99);
    expect(retryDelayMs(2, err("server"), opts(0.999999))).toBe(199);
    expect(retryDelayMs(4, err("server"), opts(0.5))).toBe(400);
  });

  it("stays within bounds for any random value and attempt, and never exceeds maxMs", () => {
    for (let attempt = 1; attempt <= 40; attempt++) {
      for (const r of [0, 0.1, 0.5, 0.9, 0.999999]) {
        const delay = retryDelayMs(attempt, err("network"), opts(r));
        const ceiling = Math.min(5_000, 100 * 2 ** (attempt - 1));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
        expect(Number.isFinite(delay)).toBe(true);
      }
    }
  });

  it("honours Retry-After exactly, without jitter", () => {
    expect(retryDelayMs(1, err("rate_limited", 2_000), opts(0.01))).toBe(2_000);
    expect(retryDelayMs(3, err("rate_limited", 0), opts(0.9))).toBe(0);
  });

  it("caps Retry-After at maxMs", () => {
    expect(retryDelayMs(1, err("rate_limited", 120_000), opts(0.5))).toBe(5_000);
  });

  it("falls back to backoff for errors that are not LlmCallErrors", () => {
    expect(retryDelayMs(2, new Error("x"), opts(0.5))).toBe(100);
  });
});

describe("isRetryable", () => {
  it("retries rate limits, server errors, timeouts and network failures only", () => {
    expect(isRetryable(err("rate_limited"))).toBe(true);
    expect(isRetryable(err("server"))).toBe(true);
    expect(isRetryable(err("timeout"))).toBe(true);
    expect(isRetryable(err("network"))).toBe(true);
    expect(isRetryable(err("client"))).toBe(false);
    expect(isRetryable(err("bad_response"))).toBe(false);
    expect(isRetryable(new Error("bug"))).toBe(false);
  });
});

describe("withRetries", () => {
  const policy: RetryPolicy = { maxAttempts: 4, baseMs: 100, maxMs: 1_000 };

  it("returns the first success, sleeping the computed delays between attempts", async () => {
    const sleeps: number[] = [];
    const outcomes = [err("server"), err("rate_limited", 1_500), "ok"];
    const fn = vi.fn(async (attempt: number) => {
      const outcome = outcomes[attempt - 1];
      if (outcome instanceof Error) throw outcome;
      return outcome;
    });
    const onRetry = vi.fn();
    const value = await withRetries(fn, policy, { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, onRetry });
    expect(value).toBe("ok");
    expect(fn).toHaveBeenCalledTimes(3);
    expect(sleeps).toEqual([50, 1_000]); // jitter 0.5·100, then Retry-After 1500 capped at maxMs 1000
    expect(onRetry.mock.calls.map(([info]) => [info.attempt, info.error.kind, info.delayMs])).toEqual([
      [1, "server", 50],
      [2, "rate_limited", 1_000],
    ]);
  });

  it("gives up after maxAttempts and rethrows the last error with the attempt count", async () => {
    let calls = 0;
    const promise = withRetries(
      async () => {
        calls++;
        throw err("timeout");
      },
      policy,
      { sleep: async () => {}, random: () => 0 },
    );
    await expect(promise).rejects.toMatchObject({ kind: "timeout", attempts: 4 });
    await expect(promise).rejects.toThrow(/gave up after 4 attempts/);
    expect(calls).toBe(4);
  });

  it("does not retry client errors, bad responses or other exceptions", async () => {
    for (const error of [err("client"), err("bad_response"), new TypeError("bug")]) {
      let calls = 0;
      await expect(
        withRetries(async () => {
          calls++;
          throw error;
        }, policy, { sleep: async () => {} }),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it("stops with the signal's reason when aborted while waiting", async () => {
    const controller = new AbortController();
    const promise = withRetries(
      async () => {
        throw err("server");
      },
      { maxAttempts: 5, baseMs: 10_000, maxMs: 10_000 },
      { signal: controller.signal, random: () => 0.99 },
    );
    setTimeout(() => controller.abort(new Error("run cancelled")), 10);
    await expect(promise).rejects.toThrow("run cancelled");
  });

  it("maxAttempts 1 means one call", async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw err("server");
      }, { ...policy, maxAttempts: 1 }, { sleep: async () => {} }),
    ).rejects.toMatchObject({ kind: "server", attempts: 1 });
    expect(calls).toBe(1);
  });
});

describe("abortableSleep", () => {
  it("rejects at once when the signal is already aborted", async () => {
    await expect(abortableSleep(10_000, AbortSignal.abort(new Error("stop")))).rejects.toThrow("stop");
  });
  it("resolves after the delay", async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
  });
});
