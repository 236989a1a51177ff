// The administration part of the OpenAPI document: members, invitations, users, workspaces and the audit log.
// Request bodies are the services' own schemas; the answers are described here and checked against their types.
import { z } from "zod";
import { auditQuerySchema, type AuditPage } from "@/lib/server/services/audit-log";
import { invitationInputSchema, type AcceptedInvitation, type CreatedInvitation, type InvitationView } from "@/lib/server/services/invitations";
import { memberUpdateSchema, WORKSPACE_ROLES, type MemberRemoval, type MemberView } from "@/lib/server/services/members";
import { userCreateSchema, userListQuerySchema, userUpdateSchema, type AdminUserView, type UserWithPassword } from "@/lib/server/services/users-admin";
import { workspaceCreateSchema, workspaceUpdateSchema, type WorkspaceView } from "@/lib/server/services/workspaces";
import { componentRef } from "./registry";
import type { ApiRegistry } from "./registry";

export const ADMIN_TAG = {
  name: "Administration",
  description:
    "Members and their roles, invitations by link, and the audit log of a workspace (its owners and admins, " +
    "`workspace.manage`); user accounts and new workspaces (the instance owner only). A workspace always keeps at " +
    "least one admin.",
} as const;

const role = z.enum(WORKSPACE_ROLES);
const timestamp = z.iso.datetime();

export const memberSchema = z.object({
  userId: z.uuid(),
  username: z.string(),
  name: z.string(),
  email: z.string(),
  role,
  joinedAt: timestamp,
  lastSignInAt: timestamp.nullable(),
  deactivated: z.boolean().describe("The instance owner deactivated this user: they cannot sign in."),
});

export const memberRemovalSchema = z.object({
  removed: z.uuid(),
  assignmentsDropped: z.int().describe("Records that were reserved for the member and are open to everybody again."),
});

export const invitationSchema = z.object({
  id: z.uuid(),
  role,
  email: z.string().nullable().describe("Who it is meant for; the link works for whoever opens it."),
  status: z.enum(["pending", "used", "revoked", "expired"]),
  createdAt: timestamp,
  expiresAt: timestamp,
  createdBy: z.string().nullable(),
  usedBy: z.string().nullable(),
});

export const createdInvitationSchema = z.object({
  invitation: invitationSchema,
  token: z.string().describe("The link's secret, shown this once: only its SHA-256 is stored."),
  path: z.string().describe("`/invite/<token>`: prefix it with the site's address."),
});

export const acceptedInvitationSchema = z.object({
  workspaceSlug: z.string(),
  role,
  alreadyMember: z.boolean().describe("The caller was a member already: their role is unchanged and the link stays unused."),
});

export const adminUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  name: z.string(),
  email: z.string(),
  isOwner: z.boolean(),
  createdAt: timestamp,
  lastSignInAt: timestamp.nullable(),
  deactivatedAt: timestamp.nullable(),
  workspaces: z.int().describe("Workspaces the user is a member of."),
});

export const userWithPasswordSchema = z.object({
  user: adminUserSchema,
  temporaryPassword: z.string().nullable().describe("A generated password, shown this once; null when none was generated."),
  temporaryPasswordExpiresAt: timestamp
    .nullable()
    .describe(
      "A password the owner set (generated or given) is temporary: it stops working at this time (`SIFT_TEMPORARY_PASSWORD_HOURS`, 72 h) and must be changed at first sign-in. Null when no password was set.",
    ),
});

export const workspaceSchema = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });

export const auditPageSchema = z.object({
  events: z.array(
    z.object({
      id: z.string().describe("Grows with time."),
      action: z.string().describe("E.g. `member.role_change`, `invitation.accept`, `user.sign_in`."),
      actor: z.object({ id: z.uuid(), username: z.string(), name: z.string() }).nullable(),
      targetType: z.string(),
      targetId: z.string().nullable(),
      targetName: z
        .string()
        .nullable()
        .describe("The target's current name (dataset, provider, user, workspace; a record's external id), or the name kept when the event was written if it is gone."),
      targetDeleted: z.boolean().describe("The target no longer exists."),
      dataset: z.object({ id: z.uuid(), name: z.string() }).nullable().describe("The dataset an event inside one happened in (a record, an LLM run)."),
      details: z.unknown(),
      createdAt: timestamp,
    }),
  ),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next (older) page; null on the last page."),
});

// The document and the services cannot drift apart: these fail to compile if the shapes differ.
const _member: z.infer<typeof memberSchema> = {} as MemberView;
const _removal: z.infer<typeof memberRemovalSchema> = {} as MemberRemoval;
const _invitation: z.infer<typeof invitationSchema> = {} as InvitationView;
const _created: z.infer<typeof createdInvitationSchema> = {} as CreatedInvitation;
const _accepted: z.infer<typeof acceptedInvitationSchema> = {} as AcceptedInvitation;
const _user: z.infer<typeof adminUserSchema> = {} as AdminUserView;
const _userWithPassword: z.infer<typeof userWithPasswordSchema> = {} as UserWithPassword;
const _workspace: z.infer<typeof workspaceSchema> = {} as WorkspaceView;
const _audit: z.infer<typeof auditPageSchema> = {} as AuditPage;
void [_member, _removal, _invitation, _created, _accepted, _user, _userWithPassword, _workspace, _audit];

const json = (schema: z.ZodType, example?: unknown) => ({ content: { "application/json": { schema, example } } });

export function registerAdminOperations(api: ApiRegistry): void {
  const tag = ADMIN_TAG.name;
  const slug = { slug: { description: "The workspace's slug (or id)." } };
  const member = api.component("Member", memberSchema);
  const invitation = api.component("Invitation", invitationSchema);
  const user = api.component("AdminUser", adminUserSchema);
  const workspace = api.component("Workspace", workspaceSchema);

  api.operation({
    method: "post",
    path: "/api/v1/workspaces",
    operationId: "createWorkspace",
    tag,
    summary: "Create a workspace",
    description: "Instance owner only. The slug is the workspace's address (`/w/<slug>`) and cannot change later.",
    body: json(api.component("WorkspaceCreate", workspaceCreateSchema), { name: "Support tickets", slug: "support" }),
    responses: { 201: { description: "The new workspace.", schema: workspace } },
    errors: [400, 403],
  });
  api.operation({
    method: "patch",
    path: "/api/v1/workspaces/{slug}",
    operationId: "renameWorkspace",
    tag,
    summary: "Rename a workspace",
    pathParams: slug,
    body: json(api.component("WorkspaceUpdate", workspaceUpdateSchema), { name: "Customer support" }),
    responses: { 200: { description: "The workspace.", schema: workspace } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "get",
    path: "/api/v1/workspaces/{slug}/members",
    operationId: "listMembers",
    tag,
    summary: "List members",
    description: "Every member with their role, when they joined and when they last signed in.",
    pathParams: slug,
    responses: { 200: { description: "The members.", schema: z.object({ members: z.array(member) }) } },
    errors: [403, 404],
  });
  const memberParams = { ...slug, userId: { description: "The member's user id." } };
  api.operation({
    method: "patch",
    path: "/api/v1/workspaces/{slug}/members/{userId}",
    operationId: "updateMember",
    tag,
    summary: "Change a member's role",
    description: "Refused with 409 (`last_admin`, naming `role`) when it would leave the workspace without an admin.",
    pathParams: memberParams,
    body: json(api.component("MemberUpdate", memberUpdateSchema), { role: "curator" }),
    responses: { 200: { description: "The member.", schema: member } },
    errors: [400, 403, 404, 409],
  });
  api.operation({
    method: "delete",
    path: "/api/v1/workspaces/{slug}/members/{userId}",
    operationId: "removeMember",
    tag,
    summary: "Remove a member",
    description:
      "Removes the membership and, in the same transaction, the member's record assignments (those records become open " +
      "to everybody). Their responses are kept. Refused with 409 for the last admin.",
    pathParams: memberParams,
    responses: { 200: { description: "What was removed.", schema: api.component("MemberRemoval", memberRemovalSchema) } },
    errors: [403, 404, 409],
  });
  api.operation({
    method: "get",
    path: "/api/v1/workspaces/{slug}/invitations",
    operationId: "listInvitations",
    tag,
    summary: "List invitations",
    description: "The latest 200 invitations, newest first, with their status. Their links cannot be shown again.",
    pathParams: slug,
    responses: { 200: { description: "The invitations.", schema: z.object({ invitations: z.array(invitation) }) } },
    errors: [403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/workspaces/{slug}/invitations",
    operationId: "createInvitation",
    tag,
    summary: "Create an invitation link",
    description: "The link `/invite/<token>` lets whoever opens it join with the role, once, until it expires (7 days by default).",
    pathParams: slug,
    body: json(api.component("InvitationCreate", invitationInputSchema), { role: "annotator", email: "ana@example.org", expiresInDays: 7 }),
    responses: { 201: { description: "The invitation and its token, shown this once.", schema: api.component("CreatedInvitation", createdInvitationSchema) } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "delete",
    path: "/api/v1/workspaces/{slug}/invitations/{id}",
    operationId: "revokeInvitation",
    tag,
    summary: "Revoke an invitation",
    pathParams: { ...slug, id: { description: "The invitation's id." } },
    responses: { 200: { description: "The revoked invitation.", schema: invitation } },
    errors: [403, 404, 409],
  });
  api.operation({
    method: "post",
    path: "/api/v1/invitations/{token}/accept",
    operationId: "acceptInvitation",
    tag,
    summary: "Accept an invitation",
    description: "The caller joins the workspace with the invitation's role. New accounts are made on the invitation page.",
    pathParams: { token: { description: "The token of the link." } },
    responses: {
      200: { description: "The workspace joined.", schema: api.component("AcceptedInvitation", acceptedInvitationSchema) },
      410: { description: "The invitation was used, revoked or has expired (`invitation_used`, …).", schema: { $ref: componentRef("Error") } },
    },
    errors: [404],
  });
  api.operation({
    method: "get",
    path: "/api/v1/workspaces/{slug}/audit-events",
    operationId: "listAuditEvents",
    tag,
    summary: "Read the audit log",
    description: "Newest first, keyset paginated (`cursor` from `nextCursor`), filtered by action, actor, days and free text.",
    pathParams: slug,
    query: auditQuerySchema,
    responses: { 200: { description: "One page of events.", schema: api.component("AuditPage", auditPageSchema) } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "get",
    path: "/api/v1/users",
    operationId: "listUsers",
    tag,
    summary: "List users",
    description: "Instance owner only: every account, with its status and number of workspaces.",
    query: userListQuerySchema,
    responses: { 200: { description: "The users.", schema: z.object({ users: z.array(user) }) } },
    errors: [400, 403],
  });
  const withPassword = api.component("UserWithPassword", userWithPasswordSchema);
  api.operation({
    method: "post",
    path: "/api/v1/users",
    operationId: "createUser",
    tag,
    summary: "Create a user",
    description:
      "Instance owner only. Without `password`, one is generated and answered this once. Either way the password is " +
      "temporary: it expires (`temporaryPasswordExpiresAt`) and the user must change it at first sign-in.",
    body: json(api.component("UserCreate", userCreateSchema), { username: "ana", name: "Ana Lima", email: "ana@example.org" }),
    responses: { 201: { description: "The user.", schema: withPassword } },
    errors: [400, 403],
  });
  api.operation({
    method: "patch",
    path: "/api/v1/users/{id}",
    operationId: "updateUser",
    tag,
    summary: "Change, deactivate or reset a user",
    description:
      "Instance owner only. A deactivated user cannot sign in and their sessions and API keys stop working; " +
      "`resetPassword` answers a temporary password this once. A reset or a deactivation ends all of the user's " +
      "sessions at once; reactivating revives none.",
    pathParams: { id: { description: "The user's id." } },
    body: json(api.component("UserUpdate", userUpdateSchema), { deactivated: true }),
    responses: { 200: { description: "The user.", schema: withPassword } },
    errors: [400, 403, 404],
  });
}
