"use client";

import { useEffect, useRef } from "react";
import { X } from "lucide-react";
import { Kbd } from "@/components/questions/kbd";

/** Every shortcut of the focus view: the `?` dialog lists exactly these. */
export const SHORTCUTS: { keys: string[][]; range?: boolean; action: string }[] = [
  { keys: [["1"], ["9"]], range: true, action: "Answer the active question: pick option N (label, rating), toggle option N (multi-label), or rank option N next (ranking)" },
  { keys: [["Tab"], ["↓"]], action: "Next question (Tab also leaves a text box; after the last control it returns to the first question)" },
  { keys: [["Shift", "Tab"], ["↑"]], action: "Previous question" },
  { keys: [["Enter"]], action: "Submit and go to the next record" },
  { keys: [["Ctrl/⌘", "Enter"]], action: "Submit, also from inside a text box" },
  { keys: [["Ctrl/⌘", "S"]], action: "Save a draft (drafts also save by themselves as you work)" },
  { keys: [["Backspace"]], action: "Discard this record (you won’t be served it again; Ctrl/⌘+Z undoes it)" },
  { keys: [["Ctrl/⌘", "Z"]], action: "Undo the last submit, discard or skip (the last ten, newest first): the record comes back as it was" },
  { keys: [["S"]], action: "Skip: leave this record for now" },
  { keys: [["F"]], action: "Flag this record for a curator, with an optional note (or change or withdraw your flag)" },
  { keys: [["←"]], action: "Back to the previous record" },
  { keys: [["→"]], action: "Forward again, after going back" },
  { keys: [["V"]], action: "Show or hide the votes of the active question" },
  { keys: [["G"]], action: "Show or hide the guidelines" },
  { keys: [["B"]], action: "Blind mode: hide the LLM’s proposals, uncertainty and votes" },
  { keys: [["Esc"]], action: "Leave a text box, or close this list" },
  { keys: [["?"]], action: "Show or hide this list" },
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      data-testid="shortcuts-dialog"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3 dark:border-slate-800">
        <h2 id="shortcuts-title" className="text-base font-semibold">
          Keyboard shortcuts
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded p-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
          aria-label="Close"
          autoFocus
        >
          <X aria-hidden className="h-4 w-4" />
        </button>
      </div>
      <dl className="max-h-[70vh] divide-y divide-slate-100 overflow-auto px-5 py-2 text-sm dark:divide-slate-800">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.action} className="grid grid-cols-[9.5rem_1fr] items-start gap-4 py-2">
            <dt className="flex flex-wrap items-center gap-1">
              {shortcut.keys.map((combo, index) => (
                <span key={index} className="inline-flex items-center gap-0.5">
                  {index > 0 && <span className="mx-0.5 text-xs text-slate-400">{shortcut.range ? "–" : "or"}</span>}
                  {combo.map((key, keyIndex) => (
                    <span key={keyIndex} className="inline-flex items-center gap-0.5">
                      {keyIndex > 0 && <span className="text-xs text-slate-400">+</span>}
                      <Kbd>{key}</Kbd>
                    </span>
                  ))}
                </span>
              ))}
            </dt>
            <dd className="text-slate-600 dark:text-slate-300">{shortcut.action}</dd>
          </div>
        ))}
      </dl>
      <p className="border-t border-slate-200 px-5 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
        Shortcuts pause while you type in a text box.
      </p>
    </dialog>
  );
}
