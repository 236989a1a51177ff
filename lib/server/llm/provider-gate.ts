// A provider's limits, held across every worker process through PostgreSQL:
// - concurrency: the provider has `maxConcurrency` numbered slots; a process leases slots (a row each, with an expiry
//   it renews while it holds them) and hands them from one call to the next locally, so the steady state costs no
//   database round trip per call; a crashed process's slots expire after LEASE_SECONDS;
// - request and token rate limits: one token-bucket row per provider; a call takes one request from it and is
//   admitted while the token bucket is not in debt; its tokens are paid after the call (they are only known then).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type pg from "pg";

export interface ProviderLimits {
  maxConcurrency: number;
  requestsPerMinute?: number | null;
  tokensPerMinute?: number | null;
}

export interface Permit {
  /** Returns the slot; `tokens` are what the call used (input + output), charged to the token bucket. */
  release(tokens: number): Promise<void>;
}

const LEASE_SECONDS = 30;
const RENEW_EVERY_MS = 10_000;
/**
 * A slot left idle this long goes back to the other processes. Short: while a process has calls waiting, its slots
 * never idle (they pass from call to call), so this only matters when its demand falls below what it holds — then
 * another process's waiting calls should get them soon (bench:llm --workers 3: 2 s here made the run's tail ~7 s
 * longer).
 */
const IDLE_RETURN_MS = 250;
const POLL_MIN_MS = 25;
/** Waiting acquirers ask the database for a returned slot at least this often (plus up to as much jitter). */
const POLL_MAX_MS = 200;

/** Identifies this process's leases; unique per process so two processes never share a slot. */
export const processHolder = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export class ProviderGate {
  private readonly idle: { slot: number; since: number }[] = [];
  private readonly held = new Set<number>();
  private readonly waiters: ((slot: number) => void)[] = [];
  private renewTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private polling = false;
  private closed = false;
  private bucketReady = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly providerId: string,
    private limits: ProviderLimits,
    private readonly holder = processHolder,
  ) {}

  /** Limits may change while the process runs (an admin edits the provider); they apply from the next call. */
  setLimits(limits: ProviderLimits): void {
    this.limits = limits;
  }

  async acquire(signal?: AbortSignal): Promise<Permit> {
    const slot = await this.takeSlot(signal);
    try {
      await this.takeRequest(signal);
    } catch (error) {
      this.giveBack(slot);
      throw error;
    }
    let released = false;
    return {
      release: async (tokens) => {
        if (released) return;
        released = true;
        this.giveBack(slot);
        if (this.limits.tokensPerMinute && tokens > 0) await this.payTokens(tokens);
      },
    };
  }

  /** Returns every slot this process holds (the worker shutting down); waiting acquirers keep waiting elsewhere. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.renewTimer) clearInterval(this.renewTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.renewTimer = this.idleTimer = null;
    this.held.clear();
    this.idle.length = 0;
    await this.pool.query(`DELETE FROM "LlmProviderLease" WHERE "providerId" = $1 AND holder = $2`, [this.providerId, this.holder]);
  }

  // ── concurrency ────────────────────────────────────────────────────────────────────────────────────────────────

  private async takeSlot(signal?: AbortSignal): Promise<number> {
    const idle = this.idle.pop();
    if (idle) return idle.slot;
    if (this.waiters.length === 0) {
      const leased = await this.leaseSlot();
      if (leased !== null) return leased;
    }
    return new Promise<number>((resolve, reject) => {
      const waiter = (slot: number) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(slot);
      };
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
      void this.pollForSlots();
    });
  }

  private giveBack(slot: number): void {
    if (!this.held.has(slot)) return; // lost (lease expired while the process stalled) or closed
    // A slot above a lowered maximum is returned rather than reused.
    if (slot >= this.limits.maxConcurrency) {
      this.held.delete(slot);
      void this.returnSlots([slot]);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) return waiter(slot);
    this.idle.push({ slot, since: Date.now() });
    this.scheduleIdleReturn();
  }

  /** While acquirers wait, asks the database for one more slot now and then (another process may free one). */
  private async pollForSlots(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    let delay = POLL_MIN_MS;
    try {
      while (this.waiters.length > 0 && !this.closed) {
        const slot = await this.leaseSlot().catch(() => null);
        if (slot !== null) {
          const waiter = this.waiters.shift();
          if (waiter) waiter(slot);
          else this.giveBack(slot);
          delay = POLL_MIN_MS;
          continue;
        }
        await sleep(delay + Math.random() * delay);
        delay = Math.min(delay * 2, POLL_MAX_MS);
      }
    } finally {
      this.polling = false;
    }
  }

  /** One free (or expired) slot below the maximum, leased to this process; null when all are taken. */
  private async leaseSlot(): Promise<number | null> {
    if (this.closed) return null;
    const result = await this.pool.query<{ slot: number }>(
      `INSERT INTO "LlmProviderLease" ("providerId", slot, holder, "expiresAt")
       SELECT $1, s, $2, now() + make_interval(secs => $4)
       FROM generate_series(0, $3::int - 1) AS s
       WHERE NOT EXISTS (SELECT 1 FROM "LlmProviderLease" l
                         WHERE l."providerId" = $1 AND l.slot = s AND l."expiresAt" > now())
       ORDER BY random() LIMIT 1
       ON CONFLICT ("providerId", slot) DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"
         WHERE "LlmProviderLease"."expiresAt" <= now()
       RETURNING slot`,
      [this.providerId, this.holder, this.limits.maxConcurrency, LEASE_SECONDS],
    );
    const slot = result.rows[0]?.slot;
    if (slot === undefined) return null;
    this.held.add(slot);
    this.startRenewing();
    return slot;
  }

  private startRenewing(): void {
    if (this.renewTimer) return;
    this.renewTimer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.renewTimer.unref();
  }

  private async renew(): Promise<void> {
    if (this.held.size === 0) {
      if (this.renewTimer) clearInterval(this.renewTimer);
      this.renewTimer = null;
      return;
    }
    const renewed = await this.pool
      .query<{ slot: number }>(
        `UPDATE "LlmProviderLease" SET "expiresAt" = now() + make_interval(secs => $3)
         WHERE "providerId" = $1 AND holder = $2 RETURNING slot`,
        [this.providerId, this.holder, LEASE_SECONDS],
      )
      .catch(() => null);
    if (!renewed) return; // the database is unreachable: calls will fail on their own; try again at the next tick
    // A slot whose lease another process took over (we stalled past the expiry) is no longer ours to use.
    const stillOurs = new Set(renewed.rows.map((row) => row.slot));
    for (const slot of [...this.held]) if (!stillOurs.has(slot)) this.held.delete(slot);
    for (let i = this.idle.length - 1; i >= 0; i--) if (!stillOurs.has(this.idle[i]!.slot)) this.idle.splice(i, 1);
  }

  private scheduleIdleReturn(): void {
    if (this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const cutoff = Date.now() - IDLE_RETURN_MS;
      const stale = this.idle.filter((entry) => entry.since <= cutoff).map((entry) => entry.slot);
      if (stale.length > 0) {
        for (const slot of stale) this.held.delete(slot);
        this.idle.splice(0, this.idle.length, ...this.idle.filter((entry) => entry.since > cutoff));
        void this.returnSlots(stale);
      }
      if (this.idle.length > 0) this.scheduleIdleReturn();
    }, IDLE_RETURN_MS);
    this.idleTimer.unref();
  }

  private async returnSlots(slots: number[]): Promise<void> {
    await this.pool
      .query(`DELETE FROM "LlmProviderLease" WHERE "providerId" = $1 AND holder = $2 AND slot = ANY($3::int[])`, [
        this.providerId,
        this.holder,
        slots,
      ])
      .catch(() => undefined); // they expire on their own
  }

  // ── rate limits ────────────────────────────────────────────────────────────────────────────────────────────────

  /** Waits until the request bucket has a request and the token bucket is not in debt, and takes the request. */
  private async takeRequest(signal?: AbortSignal): Promise<void> {
    const rpm = this.limits.requestsPerMinute ?? null;
    const tpm = this.limits.tokensPerMinute ?? null;
    if (!rpm && !tpm) return;
    if (!this.bucketReady) {
      // A new bucket starts full, as a provider that has not been called yet has its whole minute available.
      await this.pool.query(
        `INSERT INTO "LlmProviderBucket" ("providerId", requests, tokens, "updatedAt")
         VALUES ($1, coalesce($2::float8, 0), coalesce($3::float8, 0), now()) ON CONFLICT ("providerId") DO NOTHING`,
        [this.providerId, rpm, tpm],
      );
      this.bucketReady = true;
    }
    for (;;) {
      // Refill by the time elapsed (capped at one minute's worth), then take one request if admitted; one statement,
      // so concurrent processes cannot both take the last request.
      const taken = await this.pool.query<{ requests: number; tokens: number; admitted: boolean }>(
        `WITH refilled AS (
           SELECT least(coalesce($2::float8, 0), requests + coalesce($2::float8, 0) * secs / 60) AS requests,
                  least(coalesce($3::float8, 0), tokens + coalesce($3::float8, 0) * secs / 60) AS tokens
           FROM "LlmProviderBucket",
                LATERAL (SELECT greatest(0, extract(epoch FROM clock_timestamp() - "updatedAt"))::float8 AS secs) t
           WHERE "providerId" = $1 FOR UPDATE),
         decided AS (
           SELECT requests, tokens, ($2::float8 IS NULL OR requests >= 1) AND ($3::float8 IS NULL OR tokens >= 0) AS admitted
           FROM refilled)
         UPDATE "LlmProviderBucket" b
         SET requests = d.requests - CASE WHEN d.admitted AND $2::float8 IS NOT NULL THEN 1 ELSE 0 END,
             tokens = d.tokens, "updatedAt" = clock_timestamp()
         FROM decided d WHERE b."providerId" = $1
         RETURNING d.requests, d.tokens, d.admitted`,
        [this.providerId, rpm, tpm],
      );
      const row = taken.rows[0];
      if (!row) {
        this.bucketReady = false; // the provider's bucket was deleted meanwhile; recreate it
        return this.takeRequest(signal);
      }
      if (row.admitted) return;
      const requestsShort = rpm ? Math.max(0, 1 - row.requests) : 0;
      const tokensShort = tpm ? Math.max(0, -row.tokens) : 0;
      const waitMs = Math.max(rpm ? (requestsShort / rpm) * 60_000 : 0, tpm ? (tokensShort / tpm) * 60_000 : 0);
      await sleep(Math.min(Math.max(waitMs, POLL_MIN_MS), 5_000) * (1 + Math.random() * 0.2), signal);
    }
  }

  private async payTokens(tokens: number): Promise<void> {
    await this.pool
      .query(`UPDATE "LlmProviderBucket" SET tokens = tokens - $2 WHERE "providerId" = $1`, [this.providerId, tokens])
      .catch(() => undefined);
  }
}
