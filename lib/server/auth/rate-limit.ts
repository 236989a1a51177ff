// Sign-in rate limiting against password guessing: failed attempts are counted per account and per client address
// in PostgreSQL (rate-limiter-flexible's store), so the limit holds across web processes and restarts. An account
// that does not exist is counted exactly like one that does, so the limit never reveals whether an account exists.
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { verifyCredentials, type CredentialsCheck } from "@/lib/server/auth/users";
import { db, pool } from "@/lib/server/db/client";

const WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

interface Limiters {
  account: RateLimiterPostgres;
  address: RateLimiterPostgres;
}

// One table for both counters (keys are prefixed); the library creates it on first use (CREATE TABLE IF NOT EXISTS).
const TABLE = "sign_in_attempts";

function limiter(keyPrefix: string, points: number): Promise<RateLimiterPostgres> {
  return new Promise((resolve, reject) => {
    const created: RateLimiterPostgres = new RateLimiterPostgres(
      { storeClient: pool(), storeType: "pool", tableName: TABLE, keyPrefix, points, duration: WINDOW_SECONDS, clearExpiredByTimeout: true },
      (error?: Error) => (error ? reject(error) : resolve(created)),
    );
  });
}

const globalForLimits = globalThis as unknown as { siftSignInLimits?: Promise<Limiters> };

function limiters(): Promise<Limiters> {
  globalForLimits.siftSignInLimits ??= (async () => {
    // One after the other: each creates the shared table, and two concurrent CREATE TABLE IF NOT EXISTS can collide
    // ("relation already exists"), failing the first sign-in on a fresh database.
    const account = await limiter("account", MAX_FAILURES_PER_ACCOUNT);
    const address = await limiter("address", MAX_FAILURES_PER_ADDRESS);
    return { account, address };
  })();
  // A failed start (database down) must not be remembered: the next attempt tries again.
  globalForLimits.siftSignInLimits.catch(() => (globalForLimits.siftSignInLimits = undefined));
  return globalForLimits.siftSignInLimits;
}

/**
 * The account key: the user's id when the login names one (so switching between email and username does not double
 * the allowance), else the normalised login itself, counted the same way.
 */
async function accountKey(login: string): Promise<string> {
  const normalised = login.trim().toLowerCase();
  const user = await db.user.findFirst({
    where: normalised.includes("@") ? { email: normalised } : { username: normalised },
    select: { id: true },
  });
  return user ? `user:${user.id}` : `login:${normalised}`;
}

/**
 * The client address of a request: the last `X-Forwarded-For` entry. Behind a trusted reverse proxy
 * (SIFT_TRUST_PROXY=1) that is the entry the proxy itself appended, which a client cannot forge. Without one, the
 * web server drops whatever forwarding headers the client sent (lib/server/security/forwarded-headers.ts) and
 * Next.js writes the socket's address there, so it is the connection's own address. `X-Real-IP` is never read: a
 * client could write any address into it.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - 1] ?? "unknown";
}

export interface SignInAttempt {
  login: string;
  address: string;
}

/**
 * Counts an attempt against its account and its address before the password is checked (one atomic upsert each,
 * so parallel guesses cannot slip past a check-then-count race). Answers 0 when the attempt may go ahead, else the
 * seconds until it may be made.
 */
export async function reserveSignInAttempt(attempt: SignInAttempt): Promise<number> {
  const { account, address } = await limiters();
  const results = await Promise.all([
    account.consume(await accountKey(attempt.login)).catch(rejectedWait),
    address.consume(attempt.address).catch(rejectedWait),
  ]);
  const waits = results.map((result) => (typeof result === "number" ? result : 0));
  return Math.ceil(Math.max(...waits) / 1000);
}

/** The library rejects with a RateLimiterRes when the limit is reached, and with an Error when the store fails. */
function rejectedWait(rejection: unknown): number {
  if (rejection instanceof RateLimiterRes) return Math.max(rejection.msBeforeNext, 1000);
  throw rejection;
}

/**
 * A successful sign-in clears the account's failures and gives back the address the one attempt it just used (so
 * colleagues behind one NAT address are not limited by signing in); the address's earlier failures stay, or an attacker with one valid account could reset their address's count between
 * guesses at other accounts.
 */
export async function recordSignInSuccess(attempt: SignInAttempt): Promise<void> {
  const { account, address } = await limiters();
  await account.delete(await accountKey(attempt.login));
  // Only ever back to zero: a reward below it would bank extra guesses for later.
  const used = await address.get(attempt.address);
  if (used && used.consumedPoints > 0) await address.reward(attempt.address, 1);
}

export type LimitedSignIn = CredentialsCheck | { retryAfterSeconds: number };

/**
 * `verifyCredentials` behind the limits: the attempt is counted before the password is checked, whether or not the
 * account exists; a rate-limited attempt answers only when to try again.
 */
export async function checkCredentialsLimited(login: string, password: string, headers: Headers): Promise<LimitedSignIn> {
  const attempt = { login, address: clientAddress(headers) };
  const retryAfterSeconds = await reserveSignInAttempt(attempt);
  if (retryAfterSeconds > 0) return { retryAfterSeconds };
  const check = await verifyCredentials(login, password);
  // An expired temporary password is a failure: it stays counted.
  if (check.user) await recordSignInSuccess(attempt);
  return check;
}

/** "5 minutes", "1 minute": the wait shown on the sign-in page, rounded up to whole minutes. */
export function describeWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
