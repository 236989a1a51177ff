// The browser's calls for the administration pages, through the same REST API that scripts use.
import type { AuditPage } from "@/lib/server/services/audit-log";
import type { CreatedInvitation, InvitationView } from "@/lib/server/services/invitations";
import type { MemberRemoval, MemberView, WorkspaceRole } from "@/lib/server/services/members";
import type { AdminUserView, UserWithPassword } from "@/lib/server/services/users-admin";
import type { WorkspaceView } from "@/lib/server/services/workspaces";
import { ApiError, apiFetch } from "@/lib/ui/api-client";

const base = (workspace: string) => `/api/v1/workspaces/${encodeURIComponent(workspace)}`;

export const membersKey = (workspace: string) => ["members", workspace] as const;
export const invitationsKey = (workspace: string) => ["invitations", workspace] as const;
export const usersKey = (q: string) => ["admin-users", q] as const;

export async function fetchMembers(workspace: string): Promise<MemberView[]> {
  return (await apiFetch<{ members: MemberView[] }>(`${base(workspace)}/members`)).members;
}

export function changeRole(workspace: string, userId: string, role: WorkspaceRole): Promise<MemberView> {
  return apiFetch<MemberView>(`${base(workspace)}/members/${encodeURIComponent(userId)}`, { method: "PATCH", body: { role } });
}

export function removeMember(workspace: string, userId: string): Promise<MemberRemoval> {
  return apiFetch<MemberRemoval>(`${base(workspace)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" });
}

export async function fetchInvitations(workspace: string): Promise<InvitationView[]> {
  return (await apiFetch<{ invitations: InvitationView[] }>(`${base(workspace)}/invitations`)).invitations;
}

export function createInvitation(workspace: string, body: { role: WorkspaceRole; email?: string; expiresInDays: number }): Promise<CreatedInvitation> {
  return apiFetch<CreatedInvitation>(`${base(workspace)}/invitations`, { method: "POST", body });
}

export function revokeInvitation(workspace: string, id: string): Promise<InvitationView> {
  return apiFetch<InvitationView>(`${base(workspace)}/invitations/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function fetchAuditPage(workspace: string, filters: Record<string, string>, cursor: string | null): Promise<AuditPage> {
  const params = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ""));
  if (cursor) params.set("cursor", cursor);
  return apiFetch<AuditPage>(`${base(workspace)}/audit-events?${params.toString()}`);
}

export function renameWorkspace(workspace: string, name: string): Promise<WorkspaceView> {
  return apiFetch<WorkspaceView>(base(workspace), { method: "PATCH", body: { name } });
}

export function createWorkspace(body: { name: string; slug: string }): Promise<WorkspaceView> {
  return apiFetch<WorkspaceView>("/api/v1/workspaces", { method: "POST", body });
}

export async function fetchUsers(q: string): Promise<AdminUserView[]> {
  return (await apiFetch<{ users: AdminUserView[] }>(`/api/v1/users?${new URLSearchParams(q ? { q } : {}).toString()}`)).users;
}

export function createUser(body: { username: string; name: string; email: string }): Promise<UserWithPassword> {
  return apiFetch<UserWithPassword>("/api/v1/users", { method: "POST", body });
}

export function updateUser(id: string, body: { deactivated?: boolean; resetPassword?: true }): Promise<UserWithPassword> {
  return apiFetch<UserWithPassword>(`/api/v1/users/${encodeURIComponent(id)}`, { method: "PATCH", body });
}

/** The server's details of a failed call as lines for ErrorNote ("email: must be an email address"). */
export function detailLines(error: Error): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.details.map((detail) => (detail.where ? `${detail.where}: ${detail.message}` : detail.message));
}
