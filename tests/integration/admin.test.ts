import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { createApiKey, userIdForApiKey } from "@/lib/server/auth/api-keys";
import { checkCredentials } from "@/lib/server/auth/users";
import { db, pool } from "@/lib/server/db/client";
import { AppError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { assignRecords } from "@/lib/server/services/assignments";
import { auditFacets, listAuditEvents, writeAudit } from "@/lib/server/services/audit-log";
import { createLlmProvider, deleteLlmProvider } from "@/lib/server/services/llm-providers";
import {
  acceptInvitation,
  createInvitation,
  hashInvitationToken,
  listInvitations,
  previewInvitation,
  revokeInvitation,
  signUpWithInvitation,
} from "@/lib/server/services/invitations";
import { listMembers, removeMember, updateMember } from "@/lib/server/services/members";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { createUserAsOwner, listUsers, updateUserAsOwner } from "@/lib/server/services/users-admin";
import { createWorkspace, renameWorkspace } from "@/lib/server/services/workspaces";
import { createSentimentDataset, createTestWorkspace, sentimentRecords } from "./fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function makeOwner(): Promise<Actor> {
  const tag = randomUUID().slice(0, 8);
  const user = await db.user.create({ data: { username: `owner-${tag}`, name: "Owner", email: `owner-${tag}@test.local`, isOwner: true } });
  return { userId: user.id, username: user.username, name: user.name, email: user.email, isOwner: true };
}

const newAccount = (tag: string) => ({ username: `ana-${tag}`, name: "Ana Lima", email: `ana-${tag}@test.local`, password: "a long enough password" });

describe("members", () => {
  it("lists members with role and joined date, and changes a role with an audit event", async () => {
    const workspace = await createTestWorkspace(1);
    const [annotator] = workspace.annotators as [Actor];
    const members = await listMembers(workspace.admin, workspace.slug);
    expect(members.map((member) => [member.username, member.role])).toEqual(
      expect.arrayContaining([
        [workspace.admin.username, "admin"],
        [workspace.curator.username, "curator"],
        [annotator.username, "annotator"],
      ]),
    );
    expect(members[0]!.joinedAt).toMatch(/^\d{4}-/);
    const changed = await updateMember(workspace.admin, workspace.slug, annotator.userId, { role: "curator" });
    expect(changed.role).toBe("curator");
    const membership = await db.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: workspace.workspaceId, userId: annotator.userId } } });
    expect(membership.role).toBe("curator");
    const { events } = await listAuditEvents(workspace.admin, workspace.slug, { action: "member.role_change" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ targetId: annotator.userId, details: { from: "annotator", to: "curator" }, actor: { id: workspace.admin.userId } });
  });

  it("refuses to demote or remove the last admin, naming the role", async () => {
    const workspace = await createTestWorkspace(1);
    const demote = await rejection(updateMember(workspace.admin, workspace.slug, workspace.admin.userId, { role: "curator" }));
    expect(demote.status).toBe(409);
    expect(demote.details).toEqual([{ where: "role", message: "a workspace needs at least one admin" }]);
    expect((await rejection(removeMember(workspace.admin, workspace.slug, workspace.admin.userId))).status).toBe(409);
    // With a second admin, the first may step down.
    await updateMember(workspace.admin, workspace.slug, workspace.curator.userId, { role: "admin" });
    expect((await updateMember(workspace.admin, workspace.slug, workspace.admin.userId, { role: "annotator" })).role).toBe("annotator");
  });

  it("removing a member drops their membership and their assignments, opening the records", async () => {
    const workspace = await createTestWorkspace(2);
    const [maria] = workspace.annotators as [Actor];
    const { id: datasetId } = await createSentimentDataset(workspace);
    await importRecords(workspace.curator, datasetId, sentimentRecords(12));
    await recomputeDataset(datasetId);
    const humanRecords = await db.record.findMany({ where: { datasetId, routingDecision: "human" }, select: { id: true } });
    await assignRecords(workspace.curator, datasetId, { action: "assign", userIds: [maria.userId], recordIds: humanRecords.map((r) => r.id) });
    expect(await db.recordAssignment.count({ where: { userId: maria.userId } })).toBe(humanRecords.length);

    const removal = await removeMember(workspace.admin, workspace.slug, maria.userId);
    expect(removal).toEqual({ removed: maria.userId, assignmentsDropped: humanRecords.length });
    expect(await db.membership.count({ where: { workspaceId: workspace.workspaceId, userId: maria.userId } })).toBe(0);
    expect(await db.recordAssignment.count({ where: { userId: maria.userId } })).toBe(0);
    const counts = await db.record.findMany({ where: { id: { in: humanRecords.map((r) => r.id) } }, select: { assigneeCount: true } });
    expect(counts.every((record) => record.assigneeCount === 0)).toBe(true);
    const { events } = await listAuditEvents(workspace.admin, workspace.slug, { action: "member.remove" });
    expect(events[0]).toMatchObject({ targetId: maria.userId, details: { assignmentsDropped: humanRecords.length } });
    expect(await rejection(removeMember(workspace.admin, workspace.slug, maria.userId))).toBeInstanceOf(NotFoundError);
  });

  it("answers 403 to non-admins and 404 for other workspaces", async () => {
    const workspace = await createTestWorkspace(1);
    const other = await createTestWorkspace(1);
    expect(await rejection(listMembers(workspace.curator, workspace.slug))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(updateMember(workspace.curator, workspace.slug, workspace.curator.userId, { role: "admin" }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(createInvitation(workspace.annotators[0]!, workspace.slug, { role: "admin" }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(listAuditEvents(workspace.curator, workspace.slug, {}))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(listMembers(other.admin, workspace.slug))).toBeInstanceOf(NotFoundError);
    expect(await rejection(removeMember(other.admin, workspace.slug, workspace.curator.userId))).toBeInstanceOf(NotFoundError);
    // A member of another workspace cannot be changed through this one.
    expect(await rejection(updateMember(workspace.admin, workspace.slug, other.curator.userId, { role: "admin" }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(renameWorkspace(workspace.curator, workspace.slug, { name: "Mine" }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("invitations", () => {
  it("stores only a hash of the token; an account made through the link joins with the role, once", async () => {
    const workspace = await createTestWorkspace(0);
    const created = await createInvitation(workspace.admin, workspace.slug, { role: "annotator", email: "Ana@Test.local" });
    expect(created.path).toBe(`/invite/${created.token}`);
    expect(created.invitation).toMatchObject({ role: "annotator", email: "ana@test.local", status: "pending" });
    const days = (Date.parse(created.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const stored = await pool().query(`SELECT * FROM "Invitation" WHERE id = $1`, [created.invitation.id]);
    expect(stored.rows[0].tokenHash).toBe(hashInvitationToken(created.token));
    expect(JSON.stringify(stored.rows[0])).not.toContain(created.token);

    expect(await previewInvitation(created.token)).toMatchObject({ workspaceSlug: workspace.slug, role: "annotator", status: "pending" });
    const tag = randomUUID().slice(0, 8);
    const shortPassword = await rejection(signUpWithInvitation(created.token, { ...newAccount(tag), password: "short" }));
    expect(shortPassword.details).toEqual([{ where: "password", message: "must be at least 12 characters" }]);
    const joined = await signUpWithInvitation(created.token, newAccount(tag));
    expect(joined).toMatchObject({ workspaceSlug: workspace.slug, role: "annotator", alreadyMember: false });
    expect(await checkCredentials(`ana-${tag}`, "a long enough password")).not.toBeNull();
    const members = await listMembers(workspace.admin, workspace.slug);
    expect(members.find((member) => member.username === `ana-${tag}`)?.role).toBe("annotator");

    // Reused: refused with a clear reason, whoever tries.
    const reused = await rejection(acceptInvitation(workspace.curator, created.token));
    expect([reused.status, reused.code]).toEqual([410, "invitation_used"]);
    expect(reused.message).toMatch(/already been used/);
    expect((await listInvitations(workspace.admin, workspace.slug))[0]).toMatchObject({ status: "used", usedBy: "Ana Lima" });
    const actions = (await listAuditEvents(workspace.admin, workspace.slug, {})).events.map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.create", "user.sign_up", "invitation.accept"]));
  });

  it("a signed-in user accepts; revoked and expired links refuse; a taken username is named", async () => {
    const workspace = await createTestWorkspace(0);
    const outsider = await createTestWorkspace(0);
    const invitation = await createInvitation(workspace.admin, workspace.slug, { role: "curator" });
    expect(await acceptInvitation(outsider.admin, invitation.token)).toMatchObject({ role: "curator", alreadyMember: false });
    // A curator now: a member, but still not one who manages the workspace.
    expect(await rejection(listMembers(outsider.admin, workspace.slug))).toBeInstanceOf(ForbiddenError);
    const role = await db.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: workspace.workspaceId, userId: outsider.admin.userId } } });
    expect(role.role).toBe("curator");

    const revoked = await createInvitation(workspace.admin, workspace.slug, { role: "admin" });
    await revokeInvitation(workspace.admin, workspace.slug, revoked.invitation.id);
    expect((await rejection(acceptInvitation(outsider.curator, revoked.token))).code).toBe("invitation_revoked");
    expect((await rejection(revokeInvitation(workspace.admin, workspace.slug, revoked.invitation.id))).status).toBe(409);

    const expired = await createInvitation(workspace.admin, workspace.slug, { role: "annotator", expiresInDays: 1 });
    await db.invitation.update({ where: { id: expired.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await rejection(signUpWithInvitation(expired.token, newAccount(randomUUID().slice(0, 8))))).code).toBe("invitation_expired");
    expect((await previewInvitation(expired.token))?.status).toBe("expired");
    expect(await previewInvitation("not-a-token")).toBeNull();
    expect(await rejection(acceptInvitation(outsider.curator, "not-a-token"))).toBeInstanceOf(NotFoundError);

    const fresh = await createInvitation(workspace.admin, workspace.slug, { role: "annotator" });
    const taken = await rejection(signUpWithInvitation(fresh.token, { ...newAccount("x"), username: workspace.curator.username }));
    expect(taken.details).toEqual([{ where: "username", message: "is already taken" }]);
    // The failed sign-up did not use up the link.
    expect((await previewInvitation(fresh.token))?.status).toBe("pending");
    // Other workspaces' invitations cannot be revoked through this one.
    expect(await rejection(revokeInvitation(outsider.admin, outsider.slug, fresh.invitation.id))).toBeInstanceOf(NotFoundError);
  });
});

describe("the instance owner manages users and workspaces", () => {
  it("creates, searches, resets, deactivates and reactivates users; a deactivated user cannot sign in nor use API keys", async () => {
    const owner = await makeOwner();
    const tag = randomUUID().slice(0, 8);
    const { user, temporaryPassword } = await createUserAsOwner(owner, { username: `kofi-${tag}`, name: "Kofi Boateng", email: `kofi-${tag}@test.local` });
    expect(temporaryPassword).toHaveLength(16);
    expect(await checkCredentials(`kofi-${tag}`, temporaryPassword!)).not.toBeNull();
    expect((await listUsers(owner, { q: `KOFI-${tag}` })).map((found) => found.id)).toEqual([user.id]);

    const reset = await updateUserAsOwner(owner, user.id, { resetPassword: true });
    expect(reset.temporaryPassword).not.toBe(temporaryPassword);
    expect(await checkCredentials(`kofi-${tag}`, temporaryPassword!)).toBeNull();
    expect(await checkCredentials(`kofi-${tag}`, reset.temporaryPassword!)).not.toBeNull();

    const { key } = await createApiKey(user.id, "script");
    expect(await userIdForApiKey(key)).toBe(user.id);
    const deactivated = await updateUserAsOwner(owner, user.id, { deactivated: true });
    expect(deactivated.user.deactivatedAt).not.toBeNull();
    expect(await checkCredentials(`kofi-${tag}`, reset.temporaryPassword!)).toBeNull();
    expect(await userIdForApiKey(key)).toBeNull();
    await updateUserAsOwner(owner, user.id, { deactivated: false });
    expect(await checkCredentials(`kofi-${tag}@test.local`, reset.temporaryPassword!)).not.toBeNull();
    expect(await userIdForApiKey(key)).toBe(user.id);

    const audit = await db.auditEvent.findMany({ where: { targetId: user.id, actorId: owner.userId }, orderBy: { id: "asc" } });
    expect(audit.map((event) => event.action)).toEqual(["user.create", "user.password_reset", "user.deactivate", "user.reactivate"]);
    expect((await rejection(updateUserAsOwner(owner, owner.userId, { deactivated: true }))).details[0]?.where).toBe("deactivated");
    const duplicate = await rejection(createUserAsOwner(owner, { username: `kofi-${tag}`, name: "Again", email: `kofi-${tag}@test.local` }));
    expect(duplicate.details.map((detail) => detail.where)).toEqual(["username", "email"]);
  });

  it("only the owner manages users and creates workspaces; admins rename theirs", async () => {
    const workspace = await createTestWorkspace(0);
    const owner = await makeOwner();
    expect(await rejection(listUsers(workspace.admin))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(updateUserAsOwner(workspace.admin, workspace.curator.userId, { deactivated: true }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(createWorkspace(workspace.admin, { name: "Mine", slug: "mine" }))).toBeInstanceOf(ForbiddenError);
    const slug = `team-${randomUUID().slice(0, 8)}`;
    const created = await createWorkspace(owner, { name: "Team", slug });
    expect(created).toMatchObject({ slug, name: "Team" });
    const again = await rejection(createWorkspace(owner, { name: "Team", slug }));
    expect(again).toBeInstanceOf(ValidationError);
    expect(again.details).toEqual([{ where: "slug", message: "is already used by another workspace" }]);
    expect((await rejection(createWorkspace(owner, { name: "Bad", slug: "Bad Slug" }))).details[0]?.where).toBe("slug");
    expect(await renameWorkspace(workspace.admin, workspace.slug, { name: "Renamed" })).toMatchObject({ name: "Renamed", slug: workspace.slug });
    const { events } = await listAuditEvents(workspace.admin, workspace.slug, { action: "workspace.rename" });
    expect(events[0]?.details).toMatchObject({ to: "Renamed" });
  });
});

describe("the audit log", () => {
  it("pages newest first and filters by action, actor, dates and free text", async () => {
    const workspace = await createTestWorkspace(1);
    const [annotator] = workspace.annotators as [Actor];
    for (let i = 0; i < 5; i += 1) await createInvitation(workspace.admin, workspace.slug, { role: "annotator", email: `guest${i}@test.local` });
    await updateMember(workspace.admin, workspace.slug, annotator.userId, { role: "curator" });
    await updateMember(workspace.admin, workspace.slug, workspace.curator.userId, { role: "admin" });
    await updateMember(workspace.curator, workspace.slug, annotator.userId, { role: "annotator" });

    const first = await listAuditEvents(workspace.admin, workspace.slug, { limit: "3" });
    expect(first.events).toHaveLength(3);
    expect(first.events[0]).toMatchObject({ action: "member.role_change", actor: { id: workspace.curator.userId } });
    const second = await listAuditEvents(workspace.admin, workspace.slug, { limit: "3", cursor: first.nextCursor! });
    const third = await listAuditEvents(workspace.admin, workspace.slug, { limit: "3", cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    const ids = [...first.events, ...second.events, ...third.events].map((event) => BigInt(event.id));
    expect(ids).toHaveLength(8);
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));

    expect((await listAuditEvents(workspace.admin, workspace.slug, { action: "invitation.create" })).events).toHaveLength(5);
    expect((await listAuditEvents(workspace.admin, workspace.slug, { actor: workspace.curator.userId })).events).toHaveLength(1);
    const text = await listAuditEvents(workspace.admin, workspace.slug, { q: "guest3@" });
    expect(text.events.map((event) => event.details)).toEqual([expect.objectContaining({ email: "guest3@test.local" })]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEvents(workspace.admin, workspace.slug, { from: today, to: today })).events).toHaveLength(8);
    expect((await listAuditEvents(workspace.admin, workspace.slug, { to: "2020-01-01" })).events).toHaveLength(0);
    const wrongDates = await rejection(listAuditEvents(workspace.admin, workspace.slug, { from: "2026-02-02", to: "2026-01-01" }));
    expect(wrongDates.details[0]?.where).toBe("from");
    expect((await rejection(listAuditEvents(workspace.admin, workspace.slug, { cursor: "abc" }))).details[0]?.where).toBe("cursor");

    const facets = await auditFacets(workspace.admin, workspace.slug);
    expect(facets.actions).toEqual(["invitation.create", "member.role_change"]);
    expect(facets.actors.map((actor) => actor.id).sort()).toEqual([workspace.admin.userId, workspace.curator.userId].sort());
  });
});

describe("the audit log names what it is about", () => {
  it("shows datasets, users and providers by their current names, keeps a deleted one's name, and names the dataset of an event inside one", async () => {
    const workspace = await createTestWorkspace(1);
    const [annotator] = workspace.annotators as [Actor];
    const { id: datasetId } = await createSentimentDataset(workspace, { name: "Support tickets" });
    await importRecords(workspace.curator, datasetId, sentimentRecords(3));
    await updateMember(workspace.admin, workspace.slug, annotator.userId, { role: "curator" });
    const provider = await createLlmProvider(workspace.admin, workspace.slug, { name: "Local vLLM", baseUrl: "http://127.0.0.1:9/v1", models: [{ name: "m" }] });
    await deleteLlmProvider(workspace.admin, provider.id);
    // An event inside a dataset that names it only by id in its details (as LLM runs do).
    await writeAudit(pool(), { workspaceId: workspace.workspaceId, actorId: workspace.curator.userId, action: "llm_run.pause", targetType: "llm_run", targetId: randomUUID(), details: { datasetId } });
    // Renamed after the fact: the log shows the name it has now.
    await db.dataset.update({ where: { id: datasetId }, data: { name: "Support tickets (2026)" } });

    const { events } = await listAuditEvents(workspace.admin, workspace.slug, {});
    const byAction = (action: string) => events.find((event) => event.action === action)!;
    expect(byAction("dataset.create")).toMatchObject({ targetName: "Support tickets (2026)", targetDeleted: false });
    expect(byAction("records.import")).toMatchObject({ targetName: "Support tickets (2026)", details: { records: { created: 3 } } });
    expect(byAction("member.role_change")).toMatchObject({ targetName: annotator.name, targetDeleted: false });
    expect(byAction("llm_provider.delete")).toMatchObject({ targetName: "Local vLLM", targetDeleted: true });
    expect(byAction("llm_run.pause")).toMatchObject({ targetName: null, dataset: { id: datasetId, name: "Support tickets (2026)" } });
    // Nothing in a page is a bare id where a name exists.
    for (const event of events.filter((event) => ["dataset", "user", "llm_provider"].includes(event.targetType))) {
      expect(event.targetName, event.action).toBeTruthy();
    }
  });
});
