// Resolves what an actor may reach. Anything outside the actor's workspaces answers 404, exactly as if it did not
// exist, so ids of other teams' objects leak nothing.
import type { Actor } from "@/lib/server/auth/actor";
import { db, pool } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import { authorize, type Permission, type Role } from "@/lib/server/policy";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export interface WorkspaceAccess {
  workspaceId: string;
  slug: string;
  name: string;
  role: Role;
}

async function roleIn(actor: Actor, workspaceId: string): Promise<Role | null> {
  if (actor.isOwner) return "owner";
  const membership = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId: actor.userId } },
  });
  return membership?.role ?? null;
}

/** The workspace (by id or slug) as this actor sees it, checked against `permission`. */
export async function workspaceAccess(
  actor: Actor,
  idOrSlug: string,
  permission: Permission = "workspace.view",
): Promise<WorkspaceAccess> {
  const workspace = await db.workspace.findUnique({ where: isUuid(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug } });
  const role = workspace ? await roleIn(actor, workspace.id) : null;
  if (!workspace || !role) throw new NotFoundError("Workspace");
  authorize(role, permission);
  return { workspaceId: workspace.id, slug: workspace.slug, name: workspace.name, role };
}

export interface DatasetAccess {
  datasetId: string;
  workspaceId: string;
  workspaceSlug: string;
  role: Role;
}

/** The actor's role given their membership's (null: none): the instance owner is "owner" everywhere. */
function roleOf(actor: Actor, membershipRole: Role | null): Role | null {
  return actor.isOwner ? "owner" : membershipRole;
}

interface DatasetRow {
  datasetId: string;
  workspaceId: string;
  workspaceSlug: string;
  role: Role | null;
}

// One statement per check (the dataset, its workspace and the actor's membership): every API call makes one or more.
const DATASET_ACCESS_SQL = `
  SELECT d.id AS "datasetId", d."workspaceId", w.slug AS "workspaceSlug", m.role::text AS role
  FROM "Dataset" d JOIN "Workspace" w ON w.id = d."workspaceId"
  LEFT JOIN "Membership" m ON m."workspaceId" = d."workspaceId" AND m."userId" = $2`;

function checked(actor: Actor, row: DatasetRow | undefined, permission: Permission): DatasetAccess | null {
  const role = row ? roleOf(actor, row.role) : null;
  if (!row || !role) return null;
  authorize(role, permission);
  return { datasetId: row.datasetId, workspaceId: row.workspaceId, workspaceSlug: row.workspaceSlug, role };
}

export async function datasetAccess(actor: Actor, datasetId: string, permission: Permission): Promise<DatasetAccess> {
  const found = isUuid(datasetId)
    ? await pool().query<DatasetRow>(`${DATASET_ACCESS_SQL} WHERE d.id = $1`, [datasetId, actor.userId])
    : null;
  const access = checked(actor, found?.rows[0], permission);
  if (!access) throw new NotFoundError("Dataset");
  return access;
}

export async function recordAccess(
  actor: Actor,
  recordId: string,
  permission: Permission,
): Promise<DatasetAccess & { recordId: string }> {
  const found = isUuid(recordId)
    ? await pool().query<DatasetRow>(`${DATASET_ACCESS_SQL} JOIN "Record" r ON r."datasetId" = d.id WHERE r.id = $1`, [recordId, actor.userId])
    : null;
  const access = checked(actor, found?.rows[0], permission);
  if (!access) throw new NotFoundError("Record");
  return { ...access, recordId };
}

export async function listWorkspaces(actor: Actor): Promise<WorkspaceAccess[]> {
  if (actor.isOwner) {
    const all = await db.workspace.findMany({ orderBy: { name: "asc" } });
    return all.map((workspace) => ({ workspaceId: workspace.id, slug: workspace.slug, name: workspace.name, role: "owner" }));
  }
  const memberships = await db.membership.findMany({
    where: { userId: actor.userId },
    include: { workspace: true },
    orderBy: { workspace: { name: "asc" } },
  });
  return memberships.map((membership) => ({
    workspaceId: membership.workspace.id,
    slug: membership.workspace.slug,
    name: membership.workspace.name,
    role: membership.role,
  }));
}
