// Invitations by link: an admin makes a link that lets whoever opens it join the workspace with a role, once, until it
// expires or is revoked. Like API keys, only a SHA-256 of the token is stored (the token has 192 random bits, so a fast
// hash suffices and allows a lookup by hash); the link is shown once, when it is made.
import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { hashPassword } from "@/lib/server/auth/password";
import { pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { AppError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { isUuid, workspaceAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { WORKSPACE_ROLES, type WorkspaceRole } from "@/lib/server/services/members";
import { newAccountSchema, insertUser } from "@/lib/server/services/users-admin";
import { zodDetails } from "@/lib/server/validation";

const DAY_MS = 24 * 60 * 60 * 1000;

export const invitationInputSchema = z
  .object({
    role: z.enum(WORKSPACE_ROLES, "must be admin, curator or annotator"),
    email: z.email("must be an email address").max(320).optional(),
    expiresInDays: z.number().int("must be a whole number of days").min(1).max(90).default(7),
  })
  .strict();

export type InvitationStatus = "pending" | "used" | "revoked" | "expired";

export interface InvitationView {
  id: string;
  role: WorkspaceRole;
  email: string | null;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  createdBy: string | null;
  usedBy: string | null;
}

export interface CreatedInvitation {
  invitation: InvitationView;
  /** The secret part of the link; shown once, never stored. */
  token: string;
  /** `/invite/<token>`, to prefix with the site's address. */
  path: string;
}

interface InvitationRow {
  id: string;
  workspaceId: string;
  role: WorkspaceRole;
  email: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdByName: string | null;
  usedByName: string | null;
}

const INVITATION_SELECT = `SELECT i.id, i."workspaceId", i.role::text AS role, i.email, i."createdAt", i."expiresAt", i."usedAt",
         i."revokedAt", c.name AS "createdByName", ub.name AS "usedByName"
  FROM "Invitation" i LEFT JOIN "User" c ON c.id = i."createdById" LEFT JOIN "User" ub ON ub.id = i."usedById"`;

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function statusOf(row: Pick<InvitationRow, "usedAt" | "revokedAt" | "expiresAt">, now = new Date()): InvitationStatus {
  if (row.usedAt) return "used";
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "pending";
}

function toView(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    role: row.role,
    email: row.email,
    status: statusOf(row),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    createdBy: row.createdByName,
    usedBy: row.usedByName,
  };
}

export async function createInvitation(actor: Actor, workspace: string, body: unknown): Promise<CreatedInvitation> {
  const access = await workspaceAccess(actor, workspace, "workspace.manage");
  const parsed = invitationInputSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError("Invalid invitation.", zodDetails(parsed.error));
  const { role, email, expiresInDays } = parsed.data;
  const token = randomBytes(24).toString("base64url");
  return withTransaction(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Invitation" ("workspaceId", role, email, "tokenHash", "createdById", "expiresAt")
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [access.workspaceId, role, email?.toLowerCase() ?? null, hashInvitationToken(token), actor.userId, new Date(Date.now() + expiresInDays * DAY_MS)],
    );
    const id = rows[0]!.id;
    await writeAudit(client, {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "invitation.create",
      targetType: "invitation",
      targetId: id,
      details: { role, email: email ?? null, expiresInDays },
    });
    const created = await client.query<InvitationRow>(`${INVITATION_SELECT} WHERE i.id = $1`, [id]);
    return { invitation: toView(created.rows[0]!), token, path: `/invite/${token}` };
  });
}

export async function listInvitations(actor: Actor, workspace: string): Promise<InvitationView[]> {
  const access = await workspaceAccess(actor, workspace, "workspace.manage");
  const { rows } = await pool().query<InvitationRow>(`${INVITATION_SELECT} WHERE i."workspaceId" = $1 ORDER BY i."createdAt" DESC LIMIT 200`, [
    access.workspaceId,
  ]);
  return rows.map(toView);
}

export async function revokeInvitation(actor: Actor, workspace: string, id: string): Promise<InvitationView> {
  const access = await workspaceAccess(actor, workspace, "workspace.manage");
  return withTransaction(async (client) => {
    const found = isUuid(id)
      ? (await client.query<InvitationRow>(`${INVITATION_SELECT} WHERE i.id = $1 AND i."workspaceId" = $2 FOR UPDATE OF i`, [id, access.workspaceId])).rows[0]
      : undefined;
    if (!found) throw new NotFoundError("Invitation");
    if (statusOf(found) !== "pending") throw new AppError(`This invitation is already ${statusOf(found)}.`, 409, "conflict");
    const revokedAt = new Date();
    await client.query(`UPDATE "Invitation" SET "revokedAt" = $2 WHERE id = $1`, [id, revokedAt]);
    await writeAudit(client, {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: id,
      details: { role: found.role, email: found.email },
    });
    return toView({ ...found, revokedAt });
  });
}

/** What the invitation page shows before anyone accepts: the workspace, the role, and whether the link still works. */
export interface InvitationPreview {
  workspaceName: string;
  workspaceSlug: string;
  role: WorkspaceRole;
  email: string | null;
  status: InvitationStatus;
}

export async function previewInvitation(token: string): Promise<InvitationPreview | null> {
  const { rows } = await pool().query<InvitationRow & { workspaceName: string; workspaceSlug: string }>(
    `SELECT i.role::text AS role, i.email, i."expiresAt", i."usedAt", i."revokedAt", w.name AS "workspaceName", w.slug AS "workspaceSlug"
     FROM "Invitation" i JOIN "Workspace" w ON w.id = i."workspaceId" WHERE i."tokenHash" = $1`,
    [hashInvitationToken(token)],
  );
  const row = rows[0];
  return row ? { workspaceName: row.workspaceName, workspaceSlug: row.workspaceSlug, role: row.role, email: row.email, status: statusOf(row) } : null;
}

export interface AcceptedInvitation {
  workspaceSlug: string;
  role: WorkspaceRole;
  /** The user was a member already: their role is unchanged and the invitation stays unused. */
  alreadyMember: boolean;
}

const REFUSALS: Record<Exclude<InvitationStatus, "pending">, string> = {
  used: "This invitation has already been used. Ask a workspace admin for a new link.",
  revoked: "This invitation was revoked. Ask a workspace admin for a new link.",
  expired: "This invitation has expired. Ask a workspace admin for a new link.",
};

/** Locks the invitation of `token` and refuses one that no longer works (410 Gone, with the reason). */
async function lockedPendingInvitation(client: pg.PoolClient, token: string): Promise<InvitationRow & { workspaceSlug: string }> {
  const { rows } = await client.query<InvitationRow & { workspaceSlug: string }>(
    `SELECT i.id, i."workspaceId", i.role::text AS role, i.email, i."createdAt", i."expiresAt", i."usedAt", i."revokedAt",
            w.slug AS "workspaceSlug"
     FROM "Invitation" i JOIN "Workspace" w ON w.id = i."workspaceId" WHERE i."tokenHash" = $1 FOR UPDATE OF i`,
    [hashInvitationToken(token)],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError("Invitation");
  const status = statusOf(row);
  if (status !== "pending") throw new AppError(REFUSALS[status], 410, `invitation_${status}`);
  return row;
}

async function join(client: pg.PoolClient, invitation: InvitationRow & { workspaceSlug: string }, userId: string): Promise<AcceptedInvitation> {
  const existing = await client.query(`SELECT 1 FROM "Membership" WHERE "workspaceId" = $1 AND "userId" = $2`, [invitation.workspaceId, userId]);
  if (existing.rowCount) return { workspaceSlug: invitation.workspaceSlug, role: invitation.role, alreadyMember: true };
  await client.query(`INSERT INTO "Membership" ("workspaceId", "userId", role) VALUES ($1, $2, $3)`, [invitation.workspaceId, userId, invitation.role]);
  await client.query(`UPDATE "Invitation" SET "usedAt" = now(), "usedById" = $2 WHERE id = $1`, [invitation.id, userId]);
  await writeAudit(client, {
    workspaceId: invitation.workspaceId,
    actorId: userId,
    action: "invitation.accept",
    targetType: "invitation",
    targetId: invitation.id,
    details: { role: invitation.role },
  });
  return { workspaceSlug: invitation.workspaceSlug, role: invitation.role, alreadyMember: false };
}

/** The signed-in actor joins the invitation's workspace with its role. */
export async function acceptInvitation(actor: Actor, token: string): Promise<AcceptedInvitation> {
  return withTransaction(async (client) => join(client, await lockedPendingInvitation(client, token), actor.userId));
}

/** A new account made through the link, joined to the workspace in the same transaction. */
export async function signUpWithInvitation(token: string, body: unknown): Promise<AcceptedInvitation & { username: string }> {
  const parsed = newAccountSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError("Invalid account.", zodDetails(parsed.error));
  return withTransaction(async (client) => {
    const invitation = await lockedPendingInvitation(client, token);
    const passwordHash = await hashPassword(parsed.data.password);
    const userId = await insertUser(client, { ...parsed.data, passwordHash });
    await writeAudit(client, {
      workspaceId: invitation.workspaceId,
      actorId: userId,
      action: "user.sign_up",
      targetType: "user",
      targetId: userId,
      details: { username: parsed.data.username, invitation: invitation.id },
    });
    return { ...(await join(client, invitation, userId)), username: parsed.data.username };
  });
}
