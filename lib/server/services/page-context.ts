// What every page under /w/[slug] needs: the signed-in actor (or a redirect to sign-in) and the workspace as they
// may see it (or a 404). Pages call this instead of repeating the checks.
import { notFound, redirect } from "next/navigation";
import { sessionActor, type Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { workspaceAccess, type WorkspaceAccess } from "@/lib/server/services/access";

export async function requirePageActor(): Promise<Actor> {
  const actor = await sessionActor();
  if (!actor) redirect("/signin");
  return actor;
}

/**
 * Runs a lookup that may throw NotFoundError or ForbiddenError and turns either into the 404 page: like GitHub,
 * a page your role may not open looks the same as one that does not exist.
 */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) notFound();
    throw error;
  }
}

export async function workspacePage(slug: string): Promise<{ actor: Actor; workspace: WorkspaceAccess }> {
  const actor = await requirePageActor();
  const workspace = await orNotFound(workspaceAccess(actor, slug));
  return { actor, workspace };
}

/**
 * Where signing in lands: the first workspace the user is a member of. The instance owner sees every workspace but
 * belongs to none by default; landing them on someone else's datasets and "My queue" says nothing, so an owner
 * without a membership goes to the workspaces page (where they create one or open any).
 */
export async function homePath(actor: Actor): Promise<string | null> {
  const member = await db.membership.findFirst({
    where: { userId: actor.userId },
    include: { workspace: { select: { slug: true } } },
    orderBy: { workspace: { name: "asc" } },
  });
  if (member) return `/w/${member.workspace.slug}`;
  return actor.isOwner ? "/admin/workspaces" : null;
}
