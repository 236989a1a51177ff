// Who is asking: from the session cookie (pages, server actions, the browser's API calls) or from an API key
// (`Authorization: Bearer`), always re-read from the database so that a deleted user loses access at once.
import { auth } from "@/lib/server/auth/auth";
import { userIdForApiKey } from "@/lib/server/auth/api-keys";
import { db } from "@/lib/server/db/client";
import { CrossSiteRequestError, UnauthorizedError } from "@/lib/server/errors";
import { appOrigin, crossSiteVerdict } from "@/lib/server/security/cross-site";

export interface Actor {
  userId: string;
  username: string;
  name: string;
  email: string;
  isOwner: boolean;
}

async function actorById(userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  // A deactivated user's existing session ends with their next request.
  if (!user || user.deactivatedAt) return null;
  return { userId: user.id, username: user.username, name: user.name, email: user.email, isOwner: user.isOwner };
}

/** The signed-in user of this page or server action, or null. */
export async function sessionActor(): Promise<Actor | null> {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? actorById(userId) : null;
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
    const actor = userId ? await actorById(userId) : null;
    if (!actor) throw new UnauthorizedError("The API key is not valid (unknown or revoked).");
    return actor;
  }
  const actor = await sessionActor();
  if (!actor) throw new UnauthorizedError();
  const verdict = crossSiteVerdict({ method: request.method, headers: request.headers, appOrigin: appOrigin(request.headers) });
  if (!verdict.allowed) throw new CrossSiteRequestError(verdict.reason);
  return actor;
}
