import type { Metadata } from "next";
import { InvitationsPanel } from "@/components/admin/invitations-panel";
import { MembersTable } from "@/components/admin/members-table";
import { PageHeading } from "@/components/admin/page-heading";
import { RenameWorkspace } from "@/components/admin/rename-workspace";
import { listInvitations } from "@/lib/server/services/invitations";
import { listMembers } from "@/lib/server/services/members";
import { orNotFound, workspacePage } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor, workspace } = await workspacePage(slug);
  const [members, invitations] = await orNotFound(Promise.all([listMembers(actor, workspace.slug), listInvitations(actor, workspace.slug)]));
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <PageHeading section="Workspace settings" title="Members">
        Who works in {workspace.name} and with which role. Admins manage the workspace, curators configure datasets and
        review, annotators answer the queue.
      </PageHeading>
      <RenameWorkspace workspace={workspace.slug} name={workspace.name} />
      <MembersTable workspace={workspace.slug} workspaceName={workspace.name} initialMembers={members} me={actor.userId} />
      <InvitationsPanel workspace={workspace.slug} initialInvitations={invitations} />
    </main>
  );
}
