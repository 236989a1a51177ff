// The instance owner's management of user accounts: list and search, create, reset a password (to a one-time
// temporary password shown once), deactivate and reactivate. A deactivated user keeps their work and memberships but
// cannot sign in, and neither their session nor their API keys are accepted (lib/server/auth/actor.ts).
// A password the owner chose or generated is temporary: it expires (SIFT_TEMPORARY_PASSWORD_HOURS) and must be
// changed at first sign-in. A reset and a deactivation end the user's sessions; reactivating revives none of them.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { hashPassword } from "@/lib/server/auth/password";
import { temporaryPasswordMaxAgeSeconds } from "@/lib/server/auth/session-lifetime";
import { endUserSessions } from "@/lib/server/auth/sessions";
import { pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { isUuid } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { zodDetails } from "@/lib/server/validation";

export const MIN_PASSWORD_LENGTH = 12;

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{1,38}$/, "2–39 characters: letters, digits, `.`, `_` or `-`, starting with a letter or digit");
const nameSchema = z.string().trim().min(1, "must not be empty").max(200);
const emailSchema = z.string().trim().toLowerCase().pipe(z.email("must be an email address").max(320));
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024);

/** An account someone makes for themselves (through an invitation): every part is required. */
export const newAccountSchema = z.object({ username: usernameSchema, name: nameSchema, email: emailSchema, password: passwordSchema }).strict();

/** An account the owner makes: without a password, a temporary one is generated and answered once. */
export const userCreateSchema = newAccountSchema.extend({ password: passwordSchema.optional() }).strict();

export const userUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    email: emailSchema.optional(),
    deactivated: z.boolean().optional().describe("true deactivates the user, false reactivates them."),
    resetPassword: z.literal(true).optional().describe("Replace the password with a temporary one, answered once."),
  })
  .strict();

export const userListQuerySchema = z
  .object({ q: z.string().trim().max(200).optional().describe("Search in username, name and email.") })
  .strict();

export interface AdminUserView {
  id: string;
  username: string;
  name: string;
  email: string;
  isOwner: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  deactivatedAt: string | null;
  workspaces: number;
}

export interface UserWithPassword {
  user: AdminUserView;
  /** A generated password, shown once; null when none was generated. */
  temporaryPassword: string | null;
  /** When the password the owner set (generated or typed) stops working unless changed; null when none was set. */
  temporaryPasswordExpiresAt: string | null;
}

interface UserRow {
  id: string;
  username: string;
  name: string;
  email: string;
  isOwner: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  deactivatedAt: Date | null;
  workspaces: number;
}

const USER_SELECT = `SELECT u.id, u.username, u.name, u.email, u."isOwner", u."createdAt", u."lastSignInAt", u."deactivatedAt",
         (SELECT count(*)::int FROM "Membership" m WHERE m."userId" = u.id) AS workspaces
  FROM "User" u`;

function toView(row: UserRow): AdminUserView {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
  };
}

export function requireOwner(actor: Actor): void {
  if (!actor.isOwner) throw new ForbiddenError("Only the instance owner manages users and workspaces.");
}

function temporaryPassword(): string {
  return randomBytes(12).toString("base64url");
}

/** Inserts a user; a taken username or email is a validation error that names the field. */
export async function insertUser(
  client: pg.PoolClient,
  user: { username: string; name: string; email: string; passwordHash: string },
): Promise<string> {
  const taken = await client.query<{ username: string; email: string }>(`SELECT username, email FROM "User" WHERE username = $1 OR email = $2`, [
    user.username,
    user.email,
  ]);
  const details = taken.rows.flatMap((row) => [
    ...(row.username === user.username ? [{ where: "username", message: "is already taken" }] : []),
    ...(row.email === user.email ? [{ where: "email", message: "already has an account: sign in instead" }] : []),
  ]);
  if (details.length > 0) throw new ValidationError("This account cannot be created.", details);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "User" (username, name, email, "passwordHash") VALUES ($1, $2, $3, $4) RETURNING id`,
    [user.username, user.name, user.email, user.passwordHash],
  );
  return rows[0]!.id;
}

async function userById(client: pg.PoolClient | pg.Pool, id: string): Promise<UserRow> {
  const row = isUuid(id) ? (await client.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [id])).rows[0] : undefined;
  if (!row) throw new NotFoundError("User");
  return row;
}

export async function listUsers(actor: Actor, rawQuery: unknown = {}): Promise<AdminUserView[]> {
  requireOwner(actor);
  const parsed = userListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw new ValidationError("Invalid user search.", zodDetails(parsed.error));
  const q = parsed.data.q ? `%${parsed.data.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await pool().query<UserRow>(
    `${USER_SELECT} WHERE $1::text IS NULL OR u.username ILIKE $1 OR u.name ILIKE $1 OR u.email ILIKE $1
     ORDER BY u.name, u.username LIMIT 500`,
    [q],
  );
  return rows.map(toView);
}

export async function createUserAsOwner(actor: Actor, body: unknown): Promise<UserWithPassword> {
  requireOwner(actor);
  const parsed = userCreateSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError("Invalid user.", zodDetails(parsed.error));
  const generated = parsed.data.password ? null : temporaryPassword();
  const passwordHash = await hashPassword(parsed.data.password ?? generated!);
  return withTransaction(async (client) => {
    const id = await insertUser(client, { ...parsed.data, passwordHash });
    // Whether generated or typed by the owner, someone other than the user knows it.
    const until = await client.query<{ until: Date }>(
      `UPDATE "User" SET "passwordTemporaryUntil" = now() + make_interval(secs => $2) WHERE id = $1 RETURNING "passwordTemporaryUntil" AS until`,
      [id, temporaryPasswordMaxAgeSeconds()],
    );
    await writeAudit(client, { workspaceId: null, actorId: actor.userId, action: "user.create", targetType: "user", targetId: id, details: { username: parsed.data.username } });
    return { user: toView(await userById(client, id)), temporaryPassword: generated, temporaryPasswordExpiresAt: until.rows[0]!.until.toISOString() };
  });
}

export async function updateUserAsOwner(actor: Actor, id: string, body: unknown): Promise<UserWithPassword> {
  requireOwner(actor);
  const parsed = userUpdateSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError("Invalid user change.", zodDetails(parsed.error));
  const change = parsed.data;
  if (change.deactivated === true && id === actor.userId)
    throw new ValidationError("You cannot deactivate yourself.", [{ where: "deactivated", message: "the instance owner must stay active" }]);
  const generated = change.resetPassword ? temporaryPassword() : null;
  const passwordHash = generated ? await hashPassword(generated) : null;
  return withTransaction(async (client) => {
    const before = await userById(client, id);
    if (change.email && change.email !== before.email) {
      const taken = await client.query(`SELECT 1 FROM "User" WHERE email = $1`, [change.email]);
      if (taken.rowCount) throw new ValidationError("Invalid user change.", [{ where: "email", message: "belongs to another user" }]);
    }
    const updated = await client.query<{ until: Date | null }>(
      `UPDATE "User" SET name = coalesce($2, name), email = coalesce($3, email),
         "deactivatedAt" = CASE WHEN $4::boolean IS NULL THEN "deactivatedAt" WHEN $4 THEN coalesce("deactivatedAt", now()) ELSE NULL END,
         "passwordHash" = coalesce($5, "passwordHash"),
         "passwordTemporaryUntil" = CASE WHEN $5::text IS NULL THEN "passwordTemporaryUntil" ELSE now() + make_interval(secs => $6) END
       WHERE id = $1 RETURNING "passwordTemporaryUntil" AS until`,
      [id, change.name ?? null, change.email ?? null, change.deactivated ?? null, passwordHash, temporaryPasswordMaxAgeSeconds()],
    );
    // A reset or a deactivation ends every session at once (a copied cookie included).
    if (passwordHash || change.deactivated === true) await endUserSessions(client, id);
    const actions = [
      ...(change.name !== undefined || change.email !== undefined ? ["user.update"] : []),
      ...(change.deactivated === true && !before.deactivatedAt ? ["user.deactivate"] : []),
      ...(change.deactivated === false && before.deactivatedAt ? ["user.reactivate"] : []),
      ...(generated ? ["user.password_reset"] : []),
    ];
    for (const action of actions)
      await writeAudit(client, { workspaceId: null, actorId: actor.userId, action, targetType: "user", targetId: id, details: { username: before.username } });
    const until = generated ? (updated.rows[0]?.until?.toISOString() ?? null) : null;
    return { user: toView(await userById(client, id)), temporaryPassword: generated, temporaryPasswordExpiresAt: until };
  });
}
