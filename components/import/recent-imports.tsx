"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { ImportTaskResult, TaskView } from "@/components/import/api";
import { apiFetch } from "@/lib/ui/api-client";
import { formatRelative } from "@/lib/ui/dates";
import { TASK_REFRESH_MS } from "@/lib/ui/refresh";

const tones: Record<TaskView["status"], BadgeTone> = {
  queued: "neutral",
  running: "blue",
  succeeded: "green",
  failed: "red",
  cancelled: "neutral",
};

const UNFINISHED = new Set<TaskView["status"]>(["queued", "running"]);

/**
 * The dataset's last imports, each with its outcome and report. Starts from the server's list and asks again while
 * one is queued or running (and now and then otherwise, for imports started elsewhere), so a finished import is
 * never left showing "queued".
 */
export function RecentImports({ datasetId, imports: initial, importHref }: { datasetId: string; imports: TaskView[]; importHref: string }) {
  const query = useQuery({
    queryKey: ["imports", datasetId],
    queryFn: async () => (await apiFetch<{ imports: TaskView[] }>(`/api/v1/datasets/${encodeURIComponent(datasetId)}/imports`)).imports,
    initialData: initial,
    initialDataUpdatedAt: () => Date.now(),
    refetchInterval: (current) => (current.state.data?.some((task) => UNFINISHED.has(task.status)) ? TASK_REFRESH_MS : TASK_REFRESH_MS * 10),
  });
  const imports = query.data;
  if (imports.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <h2 className="text-sm font-semibold">Recent imports</h2>
      </CardHeader>
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {imports.map((task) => {
          const result = task.result as Partial<ImportTaskResult>;
          return (
            <li key={task.id} data-testid="recent-import" className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
              <Link href={`${importHref}?task=${task.id}`} className="min-w-0 flex-1 truncate font-medium hover:underline">
                {task.fileName}
              </Link>
              <span data-testid="recent-import-status">
                <Badge tone={tones[task.status]}>{task.status}</Badge>
              </span>
              {result.rows && (
                <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">
                  {result.rows.imported} imported · {result.rows.rejected} rejected
                </span>
              )}
              {task.reportUrl && (
                <a href={`${task.reportUrl}?format=csv`} download className="text-xs font-medium text-brand-700 hover:underline dark:text-blue-300">
                  Report
                </a>
              )}
              <time className="text-xs text-slate-500" dateTime={task.createdAt}>
                {formatRelative(new Date(task.createdAt))}
              </time>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
