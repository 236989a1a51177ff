// Sessions that end when they should (issue 12): a session cookie counts only while its server-side row exists, so
// sign-out, a password change or reset, deactivation and a membership change end it at once; a temporary password
// from the owner expires and must be changed first.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { checkCredentialsLimited } from "@/lib/server/auth/rate-limit";
import { temporaryPasswordMaxAgeSeconds } from "@/lib/server/auth/session-lifetime";
import { endSession, sessionState, startSession } from "@/lib/server/auth/sessions";
import { checkCredentials, verifyCredentials } from "@/lib/server/auth/users";
import { db, pool } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { removeMember, updateMember } from "@/lib/server/services/members";
import { changeOwnPassword, endAllOwnSessions } from "@/lib/server/services/own-password";
import { createUserAsOwner, updateUserAsOwner } from "@/lib/server/services/users-admin";
import { createTestWorkspace } from "./fixtures";

const HOUR = 3600;
const ADDRESS = "10.9.8.7";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function makeOwner(): Promise<Actor> {
  const tag = randomUUID().slice(0, 8);
  const user = await db.user.create({ data: { username: `owner-${tag}`, name: "Owner", email: `owner-${tag}@test.local`, isOwner: true } });
  return { userId: user.id, username: user.username, name: user.name, email: user.email, isOwner: true };
}

/** A user the owner made (so with a temporary password), and that password. */
async function ownerMadeUser(owner: Actor): Promise<{ id: string; username: string; password: string }> {
  const username = `temp-${randomUUID().slice(0, 8)}`;
  const made = await createUserAsOwner(owner, { username, name: "Temp User", email: `${username}@test.local` });
  return { id: made.user.id, username, password: made.temporaryPassword! };
}

async function alive(userId: string, sessionId: string): Promise<boolean> {
  return (await sessionState(userId, sessionId)) !== null;
}

async function expireTemporaryPassword(userId: string): Promise<void> {
  await pool().query(`UPDATE "User" SET "passwordTemporaryUntil" = now() - interval '1 second' WHERE id = $1`, [userId]);
}

describe("server-side sessions", () => {
  it("a session lives while its row does: sign-out ends that one only, and an expired row is refused and cleaned up", async () => {
    const { admin } = await createTestWorkspace(0);
    const first = await startSession(admin.userId, 12 * HOUR);
    const second = await startSession(admin.userId, 12 * HOUR);
    expect(await sessionState(admin.userId, first)).toEqual({ actor: admin, sessionId: first, passwordChangeRequired: false });
    await endSession(first);
    expect(await alive(admin.userId, first)).toBe(false);
    expect(await alive(admin.userId, second)).toBe(true);
    // A session id of another user, or garbage, is no session.
    const { admin: other } = await createTestWorkspace(0);
    expect(await alive(other.userId, second)).toBe(false);
    expect(await alive(admin.userId, "not-a-uuid")).toBe(false);

    await pool().query(`UPDATE "UserSession" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [second]);
    expect(await alive(admin.userId, second)).toBe(false);
    // The next sign-in (anyone's) deletes expired rows, so the table stays bounded.
    await startSession(other.userId, 12 * HOUR);
    expect(await db.userSession.count({ where: { id: second } })).toBe(0);
  });

  it("the owner's password reset ends every session of the user; deactivation too, and reactivation revives none", async () => {
    const owner = await makeOwner();
    const { admin: user } = await createTestWorkspace(0);
    const before = [await startSession(user.userId, HOUR), await startSession(user.userId, HOUR)];
    const ownerSession = await startSession(owner.userId, HOUR);
    await updateUserAsOwner(owner, user.userId, { resetPassword: true });
    for (const sid of before) expect(await alive(user.userId, sid)).toBe(false);
    expect(await alive(owner.userId, ownerSession)).toBe(true);

    const later = await startSession(user.userId, HOUR);
    await updateUserAsOwner(owner, user.userId, { deactivated: true });
    expect(await alive(user.userId, later)).toBe(false);
    await updateUserAsOwner(owner, user.userId, { deactivated: false });
    expect(await alive(user.userId, later)).toBe(false);
    // A name change ends nothing.
    const kept = await startSession(user.userId, HOUR);
    await updateUserAsOwner(owner, user.userId, { name: "Renamed" });
    expect(await alive(user.userId, kept)).toBe(true);
  });

  it("a role change or removal from a workspace ends the member's sessions, not others'", async () => {
    const workspace = await createTestWorkspace(2);
    const [first, second] = workspace.annotators as [Actor, Actor];
    const adminSession = await startSession(workspace.admin.userId, HOUR);
    const firstSession = await startSession(first.userId, HOUR);
    const secondSession = await startSession(second.userId, HOUR);
    await updateMember(workspace.admin, workspace.slug, first.userId, { role: "curator" });
    expect(await alive(first.userId, firstSession)).toBe(false);
    expect(await alive(second.userId, secondSession)).toBe(true);
    await removeMember(workspace.admin, workspace.slug, second.userId);
    expect(await alive(second.userId, secondSession)).toBe(false);
    expect(await alive(workspace.admin.userId, adminSession)).toBe(true);
  });
});

describe("temporary passwords", () => {
  it("a password the owner made or reset expires after SIFT_TEMPORARY_PASSWORD_HOURS (72 h by default)", async () => {
    expect(temporaryPasswordMaxAgeSeconds(undefined)).toBe(72 * HOUR);
    expect(temporaryPasswordMaxAgeSeconds("24")).toBe(24 * HOUR);
    expect(temporaryPasswordMaxAgeSeconds("-1")).toBe(72 * HOUR);
    const owner = await makeOwner();
    const made = await ownerMadeUser(owner);
    const typed = await createUserAsOwner(owner, {
      username: `typed-${randomUUID().slice(0, 8)}`,
      name: "Typed",
      email: `typed-${randomUUID().slice(0, 8)}@test.local`,
      password: "the owner typed this one",
    });
    expect(typed.temporaryPassword).toBeNull();
    for (const id of [made.id, typed.user.id]) {
      const { passwordTemporaryUntil } = await db.user.findUniqueOrThrow({ where: { id } });
      if (id === typed.user.id) expect(typed.temporaryPasswordExpiresAt).toBe(passwordTemporaryUntil!.toISOString());
      const hours = (passwordTemporaryUntil!.getTime() - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(71.9);
      expect(hours).toBeLessThanOrEqual(72);
    }
    // A session signed in with it may only change the password.
    const sid = await startSession(made.id, HOUR);
    expect((await sessionState(made.id, sid))?.passwordChangeRequired).toBe(true);

    // Past its expiry: the right password is told so (nobody else is), and the session it opened ends.
    await expireTemporaryPassword(made.id);
    expect(await verifyCredentials(made.username, made.password)).toEqual({ user: null, temporaryPasswordExpired: true });
    expect(await verifyCredentials(made.username, "a wrong password")).toEqual({ user: null, temporaryPasswordExpired: false });
    expect(await checkCredentials(made.username, made.password)).toBeNull();
    const limited = await checkCredentialsLimited(made.username, made.password, new Headers({ "x-real-ip": "10.1.2.3" }));
    expect(limited).toEqual({ user: null, temporaryPasswordExpired: true });
    expect(await alive(made.id, sid)).toBe(false);

    // A reset makes a fresh temporary password, valid again.
    const reset = await updateUserAsOwner(owner, made.id, { resetPassword: true });
    expect(Date.parse(reset.temporaryPasswordExpiresAt!)).toBeGreaterThan(Date.now() + 71.9 * HOUR * 1000);
    expect(await checkCredentials(made.username, reset.temporaryPassword!)).not.toBeNull();
    expect((await updateUserAsOwner(owner, made.id, { name: "Renamed" })).temporaryPasswordExpiresAt).toBeNull();
  });

  it("changing it checks the current password, ends the other sessions, keeps this one and makes the password permanent", async () => {
    const owner = await makeOwner();
    const made = await ownerMadeUser(owner);
    const actor = (await sessionState(made.id, await startSession(made.id, HOUR)))!.actor;
    const here = await startSession(made.id, HOUR);
    const elsewhere = await startSession(made.id, HOUR);
    const session = { actor, sessionId: here };

    const wrong = await rejection(changeOwnPassword(session, { currentPassword: "not it at all", newPassword: "my own new password" }, ADDRESS));
    expect([wrong.status, wrong.details]).toEqual([400, [{ where: "currentPassword", message: "is not your current password" }]]);
    const short = await rejection(changeOwnPassword(session, { currentPassword: made.password, newPassword: "short" }, ADDRESS));
    expect(short.details).toEqual([{ where: "newPassword", message: "must be at least 12 characters" }]);
    const same = await rejection(changeOwnPassword(session, { currentPassword: made.password, newPassword: made.password }, ADDRESS));
    expect(same.details).toEqual([{ where: "newPassword", message: "must differ from the current password" }]);
    expect(await alive(made.id, elsewhere)).toBe(true);

    expect(await changeOwnPassword(session, { currentPassword: made.password, newPassword: "my own new password" }, ADDRESS)).toEqual({
      otherSessionsEnded: 2,
    });
    expect(await sessionState(made.id, here)).toEqual({ actor, sessionId: here, passwordChangeRequired: false });
    expect(await alive(made.id, elsewhere)).toBe(false);
    expect(await checkCredentials(made.username, made.password)).toBeNull();
    expect(await checkCredentials(made.username, "my own new password")).not.toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: made.id } })).passwordTemporaryUntil).toBeNull();
    const audit = await db.auditEvent.findMany({ where: { targetId: made.id, action: "user.password_change" } });
    expect(audit).toHaveLength(1);

    // Signing out everywhere ends this session too.
    expect(await endAllOwnSessions(session)).toBe(1);
    expect(await alive(made.id, here)).toBe(false);
  });

  it("wrong current passwords are rate limited like sign-in attempts", async () => {
    const { admin } = await createTestWorkspace(0);
    const session = { actor: admin, sessionId: await startSession(admin.userId, HOUR) };
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await rejection(changeOwnPassword(session, { currentPassword: `guess ${attempt}`, newPassword: "a brand new password" }, ADDRESS))).status).toBe(400);
    const limited = await rejection(changeOwnPassword(session, { currentPassword: "correct horse battery", newPassword: "a brand new password" }, ADDRESS));
    expect([limited.status, limited.code]).toEqual([429, "rate_limited"]);
  });
});
