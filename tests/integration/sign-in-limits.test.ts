// Sign-in rate limiting: 5 failures per account and 20 per client address in 15 minutes, counted in PostgreSQL,
// identical for accounts that do not exist, cleared for the account by a successful sign-in.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  checkCredentialsLimited,
  clientAddress,
  describeWait,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
} from "@/lib/server/auth/rate-limit";
import { sessionMaxAgeSeconds } from "@/lib/server/auth/session-lifetime";
import { createUser } from "@/lib/server/auth/users";
import { db, pool } from "@/lib/server/db/client";

const PASSWORD = "correct horse battery";

async function newUser(): Promise<string> {
  const username = `limited-${randomUUID().slice(0, 8)}`;
  await createUser({ email: `${username}@test.local`, username, name: username, password: PASSWORD });
  return username;
}

/**
 * A fresh client address per test, so tests do not share the per-address count: in X-Forwarded-For, where Next.js
 * writes the socket's address (a client's own forwarding headers are dropped first unless the proxy is trusted).
 */
function fromAddress(): Headers {
  return new Headers({ "x-forwarded-for": `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
}

class Limited {
  constructor(readonly retryAfterSeconds: number) {}
}

/** The outcome of one attempt: signed in, refused, or rate limited (with the wait). */
async function attempt(login: string, password: string, headers: Headers): Promise<"ok" | "refused" | Limited> {
  const outcome = await checkCredentialsLimited(login, password, headers);
  if ("retryAfterSeconds" in outcome) return new Limited(outcome.retryAfterSeconds);
  return outcome.user ? "ok" : "refused";
}

async function failTimes(count: number, login: string, headers: Headers): Promise<void> {
  for (let index = 0; index < count; index++) expect(await attempt(login, "wrong password", headers)).toBe("refused");
}

describe("sign-in rate limits", () => {
  it("refuses an account after 5 failures, even with the right password, and says how long to wait", async () => {
    const username = await newUser();
    const headers = fromAddress();
    await failTimes(MAX_FAILURES_PER_ACCOUNT, username, headers);
    const limited = await attempt(username, PASSWORD, headers);
    expect(limited).toBeInstanceOf(Limited);
    const seconds = (limited as Limited).retryAfterSeconds;
    expect(seconds).toBeGreaterThan(14 * 60);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(describeWait(seconds)).toBe("15 minutes");
    // The same account by its email shares the count; another address does not lift the account's limit.
    expect(await attempt(`${username}@test.local`, PASSWORD, fromAddress())).toBeInstanceOf(Limited);
  });

  it("treats an account that does not exist exactly like one that does", async () => {
    const headers = fromAddress();
    const ghost = `nobody-${randomUUID().slice(0, 8)}`;
    await failTimes(MAX_FAILURES_PER_ACCOUNT, ghost, headers);
    const limited = await attempt(ghost, PASSWORD, headers);
    expect(limited).toBeInstanceOf(Limited);
    expect((limited as Limited).retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it("clears the account's failures on a successful sign-in", async () => {
    const username = await newUser();
    const headers = fromAddress();
    await failTimes(MAX_FAILURES_PER_ACCOUNT - 1, username, headers);
    expect(await attempt(username, PASSWORD, headers)).toBe("ok");
    await failTimes(MAX_FAILURES_PER_ACCOUNT, username, headers);
    expect(await attempt(username, PASSWORD, headers)).toBeInstanceOf(Limited);
  });

  it("limits one address guessing at many accounts to 20 failures", async () => {
    const headers = fromAddress();
    for (let index = 0; index < MAX_FAILURES_PER_ADDRESS; index++) {
      expect(await attempt(`spray-${randomUUID().slice(0, 8)}`, "wrong password", headers)).toBe("refused");
    }
    const username = await newUser();
    expect(await attempt(username, PASSWORD, headers)).toBeInstanceOf(Limited);
    expect(await attempt(username, PASSWORD, fromAddress())).toBe("ok");
  }, 60_000);

  it("does not let successful sign-ins bank extra guesses for an address", async () => {
    const headers = fromAddress();
    const username = await newUser();
    for (let index = 0; index < 3; index++) expect(await attempt(username, PASSWORD, headers)).toBe("ok");
    for (let index = 0; index < MAX_FAILURES_PER_ADDRESS; index++) {
      expect(await attempt(`spray-${randomUUID().slice(0, 8)}`, "wrong password", headers)).toBe("refused");
    }
    expect(await attempt(`spray-${randomUUID().slice(0, 8)}`, "wrong password", headers)).toBeInstanceOf(Limited);
  }, 60_000);

  it("keeps the counts in PostgreSQL, so they outlive the process", async () => {
    const username = await newUser();
    await failTimes(2, username, fromAddress());
    const user = await db.user.findFirstOrThrow({ where: { username } });
    // What a restarted or second web process reads: the row in PostgreSQL, not this process's memory.
    const stored = await pool().query<{ points: number }>("SELECT points FROM sign_in_attempts WHERE key = $1", [`account:user:${user.id}`]);
    expect(stored.rows.map((row) => row.points)).toEqual([2]);
  });
});

describe("the client address", () => {
  it("is the last X-Forwarded-For entry (the proxy's own, or the socket's), never X-Real-IP", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9", "x-real-ip": "198.51.100.1" }))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": "127.0.0.1", "x-real-ip": "198.51.100.1" }))).toBe("127.0.0.1");
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.1" }))).toBe("unknown");
  });
});

describe("the session lifetime", () => {
  it("is SIFT_SESSION_HOURS hours, 12 by default or when the value is not a positive number", () => {
    expect(sessionMaxAgeSeconds(undefined)).toBe(12 * 3600);
    expect(sessionMaxAgeSeconds("2")).toBe(2 * 3600);
    expect(sessionMaxAgeSeconds("0.5")).toBe(1800);
    expect(sessionMaxAgeSeconds("-1")).toBe(12 * 3600);
    expect(sessionMaxAgeSeconds("soon")).toBe(12 * 3600);
  });
});
