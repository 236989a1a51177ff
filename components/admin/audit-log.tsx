"use client";

// The audit log: filters (action and actor from what the log holds, days, free text over target and details) applied
// on submit, events newest first, older pages loaded on demand (keyset pagination), details as collapsed JSON.
import { useInfiniteQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useState, type FormEvent } from "react";
import { controlClass } from "@/components/dataset-settings/inputs";
import { ErrorNote, InfoNote } from "@/components/import/notes";
import { Button } from "@/components/ui/button";
import type { AuditEventView, AuditFacets, AuditPage } from "@/lib/server/services/audit-log";
import { describeAuditDetails } from "@/lib/ui/audit-details";
import { detailLines, fetchAuditPage } from "./api";
import { DataTable } from "./data-table";
import { formatDateTime } from "./format";

const EMPTY = { action: "", actor: "", from: "", to: "", q: "" };
type Filters = typeof EMPTY;

export function AuditLog({ workspace, facets, firstPage }: { workspace: string; facets: AuditFacets; firstPage: AuditPage }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const unfiltered = Object.values(applied).every((value) => value === "");
  const log = useInfiniteQuery({
    queryKey: ["audit-events", workspace, applied],
    queryFn: ({ pageParam }) => fetchAuditPage(workspace, applied, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: unfiltered ? { pages: [firstPage], pageParams: [null] } : undefined,
  });
  const events = log.data?.pages.flatMap((page) => page.events) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };
  const set = (key: keyof Filters) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });

  return (
    <div className="space-y-4">
      <form onSubmit={submit} aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3">
        <div className="w-56">
          <label htmlFor="audit-action" className="text-sm font-medium">Action</label>
          <select id="audit-action" value={draft.action} onChange={set("action")} className={`${controlClass} mt-1`}>
            <option value="">Any action</option>
            {facets.actions.map((action) => <option key={action} value={action}>{action}</option>)}
          </select>
        </div>
        <div className="w-48">
          <label htmlFor="audit-actor" className="text-sm font-medium">Actor</label>
          <select id="audit-actor" value={draft.actor} onChange={set("actor")} className={`${controlClass} mt-1`}>
            <option value="">Anyone</option>
            {facets.actors.map((actor) => <option key={actor.id} value={actor.id}>{actor.name} ({actor.username})</option>)}
          </select>
        </div>
        <div className="w-40">
          <label htmlFor="audit-from" className="text-sm font-medium">From</label>
          <input id="audit-from" type="date" value={draft.from} onChange={set("from")} className={`${controlClass} mt-1`} />
        </div>
        <div className="w-40">
          <label htmlFor="audit-to" className="text-sm font-medium">To</label>
          <input id="audit-to" type="date" value={draft.to} onChange={set("to")} className={`${controlClass} mt-1`} />
        </div>
        <div className="min-w-40 flex-1">
          <label htmlFor="audit-q" className="text-sm font-medium">Text</label>
          <input id="audit-q" type="search" value={draft.q} onChange={set("q")} placeholder="target or details" className={`${controlClass} mt-1`} />
        </div>
        <div className="flex gap-2">
          <Button type="submit"><Search aria-hidden className="h-4 w-4" /> Filter</Button>
          {!unfiltered && (
            <Button variant="ghost" onClick={() => { setDraft(EMPTY); setApplied(EMPTY); }}>Clear</Button>
          )}
        </div>
      </form>

      {log.isError && <ErrorNote message={log.error.message} details={detailLines(log.error)} />}
      {log.isPending ? (
        <p className="text-sm text-slate-500" aria-live="polite">Loading events…</p>
      ) : events.length === 0 ? (
        <InfoNote>{unfiltered ? "Nothing has been recorded in this workspace yet." : "No event matches these filters."}</InfoNote>
      ) : (
        <DataTable testId="audit-table" columns={["Time", "Actor", "Action", "Target", "Details"]} className="align-top">
              {events.map((event) => <EventRow key={event.id} event={event} />)}
            </DataTable>
      )}
      {log.hasNextPage && (
        <Button variant="secondary" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? "Loading…" : "Load older events"}
        </Button>
      )}
    </div>
  );
}

function EventRow({ event }: { event: AuditEventView }) {
  const details = JSON.stringify(event.details, null, 2);
  const hasDetails = details !== "{}" && details !== "null";
  return (
    <tr data-testid="audit-event">
      <td className="px-4 py-2 whitespace-nowrap text-slate-600 dark:text-slate-400">{formatDateTime(event.createdAt)}</td>
      <td className="px-4 py-2 whitespace-nowrap">{event.actor ? <span title={event.actor.username}>{event.actor.name}</span> : <span className="text-slate-500">system</span>}</td>
      <td className="px-4 py-2 font-mono text-xs">{event.action}</td>
      <td className="px-4 py-2 text-xs text-slate-600 dark:text-slate-400" data-testid="audit-target">
        <TargetCell event={event} />
      </td>
      <td className="px-4 py-2">
        {hasDetails ? (
          <details>
            <summary className="cursor-pointer text-xs text-brand-700 dark:text-blue-300">{describeAuditDetails(event.details) || "details"}</summary>
            <pre className="mt-1 max-w-xs overflow-x-auto rounded bg-slate-50 p-2 text-xs break-all whitespace-pre-wrap dark:bg-slate-950">{details}</pre>
          </details>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </td>
    </tr>
  );
}

/** The target by name ("Support tickets", a person's name), its kind, and the dataset an event inside one happened in. */
function TargetCell({ event }: { event: AuditEventView }) {
  const kind = event.targetType.replace(/_/g, " ");
  return (
    <>
      {event.targetName ? (
        <span className="font-medium text-slate-900 dark:text-slate-100" title={event.targetId ?? undefined}>{event.targetName}</span>
      ) : (
        event.targetId && <span className="max-w-48 truncate font-mono" title={event.targetId}>{event.targetId}</span>
      )}
      <div>
        {kind}
        {event.targetDeleted && " (deleted)"}
        {event.dataset && event.targetType !== "dataset" && <> in <span className="font-medium">{event.dataset.name}</span></>}
      </div>
    </>
  );
}
