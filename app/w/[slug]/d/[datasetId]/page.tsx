import { redirect } from "next/navigation";
import { can } from "@/lib/server/policy";
import { datasetAccess } from "@/lib/server/services/access";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

/** A dataset opens on its overview for those who may see its records, on the focus view for annotators. */
export default async function DatasetIndex({ params }: { params: Promise<{ slug: string; datasetId: string }> }) {
  const { slug, datasetId } = await params;
  const access = await orNotFound(datasetAccess(await requirePageActor(), datasetId, "dataset.view"));
  redirect(`/w/${slug}/d/${datasetId}/${can(access.role, "records.view") ? "overview" : "annotate"}`);
}
