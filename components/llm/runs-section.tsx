"use client";

// Runs: start one on every record or the records list's filters (a limit makes a trial run), after a confirmation
// that says how many calls it will make; then watch each run's progress, calls, tokens and cost, polled every 2 s
// while one is running, and pause, resume or cancel it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pause, Play, Square } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { ErrorNote, WarningNote } from "@/components/import/notes";
import { ProgressBar } from "@/components/import/progress-bar";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/lib/ui/cn";
import { formatRelative } from "@/lib/ui/dates";
import {
  errorDetails,
  errorMessage,
  estimateRun,
  fetchRuns,
  llmKeys,
  problemsAt,
  runAction,
  startRun,
  type LlmRunView,
  type LlmSettingsView,
  type RunEstimate,
  type StartRunInput,
} from "./api";
import { describePath, formatUsd, integer } from "./describe";
import { controlClass, FieldErrors } from "./proposer-form";

const POLL_MS = 2_000;

const statusTone: Record<LlmRunView["status"], BadgeTone> = { running: "blue", paused: "amber", completed: "green", cancelled: "neutral" };
const decisions = [
  { value: "", label: "Any" },
  { value: "pending", label: "Pending" },
  { value: "human", label: "To humans" },
  { value: "auto", label: "Auto-accepted" },
  { value: "audit", label: "Audit" },
] as const;

export function RunsSection({ view, initialRuns }: { view: LlmSettingsView; initialRuns: LlmRunView[] }) {
  const runs = useQuery({
    queryKey: llmKeys.runs(view.datasetId),
    queryFn: () => fetchRuns(view.datasetId),
    initialData: initialRuns,
    staleTime: 0,
    // Poll while something is running; a finished list stays still.
    refetchInterval: (query) => ((query.state.data ?? []).some((run) => run.status === "running") ? POLL_MS : false),
  });
  return (
    <div className="space-y-6">
      <StartRun view={view} />
      <section aria-labelledby="runs-heading" className="space-y-3">
        <h3 id="runs-heading" className="text-base font-semibold">
          Runs
        </h3>
        {runs.isError && <ErrorNote message={errorMessage(runs.error)} hint="The list refreshes on its own; reload the page if this stays." />}
        {runs.data.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400" data-testid="runs-empty">
            No runs yet. Start a trial run on a few records to check the prompts and the cost first.
          </p>
        ) : (
          <ul className="space-y-3" data-testid="run-list">
            {runs.data.map((run) => (
              <li key={run.id}>
                <RunCard run={run} datasetId={view.datasetId} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

interface ScopeState {
  scope: "all" | "filtered";
  decision: string;
  uncertaintyMin: string;
  uncertaintyMax: string;
  q: string;
  limit: string;
}

function requestOf(state: ScopeState): StartRunInput {
  const filter: NonNullable<StartRunInput["filter"]> = {};
  if (state.scope === "filtered") {
    if (state.decision) filter.decision = state.decision as NonNullable<typeof filter.decision>;
    if (state.uncertaintyMin.trim() !== "") filter.uncertaintyMin = Number(state.uncertaintyMin);
    if (state.uncertaintyMax.trim() !== "") filter.uncertaintyMax = Number(state.uncertaintyMax);
    if (state.q.trim() !== "") filter.q = state.q.trim();
  }
  return { filter, ...(state.limit.trim() !== "" ? { limit: Number(state.limit) } : {}) };
}

function StartRun({ view }: { view: LlmSettingsView }) {
  const id = useId();
  const client = useQueryClient();
  const [state, setState] = useState<ScopeState>({ scope: "all", decision: "", uncertaintyMin: "", uncertaintyMax: "", q: "", limit: "" });
  const [confirming, setConfirming] = useState<{ request: StartRunInput; estimate: RunEstimate } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const set = (patch: Partial<ScopeState>) => {
    setConfirming(null);
    setState((current) => ({ ...current, ...patch }));
  };

  const estimate = useMutation({
    mutationFn: (request: StartRunInput) => estimateRun(view.datasetId, request).then((result) => ({ request, estimate: result })),
    onSuccess: (result) => setConfirming(result),
  });
  const start = useMutation({
    mutationFn: (request: StartRunInput) => startRun(view.datasetId, request),
    onSuccess: (run) => {
      setConfirming(null);
      client.setQueryData<LlmRunView[]>(llmKeys.runs(view.datasetId), (list = []) => [run, ...list.filter((item) => item.id !== run.id)]);
    },
  });
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const blocked =
    view.settings.proposers.length === 0
      ? "Add a proposer first: a run asks the proposers for their votes."
      : view.problems.length > 0
        ? "Fix the problems of the LLM settings first (listed at the top)."
        : null;
  const details = [...errorDetails(estimate.error), ...errorDetails(start.error)];
  const fieldErrors = (path: string) => problemsAt(details, path);
  const error = start.error ?? estimate.error;

  return (
    <Card>
      <CardHeader>
        <h3 className="text-sm font-semibold">Start a run</h3>
      </CardHeader>
      <CardBody className="space-y-4">
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            estimate.mutate(requestOf(state));
          }}
        >
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Records</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
              <label className="flex items-center gap-2">
                <input type="radio" name={`${id}-scope`} checked={state.scope === "all"} onChange={() => set({ scope: "all" })} /> All records
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name={`${id}-scope`} checked={state.scope === "filtered"} onChange={() => set({ scope: "filtered" })} /> Records
                matching filters
              </label>
            </div>
            {state.scope === "filtered" && (
              <div className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-4 dark:bg-slate-800/40">
                <label className="text-sm font-medium">
                  Routing decision
                  <select className={controlClass} value={state.decision} onChange={(event) => set({ decision: event.target.value })}>
                    {decisions.map((decision) => (
                      <option key={decision.value} value={decision.value}>
                        {decision.label}
                      </option>
                    ))}
                  </select>
                  <FieldErrors id={`${id}-decision`} messages={fieldErrors("filter.decision")} />
                </label>
                <label className="text-sm font-medium">
                  Uncertainty from
                  <input type="number" min={0} max={1} step={0.05} placeholder="0" className={controlClass} value={state.uncertaintyMin} onChange={(event) => set({ uncertaintyMin: event.target.value })} />
                  <FieldErrors id={`${id}-min`} messages={fieldErrors("filter.uncertaintyMin")} />
                </label>
                <label className="text-sm font-medium">
                  Uncertainty to
                  <input type="number" min={0} max={1} step={0.05} placeholder="1" className={controlClass} value={state.uncertaintyMax} onChange={(event) => set({ uncertaintyMax: event.target.value })} />
                  <FieldErrors id={`${id}-max`} messages={fieldErrors("filter.uncertaintyMax")} />
                </label>
                <label className="text-sm font-medium">
                  Full-text search
                  <input type="search" className={controlClass} value={state.q} onChange={(event) => set({ q: event.target.value })} />
                  <FieldErrors id={`${id}-q`} messages={fieldErrors("filter.q")} />
                </label>
              </div>
            )}
          </fieldset>
          <div className="flex flex-wrap items-end gap-3">
            <label className="text-sm font-medium">
              Trial run: at most
              <span className="flex items-center gap-2">
                <input
                  type="number"
                  min={1}
                  step={1}
                  className={cn(controlClass, "w-28")}
                  placeholder="all"
                  value={state.limit}
                  onChange={(event) => set({ limit: event.target.value })}
                  aria-describedby={`${id}-limit-hint`}
                />
                <span className="mt-1 font-normal">records</span>
              </span>
              <FieldErrors id={`${id}-limit`} messages={fieldErrors("limit")} />
            </label>
            <p id={`${id}-limit-hint`} className="mb-2 max-w-sm text-xs text-slate-600 dark:text-slate-400">
              The first records in import order. Runs use the saved settings; pairs that already have a suggestion are skipped.
            </p>
            <Button type="submit" className="mb-0.5" disabled={blocked !== null || estimate.isPending || start.isPending}>
              <Play aria-hidden className="size-4" /> {estimate.isPending ? "Counting…" : "Start run…"}
            </Button>
          </div>
          {blocked && <p className="text-sm text-amber-800 dark:text-amber-300">{blocked}</p>}
        </form>

        {confirming && (
          <div role="group" aria-labelledby={`${id}-confirm`} className="space-y-3 rounded-md border border-brand-100 bg-brand-50 p-4 dark:border-blue-900 dark:bg-blue-950/50" data-testid="run-confirmation">
            <p id={`${id}-confirm`} className="text-sm font-medium">
              {confirming.estimate.records === 0
                ? "No records match: the run would have nothing to do."
                : `${integer.format(confirming.estimate.records)} record${confirming.estimate.records === 1 ? "" : "s"} × ${confirming.estimate.votesPerRecord} vote${confirming.estimate.votesPerRecord === 1 ? "" : "s"} = about ${integer.format(confirming.estimate.calls)} call${confirming.estimate.calls === 1 ? "" : "s"}`}
            </p>
            {confirming.estimate.records > 0 && (
              <p className="text-xs text-slate-700 dark:text-slate-300">
                {confirming.estimate.callsPerRecord !== confirming.estimate.votesPerRecord &&
                  `${confirming.estimate.callsPerRecord} calls per record (some votes take several calls). `}
                Roughly {integer.format(confirming.estimate.inputTokens)} input tokens ≈ {formatUsd(confirming.estimate.inputCostUsd)}, plus the output tokens;
                retries of failed calls come on top.
              </p>
            )}
            <div className="flex gap-2">
              <Button ref={confirmRef} disabled={confirming.estimate.records === 0 || start.isPending} onClick={() => start.mutate(confirming.request)}>
                {start.isPending ? "Starting…" : "Start the run"}
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(null)}>
                Back
              </Button>
            </div>
          </div>
        )}
        {error && (
          <ErrorNote
            message={errorMessage(error)}
            details={details.filter((detail) => !detail.where?.startsWith("filter") && detail.where !== "limit").map((detail) => (detail.where ? `${describePath(detail.where)}: ${detail.message}` : detail.message))}
          />
        )}
      </CardBody>
    </Card>
  );
}

function scopeText(run: LlmRunView): string {
  const filter = run.filter;
  const parts = [
    filter.decision && `decision ${filter.decision}`,
    (filter.uncertaintyMin !== undefined || filter.uncertaintyMax !== undefined) && `uncertainty ${filter.uncertaintyMin ?? 0}–${filter.uncertaintyMax ?? 1}`,
    filter.q && `“${filter.q}”`,
    filter.responseStatus && `responses: ${filter.responseStatus}`,
    filter.metadata?.length && `${filter.metadata.length} metadata filter(s)`,
  ].filter(Boolean);
  return parts.length > 0 ? `Scope: records matching ${parts.join(", ")}` : "Scope: all records";
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: "red" | "amber" }) {
  return (
    <div>
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className={`text-sm font-semibold tabular-nums ${tone === "red" ? "text-red-700 dark:text-red-300" : tone === "amber" ? "text-amber-700 dark:text-amber-300" : ""}`}>{value}</dd>
    </div>
  );
}

function RunCard({ run, datasetId }: { run: LlmRunView; datasetId: string }) {
  const client = useQueryClient();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const action = useMutation({
    mutationFn: (name: "pause" | "resume" | "cancel") => runAction(run.id, name),
    onSuccess: (updated) => {
      setConfirmCancel(false);
      client.setQueryData<LlmRunView[]>(llmKeys.runs(datasetId), (list = []) => list.map((item) => (item.id === updated.id ? updated : item)));
    },
  });
  const started = new Date(run.createdAt);
  const label = `Run started ${started.toLocaleString()}`;
  const canResume = run.status === "paused" || (run.status === "completed" && run.failedRecords > 0);
  return (
    <Card aria-label={label} role="region" data-testid="llm-run">
      <CardBody className="space-y-3 p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={statusTone[run.status]} data-testid="run-status">
              {run.status}
            </Badge>
            <span className="text-sm text-slate-700 dark:text-slate-300">{scopeText(run)}</span>
          </div>
          <span className="text-xs text-slate-500">
            started by {run.createdBy ?? "someone since removed"}{" "}
            <time dateTime={run.createdAt} title={started.toLocaleString()}>
              {formatRelative(started)}
            </time>
          </span>
        </div>
        <div className="space-y-1">
          <ProgressBar
            value={run.doneRecords}
            max={run.totalRecords}
            label={`Progress of the run: ${run.doneRecords} of ${run.totalRecords} records`}
            tone={run.status === "completed" ? "green" : run.status === "cancelled" ? "red" : "brand"}
          />
          <p className="text-xs tabular-nums text-slate-600 dark:text-slate-400" data-testid="run-progress">
            {integer.format(run.doneRecords)} of {integer.format(run.totalRecords)} records
            {run.failedRecords > 0 && ` · ${integer.format(run.failedRecords)} with failed calls`}
          </p>
        </div>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" data-testid="run-stats">
          <Stat label="Calls" value={integer.format(run.calls)} />
          <Stat label="Failed calls" value={integer.format(run.failedCalls)} tone={run.failedCalls > 0 ? "red" : undefined} />
          <Stat label="Suggestions" value={integer.format(run.suggestions)} />
          <Stat label="Answers Sift could not read" value={integer.format(run.unparseable)} tone={run.unparseable > 0 ? "amber" : undefined} />
          <Stat label="Tokens in" value={integer.format(run.inputTokens)} />
          <Stat label="Tokens out" value={integer.format(run.outputTokens)} />
          <Stat label="Cost" value={formatUsd(run.costUsd)} />
        </dl>
        <p className="text-xs text-slate-500">
          {run.proposers.map((proposer) => `${proposer.model} (${proposer.strategy}) on ${proposer.questions.join(", ")}`).join(" · ")}
        </p>
        {run.pauseReason && run.status === "paused" && <WarningNote testId="run-pause-reason">{run.pauseReason}</WarningNote>}
        {run.lastError && (
          <p className="text-xs break-words text-red-700 dark:text-red-300" data-testid="run-last-error">
            Last error: {run.lastError}
          </p>
        )}
        {action.isError && <ErrorNote message={errorMessage(action.error)} />}
        {(run.status === "running" || run.status === "paused" || canResume) && (
          <div className="flex flex-wrap gap-2">
            {run.status === "running" && (
              <Button size="sm" variant="secondary" disabled={action.isPending} onClick={() => action.mutate("pause")}>
                <Pause aria-hidden className="size-3.5" /> Pause
              </Button>
            )}
            {canResume && (
              <Button size="sm" variant="secondary" disabled={action.isPending} onClick={() => action.mutate("resume")}>
                <Play aria-hidden className="size-3.5" /> {run.status === "completed" ? "Retry failed records" : "Resume"}
              </Button>
            )}
            {(run.status === "running" || run.status === "paused") &&
              (confirmCancel ? (
                <span role="group" aria-label="Cancel this run?" className="flex items-center gap-2 text-sm">
                  Cancel for good? Its suggestions stay.
                  <Button size="sm" variant="danger" disabled={action.isPending} onClick={() => action.mutate("cancel")}>
                    Cancel run
                  </Button>
                  <Button size="sm" variant="ghost" autoFocus onClick={() => setConfirmCancel(false)}>
                    Keep it
                  </Button>
                </span>
              ) : (
                <Button size="sm" variant="ghost" onClick={() => setConfirmCancel(true)}>
                  <Square aria-hidden className="size-3.5" /> Cancel…
                </Button>
              ))}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
