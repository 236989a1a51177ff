"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Check, Flag, Loader2 } from "lucide-react";
import { useEffect, useState } from "react";
import { FieldView } from "@/components/fields/field-view";
import { cutOf } from "@/components/fields/cut-value";
import { ErrorNote } from "@/components/import/notes";
import { Kbd } from "@/components/questions/kbd";
import { isTypingTarget } from "@/components/questions";
import { ReasonBadges } from "@/components/review/reason-badges";
import { QuestionResolution } from "@/components/review/question-resolution";
import { fetchReviewRecord, resolveRecord, reviewKeys, type ReviewRecord } from "@/components/review/api";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { UncertaintyBadge } from "@/components/uncertainty-badge";
import { ApiError } from "@/lib/ui/api-client";

/** One record under review: its fields, why it is here, and per question the candidates and the resolution. */
export function ReviewPanel({ datasetId, recordId, onResolved }: { datasetId: string; recordId: string; onResolved: () => void }) {
  const query = useQuery({ queryKey: reviewKeys.record(datasetId, recordId), queryFn: () => fetchReviewRecord(recordId) });
  if (query.isPending) {
    return (
      <Card className="p-6 text-sm text-slate-500 dark:text-slate-400" aria-busy="true">
        <Loader2 aria-hidden className="mr-2 inline h-4 w-4 animate-spin" />
        Loading the record…
      </Card>
    );
  }
  if (query.isError) {
    return (
      <div className="space-y-2">
        <ErrorNote message={query.error.message} />
        <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return <ResolutionForm key={recordId} review={query.data} onResolved={onResolved} />;
}

function ResolutionForm({ review, onResolved }: { review: ReviewRecord; onResolved: () => void }) {
  const { record } = review;
  const [values, setValues] = useState<Record<string, unknown>>(review.prefill);
  const disputed = new Set([...review.humanQuestions, ...review.llmQuestions]);
  // The digit keys answer the first disputed question (or the first question when none is disputed).
  const keyed = record.questions.find((question) => disputed.has(question.name))?.name ?? record.questions[0]?.name;
  const mutation = useMutation({
    mutationFn: () =>
      resolveRecord(record.id, Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined))),
    onSuccess: onResolved,
  });
  const errors = new Map(
    mutation.error instanceof ApiError
      ? mutation.error.details.flatMap((detail) => (detail.where?.startsWith("values.") ? [[detail.where.slice(7), detail.message]] : []))
      : [],
  );
  const resolve = () => {
    if (!mutation.isPending) mutation.mutate();
  };
  // Enter resolves, unless the focus is on a control that Enter activates or a text box.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Enter" || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      if (isTypingTarget(event.target)) return;
      if (event.target instanceof HTMLElement && event.target.closest("a, button, select, summary")) return;
      event.preventDefault();
      resolve();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  });
  return (
    <div className="space-y-4" data-testid="review-panel" data-record-id={record.id}>
      <Card className="space-y-3 p-4">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-mono text-sm font-semibold" data-testid="review-external-id">
            {record.externalId}
          </h2>
          <UncertaintyBadge value={record.uncertainty} />
          <ReasonBadges reasons={review.reasons} />
        </div>
        {review.flags.length > 0 && (
          <ul className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950/50 dark:text-red-200" data-testid="review-flags">
            {review.flags.map((flag, index) => (
              <li key={index} className="flex items-start gap-1.5">
                <Flag aria-hidden className="mt-0.5 h-3.5 w-3.5 shrink-0" />
                <span>
                  <span className="font-medium">{flag.user}</span> flagged it{flag.note ? `: “${flag.note}”` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
        {record.fields.map((field) => (
          <FieldView key={field.name} field={field} cut={cutOf(record.id, record.truncated, "fields", field.name)} />
        ))}
      </Card>
      {record.questions.map((question) => (
        <QuestionResolution
          key={question.name}
          question={question}
          review={review}
          disputed={disputed.has(question.name)}
          active={question.name === keyed}
          value={values[question.name] ?? null}
          onChange={(value) => setValues((current) => ({ ...current, [question.name]: value }))}
          error={errors.get(question.name)}
        />
      ))}
      {mutation.isError && <ErrorNote message={mutation.error.message} />}
      <div className="flex items-center justify-end gap-3">
        <p className="text-xs text-slate-500 dark:text-slate-400">
          The chosen values become the final values (provenance curator){review.flags.length > 0 ? " and the flags are resolved" : ""}.
        </p>
        <Button onClick={resolve} disabled={mutation.isPending} aria-keyshortcuts="Enter" data-testid="resolve-button">
          {mutation.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : <Check aria-hidden className="h-4 w-4" />}
          Resolve
          <Kbd className="border-white/40 bg-white/15 text-white shadow-none">↵</Kbd>
        </Button>
      </div>
    </div>
  );
}
