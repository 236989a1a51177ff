import type { Metadata } from "next";
import { AssignmentsPanel } from "@/components/routing/assignments-panel";
import { RoutingEditor } from "@/components/routing/routing-editor";
import { assignmentOverview } from "@/lib/server/services/assignments";
import { getRouting } from "@/lib/server/services/routing";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "Routing" };

export default async function RoutingPage({ params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  const actor = await requirePageActor();
  // Owners, admins and curators (routing.configure); to annotators the page does not exist.
  const routing = await orNotFound(getRouting(actor, datasetId));
  const assignments = await assignmentOverview(actor, routing.datasetId);
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h2 className="text-xl font-semibold tracking-tight">Routing</h2>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Which records the LLMs&apos; proposals settle and which go to annotators, most uncertain first. The preview applies the
        same rules as saving does, to the records&apos; uncertainties as they are now.
      </p>
      <RoutingEditor initial={routing} />
      <AssignmentsPanel datasetId={routing.datasetId} initial={assignments} />
    </main>
  );
}
