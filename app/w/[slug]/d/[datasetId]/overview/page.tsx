import type { Metadata } from "next";
import { OverviewView } from "@/components/overview/overview-view";
import { datasetOverview } from "@/lib/server/services/overview";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  const actor = await requirePageActor();
  // Owners, admins and curators (records.view); to annotators the page does not exist.
  const overview = await orNotFound(datasetOverview(actor, datasetId));
  return (
    <main className="mx-auto max-w-[1400px] px-4 py-8">
      <h2 className="text-xl font-semibold tracking-tight">Overview</h2>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Where the dataset stands: how its records are routed, how uncertain the LLMs are, how often their proposals match what people
        answered, what the LLMs have cost, and how fast annotators work.
      </p>
      <OverviewView overview={overview} />
    </main>
  );
}
