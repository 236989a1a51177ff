import type { Metadata } from "next";
import { AgreementView } from "@/components/agreement/agreement-view";
import { datasetAgreement } from "@/lib/server/services/agreement";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "Agreement" };

export default async function AgreementPage({ params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  const actor = await requirePageActor();
  // Owners, admins and curators (quality.view); to annotators the page does not exist.
  const agreement = await orNotFound(datasetAgreement(actor, datasetId));
  return (
    <main className="mx-auto max-w-[1400px] px-4 py-8">
      <h2 className="text-xl font-semibold tracking-tight">Agreement</h2>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        How much the annotators agree with each other, with the consensus and with the LLMs, question by question, and how long they take
        per record.
      </p>
      <AgreementView agreement={agreement} />
    </main>
  );
}
