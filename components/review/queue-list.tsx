"use client";

import { Flag } from "lucide-react";
import { ReasonBadges } from "@/components/review/reason-badges";
import type { ReviewListItem } from "@/components/review/api";
import { UncertaintyBadge } from "@/components/uncertainty-badge";
import { cn } from "@/lib/ui/cn";

/** The queue's records: id, preview, reasons and flag notes; the selected one is open beside it. */
export function QueueList({
  items,
  selectedId,
  onSelect,
}: {
  items: ReviewListItem[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <ul aria-label="Records to review" className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="review-list">
      {items.map((item) => {
        const selected = item.id === selectedId;
        return (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => onSelect(item.id)}
              aria-current={selected ? "true" : undefined}
              data-testid="review-item"
              data-external-id={item.externalId}
              className={cn(
                "block w-full space-y-1.5 px-3 py-2.5 text-left text-sm focus-visible:outline-2 focus-visible:outline-brand-600",
                selected ? "bg-brand-50 dark:bg-blue-950/60" : "hover:bg-slate-50 dark:hover:bg-slate-900",
              )}
            >
              <span className="flex items-center justify-between gap-2">
                <span className="truncate font-mono text-xs font-medium text-slate-700 dark:text-slate-300">{item.externalId}</span>
                <UncertaintyBadge value={item.uncertainty} />
              </span>
              {item.preview && <span className="line-clamp-2 block text-slate-600 dark:text-slate-400">{item.preview}</span>}
              <ReasonBadges reasons={item.reasons} />
              {item.flags.map((flag, index) => (
                <span key={index} className="flex items-start gap-1 text-xs text-slate-500 dark:text-slate-400">
                  <Flag aria-hidden className="mt-0.5 h-3 w-3 shrink-0 text-red-600 dark:text-red-400" />
                  <span>
                    <span className="font-medium text-slate-700 dark:text-slate-300">{flag.user}</span>
                    {flag.note ? `: ${flag.note}` : " flagged it"}
                  </span>
                </span>
              ))}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
