"use client";

// Assigns (or unassigns) every record matching the records page's filters to one member, after a confirmation
// that states the count. The filter is exactly the page's, so what is assigned is what the list shows.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { AssignResult } from "@/lib/server/services/assignments";
import type { RecordFilter } from "@/lib/server/services/record-filter";
import { apiFetch } from "@/lib/ui/api-client";

export interface AssignableMember {
  userId: string;
  name: string;
  username: string;
}

function describe(result: AssignResult, action: "assign" | "unassign", who: string): string {
  const parts = [
    action === "assign"
      ? `${result.added} of ${result.records} matching records newly assigned to ${who}.`
      : `${result.removed} assignment${result.removed === 1 ? "" : "s"} of ${who} removed from ${result.records} matching records.`,
  ];
  if (result.notInQueue > 0) parts.push(`${result.notInQueue} are not in the human queue (accepted, pending or complete).`);
  if (result.shortOfAssignees > 0) parts.push(`${result.shortOfAssignees} need more answers than they have assignees: assign more people.`);
  return parts.join(" ");
}

export function AssignMatching({ datasetId, filter, members }: { datasetId: string; filter: RecordFilter; members: AssignableMember[] }) {
  const router = useRouter();
  const selectId = useId();
  const [userId, setUserId] = useState(members[0]?.userId ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const member = members.find((candidate) => candidate.userId === userId);
  const change = useMutation({
    mutationFn: (action: "assign" | "unassign") =>
      apiFetch<AssignResult>(`/api/v1/datasets/${datasetId}/assignments`, { method: "POST", body: { action, userIds: [userId], filter } }),
    onSuccess: (result, action) => {
      setMessage(describe(result, action, member?.name ?? "them"));
      router.refresh();
    },
  });
  if (members.length === 0) return null;
  const run = (action: "assign" | "unassign") => {
    const verb = action === "assign" ? "Assign" : "Unassign";
    if (!window.confirm(`${verb} every record matching these filters ${action === "assign" ? "to" : "from"} ${member?.name}?`)) return;
    setMessage(null);
    change.mutate(action);
  };
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2 text-sm" data-testid="assign-matching">
      <label htmlFor={selectId} className="text-slate-600 dark:text-slate-400">
        The matching records:
      </label>
      <select
        id={selectId}
        value={userId}
        onChange={(event) => setUserId(event.target.value)}
        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900"
      >
        {members.map((candidate) => (
          <option key={candidate.userId} value={candidate.userId}>
            {candidate.name} (@{candidate.username})
          </option>
        ))}
      </select>
      <Button size="sm" variant="secondary" onClick={() => run("assign")} disabled={change.isPending}>
        Assign
      </Button>
      <Button size="sm" variant="ghost" onClick={() => run("unassign")} disabled={change.isPending}>
        Unassign
      </Button>
      <span role="status" className="text-slate-600 dark:text-slate-400">
        {change.isPending ? "Saving…" : change.isError ? <span className="text-red-700 dark:text-red-300">{change.error.message}</span> : message}
      </span>
    </div>
  );
}
