import type { Metadata } from "next";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { listReviewQueue } from "@/lib/server/services/review";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  const actor = await requirePageActor();
  // Owners, admins and curators (records.review); to annotators the page does not exist.
  const initial = await orNotFound(listReviewQueue(actor, datasetId, {}));
  return (
    <main className="mx-auto max-w-[1600px] px-4 py-6">
      <h2 className="text-xl font-semibold tracking-tight">Review</h2>
      <p className="mt-1 mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Records that need a curator: annotators who disagree, answers that differ from the LLM&apos;s proposal, and flags. Your
        resolution becomes the final value; later responses never overwrite it.
      </p>
      <ReviewWorkspace datasetId={datasetId} initial={initial} />
    </main>
  );
}
