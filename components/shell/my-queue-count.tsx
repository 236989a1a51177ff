"use client";

// "My queue" in the top bar: starts from the server's count and asks again every few seconds (not while the tab is
// hidden), so records other annotators take or finish leave the count without a reload.
import { useQuery } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import type { MyQueue } from "@/lib/server/services/my-queue";
import { apiFetch } from "@/lib/ui/api-client";
import { COUNTS_REFRESH_MS } from "@/lib/ui/refresh";

export function MyQueueCount({ workspace, initial }: { workspace: string; initial: number }) {
  const queue = useQuery({
    queryKey: ["my-queue", workspace],
    queryFn: () => apiFetch<MyQueue>(`/api/v1/workspaces/${encodeURIComponent(workspace)}/my-queue`),
    initialData: { waiting: initial },
    initialDataUpdatedAt: () => Date.now(),
    refetchInterval: COUNTS_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full bg-brand-50 px-3 py-1 text-xs font-medium whitespace-nowrap text-brand-700 dark:bg-blue-950 dark:text-blue-300"
      data-testid="my-queue-count"
      title="Records waiting for you in this workspace"
    >
      <Inbox aria-hidden className="h-3.5 w-3.5" />
      <span className="sr-only sm:not-sr-only">My queue:</span>
      <span className="tabular-nums">{queue.data.waiting.toLocaleString("en-US")}</span>
    </span>
  );
}
