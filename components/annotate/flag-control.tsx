"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Flag, Loader2 } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { fetchMyFlag, flagKey, setMyFlag } from "@/components/annotate/api";
import { Kbd } from "@/components/questions/kbd";
import { isTypingTarget } from "@/components/questions";
import { Button } from "@/components/ui/button";

const QUICK_NOTES = ["unclear guidelines", "offensive", "broken record", "none of the options fit"];

/**
 * Flag the record for a curator, with an optional note; flagging does not submit, and a flag can be withdrawn.
 * F opens the note (while the record's keys act), Enter in the note flags, Esc closes.
 */
export function FlagControl({ recordId, locked }: { recordId: string; locked: boolean }) {
  const queryClient = useQueryClient();
  const flag = useQuery({ queryKey: flagKey(recordId), queryFn: () => fetchMyFlag(recordId) });
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const noteInput = useRef<HTMLInputElement>(null);
  const panelId = useId();
  const flagged = flag.data?.flagged ?? false;
  const mutation = useMutation({
    mutationFn: (input: { flagged: boolean; note: string }) => setMyFlag(recordId, input.flagged, input.note),
    onSuccess: (saved) => {
      queryClient.setQueryData(flagKey(recordId), saved);
      setOpen(false);
    },
  });
  const openPanel = () => {
    setNote(flag.data?.note ?? "");
    mutation.reset();
    setOpen(true);
  };
  useEffect(() => {
    if (open) noteInput.current?.focus();
  }, [open]);
  useEffect(() => {
    if (locked) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (event.key !== "f" && event.key !== "F") return;
      event.preventDefault();
      if (open) setOpen(false);
      else openPanel();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  });
  const save = (flagIt: boolean) => mutation.mutate({ flagged: flagIt, note });
  return (
    <div className="relative">
      <Button
        variant="ghost"
        size="sm"
        onClick={() => (open ? setOpen(false) : openPanel())}
        disabled={locked}
        aria-expanded={open}
        aria-controls={panelId}
        aria-keyshortcuts="F"
        title={flagged ? `You flagged this record${flag.data?.note ? `: ${flag.data.note}` : ""} (F)` : "Flag this record for a curator (F)"}
        className={flagged ? "text-red-700 dark:text-red-300" : undefined}
        data-testid="flag-button"
        data-flagged={flagged}
      >
        <Flag aria-hidden className="h-4 w-4" fill={flagged ? "currentColor" : "none"} />
        {flagged ? "Flagged" : "Flag"} <Kbd className="hidden sm:inline-flex">F</Kbd>
      </Button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label="Flag this record"
          className="absolute right-0 bottom-full z-20 mb-2 w-80 max-w-[calc(100vw-2rem)] space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900"
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              setOpen(false);
            }
          }}
          data-testid="flag-panel"
        >
          <label className="block text-xs font-medium text-slate-700 dark:text-slate-300">
            Note for the curators (optional)
            <input
              ref={noteInput}
              value={note}
              maxLength={500}
              onChange={(event) => setNote(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  save(true);
                }
              }}
              placeholder="What is wrong with this record?"
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal dark:border-slate-700 dark:bg-slate-950"
              data-testid="flag-note"
            />
          </label>
          <div className="flex flex-wrap gap-1">
            {QUICK_NOTES.map((quick) => (
              <button
                key={quick}
                type="button"
                onClick={() => setNote(quick)}
                className="rounded-full border border-slate-300 px-2 py-0.5 text-xs text-slate-600 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
              >
                {quick}
              </button>
            ))}
          </div>
          {mutation.isError && (
            <p role="alert" className="text-xs text-red-700 dark:text-red-300">
              {mutation.error.message}
            </p>
          )}
          <div className="flex items-center justify-end gap-1.5">
            {mutation.isPending && <Loader2 aria-hidden className="h-4 w-4 animate-spin text-slate-400" />}
            {flagged && (
              <Button variant="ghost" size="sm" onClick={() => save(false)} disabled={mutation.isPending} data-testid="unflag-button">
                Unflag
              </Button>
            )}
            <Button variant="secondary" size="sm" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button size="sm" onClick={() => save(true)} disabled={mutation.isPending} data-testid="flag-save">
              {flagged ? "Update flag" : "Flag"}
            </Button>
          </div>
          <p className="text-xs text-slate-500 dark:text-slate-400">Flagging does not submit: answer the record as well if you can.</p>
        </div>
      )}
    </div>
  );
}
