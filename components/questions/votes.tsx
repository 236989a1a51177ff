"use client";

import { Check } from "lucide-react";
import { parseQuestionValue, UNPARSEABLE_KEY } from "@/lib/questions";
import { bucketLabel, describeSignal, UNREADABLE_DISPLAY, whoVoted } from "@/lib/ui/uncertainty-signal";
import { cn } from "@/lib/ui/cn";
import { CollapsibleText } from "@/components/questions/collapsible-text";
import type { QuestionView } from "@/components/questions/types";

function formatScore(score: number | null): string | null {
  if (score === null || !Number.isFinite(score)) return null;
  return `${Math.round(score * 100)}%`;
}

/**
 * The breakdown behind a proposal: the vote buckets as a small bar chart, then each suggestion with its agent,
 * value, score and rationale. `onUse` adopts a suggestion's value (only offered for values valid for the question).
 */
export function VotesBreakdown({
  question,
  id,
  onUse,
}: {
  question: QuestionView;
  id: string;
  onUse?: (value: unknown) => void;
}) {
  const { proposal, suggestions } = question;
  const total = proposal?.buckets.reduce((sum, bucket) => sum + bucket.count, 0) ?? 0;
  return (
    <div id={id} className="mt-2 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-950/60">
      {proposal && proposal.buckets.length > 0 && (
        <div>
          <p className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">
            {proposal.votes === 1 ? "1 vote" : `${proposal.votes} votes`} · uncertainty: {describeSignal(proposal)}
          </p>
          <ul className="space-y-1" aria-label="Who voted what">
            {proposal.buckets.map((bucket) => (
              <li key={bucket.key} className="text-xs" data-testid="vote-bucket">
                <div className="flex items-center justify-between gap-2">
                  <span className="min-w-0 truncate" title={`${whoVoted(bucket.agents)}: ${bucketLabel(bucket)}`}>
                    <span className={cn("font-medium", bucket.key === UNPARSEABLE_KEY && "italic")}>{bucketLabel(bucket)}</span>
                    <span className="text-slate-500 dark:text-slate-400"> · {bucket.key === UNPARSEABLE_KEY ? "from" : "voted by"} {whoVoted(bucket.agents)}</span>
                  </span>
                  <span className="shrink-0 tabular-nums text-slate-500 dark:text-slate-400">
                    {bucket.count} of {total}
                  </span>
                </div>
                <div className="mt-0.5 h-1 rounded-full bg-slate-200 dark:bg-slate-800" aria-hidden>
                  <div
                    className="h-1 rounded-full bg-brand-500"
                    style={{ width: `${total > 0 ? (bucket.count / total) * 100 : 0}%` }}
                  />
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      {suggestions.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">No suggestions for this question.</p>
      ) : (
        <ul className="space-y-2" aria-label="Suggestions">
          {suggestions.map((suggestion) => {
            const score = formatScore(suggestion.score);
            const readable = parseQuestionValue(question.type, question.settings, suggestion.value).ok;
            const usable = onUse && readable;
            const fullText = typeof suggestion.value === "string" && suggestion.value.length > suggestion.display.length;
            return (
              <li
                key={suggestion.agent}
                className="rounded border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900"
                data-testid="suggestion"
              >
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
                  <span className="font-mono text-slate-600 dark:text-slate-400" title={suggestion.model ?? undefined}>
                    {suggestion.agent}
                  </span>
                  {score && (
                    <span className="rounded bg-slate-100 px-1 tabular-nums text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                      score {score}
                    </span>
                  )}
                  {!readable && (
                    <span className="rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="unreadable-answer">
                      Sift could not read this answer
                    </span>
                  )}
                  {usable && (
                    <button
                      type="button"
                      onClick={() => onUse(suggestion.value)}
                      className="ml-auto inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-medium text-brand-600 hover:bg-brand-50 dark:text-blue-400 dark:hover:bg-blue-950"
                    >
                      <Check aria-hidden className="h-3 w-3" /> Use
                    </button>
                  )}
                </div>
                {fullText ? (
                  <div className="mt-1">
                    <CollapsibleText text={suggestion.value as string} />
                  </div>
                ) : (
                  <p className={cn("mt-1 text-sm font-medium", suggestion.display === UNREADABLE_DISPLAY && "text-slate-500 italic")}>
                    {suggestion.display}
                  </p>
                )}
                {suggestion.rationale && suggestion.rationale !== suggestion.value && (
                  <div className="mt-1 border-l-2 border-slate-200 pl-2 dark:border-slate-700">
                    <CollapsibleText text={suggestion.rationale} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
