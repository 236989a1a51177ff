"use client";

import { widgetFor, type QuestionView } from "@/components/questions";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";

/** A question as the widgets need it (the dataset's question without its id). */
export type BulkQuestion = Omit<DatasetConfig["questions"][number], "id">;

/** Whether a question's value counts as answered (an empty text or list does not). */
export function isAnswered(value: unknown): boolean {
  return !(value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0));
}

/**
 * The one answer to apply to every selected record, with the focus view's own question widgets (looked up by type in
 * components/questions). The records' proposals are not shown here: the answer is the annotator's own.
 */
export function AnswerPanel({
  questions,
  values,
  onChange,
}: {
  questions: BulkQuestion[];
  values: Record<string, unknown>;
  onChange: (name: string, value: unknown) => void;
}) {
  return (
    <div className="grid gap-3 md:grid-cols-2" data-testid="bulk-answer">
      {questions.map((question) => {
        const Widget = widgetFor(question.type);
        const view: QuestionView = { ...question, proposal: null, suggestions: [], finalValue: null };
        return <Widget key={question.name} question={view} value={values[question.name] ?? null} onChange={(value) => onChange(question.name, value)} active={false} blind />;
      })}
    </div>
  );
}
