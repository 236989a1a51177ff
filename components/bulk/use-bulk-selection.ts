"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { isTypingTarget } from "@/components/questions";

/**
 * The bulk view's selection of a page's rows, and its keyboard: j/k move the focused row, x toggles it; a
 * shift-click selects (or clears) the range from the last clicked row. `allMatching` stands for every record
 * matching the filter, on every page: the server takes the filter, not a list of ids.
 */
export function useBulkSelection(ids: readonly string[], paused: boolean) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [focused, setFocused] = useState(0);
  const anchor = useRef<number | null>(null);
  const rows = useRef<(HTMLInputElement | null)[]>([]);

  const setRows = useCallback((indexes: number[], on: boolean) => {
    setAllMatching(false);
    setSelected((current) => {
      const next = new Set(current);
      for (const index of indexes) {
        const id = ids[index];
        if (id === undefined) continue;
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, [ids]);

  const toggle = useCallback(
    (index: number, shift = false) => {
      const id = ids[index];
      if (id === undefined) return;
      const on = !selected.has(id);
      if (shift && anchor.current !== null) {
        const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
        setRows(Array.from({ length: to - from + 1 }, (_, offset) => from + offset), on);
      } else {
        setRows([index], on);
      }
      anchor.current = index;
    },
    [ids, selected, setRows],
  );

  const focusRow = useCallback(
    (index: number) => {
      const bounded = Math.max(0, Math.min(ids.length - 1, index));
      setFocused(bounded);
      rows.current[bounded]?.focus();
    },
    [ids.length],
  );

  useEffect(() => {
    if (paused) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      // The row is read from the focus itself, not from state that a key pressed right after a focus change may not
      // have seen yet. From outside the table, j or k first goes to the row last worked on.
      const inRow = rows.current.findIndex((row) => row !== null && row === document.activeElement);
      if (event.key === "j") focusRow(inRow >= 0 ? inRow + 1 : focused);
      else if (event.key === "k") focusRow(inRow >= 0 ? inRow - 1 : focused);
      else if (event.key === "x") toggle(inRow >= 0 ? inRow : focused);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [paused, focused, focusRow, toggle]);

  const pageSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  return {
    selected,
    allMatching,
    focused,
    rows,
    setFocused,
    toggle,
    pageSelected,
    selectPage: (on: boolean) => setRows(ids.map((_, index) => index), on),
    selectAllMatching: () => {
      setSelected(new Set(ids));
      setAllMatching(true);
    },
    clear: () => {
      setSelected(new Set());
      setAllMatching(false);
      anchor.current = null;
    },
  };
}
