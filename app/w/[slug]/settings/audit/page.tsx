import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit-log";
import { PageHeading } from "@/components/admin/page-heading";
import { auditFacets, listAuditEvents } from "@/lib/server/services/audit-log";
import { orNotFound, workspacePage } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor, workspace } = await workspacePage(slug);
  const [facets, firstPage] = await orNotFound(Promise.all([auditFacets(actor, workspace.slug), listAuditEvents(actor, workspace.slug, {})]));
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <PageHeading section="Workspace settings" title="Audit log">
        Who did what in {workspace.name}, newest first: membership and invitation changes, dataset settings, assignments,
        imports and exports.
      </PageHeading>
      <AuditLog workspace={workspace.slug} facets={facets} firstPage={firstPage} />
    </main>
  );
}
