"use client";

// Who annotates what: each member's assigned records, and dealing a share of the open queue to chosen annotators by
// weight. A record with assignees is served only to them (first); the rest of the queue stays open to everybody.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ErrorNote, InfoNote } from "@/components/import/notes";
import { controlClass, FieldErrors } from "@/components/llm/proposer-form";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { AssignmentOverview, AssignResult, DistributeResult } from "@/lib/server/services/assignments";
import { ApiError, apiFetch } from "@/lib/ui/api-client";
import { cn } from "@/lib/ui/cn";

const count = (n: number) => n.toLocaleString("en-US");

export function AssignmentsPanel({ datasetId, initial }: { datasetId: string; initial: AssignmentOverview }) {
  const queryClient = useQueryClient();
  const key = ["assignments", datasetId];
  const overview = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<AssignmentOverview>(`/api/v1/datasets/${datasetId}/assignments`),
    initialData: initial,
  });
  const [weights, setWeights] = useState<Record<string, number>>({});
  const [sharePercent, setSharePercent] = useState(100);
  const [message, setMessage] = useState<string | null>(null);
  const shareId = useId();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const distribute = useMutation({
    mutationFn: () =>
      apiFetch<DistributeResult>(`/api/v1/datasets/${datasetId}/assignments/distribute`, {
        method: "POST",
        body: { annotators: Object.entries(weights).map(([userId, weight]) => ({ userId, weight })), sharePercent },
      }),
    onSuccess: (result) => {
      setMessage(`${count(result.dealt)} of ${count(result.openRecords)} open records assigned.`);
      setWeights({});
      refresh();
    },
  });
  const clear = useMutation({
    mutationFn: (userIds: string[]) =>
      apiFetch<AssignResult>(`/api/v1/datasets/${datasetId}/assignments`, { method: "POST", body: { action: "unassign", userIds, filter: {} } }),
    onSuccess: (result) => {
      setMessage(`${count(result.removed)} assignment${result.removed === 1 ? "" : "s"} removed.`);
      refresh();
    },
  });
  const data = overview.data;
  const chosen = Object.keys(weights);
  const dealt = Math.floor((data.openRecords * sharePercent) / 100);
  const problems = (where: string) =>
    distribute.error instanceof ApiError ? distribute.error.details.filter((detail) => detail.where === where).map((detail) => detail.message) : [];
  const toggle = (userId: string, on: boolean) =>
    setWeights((current) => {
      const next = { ...current };
      if (on) next[userId] = 1;
      else delete next[userId];
      return next;
    });

  return (
    <Card className="mt-6" data-testid="assignments">
      <CardHeader>
        <h3 className="font-medium">Annotators and assignments</h3>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Records assigned to someone are served only to them, before the rest; unassigned records are open to every
          annotator. Queue now: <span className="font-medium tabular-nums" data-testid="open-records">{count(data.openRecords)}</span> open,{" "}
          <span className="font-medium tabular-nums" data-testid="assigned-records">{count(data.assignedRecords)}</span> assigned.
        </p>
      </CardHeader>
      <CardBody className="space-y-4">
        {data.annotators.length === 0 ? (
          <p className="text-sm text-slate-500">This workspace has no members yet.</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="w-10 py-1">
                  <span className="sr-only">Deal to</span>
                </th>
                <th scope="col" className="py-1">Member</th>
                <th scope="col" className="py-1">Role</th>
                <th scope="col" className="px-3 py-1 text-right">Assigned</th>
                <th scope="col" className="px-3 py-1 text-right">Waiting for them</th>
                <th scope="col" className="w-28 px-3 py-1">Weight</th>
                <th scope="col" className="w-24 py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.annotators.map((member) => {
                const selected = weights[member.userId] !== undefined;
                return (
                  <tr key={member.userId} data-testid={`member-${member.username}`}>
                    <td className="py-2">
                      <input
                        type="checkbox"
                        checked={selected}
                        onChange={(event) => toggle(member.userId, event.target.checked)}
                        aria-label={`Deal records to ${member.name}`}
                      />
                    </td>
                    <td className="py-2">
                      <span className="font-medium">{member.name}</span> <span className="text-slate-500">@{member.username}</span>
                    </td>
                    <td className="py-2 capitalize text-slate-600 dark:text-slate-400">{member.role}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{count(member.assigned)}</td>
                    <td className="px-3 py-2 text-right tabular-nums" data-testid={`waiting-${member.username}`}>{count(member.waiting)}</td>
                    <td className="px-3 py-2">
                      {selected && (
                        <input
                          type="number"
                          min={0.1}
                          step={0.5}
                          value={weights[member.userId]}
                          onChange={(event) => setWeights((current) => ({ ...current, [member.userId]: Number(event.target.value) }))}
                          className={cn(controlClass, "mt-0 w-20")}
                          aria-label={`Weight of ${member.name}`}
                        />
                      )}
                    </td>
                    <td className="py-2 text-right">
                      {member.assigned > 0 && (
                        <Button variant="ghost" size="sm" onClick={() => clear.mutate([member.userId])} disabled={clear.isPending}>
                          Unassign
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}

        <div className="flex flex-wrap items-end gap-4 border-t border-slate-200 pt-4 dark:border-slate-800">
          <div>
            <label htmlFor={shareId} className="text-sm font-medium">
              Share of the open queue
            </label>
            <div className="flex items-center gap-2">
              <input
                id={shareId}
                type="number"
                min={1}
                max={100}
                step={1}
                value={sharePercent}
                onChange={(event) => setSharePercent(Math.trunc(Number(event.target.value)))}
                className={cn(controlClass, "w-24")}
              />
              <span className="mt-1 text-sm text-slate-500">%</span>
            </div>
            <FieldErrors id={`${shareId}-errors`} messages={problems("sharePercent")} />
          </div>
          <Button
            onClick={() => {
              setMessage(null);
              distribute.mutate();
            }}
            disabled={chosen.length === 0 || data.openRecords === 0 || distribute.isPending}
            data-testid="distribute"
          >
            {distribute.isPending
              ? "Assigning…"
              : chosen.length === 0
                ? "Tick annotators to deal records to"
                : `Deal ${count(dealt)} record${dealt === 1 ? "" : "s"} to ${chosen.length} annotator${chosen.length === 1 ? "" : "s"}`}
          </Button>
          {data.assignedRecords > 0 && (
            <Button variant="secondary" onClick={() => clear.mutate([])} disabled={clear.isPending}>
              Open every record again
            </Button>
          )}
        </div>
        <p className="text-xs text-slate-500">
          Records are dealt in queue order, spread evenly, each to as many annotators as it still needs answers, by
          weight (2 and 1: twice as many). To assign particular records, filter them on the Records tab.
        </p>
        {(distribute.error ?? clear.error) && !(distribute.error instanceof ApiError && distribute.error.details.length > 0) && (
          <ErrorNote message={(distribute.error ?? clear.error)?.message ?? "Not saved."} />
        )}
        {message && (
          <div role="status">
            <InfoNote>{message}</InfoNote>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
