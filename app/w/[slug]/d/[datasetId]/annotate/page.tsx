import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FocusView } from "@/components/annotate/focus-view";
import { ViewSwitch } from "@/components/bulk/view-switch";
import { datasetAccess } from "@/lib/server/services/access";
import { loadDatasetConfig } from "@/lib/server/services/dataset-config";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "Annotate" };
export const dynamic = "force-dynamic";

export default async function AnnotatePage({ params }: { params: Promise<{ slug: string; datasetId: string }> }) {
  const { slug, datasetId } = await params;
  const actor = await requirePageActor();
  const access = await orNotFound(datasetAccess(actor, datasetId, "records.annotate"));
  // A dataset is only reachable under its own workspace's address.
  if (access.workspaceSlug !== slug) notFound();
  const config = await loadDatasetConfig(access.datasetId);
  return (
    <>
      <div className="mx-auto -mb-2 flex max-w-[1600px] justify-end px-4 pt-2">
        <ViewSwitch base={`/w/${slug}/d/${access.datasetId}/annotate`} current="focus" />
      </div>
      <FocusView
        datasetId={access.datasetId}
        datasetName={config.name}
        guidelines={config.guidelines}
        workspaceSlug={access.workspaceSlug}
      />
    </>
  );
}
