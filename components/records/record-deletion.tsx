"use client";

// Deleting records from the records page: one from its details panel, the rows ticked on this page, or every record
// matching the page's filters. Each goes through one confirmation that states the count; the request carries that
// count (`expectedCount`), so if the selection changed meanwhile nothing is deleted and the curator is told.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/bulk/confirm-dialog";
import { Button } from "@/components/ui/button";
import type { DeleteResult } from "@/lib/server/services/record-deletion";
import type { RecordFilter } from "@/lib/server/services/record-filter";
import { apiFetch } from "@/lib/ui/api-client";

/** What a confirmation is about: one record, the ticked rows, or every record matching the filters. */
type Target =
  | { kind: "one"; id: string; externalId: string }
  | { kind: "selected"; ids: string[] }
  | { kind: "matching"; count: number };

interface Deletion {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  ask: (target: Target) => void;
}

const DeletionContext = createContext<Deletion | null>(null);

function useDeletion(): Deletion {
  const deletion = useContext(DeletionContext);
  if (!deletion) throw new Error("Record deletion controls must be inside <RecordDeletion>.");
  return deletion;
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

function countOf(target: Target): number {
  return target.kind === "one" ? 1 : target.kind === "selected" ? target.ids.length : target.count;
}

/**
 * The page's deletion state and its toolbar (above `children`, the table). `pageIds` are the rows shown, `matching`
 * how many records the filters match on every page.
 */
export function RecordDeletion({
  datasetId,
  filter,
  filtered,
  matching,
  pageIds,
  children,
}: {
  datasetId: string;
  filter: RecordFilter;
  filtered: boolean;
  matching: number;
  pageIds: string[];
  children: ReactNode;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState<Target | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const remove = useMutation({
    mutationFn: (doomed: Target) =>
      doomed.kind === "one"
        ? apiFetch<DeleteResult>(`/api/v1/records/${doomed.id}`, { method: "DELETE" })
        : apiFetch<DeleteResult>(`/api/v1/datasets/${datasetId}/records`, {
            method: "DELETE",
            body: doomed.kind === "selected" ? { recordIds: doomed.ids, expectedCount: doomed.ids.length } : { filter, expectedCount: doomed.count },
          }),
    onSuccess: (result) => {
      setTarget(null);
      setSelected(new Set());
      setMessage(`Deleted ${plural(result.deleted, "record")}. Routing is being decided again.`);
      router.refresh();
    },
  });
  // The rows (and the button that opened the dialog) are gone: once the dialog has closed (its effect runs first and
  // hands focus back to the button), focus goes to what happened.
  useEffect(() => {
    if (target === null && message) statusRef.current?.focus();
  }, [target, message]);
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const ask = (next: Target) => {
    remove.reset();
    setMessage(null);
    setTarget(next);
  };
  const shownSelected = pageIds.filter((id) => selected.has(id));
  const pageSelected = pageIds.length > 0 && shownSelected.length === pageIds.length;
  const count = target ? countOf(target) : 0;
  return (
    <DeletionContext.Provider value={{ selected, toggle, ask }}>
      <div className="mb-3 flex min-h-8 flex-wrap items-center gap-2 text-sm" role="group" aria-label="Delete records" data-testid="record-deletion">
        <label className="flex items-center gap-2 text-slate-700 dark:text-slate-300">
          <input
            type="checkbox"
            className="size-4 accent-brand-600"
            checked={pageSelected}
            disabled={pageIds.length === 0}
            onChange={() => setSelected(pageSelected ? new Set() : new Set(pageIds))}
            data-testid="select-page"
          />
          Select this page
        </label>
        <span className="text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="selected-count">
          {shownSelected.length > 0 ? `${shownSelected.length} selected` : ""}
        </span>
        {shownSelected.length > 0 && (
          <>
            <Button size="sm" variant="danger" onClick={() => ask({ kind: "selected", ids: shownSelected })} data-testid="delete-selected">
              Delete {plural(shownSelected.length, "selected record")}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          </>
        )}
        {matching > 0 && (
          <Button size="sm" variant="danger" className="ml-auto" onClick={() => ask({ kind: "matching", count: matching })} data-testid="delete-matching">
            {filtered ? `Delete all ${plural(matching, "matching record")}` : `Delete all ${plural(matching, "record")}`}
          </Button>
        )}
        <p ref={statusRef} tabIndex={-1} role="status" className="basis-full text-slate-700 outline-none empty:hidden dark:text-slate-300" data-testid="deletion-status">
          {message}
        </p>
      </div>
      {children}
      <ConfirmDialog
        open={target !== null}
        title={`Delete ${plural(count, "record")}?`}
        confirmLabel={`Delete ${plural(count, "record")}`}
        busy={remove.isPending}
        busyLabel="Deleting…"
        danger
        testId="delete-confirm"
        onConfirm={() => target && remove.mutate(target)}
        onCancel={() => {
          if (!remove.isPending) setTarget(null);
        }}
      >
        <p>
          {target?.kind === "one" ? (
            <>
              The record <span className="font-mono">{target.externalId}</span> and its suggestions, responses and final values are deleted.
            </>
          ) : target?.kind === "matching" ? (
            filtered ? (
              "Every record matching the current filters, on every page, is deleted, with its suggestions, responses and final values."
            ) : (
              "Every record of this dataset is deleted, with its suggestions, responses and final values."
            )
          ) : (
            "Their suggestions, responses and final values are deleted too."
          )}{" "}
          <strong className="font-semibold">This cannot be undone.</strong>
        </p>
        {remove.isError && (
          <p role="alert" className="mt-2 text-red-700 dark:text-red-300">
            {remove.error.message}
          </p>
        )}
      </ConfirmDialog>
    </DeletionContext.Provider>
  );
}

/** The row's checkbox. */
export function SelectRecord({ id, externalId }: { id: string; externalId: string }) {
  const { selected, toggle } = useDeletion();
  return (
    <input
      type="checkbox"
      className="size-4 accent-brand-600"
      checked={selected.has(id)}
      onChange={() => toggle(id)}
      aria-label={`Select record ${externalId}`}
      data-testid="select-record"
    />
  );
}

/** "Delete this record", in the record's details panel. */
export function DeleteRecordButton({ id, externalId }: { id: string; externalId: string }) {
  const { ask } = useDeletion();
  return (
    <Button size="sm" variant="danger" onClick={() => ask({ kind: "one", id, externalId })} data-testid="delete-record">
      Delete this record
    </Button>
  );
}
