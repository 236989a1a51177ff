"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import { useEffect, useState } from "react";
import { ErrorNote } from "@/components/import/notes";
import { Kbd } from "@/components/questions/kbd";
import { isTypingTarget } from "@/components/questions";
import { fetchReviewList, reviewKeys, type ReviewList, type ReviewReason } from "@/components/review/api";
import { QueueList } from "@/components/review/queue-list";
import { ReasonFilter } from "@/components/review/reason-filter";
import { ReviewPanel } from "@/components/review/review-panel";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** The review tab: the queue on the left (filter, list), the selected record on the right; j/k move, Enter resolves. */
export function ReviewWorkspace({ datasetId, initial }: { datasetId: string; initial: ReviewList }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<ReviewReason | null>(null);
  const list = useInfiniteQuery({
    queryKey: reviewKeys.list(datasetId, reason),
    queryFn: ({ pageParam }) => fetchReviewList(datasetId, reason, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
    initialData: reason === null ? { pages: [initial], pageParams: [null] } : undefined,
    staleTime: 5_000,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const counts = list.data?.pages[0]?.counts ?? initial.counts;
  const [selectedId, setSelectedId] = useState<string | null>(items[0]?.id ?? null);
  // Keep a selection while the list has records: the first one when the selected record left the list.
  const selected = items.some((item) => item.id === selectedId) ? selectedId : (items[0]?.id ?? null);

  const move = (step: number) => {
    const index = items.findIndex((item) => item.id === selected);
    const next = items[Math.min(Math.max(index + step, 0), items.length - 1)];
    if (next) setSelectedId(next.id);
  };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const step = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      move(step);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  });

  const onResolved = () => {
    // The next record of the queue opens: the one after the resolved one, as the list stood.
    const index = items.findIndex((item) => item.id === selected);
    setSelectedId(items[index + 1]?.id ?? items[index - 1]?.id ?? null);
    void queryClient.invalidateQueries({ queryKey: reviewKeys.all(datasetId) });
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[22rem_1fr]">
      <aside className="space-y-3" aria-label="Review queue">
        <ReasonFilter counts={counts} reason={reason} onChange={setReason} />
        <p className="text-xs text-slate-500 dark:text-slate-400">
          <Kbd>j</Kbd>/<Kbd>k</Kbd> or <Kbd>↓</Kbd>/<Kbd>↑</Kbd> move between records, digits answer the first disputed question, <Kbd>↵</Kbd> resolves.
        </p>
        <Card className="max-h-[calc(100vh-16rem)] overflow-auto p-0">
          {list.isError ? (
            <div className="p-3">
              <ErrorNote message={list.error.message} />
            </div>
          ) : list.isPending ? (
            <p className="p-4 text-sm text-slate-500 dark:text-slate-400">Loading…</p>
          ) : items.length === 0 ? (
            <p className="p-4 text-sm text-slate-500 dark:text-slate-400" data-testid="review-empty-list">
              {reason === null ? "Nothing to review." : "No record for this reason."}
            </p>
          ) : (
            <QueueList items={items} selectedId={selected} onSelect={setSelectedId} />
          )}
          {list.hasNextPage && (
            <div className="border-t border-slate-100 p-2 dark:border-slate-800">
              <Button variant="ghost" size="sm" className="w-full" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                Load more
              </Button>
            </div>
          )}
        </Card>
      </aside>
      <section aria-label="Record under review" className="min-w-0">
        {selected ? (
          <ReviewPanel key={selected} datasetId={datasetId} recordId={selected} onResolved={onResolved} />
        ) : (
          <Card className="flex flex-col items-center gap-2 px-8 py-12 text-center" data-testid="review-empty">
            <CheckCircle2 aria-hidden className="h-8 w-8 text-emerald-600 dark:text-emerald-400" />
            <h2 className="text-base font-semibold">The review queue is empty</h2>
            <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
              Records come here when annotators disagree with each other or with the LLM, or when someone flags one.
            </p>
          </Card>
        )}
      </section>
    </div>
  );
}
