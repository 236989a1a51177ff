import type { Metadata } from "next";
import Link from "next/link";
import { AgreementView } from "@/components/agreement/agreement-view";
import { datasetAgreement } from "@/lib/server/services/agreement";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "Agreement" };

export default async function AgreementPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; datasetId: string }>;
  searchParams: Promise<{ confirmations?: string }>;
}) {
  const { slug, datasetId } = await params;
  const confirmations = (await searchParams).confirmations === "include" ? "include" : "exclude";
  const actor = await requirePageActor();
  // Owners, admins and curators (quality.view); to annotators the page does not exist.
  const agreement = await orNotFound(datasetAgreement(actor, datasetId, { confirmations }));
  const leftOut = agreement.questions.reduce((sum, question) => sum + question.confirmationsLeftOut, 0);
  const here = `/w/${encodeURIComponent(slug)}/d/${encodeURIComponent(datasetId)}/agreement`;
  return (
    <main className="mx-auto max-w-[1400px] px-4 py-8">
      <h2 className="text-xl font-semibold tracking-tight">Agreement</h2>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        How much the annotators agree with each other, with the consensus and with the LLMs, question by question, and how long they take
        per record.
      </p>
      <p className="mb-6 max-w-3xl text-sm text-slate-600 dark:text-slate-400" data-testid="agreement-confirmations">
        {confirmations === "exclude"
          ? `Answers that left the LLM’s proposal unchanged agree with it by construction, so they are not counted${leftOut > 0 ? ` (${leftOut} left out)` : ""}. `
          : "Answers that left the LLM’s proposal unchanged are counted, which raises agreement with the LLM and between annotators. "}
        <Link className="underline" href={confirmations === "exclude" ? `${here}?confirmations=include` : here}>
          {confirmations === "exclude" ? "Count them too" : "Leave them out"}
        </Link>
      </p>
      <AgreementView agreement={agreement} />
    </main>
  );
}
