"use client";

import { Check } from "lucide-react";
import type { ReactNode } from "react";
import { widgetFor } from "@/components/questions";
import type { ReviewRecord } from "@/components/review/api";
import { Badge } from "@/components/ui/badge";
import { UncertaintyWithSignal } from "@/components/uncertainty-badge";
import { formatRelative } from "@/lib/ui/dates";
import { cn } from "@/lib/ui/cn";

type QuestionView = ReviewRecord["record"]["questions"][number];

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One answer offered for the resolution: who gave it, what it is, and a button that takes it. */
function Candidate({
  who,
  detail,
  display,
  value,
  current,
  onUse,
  testId,
  children,
}: {
  who: ReactNode;
  detail?: ReactNode;
  display: string;
  value: unknown;
  current: unknown;
  onUse: (value: unknown) => void;
  testId: string;
  children?: ReactNode;
}) {
  const chosen = sameValue(value, current);
  return (
    <li className="flex items-start gap-3 py-1.5" data-testid={testId}>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
          <span className="font-medium text-slate-700 dark:text-slate-300">{who}</span>
          {detail}
        </div>
        <div className="text-sm text-slate-900 dark:text-slate-100">{display || <span className="text-slate-400">(none)</span>}</div>
        {children}
      </div>
      <button
        type="button"
        onClick={() => onUse(value)}
        aria-pressed={chosen}
        aria-label={`Use ${display || "this value"}`}
        className={cn(
          "inline-flex shrink-0 items-center gap-1 rounded-md border px-2 py-1 text-xs font-medium",
          chosen
            ? "border-emerald-600 bg-emerald-600 text-white"
            : "border-slate-300 text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800",
        )}
      >
        {chosen && <Check aria-hidden className="h-3 w-3" />}
        {chosen ? "Chosen" : "Use"}
      </button>
    </li>
  );
}

/**
 * One question side by side: every submitted response, the LLM proposal and each suggestion, the current final value;
 * the curator takes one with a click or sets any value with the question's own widget.
 */
export function QuestionResolution({
  question,
  review,
  disputed,
  active,
  value,
  onChange,
  error,
}: {
  question: QuestionView;
  review: ReviewRecord;
  disputed: boolean;
  /** Takes the digit keys (one question at a time). */
  active: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  error: string | undefined;
}) {
  const Widget = widgetFor(question.type);
  const responses = review.responses.filter((response) => response.values[question.name] !== undefined);
  return (
    <section
      aria-label={`Question ${question.title}`}
      className={cn(
        "rounded-lg border p-4",
        disputed ? "border-amber-300 dark:border-amber-800" : "border-slate-200 dark:border-slate-800",
        error && "border-red-400 dark:border-red-700",
      )}
      data-testid={`resolve-question-${question.name}`}
    >
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">{question.title}</h3>
        {disputed && <Badge tone="amber">disputed</Badge>}
        <span className="ml-auto text-xs text-slate-500 dark:text-slate-400" data-testid="current-final-value">
          {question.finalValue ? (
            <>
              Final now: <span className="font-medium text-slate-800 dark:text-slate-200">{question.finalValue.display}</span>{" "}
              <Badge tone={question.finalValue.provenance === "curator" ? "green" : "neutral"}>{question.finalValue.provenance}</Badge>
            </>
          ) : (
            "No final value yet"
          )}
        </span>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-3">
          <div>
            <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">Responses</h4>
            {responses.length === 0 ? (
              <p className="py-1.5 text-sm text-slate-500 dark:text-slate-400">No submitted response.</p>
            ) : (
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {responses.map((response) => (
                  <Candidate
                    key={response.user}
                    who={response.user}
                    detail={response.submittedAt ? <time dateTime={response.submittedAt}>{formatRelative(new Date(response.submittedAt))}</time> : null}
                    display={response.display[question.name] ?? ""}
                    value={response.values[question.name]}
                    current={value}
                    onUse={onChange}
                    testId="response-candidate"
                  />
                ))}
              </ul>
            )}
          </div>
          <div>
            <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">LLM</h4>
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {question.proposal && question.proposal.value !== null ? (
                <Candidate
                  who="Proposal"
                  detail={<UncertaintyWithSignal value={question.proposal.normalized} source={question.proposal} />}
                  display={question.proposal.display}
                  value={question.proposal.value}
                  current={value}
                  onUse={onChange}
                  testId="proposal-candidate"
                />
              ) : (
                <li className="py-1.5 text-sm text-slate-500 dark:text-slate-400">No proposal.</li>
              )}
              {question.suggestions.map((suggestion) => (
                <li key={suggestion.agent} className="py-1.5 text-xs text-slate-600 dark:text-slate-400" data-testid="suggestion">
                  <span className="font-medium text-slate-700 dark:text-slate-300">{suggestion.agent}</span>: {suggestion.display}
                  {suggestion.score !== null && <span className="ml-1 tabular-nums">(score {suggestion.score.toFixed(2)})</span>}
                  {suggestion.rationale && <span className="mt-0.5 block italic">{suggestion.rationale}</span>}
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">Resolution</h4>
          <Widget question={question} value={value} onChange={onChange} active={active} blind />
          {error && (
            <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300" data-testid="resolve-error">
              {error}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
