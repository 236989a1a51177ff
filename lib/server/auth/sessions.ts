// Server-side sessions: the one writer of "UserSession". The session cookie (a next-auth JWT) carries a row's id as
// `sid`; lib/server/auth/actor.ts accepts the cookie only while the row exists and has not expired. Deleting rows is
// therefore what ends sessions: sign-out ends one, a password change or reset, deactivation and a membership change
// end all of a user's (a copied or forgotten cookie stops working at once, and reactivating a user revives nothing).
import type pg from "pg";
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { isUuid } from "@/lib/server/services/access";

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** A signed-in browser session as the database sees it now. */
export interface SessionState {
  actor: Actor;
  sessionId: string;
  /** Signed in with a temporary password: the session may do nothing but change it. */
  passwordChangeRequired: boolean;
}

interface SessionRow {
  id: string;
  username: string;
  name: string;
  email: string;
  isOwner: boolean;
  passwordTemporary: boolean;
}

/**
 * The session and its user in one statement (every request pays for it, the next-record path included). Refused: an
 * ended or expired session, a deactivated user, and a temporary password past its expiry.
 */
export async function sessionState(userId: string, sessionId: string): Promise<SessionState | null> {
  if (!isSessionId(sessionId) || !isUuid(userId)) return null;
  const { rows } = await pool().query<SessionRow>(
    `SELECT u.id, u.username, u.name, u.email, u."isOwner", u."passwordTemporaryUntil" IS NOT NULL AS "passwordTemporary"
       FROM "UserSession" s JOIN "User" u ON u.id = s."userId"
      WHERE s.id = $1 AND s."userId" = $2 AND s."expiresAt" > now() AND u."deactivatedAt" IS NULL
        AND (u."passwordTemporaryUntil" IS NULL OR u."passwordTemporaryUntil" > now())`,
    [sessionId, userId],
  );
  const row = rows[0];
  if (!row) return null;
  const actor = { userId: row.id, username: row.username, name: row.name, email: row.email, isOwner: row.isOwner };
  return { actor, sessionId, passwordChangeRequired: row.passwordTemporary };
}

/** Starts a session for a user who has just signed in; answers its id (the JWT's `sid`). */
export async function startSession(userId: string, maxAgeSeconds: number): Promise<string> {
  // Opportunistic clean-up keeps the table bounded: expired rows are never accepted, so nothing needs them (indexed).
  await pool().query(`DELETE FROM "UserSession" WHERE "expiresAt" < now()`);
  const { rows } = await pool().query<{ id: string }>(
    `INSERT INTO "UserSession" ("userId", "expiresAt") VALUES ($1, now() + make_interval(secs => $2)) RETURNING id`,
    [userId, maxAgeSeconds],
  );
  return rows[0]!.id;
}

/** Ends one session (sign-out). An unknown or malformed id is a no-op. */
export async function endSession(sessionId: string): Promise<void> {
  if (!isSessionId(sessionId)) return;
  await pool().query(`DELETE FROM "UserSession" WHERE id = $1`, [sessionId]);
}

/**
 * Ends every session of a user, but `keep` (the session that changed its own password goes on). Takes the caller's
 * transaction client so that the sessions end together with the change that ends them. Answers how many ended.
 */
export async function endUserSessions(client: Queryable, userId: string, keep?: string): Promise<number> {
  const result = await client.query(`DELETE FROM "UserSession" WHERE "userId" = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`, [
    userId,
    keep ?? null,
  ]);
  return result.rowCount ?? 0;
}

/** Whether a value read from a token can be a session id (a token is decrypted, but checked all the same). */
export function isSessionId(value: unknown): value is string {
  return typeof value === "string" && isUuid(value);
}
