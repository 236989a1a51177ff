"use client";

// The team's progress beside the annotator's own: fetched on its own and refreshed now and then, never on the path
// of the next record (it sums over the whole human queue).
import { useQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import type { TeamProgress } from "@/lib/server/services/queue";
import { apiFetch } from "@/lib/ui/api-client";
import { COUNTS_REFRESH_MS } from "@/lib/ui/refresh";

export function TeamProgressNote({ datasetId }: { datasetId: string }) {
  const progress = useQuery({
    queryKey: ["annotate", datasetId, "team-progress"],
    queryFn: () => apiFetch<TeamProgress>(`/api/v1/datasets/${encodeURIComponent(datasetId)}/queue/progress`),
    refetchInterval: COUNTS_REFRESH_MS, // paused while the tab is hidden
    refetchOnWindowFocus: true,
  });
  const data = progress.data;
  // The same width whether loading or not, so the header does not shift when the figures arrive.
  if (!data || data.answersNeeded === 0) return <span className="invisible text-xs">Team: 0 of 0 answers</span>;
  const share = Math.floor((data.answersSubmitted / data.answersNeeded) * 100);
  return (
    <span className="inline-flex items-center gap-1.5 text-xs whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400" data-testid="team-progress">
      <Users aria-hidden className="h-3.5 w-3.5" />
      <span>
        Team: {data.answersSubmitted.toLocaleString("en-US")} of {data.answersNeeded.toLocaleString("en-US")} answers ({share} %) ·{" "}
        {data.annotators} {data.annotators === 1 ? "annotator" : "annotators"}
      </span>
    </span>
  );
}
