"use client";

// Renaming the workspace (its admins). The slug, the workspace's address, stays the same so links keep working.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { controlClass } from "@/components/dataset-settings/inputs";
import { ErrorNote } from "@/components/import/notes";
import { Button } from "@/components/ui/button";
import { detailLines, renameWorkspace } from "./api";

export function RenameWorkspace({ workspace, name: initialName }: { workspace: string; name: string }) {
  const router = useRouter();
  const [name, setName] = useState(initialName);
  const rename = useMutation({ mutationFn: () => renameWorkspace(workspace, name), onSuccess: () => router.refresh() });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate();
  };
  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Rename the workspace">
      <label htmlFor="workspace-name" className="text-sm font-medium">Workspace name</label>
      <div className="flex max-w-lg gap-2">
        <input id="workspace-name" value={name} onChange={(event) => setName(event.target.value)} className={controlClass} required maxLength={100} />
        <Button type="submit" variant="secondary" disabled={rename.isPending || name.trim() === initialName}>
          {rename.isPending ? "Saving…" : "Rename"}
        </Button>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">Its address stays /w/{workspace}.</p>
      {rename.isError && <ErrorNote message={rename.error.message} details={detailLines(rename.error)} />}
      {rename.isSuccess && <p className="text-sm text-emerald-700 dark:text-emerald-300" aria-live="polite">Renamed.</p>}
    </form>
  );
}
