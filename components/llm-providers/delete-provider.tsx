"use client";

// Delete with confirmation: a native modal <dialog> (focus moves into it, Escape closes it, the page behind is inert).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { deleteProvider, providersKey } from "./api";

export function DeleteProvider({ workspace, id, name }: { workspace: string; id: string; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteProvider(id),
    onSuccess: async () => {
      dialog.current?.close();
      await queryClient.invalidateQueries({ queryKey: providersKey(workspace) });
    },
  });
  const titleId = `delete-${id}-title`;
  return (
    <>
      <Button variant="danger" size="sm" onClick={() => dialog.current?.showModal()} aria-label={`Delete ${name}`}>
        <Trash2 aria-hidden className="h-4 w-4" /> Delete
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/40 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
        onClose={() => remove.reset()}
      >
        <h2 id={titleId} className="text-base font-semibold">
          Delete {name}?
        </h2>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Its settings and stored API key are removed. Datasets that use it stop getting suggestions from it until another
          provider is chosen. Suggestions it already made are kept.
        </p>
        {remove.isError && (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
            {remove.error.message}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
            {remove.isPending ? "Deleting…" : "Delete provider"}
          </Button>
        </div>
      </dialog>
    </>
  );
}
