"use client";

import { REASON_LABELS, type ReviewList, type ReviewReason } from "@/components/review/api";
import { cn } from "@/lib/ui/cn";

/** The reasons to filter the queue by, each with how many records it holds. */
export function ReasonFilter({
  counts,
  reason,
  onChange,
}: {
  counts: ReviewList["counts"];
  reason: ReviewReason | null;
  onChange: (reason: ReviewReason | null) => void;
}) {
  const choices: { value: ReviewReason | null; label: string; count: number }[] = [
    { value: null, label: "All", count: counts.total },
    ...(Object.keys(REASON_LABELS) as ReviewReason[]).map((value) => ({ value, label: REASON_LABELS[value], count: counts[value] })),
  ];
  return (
    <div role="radiogroup" aria-label="Filter by reason" className="flex flex-wrap gap-1.5" data-testid="reason-filter">
      {choices.map((choice) => (
        <button
          key={choice.value ?? "all"}
          type="button"
          role="radio"
          aria-checked={reason === choice.value}
          onClick={() => onChange(choice.value)}
          data-testid={`filter-${choice.value ?? "all"}`}
          className={cn(
            "inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-xs font-medium",
            reason === choice.value
              ? "border-brand-600 bg-brand-600 text-white"
              : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800",
          )}
        >
          {choice.label}
          <span className={cn("tabular-nums", reason === choice.value ? "text-white/80" : "text-slate-500 dark:text-slate-400")}>{choice.count}</span>
        </button>
      ))}
    </div>
  );
}
