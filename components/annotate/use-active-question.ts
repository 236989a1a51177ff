"use client";

import { useRef, useState, type RefObject } from "react";
import type { RecordView } from "@/components/annotate/api";
import type { QuestionErrors } from "@/components/annotate/values";

export interface ActiveQuestion {
  /** The index of the question that takes the digit keys. */
  active: number;
  /** Marks a question active without moving the focus (the user already went there). */
  setActive: (index: number) => void;
  /** Makes a question active (clamped to the list), scrolls it into view and, with `focus`, focuses its main control. */
  activate: (index: number, focus: boolean) => void;
  /** Goes to the first question, in the record's order, that has a message. */
  focusFirstFlagged: (flagged: QuestionErrors) => void;
  /** The panel that holds the questions. */
  panel: RefObject<HTMLDivElement | null>;
  containerOf: (index: number) => HTMLDivElement | null;
  setContainer: (index: number, element: HTMLDivElement | null) => void;
}

/** Which question is active, and moving between the questions' containers. */
/** Every record starts on its first question (in the order the questions are read), answered or not. */
export function useActiveQuestion(record: RecordView): ActiveQuestion {
  const [active, setActive] = useState(0);
  const containers = useRef<(HTMLDivElement | null)[]>([]);
  const panel = useRef<HTMLDivElement>(null);

  const activate = (index: number, focus: boolean) => {
    const clamped = Math.max(0, Math.min(record.questions.length - 1, index));
    setActive(clamped);
    const container = containers.current[clamped];
    if (!container) return;
    if (focus) {
      const target = container.querySelector<HTMLElement>("[data-question-focus]") ?? container;
      target.focus({ preventScroll: true });
      // Into a text box: continue after what is there (the proposal, or one's own draft).
      if (target instanceof HTMLTextAreaElement) target.setSelectionRange(target.value.length, target.value.length);
    }
    container.scrollIntoView({ block: "nearest", behavior: "smooth" });
  };

  return {
    active,
    setActive,
    activate,
    focusFirstFlagged: (flagged) => {
      const index = record.questions.findIndex((question) => flagged[question.name]);
      if (index >= 0) activate(index, true);
    },
    panel,
    containerOf: (index) => containers.current[index] ?? null,
    setContainer: (index, element) => {
      containers.current[index] = element;
    },
  };
}
