import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { DatasetEditor } from "@/components/dataset-settings/dataset-editor";
import { FolderImport } from "@/components/export/folder-import";
import { can } from "@/lib/server/policy";
import { workspacePage } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "New dataset" };

export default async function NewDatasetPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { workspace } = await workspacePage(slug);
  // Like every page a role may not open: indistinguishable from one that does not exist.
  if (!can(workspace.role, "dataset.create")) notFound();
  return (
    <main className="mx-auto max-w-5xl px-4 pt-6">
      <Link
        href={`/w/${workspace.slug}`}
        className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
      >
        <ChevronLeft aria-hidden className="h-4 w-4" /> Datasets
      </Link>
      <div className="mt-2 mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">New dataset</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          It starts as a draft in {workspace.name}: everything can change until you publish it.
        </p>
      </div>
      <FolderImport workspaceSlug={workspace.slug} />
      <DatasetEditor mode="create" workspaceSlug={workspace.slug} />
    </main>
  );
}
