import { DatasetTabs } from "@/components/shell/dataset-tabs";
import { can } from "@/lib/server/policy";
import { datasetAccess } from "@/lib/server/services/access";
import { loadDatasetConfig } from "@/lib/server/services/dataset-config";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

export default async function DatasetLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string; datasetId: string }>;
}) {
  const { slug, datasetId } = await params;
  const actor = await requirePageActor();
  const access = await orNotFound(datasetAccess(actor, datasetId, "dataset.view"));
  const config = await loadDatasetConfig(access.datasetId);
  const base = `/w/${slug}/d/${datasetId}`;
  const tabs = [
    ...(can(access.role, "records.view") ? [{ href: `${base}/overview`, label: "Overview" }] : []),
    ...(can(access.role, "records.view") ? [{ href: `${base}/records`, label: "Records" }] : []),
    ...(can(access.role, "records.review") ? [{ href: `${base}/review`, label: "Review" }] : []),
    { href: `${base}/annotate`, label: "Annotate" },
    ...(can(access.role, "llm.runs.manage") ? [{ href: `${base}/llm`, label: "LLM" }] : []),
    ...(can(access.role, "routing.configure") ? [{ href: `${base}/routing`, label: "Routing" }] : []),
    ...(can(access.role, "quality.view") ? [{ href: `${base}/quality`, label: "Quality" }] : []),
    ...(can(access.role, "quality.view") ? [{ href: `${base}/agreement`, label: "Agreement" }] : []),
    ...(can(access.role, "records.write") ? [{ href: `${base}/import`, label: "Import" }] : []),
    ...(can(access.role, "dataset.export") ? [{ href: `${base}/export`, label: "Export" }] : []),
    ...(can(access.role, "dataset.configure") ? [{ href: `${base}/settings`, label: "Settings" }] : []),
  ];
  return (
    <div>
      <div className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
        <div className="mx-auto flex max-w-[1600px] flex-wrap items-end justify-between gap-x-6 px-4 pt-4">
          <h1 className="pb-3 text-lg font-semibold tracking-tight">{config.name}</h1>
          <DatasetTabs tabs={tabs} />
        </div>
      </div>
      {children}
    </div>
  );
}
