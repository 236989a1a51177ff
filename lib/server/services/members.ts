// Workspace members as their admins manage them: list, change a role, remove. A workspace always keeps at least one
// admin (otherwise nobody could manage it but the instance owner), and removing a member also opens the records that
// were reserved for them, in the same transaction. A role change or a removal ends the member's sessions (all of
// them, in every workspace): they sign in again and see only what their new role allows.
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { endUserSessions } from "@/lib/server/auth/sessions";
import { pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { AppError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { isUuid, workspaceAccess, type WorkspaceAccess } from "@/lib/server/services/access";
import { dropAssignments } from "@/lib/server/services/assignments";
import { writeAudit } from "@/lib/server/services/audit-log";
import { zodDetails } from "@/lib/server/validation";

export const WORKSPACE_ROLES = ["admin", "curator", "annotator"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const memberUpdateSchema = z.object({ role: z.enum(WORKSPACE_ROLES, "must be admin, curator or annotator") }).strict();

export interface MemberView {
  userId: string;
  username: string;
  name: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: string;
  lastSignInAt: string | null;
  deactivated: boolean;
}

interface MemberRow {
  userId: string;
  username: string;
  name: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: Date;
  lastSignInAt: Date | null;
  deactivatedAt: Date | null;
}

const MEMBER_SELECT = `SELECT m."userId", u.username, u.name, u.email, m.role::text AS role, m."createdAt" AS "joinedAt",
         u."lastSignInAt", u."deactivatedAt"
  FROM "Membership" m JOIN "User" u ON u.id = m."userId"`;

function toView(row: MemberRow): MemberView {
  return {
    userId: row.userId,
    username: row.username,
    name: row.name,
    email: row.email,
    role: row.role,
    joinedAt: row.joinedAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    deactivated: row.deactivatedAt !== null,
  };
}

export async function listMembers(actor: Actor, workspace: string): Promise<MemberView[]> {
  const access = await workspaceAccess(actor, workspace, "workspace.manage");
  const { rows } = await pool().query<MemberRow>(`${MEMBER_SELECT} WHERE m."workspaceId" = $1 ORDER BY u.name, u.username`, [
    access.workspaceId,
  ]);
  return rows.map(toView);
}

/**
 * Locks the workspace's admin memberships and the member's own (so two admins demoting each other at once cannot
 * both succeed), and answers the member and how many admins there are.
 */
async function lockedMember(client: pg.PoolClient, access: WorkspaceAccess, userId: string): Promise<{ member: MemberRow; admins: number }> {
  const member = isUuid(userId)
    ? (await client.query<MemberRow>(`${MEMBER_SELECT} WHERE m."workspaceId" = $1 AND m."userId" = $2 FOR UPDATE OF m`, [access.workspaceId, userId])).rows[0]
    : undefined;
  if (!member) throw new NotFoundError("Member");
  const admins = await client.query(`SELECT 1 FROM "Membership" WHERE "workspaceId" = $1 AND role = 'admin' FOR UPDATE`, [access.workspaceId]);
  return { member, admins: admins.rowCount ?? 0 };
}

function refuseLastAdmin(access: WorkspaceAccess, member: MemberRow, admins: number, doing: string): void {
  if (member.role === "admin" && admins <= 1) {
    const message = `${member.name} is the only admin of ${access.name}: make another member admin before ${doing}.`;
    throw new AppError(message, 409, "last_admin", [{ where: "role", message: "a workspace needs at least one admin" }]);
  }
}

export async function updateMember(actor: Actor, workspace: string, userId: string, body: unknown): Promise<MemberView> {
  const access = await workspaceAccess(actor, workspace, "workspace.manage");
  const parsed = memberUpdateSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError("Invalid member change.", zodDetails(parsed.error));
  const role = parsed.data.role;
  return withTransaction(async (client) => {
    const { member, admins } = await lockedMember(client, access, userId);
    if (member.role === role) return toView(member);
    if (role !== "admin") refuseLastAdmin(access, member, admins, "changing their role");
    await client.query(`UPDATE "Membership" SET role = $3 WHERE "workspaceId" = $1 AND "userId" = $2`, [access.workspaceId, member.userId, role]);
    // The member signs in again, so no open page or cached answer still reflects the old role.
    await endUserSessions(client, member.userId);
    await writeAudit(client, {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "member.role_change",
      targetType: "user",
      targetId: member.userId,
      details: { username: member.username, from: member.role, to: role },
    });
    return toView({ ...member, role });
  });
}

export interface MemberRemoval {
  removed: string;
  /** Records that were reserved for the member and are open to everybody again. */
  assignmentsDropped: number;
}

export async function removeMember(actor: Actor, workspace: string, userId: string): Promise<MemberRemoval> {
  const access = await workspaceAccess(actor, workspace, "workspace.manage");
  return withTransaction(async (client) => {
    const { member, admins } = await lockedMember(client, access, userId);
    refuseLastAdmin(access, member, admins, "removing them");
    const assignmentsDropped = await dropAssignments(client, access.workspaceId, member.userId);
    await client.query(`DELETE FROM "Membership" WHERE "workspaceId" = $1 AND "userId" = $2`, [access.workspaceId, member.userId]);
    await endUserSessions(client, member.userId);
    await writeAudit(client, {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "member.remove",
      targetType: "user",
      targetId: member.userId,
      details: { username: member.username, role: member.role, assignmentsDropped },
    });
    return { removed: member.userId, assignmentsDropped };
  });
}
