"use client";

import { useCallback, useRef, useState } from "react";
import type { RecordView, ResponseBody } from "@/components/annotate/api";

/** How many of the annotator's last actions can be undone, as in other annotation tools. */
export const UNDO_LIMIT = 10;

export type UndoableKind = "submitted" | "discarded" | "skipped";

export interface Undoable {
  recordId: string;
  kind: UndoableKind;
  /** The write that puts my answer back as it was before the action; null for a skip (nothing was written). */
  restore: ResponseBody | null;
}

/**
 * The answer as it was before a submit or discard: what was submitted or discarded before stays so; a draft, or no
 * answer yet, comes back as a draft of the answers given (so nothing typed is lost).
 */
export function restoreBefore(record: RecordView, sent: ResponseBody): ResponseBody {
  const before = record.myResponse;
  if (before && before.status !== "draft") return { status: before.status, values: before.values, timeSpentMs: 0 };
  return { status: "draft", values: sent.values, timeSpentMs: 0 };
}

/** The last ten submits, discards and skips, newest last; `latest` is the one the toast offers to undo. */
export function useUndo(): { latest: Undoable | null; push: (action: Undoable) => void; pop: () => Undoable | null; dismiss: () => void } {
  const stack = useRef<Undoable[]>([]);
  const [latest, setLatest] = useState<Undoable | null>(null);
  const dismiss = useCallback(() => setLatest(null), []);
  return {
    latest,
    push: (action) => {
      stack.current = [...stack.current, action].slice(-UNDO_LIMIT);
      setLatest(action);
    },
    pop: () => {
      const action = stack.current.pop() ?? null;
      setLatest(null);
      return action;
    },
    dismiss,
  };
}
