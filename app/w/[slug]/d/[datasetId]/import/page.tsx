import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ImportFlow } from "@/components/import/import-flow";
import { RecentImports } from "@/components/import/recent-imports";
import { datasetAccess } from "@/lib/server/services/access";
import { loadDatasetConfig } from "@/lib/server/services/dataset-config";
import { maxUploadBytes } from "@/lib/server/services/import-files";
import { listImports } from "@/lib/server/services/imports";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "Import" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; datasetId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, datasetId } = await params;
  const { task } = await searchParams;
  const actor = await requirePageActor();
  const access = await orNotFound(datasetAccess(actor, datasetId, "records.write"));
  // A dataset is only reachable under its own workspace's address.
  if (access.workspaceSlug !== slug) notFound();
  const config = await loadDatasetConfig(access.datasetId);
  const recent = await listImports(actor, access.datasetId);
  const taskId = typeof task === "string" && UUID.test(task) ? task : null;
  const base = `/w/${slug}/d/${access.datasetId}`;
  return (
    <main className="mx-auto max-w-[1600px] space-y-6 px-4 py-6">
      <div>
        <h2 className="text-xl font-semibold tracking-tight">Import records</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Upload a file, choose which column feeds which field, metadata property and suggestion, check the preview, then
          import. Rows are matched by external id: importing the same file again changes nothing.
        </p>
      </div>
      <ImportFlow
        target={{
          datasetId: config.id,
          fields: config.fields.map(({ name, title, type, required }) => ({ name, title, type, required })),
          metadata: config.metadata.map(({ name, title, type }) => ({ name, title, type })),
          questions: config.questions.map(({ name, title, type }) => ({ name, title, type })),
        }}
        maxUploadBytes={maxUploadBytes()}
        recordsHref={`${base}/records`}
        initialTaskId={taskId}
      />
      <RecentImports datasetId={access.datasetId} imports={recent} importHref={`${base}/import`} />
    </main>
  );
}
