"use client";

import { useEffect, type RefObject } from "react";
import { isTypingTarget } from "@/components/questions";
import type { ActiveQuestion } from "@/components/annotate/use-active-question";
import { useLatest } from "@/components/annotate/use-latest";

/** What the record's keys and its action bar do; the same six things either way. */
export interface RecordActions {
  submit: () => void;
  discard: () => void;
  saveDraft: () => void;
  skip: () => void;
  back: () => void;
  forward: () => void;
}

export interface RecordShortcutsOptions {
  /** The keys act (the view is interactive and not waiting for the next record). */
  live: boolean;
  actions: RecordActions;
  canBack: boolean;
  canForward: boolean;
  questionCount: number;
  questions: ActiveQuestion;
  /** Where Tab goes after the last question. */
  submitButton: RefObject<HTMLButtonElement | null>;
}

const FOCUSABLE = 'button:not([disabled]), a[href], textarea, input:not([disabled]), select, [tabindex]';

/** The controls Tab reaches in the form (the card that holds the questions and the actions), in order. */
function formControls(panel: HTMLElement | null): HTMLElement[] {
  const form = panel?.parentElement;
  if (!form) return [];
  return Array.from(form.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((element) => element.tabIndex >= 0 && element.getClientRects().length > 0);
}

/**
 * The record-level keyboard map (the active widget takes the digits itself, the focus view its own keys). The
 * listener is registered while `live` and reads everything else from the latest render.
 */
export function useRecordShortcuts(options: RecordShortcutsOptions): void {
  const latest = useLatest(options);
  const { live } = options;
  useEffect(() => {
    if (!live) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const { actions, canBack, canForward, questionCount, questions, submitButton } = latest.current;
      const { active, activate } = questions;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key;
      if (mod && !event.altKey && (key === "s" || key === "S")) {
        event.preventDefault();
        actions.saveDraft();
        return;
      }
      if (mod && key === "Enter") {
        event.preventDefault();
        actions.submit();
        return;
      }
      const target = event.target instanceof HTMLElement ? event.target : null;
      // Tab cycles within the form: from its last control back to the first question (and Shift+Tab from the first
      // question to the last control, below); it never falls out into the page.
      if (key === "Tab" && !mod && !event.altKey) {
        const last = formControls(questions.panel.current).at(-1);
        if (!event.shiftKey && target && target === last) {
          event.preventDefault();
          activate(0, true);
          return;
        }
      }
      const inQuestions = target === null || target === document.body || Boolean(questions.panel.current?.contains(target));
      // Tab from a question's main control (or a text box, or nowhere in particular) moves to the next question.
      // From anything else (the top bar, the fields, a question's secondary buttons) it moves the focus as usual.
      if (key === "Tab" && !mod && !event.altKey && inQuestions) {
        const fromMain =
          target === null ||
          target === document.body ||
          target.hasAttribute("data-question-focus") ||
          target.hasAttribute("data-question") ||
          target instanceof HTMLTextAreaElement;
        if (!fromMain) return;
        const container = questions.containerOf(active);
        if (!container?.contains(target)) {
          event.preventDefault();
          activate(active, true);
          return;
        }
        const next = active + (event.shiftKey ? -1 : 1);
        event.preventDefault();
        if (next < 0) {
          formControls(questions.panel.current).at(-1)?.focus();
          return;
        }
        if (next >= questionCount) submitButton.current?.focus();
        else activate(next, true);
        return;
      }
      if (mod || event.altKey || isTypingTarget(event.target)) return;
      // Enter and Space on an ordinary button or link activate it, as always; on an option they belong to us.
      const onControl = Boolean(target?.closest("a, summary, select, button:not([role=radio]):not([role=checkbox])"));
      switch (key) {
        case "Enter":
          if (onControl) return;
          event.preventDefault();
          actions.submit();
          return;
        case "Backspace":
          event.preventDefault();
          actions.discard();
          return;
        case "s":
        case "S":
          event.preventDefault();
          actions.skip();
          return;
        case "ArrowLeft":
          if (!canBack) return;
          event.preventDefault();
          actions.back();
          return;
        case "ArrowRight":
          if (!canForward) return;
          event.preventDefault();
          actions.forward();
          return;
        case "ArrowDown":
        case "ArrowUp":
          // A focused scrolling panel (a long field, the guidelines) scrolls as usual.
          if (target && target !== document.body && !inQuestions && target.scrollHeight > target.clientHeight) return;
          event.preventDefault();
          activate(active + (key === "ArrowDown" ? 1 : -1), true);
          return;
        case "v":
        case "V": {
          const toggle = questions.containerOf(active)?.querySelector<HTMLButtonElement>('[data-testid="votes-toggle"]');
          if (toggle) {
            event.preventDefault();
            toggle.click();
          }
          return;
        }
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [live, latest]);
}
