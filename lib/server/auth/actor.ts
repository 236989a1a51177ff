// Who is asking: from the session cookie (pages, server actions, the browser's API calls) or from an API key
// (`Authorization: Bearer`), always re-read from the database so that a deleted or deactivated user loses access at
// once. A cookie counts only while its server-side session row exists (lib/server/auth/sessions.ts).
import { redirect } from "next/navigation";
import { auth } from "@/lib/server/auth/auth";
import { userIdForApiKey } from "@/lib/server/auth/api-keys";
import { sessionState, type SessionState } from "@/lib/server/auth/sessions";
import { db } from "@/lib/server/db/client";
import { AppError, CrossSiteRequestError, UnauthorizedError } from "@/lib/server/errors";
import { appOrigin, crossSiteVerdict } from "@/lib/server/security/cross-site";

export type { SessionState };

export interface Actor {
  userId: string;
  username: string;
  name: string;
  email: string;
  isOwner: boolean;
}

/** Where a session with a temporary password is sent, whatever page it asks for. */
export const CHANGE_PASSWORD_PATH = "/account/password";

export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super(`You signed in with a temporary password: set a new one at ${CHANGE_PASSWORD_PATH} first.`, 403, "password_change_required");
  }
}

async function actorById(userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  // A deactivated user's API keys stop working with their next request.
  if (!user || user.deactivatedAt) return null;
  return { userId: user.id, username: user.username, name: user.name, email: user.email, isOwner: user.isOwner };
}

/** The session of this request's cookie, whatever it may do; null when there is none or it has ended. */
export async function currentSession(): Promise<SessionState | null> {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  // A cookie from before server-side sessions (no `sid`) is not accepted: its holder signs in again.
  return userId && sessionId ? sessionState(userId, sessionId) : null;
}

/**
 * The signed-in user of this page or server action, or null. A session with a temporary password is sent to the
 * change-password page instead (that page reads `currentSession` itself).
 */
export async function sessionActor(): Promise<Actor | null> {
  const state = await currentSession();
  if (state?.passwordChangeRequired) redirect(CHANGE_PASSWORD_PATH);
  return state?.actor ?? null;
}

/**
 * The caller of an API request; throws 401 when there is neither a valid key nor a session, and 403 when a
 * state-changing request authenticated by the session cookie does not come from Sift's own pages (every handler
 * authenticates here, so no route can forget the check).
 */
export async function requestActor(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1]) throw new UnauthorizedError("The Authorization header must be `Bearer <API key>`.");
    const userId = await userIdForApiKey(match[1]);
    // API keys are credentials of their own: a temporary password (the owner reset it) does not stop them.
    const actor = userId ? await actorById(userId) : null;
    if (!actor) throw new UnauthorizedError("The API key is not valid (unknown or revoked).");
    return actor;
  }
  const state = await currentSession();
  if (!state) throw new UnauthorizedError();
  const verdict = crossSiteVerdict({ method: request.method, headers: request.headers, appOrigin: appOrigin(request.headers) });
  if (!verdict.allowed) throw new CrossSiteRequestError(verdict.reason);
  if (state.passwordChangeRequired) throw new PasswordChangeRequiredError();
  return state.actor;
}
