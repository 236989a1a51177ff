import type { Metadata } from "next";
import { QualityView } from "@/components/quality/quality-view";
import { datasetQuality } from "@/lib/server/services/quality";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "Quality" };

export default async function QualityPage({ params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  const actor = await requirePageActor();
  // Owners, admins and curators (quality.view); to annotators the page does not exist.
  const quality = await orNotFound(datasetQuality(actor, datasetId));
  return (
    <main className="mx-auto max-w-[1400px] px-4 py-8">
      <h2 className="text-xl font-semibold tracking-tight">Quality</h2>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        How good the LLMs&apos; proposals are, measured against the human answers: agreement per uncertainty bin (calibration), the final
        accuracy each routing policy would give for each share of records sent to humans (the cost–quality frontier), the threshold that
        reaches a target accuracy, and the accuracy of the accepted records estimated from the audit sample.
      </p>
      <QualityView initial={quality} />
    </main>
  );
}
