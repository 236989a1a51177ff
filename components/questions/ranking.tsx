"use client";

import { closestCenter, DndContext, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ArrowDown, ArrowUp, GripVertical, Sparkles } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { RankingSettings } from "@/lib/questions";
import { cn } from "@/lib/ui/cn";
import { Kbd } from "@/components/questions/kbd";
import { digitFor, useDigitKeys } from "@/components/questions/keys";
import { QuestionFrame, SettingsProblem, parseSettingsOf, useQuestionIds } from "@/components/questions/frame";
import type { QuestionWidgetProps } from "@/components/questions/types";

/** A complete order of exactly these options, or null. */
function asOrder(value: unknown, optionValues: string[]): string[] | null {
  if (!Array.isArray(value) || value.length !== optionValues.length) return null;
  const set = new Set(value);
  return set.size === optionValues.length && optionValues.every((option) => set.has(option)) ? (value as string[]) : null;
}

/** The options typed so far, then the others in their listed order. */
function completeOrder(placed: string[], optionValues: string[]): string[] {
  return [...placed, ...optionValues.filter((v) => !placed.includes(v))];
}

/**
 * `ranking`: order every option, best first. Digits build the order: each digit moves its option to the next free
 * place (the first digit to rank 1, the next to rank 2, …). Once all but one are placed the order is complete and
 * saved, the last one filling itself; its own digit may still be pressed (it is already there). Only a digit pressed
 * after every place was typed starts a new order. Rows are dragged by their handle (@dnd-kit), or moved with the
 * up/down buttons.
 */
export function RankingQuestion({ question, value, onChange, active, blind }: QuestionWidgetProps) {
  const ids = useQuestionIds(question);
  const instructionsId = useId();
  const settings = parseSettingsOf<RankingSettings>(question);
  const options = settings.ok ? settings.value.options : [];
  const optionValues = options.map((option) => option.value);
  const order = asOrder(value, optionValues);
  const proposed = blind ? null : asOrder(question.proposal?.value, optionValues);
  // The places typed with digits so far, best first; null when not typing an order.
  const [typed, setTypedState] = useState<string[] | null>(null);
  // Read by the key handler: two digits typed in quick succession must see each other even before a render.
  const typedNow = useRef<string[] | null>(null);
  const setTyped = (next: string[] | null) => {
    typedNow.current = next;
    setTypedState(next);
  };

  const commit = (next: string[] | null) => {
    setTyped(null);
    onChange(next);
  };

  // Leaving the question ends a typed order that is complete: coming back, the first digit starts a new one.
  useEffect(() => {
    const current = typedNow.current;
    if (!active && current && current.length >= optionValues.length - 1) {
      typedNow.current = null;
      setTypedState(null);
    }
  }, [active, optionValues.length]);

  useDigitKeys(active, (n) => {
    const option = options[n - 1];
    if (!option) return;
    const sofar = typedNow.current;
    const placed = sofar && sofar.length < optionValues.length ? sofar : [];
    if (placed.includes(option.value)) return;
    const next = [...placed, option.value];
    setTyped(next);
    if (next.length >= optionValues.length - 1) onChange(completeOrder(next, optionValues));
    else if (value !== null) onChange(null);
  });

  if (!settings.ok) return <SettingsProblem question={question} error={settings.error} />;

  // What is shown, top to bottom: the partial order then the unplaced options, or the order, or the options.
  const partial = typed && typed.length < optionValues.length - 1 ? typed : null;
  const rows: { value: string; rank: number | null }[] = partial
    ? [
        ...partial.map((v, index) => ({ value: v, rank: index + 1 })),
        ...optionValues.filter((v) => !partial.includes(v)).map((v) => ({ value: v, rank: null })),
      ]
    : (order ?? optionValues).map((v, index) => ({ value: v, rank: order ? index + 1 : null }));

  const move = (index: number, delta: -1 | 1) => {
    const next = rows.map((row) => row.value);
    const target = index + delta;
    if (target < 0 || target >= next.length) return;
    [next[index], next[target]] = [next[target]!, next[index]!];
    commit(next);
  };

  // A few pixels of movement before a drag starts, so that a click on a row's buttons stays a click.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const list = useRef<HTMLOListElement>(null);
  const onDragEnd = ({ active: dragged, over }: DragEndEvent) => {
    // The question keeps the focus (not the handle, a button that would take Enter for itself): Enter submits.
    list.current?.focus({ preventScroll: true });
    if (!over || dragged.id === over.id) return;
    const values = rows.map((row) => row.value);
    commit(arrayMove(values, values.indexOf(String(dragged.id)), values.indexOf(String(over.id))));
  };

  // Clear sends null and a suggestion's "Use" a valid order: asOrder passes both through as they are.
  const adopt = (v: unknown) => commit(asOrder(v, optionValues));

  const textOf = (v: string) => options.find((option) => option.value === v)?.text ?? v;
  const digitOf = (v: string) => digitFor(optionValues.indexOf(v));

  return (
    <QuestionFrame question={question} ids={ids} blind={blind} hasValue={order !== null || partial !== null} onChange={adopt}>
      <ol
        ref={list}
        aria-labelledby={ids.labelId}
        aria-describedby={instructionsId}
        tabIndex={0}
        data-question-focus=""
        className="space-y-1.5 rounded-md"
        data-testid="ranking-list"
      >
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={rows.map((row) => row.value)} strategy={verticalListSortingStrategy}>
            {rows.map((row, index) => (
              <SortableRow key={row.value} id={row.value} ranked={row.rank !== null} label={textOf(row.value)}>
                <span
                  aria-hidden
                  className={cn(
                    "flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold tabular-nums",
                    row.rank !== null ? "bg-brand-600 text-white dark:bg-blue-500" : "bg-slate-200 text-slate-500 dark:bg-slate-800",
                  )}
                >
                  {row.rank ?? "–"}
                </span>
                <span className="min-w-0 flex-1 break-words">
                  <span className="sr-only">{row.rank !== null ? `Rank ${row.rank}: ` : "Not ranked: "}</span>
                  {textOf(row.value)}
                </span>
                {proposed && proposed[0] === row.value && (
                  <span className="inline-flex items-center gap-0.5 text-xs text-violet-600 dark:text-violet-300" title="The LLM proposal ranks this first">
                    <Sparkles aria-hidden className="h-3.5 w-3.5" />
                    <span className="sr-only">(the LLM ranks this first)</span>
                  </span>
                )}
                {digitOf(row.value) && <Kbd>{digitOf(row.value)}</Kbd>}
                <span className="flex shrink-0">
                  <button
                    type="button"
                    tabIndex={-1}
                    onClick={() => move(index, -1)}
                    disabled={index === 0}
                    aria-label={`Move ${textOf(row.value)} up`}
                    className="rounded p-1 text-slate-500 hover:bg-white hover:text-slate-900 disabled:opacity-30 dark:hover:bg-slate-800 dark:hover:text-slate-100"
                  >
                    <ArrowUp aria-hidden className="h-3.5 w-3.5" />
                  </button>
                  <button
                    type="button"
                    tabIndex={-1}
                    onClick={() => move(index, 1)}
                    disabled={index === rows.length - 1}
                    aria-label={`Move ${textOf(row.value)} down`}
                    className="rounded p-1 text-slate-500 hover:bg-white hover:text-slate-900 disabled:opacity-30 dark:hover:bg-slate-800 dark:hover:text-slate-100"
                  >
                    <ArrowDown aria-hidden className="h-3.5 w-3.5" />
                  </button>
                </span>
              </SortableRow>
            ))}
          </SortableContext>
        </DndContext>
      </ol>
      <p id={instructionsId} className="mt-1.5 text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        {partial ? (
          <>
            Ranking… {partial.length} of {optionValues.length} placed; press the next digit.
          </>
        ) : order && typed ? (
          <>{typed.length === optionValues.length ? "Ranked. A digit now starts a new order." : "Ranked: the last one placed itself."}</>
        ) : order ? (
          <>Press digits best first to re-rank.</>
        ) : (
          <>
            Not ranked yet: press the digits best first, or use the arrows.{" "}
            <button type="button" className="font-medium text-brand-600 hover:underline dark:text-blue-400" onClick={() => commit([...optionValues])}>
              Keep this order
            </button>
          </>
        )}
      </p>
    </QuestionFrame>
  );
}

/** One draggable row: the whole row moves, the grip handle starts the drag. */
function SortableRow({ id, ranked, label, children }: { id: string; ranked: boolean; label: string; children: ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={cn(
        "flex items-center gap-2 rounded-md border px-2 py-1.5 text-sm",
        ranked
          ? "border-brand-600/60 bg-brand-50 dark:border-blue-500/60 dark:bg-blue-950/50"
          : "border-dashed border-slate-300 bg-white text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400",
        isDragging && "relative z-10 shadow-md",
      )}
      data-testid="ranking-row"
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        // Out of the Tab order like the arrows: with the keyboard, digits rank (Tab moves between questions).
        tabIndex={-1}
        aria-label={`Drag ${label}`}
        className="cursor-grab touch-none rounded p-0.5 text-slate-400 hover:text-slate-700 active:cursor-grabbing dark:hover:text-slate-200"
        data-testid="ranking-handle"
      >
        <GripVertical aria-hidden className="h-4 w-4" />
      </button>
      {children}
    </li>
  );
}
