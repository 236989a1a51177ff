import type { Metadata } from "next";
import Link from "next/link";
import { CreateWorkspace } from "@/components/admin/create-workspace";
import { PageHeading } from "@/components/admin/page-heading";
import { Card, CardBody } from "@/components/ui/card";
import { listWorkspaces } from "@/lib/server/services/access";
import { requirePageActor } from "@/lib/server/services/page-context";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Workspaces" };

export default async function AdminWorkspacesPage() {
  const actor = await requirePageActor();
  // The layout answers 404 to anyone but the owner, but pages render alongside it: check here too.
  if (!actor.isOwner) notFound();
  const workspaces = await listWorkspaces(actor);
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <PageHeading section="Instance administration" title="Workspaces">
        Each workspace is a team with its own datasets, members and LLM providers. After creating one, invite its admin
        from its Members page.
      </PageHeading>
      <Card>
        <CardBody className="space-y-3 p-4">
          <h2 className="text-base font-semibold">Create a workspace</h2>
          <CreateWorkspace />
        </CardBody>
      </Card>
      <Card>
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Workspaces">
          {workspaces.map((workspace) => (
            <li key={workspace.workspaceId} className="flex items-center justify-between gap-3 px-4 py-2.5 text-sm">
              <Link href={`/w/${workspace.slug}`} className="font-medium hover:underline">{workspace.name}</Link>
              <span className="flex gap-4 text-slate-500">
                <span className="font-mono text-xs">/w/{workspace.slug}</span>
                <Link href={`/w/${workspace.slug}/settings/members`} className="text-brand-700 hover:underline dark:text-blue-300">Members</Link>
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </main>
  );
}
