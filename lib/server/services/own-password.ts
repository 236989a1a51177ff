// A signed-in user changes their own password: the current one is checked (behind the sign-in rate limits, so a
// borrowed session cannot guess it), the new one replaces it, a temporary password stops being temporary, and every
// other session of the user ends while this one goes on. Also: signing out everywhere.
import { z } from "zod";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { describeWait, recordSignInSuccess, reserveSignInAttempt } from "@/lib/server/auth/rate-limit";
import { endUserSessions, type SessionState } from "@/lib/server/auth/sessions";
import { pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { AppError, ValidationError } from "@/lib/server/errors";
import { writeAudit } from "@/lib/server/services/audit-log";
import { passwordSchema } from "@/lib/server/services/users-admin";
import { zodDetails } from "@/lib/server/validation";

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "enter your current password").max(1024),
    newPassword: passwordSchema,
  })
  .strict()
  .refine((change) => change.newPassword !== change.currentPassword, { path: ["newPassword"], message: "must differ from the current password" });

export interface PasswordChanged {
  /** How many other sessions of the user were ended. */
  otherSessionsEnded: number;
}

type Session = Pick<SessionState, "actor" | "sessionId">;

export async function changeOwnPassword(session: Session, body: unknown, address: string): Promise<PasswordChanged> {
  const parsed = passwordChangeSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError("Invalid password change.", zodDetails(parsed.error));
  const { actor, sessionId } = session;
  const attempt = { login: actor.username, address };
  const wait = await reserveSignInAttempt(attempt);
  if (wait > 0) throw new AppError(`Too many wrong passwords; try again in ${describeWait(wait)}.`, 429, "rate_limited");
  const { rows } = await pool().query<{ passwordHash: string | null }>(`SELECT "passwordHash" FROM "User" WHERE id = $1`, [actor.userId]);
  const current = rows[0]?.passwordHash;
  if (!current) throw new ValidationError("Your account has no password: it signs in through an external provider.");
  if (!(await verifyPassword(current, parsed.data.currentPassword)))
    throw new ValidationError("Invalid password change.", [{ where: "currentPassword", message: "is not your current password" }]);
  await recordSignInSuccess(attempt);
  const passwordHash = await hashPassword(parsed.data.newPassword);
  return withTransaction(async (client) => {
    await client.query(`UPDATE "User" SET "passwordHash" = $2, "passwordTemporaryUntil" = NULL WHERE id = $1`, [actor.userId, passwordHash]);
    const otherSessionsEnded = await endUserSessions(client, actor.userId, sessionId);
    await writeAudit(client, {
      workspaceId: null,
      actorId: actor.userId,
      action: "user.password_change",
      targetType: "user",
      targetId: actor.userId,
      details: { otherSessionsEnded },
    });
    return { otherSessionsEnded };
  });
}

/** Ends every session of the user, this one included ("sign out everywhere"). */
export async function endAllOwnSessions(session: Session): Promise<number> {
  return withTransaction(async (client) => {
    const ended = await endUserSessions(client, session.actor.userId);
    await writeAudit(client, {
      workspaceId: null,
      actorId: session.actor.userId,
      action: "user.sign_out_everywhere",
      targetType: "user",
      targetId: session.actor.userId,
      details: { sessionsEnded: ended },
    });
    return ended;
  });
}
