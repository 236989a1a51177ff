"use client";

import Link from "next/link";
import { Download } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, buttonStyles } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { describeError, fetchTask, importKeys, numberFormat, type ImportTaskResult, type TaskView, type WriteCounts } from "@/components/import/api";
import { ErrorNote, WarningNote } from "@/components/import/notes";
import { ProgressBar } from "@/components/import/progress-bar";

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

function stage(task: TaskView, result: Partial<ImportTaskResult>): { label: string; tone: BadgeTone } {
  if (task.status === "succeeded") return { label: "Done", tone: "green" };
  if (task.status === "failed") return { label: "Failed", tone: "red" };
  if (task.status === "cancelled") return { label: "Cancelled", tone: "neutral" };
  if (task.status === "queued") return { label: "Waiting for the worker", tone: "neutral" };
  if (result.phase === "validating") return { label: "Checking every row", tone: "blue" };
  return { label: "Importing", tone: "blue" };
}

function Counts({ title, counts, testId }: { title: string; counts: WriteCounts | undefined; testId: string }) {
  if (!counts) return null;
  return (
    <div data-testid={testId} className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
      <p className="text-xs font-medium text-slate-500 dark:text-slate-400">{title}</p>
      <dl className="mt-1 grid grid-cols-3 gap-2 text-sm">
        {(["created", "updated", "unchanged"] as const).map((key) => (
          <div key={key}>
            <dt className="text-xs text-slate-500 dark:text-slate-400">{key}</dt>
            <dd className="font-semibold tabular-nums">{numberFormat.format(counts[key])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Step 3: the import running in the worker, polled every second until it is done; then its counts and report. */
export function ImportProgress({ taskId, recordsHref, onAnother }: { taskId: string; recordsHref: string; onAnother: () => void }) {
  const query = useQuery({
    queryKey: importKeys.task(taskId),
    queryFn: () => fetchTask(taskId),
    refetchInterval: (current) => (current.state.data && FINISHED.has(current.state.data.status) ? false : 1000),
    staleTime: 0,
  });
  if (query.isPending) {
    return (
      <Card>
        <CardBody className="text-sm text-slate-500">Loading the import…</CardBody>
      </Card>
    );
  }
  if (query.isError) {
    const error = describeError(query.error);
    return <ErrorNote message={error.message} details={error.details} hint="Reload the page to try again." />;
  }
  const task = query.data;
  const result = task.result as Partial<ImportTaskResult>;
  const { label, tone } = stage(task, result);
  const finished = FINISHED.has(task.status);
  const total = task.total ?? null;
  const responses = result.responses;
  const hasResponses = responses !== undefined && responses.created + responses.updated + responses.unchanged > 0;
  const rejected = result.rows?.rejected ?? 0;
  const problems = result.problems ?? [];

  return (
    <Card data-testid="import-progress">
      <CardHeader className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <h2 className="truncate text-sm font-semibold">{task.fileName}</h2>
          {result.allOrNothing && <p className="text-xs text-slate-500 dark:text-slate-400">All or nothing</p>}
        </div>
        <Badge tone={tone} data-testid="import-status">
          {label}
        </Badge>
      </CardHeader>
      <CardBody className="space-y-4">
        <div className="space-y-1">
          <ProgressBar
            value={finished ? 1 : task.processed}
            max={finished ? 1 : total}
            label="Import progress"
            tone={task.status === "failed" ? "red" : task.status === "succeeded" ? "green" : "brand"}
          />
          <p className="text-xs tabular-nums text-slate-600 dark:text-slate-400" data-testid="import-processed">
            {numberFormat.format(task.processed)}
            {total !== null && ` of ${finished ? "" : "about "}${numberFormat.format(total)}`} rows{" "}
            {result.phase === "validating" && !finished ? "checked" : "read"}
            {result.rows && ` · ${numberFormat.format(result.rows.imported)} imported · ${numberFormat.format(rejected)} rejected`}
          </p>
        </div>

        {task.status === "running" && task.error && <WarningNote>{task.error} The import resumes after its last saved batch.</WarningNote>}
        {task.status === "failed" && task.error && (
          <ErrorNote message={task.error} hint={task.reportUrl ? "The report lists every rejected row with its line and reason." : undefined} />
        )}

        {(finished || (result.records?.created ?? 0) > 0) && (
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            <Counts title="Records" counts={result.records} testId="import-records" />
            <Counts title="Suggestions" counts={result.suggestions} testId="import-suggestions" />
            {hasResponses && <Counts title="Responses" counts={responses} testId="import-responses" />}
          </div>
        )}

        {result.unknownColumns && result.unknownColumns.length > 0 && (
          <WarningNote>
            Not imported, because the mapping does not read them: {result.unknownColumns.map((column) => `"${column}"`).join(", ")}.
          </WarningNote>
        )}

        {problems.length > 0 && (
          <div className="space-y-2" data-testid="import-problems">
            <p className="text-sm font-medium">
              {numberFormat.format(rejected)} row{rejected === 1 ? "" : "s"} rejected
              {result.allOrNothing ? " (so nothing was imported)" : ""}; the first problems:
            </p>
            <ul className="space-y-0.5 text-xs text-red-700 dark:text-red-300">
              {problems.slice(0, 5).map((problem, index) => (
                <li key={index}>
                  line {problem.line}
                  {problem.externalId ? ` (${problem.externalId})` : ""}: {problem.path ? `${problem.path}: ` : ""}
                  {problem.message}
                  {problem.row && <code className="block truncate font-mono text-slate-600 dark:text-slate-400" title={problem.row}>{problem.row}</code>}
                </li>
              ))}
            </ul>
          </div>
        )}

        <div className="flex flex-wrap items-center gap-2">
          {task.reportUrl && (
            <>
              <a className={buttonStyles({ variant: "secondary", size: "sm" })} href={`${task.reportUrl}?format=csv`} download data-testid="report-csv">
                <Download aria-hidden className="size-4" /> Download the report (CSV)
              </a>
              <a className={buttonStyles({ variant: "ghost", size: "sm" })} href={`${task.reportUrl}?format=jsonl`} download>
                JSONL
              </a>
            </>
          )}
          {finished && (
            <>
              <Link className={buttonStyles({ variant: task.status === "succeeded" ? "primary" : "secondary", size: "sm" })} href={recordsHref}>
                See the records
              </Link>
              <Button variant="ghost" size="sm" onClick={onAnother}>
                Import another file
              </Button>
            </>
          )}
        </div>
      </CardBody>
    </Card>
  );
}
