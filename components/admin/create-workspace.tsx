"use client";

// The instance owner creates a workspace; the slug (its address) is suggested from the name until edited.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { controlClass } from "@/components/dataset-settings/inputs";
import { ErrorNote } from "@/components/import/notes";
import { Button } from "@/components/ui/button";
import { createWorkspace, detailLines } from "./api";

function slugOf(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 48);
}

export function CreateWorkspace() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => createWorkspace({ name, slug: slug ?? slugOf(name) }),
    onSuccess: (workspace) => router.push(`/w/${workspace.slug}/settings/members`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Create a workspace">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="workspace-new-name" className="text-sm font-medium">Name</label>
          <input id="workspace-new-name" value={name} onChange={(event) => setName(event.target.value)} className={`${controlClass} mt-1`} required maxLength={100} />
        </div>
        <div className="min-w-48">
          <label htmlFor="workspace-new-slug" className="text-sm font-medium">Address</label>
          <div className="mt-1 flex items-center gap-1 text-sm text-slate-500">
            /w/
            <input id="workspace-new-slug" value={slug ?? slugOf(name)} onChange={(event) => setSlug(event.target.value)} className={`${controlClass} font-mono`} required maxLength={48} />
          </div>
        </div>
        <Button type="submit" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create workspace"}</Button>
      </div>
      {create.isError && <ErrorNote message={create.error.message} details={detailLines(create.error)} />}
    </form>
  );
}
