// Workspaces: only the instance owner creates them (a workspace is a team with its own data and providers); a
// workspace's admins may rename it. The slug is its address and stays as it was made, so links keep working.
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { withTransaction } from "@/lib/server/db/transaction";
import { ValidationError } from "@/lib/server/errors";
import { workspaceAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { requireOwner } from "@/lib/server/services/users-admin";
import { zodDetails } from "@/lib/server/validation";

const nameSchema = z.string().trim().min(1, "must not be empty").max(100);

export const workspaceCreateSchema = z
  .object({
    name: nameSchema,
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, "1–48 lowercase letters, digits or `-`, not starting or ending with `-`"),
  })
  .strict();

export const workspaceUpdateSchema = z.object({ name: nameSchema }).strict();

export interface WorkspaceView {
  id: string;
  slug: string;
  name: string;
}

export async function createWorkspace(actor: Actor, body: unknown): Promise<WorkspaceView> {
  requireOwner(actor);
  const parsed = workspaceCreateSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError("Invalid workspace.", zodDetails(parsed.error));
  const { name, slug } = parsed.data;
  return withTransaction(async (client) => {
    const taken = await client.query(`SELECT 1 FROM "Workspace" WHERE slug = $1`, [slug]);
    if (taken.rowCount) throw new ValidationError("Invalid workspace.", [{ where: "slug", message: "is already used by another workspace" }]);
    const { rows } = await client.query<WorkspaceView>(`INSERT INTO "Workspace" (slug, name) VALUES ($1, $2) RETURNING id, slug, name`, [slug, name]);
    const workspace = rows[0]!;
    await writeAudit(client, { workspaceId: workspace.id, actorId: actor.userId, action: "workspace.create", targetType: "workspace", targetId: workspace.id, details: { name, slug } });
    return workspace;
  });
}

export async function renameWorkspace(actor: Actor, workspace: string, body: unknown): Promise<WorkspaceView> {
  const access = await workspaceAccess(actor, workspace, "workspace.manage");
  const parsed = workspaceUpdateSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError("Invalid workspace change.", zodDetails(parsed.error));
  const { name } = parsed.data;
  return withTransaction(async (client) => {
    await client.query(`UPDATE "Workspace" SET name = $2 WHERE id = $1`, [access.workspaceId, name]);
    await writeAudit(client, {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "workspace.rename",
      targetType: "workspace",
      targetId: access.workspaceId,
      details: { from: access.name, to: name },
    });
    return { id: access.workspaceId, slug: access.slug, name };
  });
}
