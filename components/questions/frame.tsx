"use client";

import { ChevronDown, X } from "lucide-react";
import { useId, useState } from "react";
import { parseQuestionSettings, type CheckResult } from "@/lib/questions";
import { UncertaintyBadge } from "@/components/uncertainty-badge";
import { describeSignal } from "@/lib/ui/uncertainty-signal";
import { VotesBreakdown } from "@/components/questions/votes";
import type { QuestionView } from "@/components/questions/types";

/** The question's settings parsed by its type's schema (widgets show an error instead of guessing). */
export function parseSettingsOf<S>(question: QuestionView): CheckResult<S> {
  return parseQuestionSettings(question.type, question.settings) as CheckResult<S>;
}

/** The ids that tie a widget's controls to its frame's title and description. */
export interface QuestionIds {
  labelId: string;
  descriptionId: string;
  /** For `aria-describedby`: the description's id, undefined when the question has no description. */
  describedBy: string | undefined;
}

export function useQuestionIds(question: QuestionView): QuestionIds {
  const labelId = useId();
  const descriptionId = useId();
  return { labelId, descriptionId, describedBy: question.description ? descriptionId : undefined };
}

/**
 * The chrome every widget shares: title (the group's label), required marker, description, the proposal's
 * uncertainty with the votes toggle (hidden in blind mode), and a clear button. Clear sets the answer to null and a
 * suggestion's "Use" sets it to the suggestion's value, both through `onChange`.
 */
export function QuestionFrame({
  question,
  ids,
  blind,
  hasValue,
  onChange,
  children,
}: {
  question: QuestionView;
  ids: QuestionIds;
  blind: boolean;
  hasValue: boolean;
  onChange: (value: unknown) => void;
  children: React.ReactNode;
}) {
  const [votesOpen, setVotesOpen] = useState(false);
  const votesId = useId();
  const showVotes = !blind && (question.proposal !== null || question.suggestions.length > 0);
  return (
    <div>
      <div className="flex items-start justify-between gap-2">
        <h3 id={ids.labelId} className="min-w-0 text-sm font-semibold break-words text-slate-900 dark:text-slate-100">
          {question.title}
          {question.required && (
            <>
              <span aria-hidden className="ml-0.5 text-red-600 dark:text-red-400">
                *
              </span>
              <span className="sr-only"> (required)</span>
            </>
          )}
        </h3>
        <div className="flex shrink-0 items-center gap-1.5">
          {!blind && question.proposal && <UncertaintyBadge value={question.proposal.normalized} source={question.proposal} />}
          {hasValue && (
            <button
              type="button"
              onClick={() => onChange(null)}
              className="rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700 dark:hover:bg-slate-800 dark:hover:text-slate-200"
              aria-label={`Clear the answer to "${question.title}"`}
              title="Clear"
            >
              <X aria-hidden className="h-3.5 w-3.5" />
            </button>
          )}
        </div>
      </div>
      {!blind && question.proposal && (
        <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400" data-testid="uncertainty-signal">
          Uncertainty: {describeSignal(question.proposal)}
        </p>
      )}
      {question.description && (
        <p id={ids.descriptionId} className="mt-0.5 text-xs leading-snug [overflow-wrap:anywhere] text-slate-600 dark:text-slate-400">
          {question.description}
        </p>
      )}
      <div className="mt-2">{children}</div>
      {showVotes && (
        <div className="mt-2">
          <button
            type="button"
            onClick={() => setVotesOpen((open) => !open)}
            aria-expanded={votesOpen}
            aria-controls={votesId}
            className="inline-flex max-w-full min-w-0 items-center gap-1 rounded text-xs font-medium text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
            data-testid="votes-toggle"
          >
            <ChevronDown aria-hidden className={`h-3.5 w-3.5 shrink-0 transition-transform ${votesOpen ? "rotate-180" : ""}`} />
            <span className="shrink-0 whitespace-nowrap">
              {question.proposal ? `${question.proposal.votes} vote${question.proposal.votes === 1 ? "" : "s"}` : "Suggestions"}
            </span>
            {question.proposal?.display ? (
              <span className="truncate font-normal text-slate-500">· LLM: {question.proposal.display}</span>
            ) : null}
          </button>
          {votesOpen && <VotesBreakdown question={question} id={votesId} onUse={onChange} />}
        </div>
      )}
    </div>
  );
}

export function SettingsProblem({ question, error }: { question: QuestionView; error: string }) {
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
      “{question.title}” cannot be shown: {error}. Ask a dataset admin to fix the question’s settings.
    </p>
  );
}
