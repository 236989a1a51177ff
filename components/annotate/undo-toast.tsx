"use client";

import { Undo2, X } from "lucide-react";
import { useEffect } from "react";
import { Kbd } from "@/components/questions/kbd";
import type { Undoable } from "@/components/annotate/use-undo";

const SHOWN_MS = 8_000;
const SAID: Record<Undoable["kind"], string> = { submitted: "Answer submitted", discarded: "Record discarded", skipped: "Record skipped" };

/** After a submit, discard or skip: what happened, with Undo (Ctrl/⌘+Z undoes the last ten, toast or not). */
export function UndoToast({ action, onUndo, onDismiss }: { action: Undoable | null; onUndo: () => void; onDismiss: () => void }) {
  useEffect(() => {
    if (!action) return;
    const timer = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [action, onDismiss]);
  if (!action) return null;
  return (
    <div
      role="status"
      className="fixed bottom-4 left-1/2 z-40 flex -translate-x-1/2 items-center gap-3 rounded-lg bg-slate-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
      data-testid="undo-toast"
    >
      <span>{SAID[action.kind]}.</span>
      <button
        type="button"
        onClick={onUndo}
        // Kept out of Tab's way: the form's Tab cycle stays in the form; Ctrl/⌘+Z is the keyboard's way.
        tabIndex={-1}
        className="inline-flex items-center gap-1 rounded px-2 py-0.5 font-semibold text-sky-300 hover:bg-white/10 dark:text-brand-700 dark:hover:bg-slate-200"
      >
        <Undo2 aria-hidden className="h-4 w-4" />
        Undo
        <Kbd className="border-white/30 bg-white/10 text-white shadow-none dark:border-slate-400 dark:bg-slate-200 dark:text-slate-800">Ctrl+Z</Kbd>
      </button>
      <button type="button" tabIndex={-1} onClick={onDismiss} aria-label="Close" className="rounded p-0.5 text-slate-400 hover:text-white dark:hover:text-slate-900">
        <X aria-hidden className="h-4 w-4" />
      </button>
    </div>
  );
}
