"use client";

// The bulk view's interactive part: selecting records (a page's or every match of the filter) and submitting one
// response to each, their proposals or one answer, after a confirmation that states the count.
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AnswerPanel, isAnswered, type BulkQuestion } from "@/components/bulk/answer-panel";
import { BulkTable } from "@/components/bulk/bulk-table";
import { ConfirmDialog } from "@/components/bulk/confirm-dialog";
import { useBulkSelection } from "@/components/bulk/use-bulk-selection";
import { ErrorNote, InfoNote } from "@/components/import/notes";
import { Kbd } from "@/components/questions/kbd";
import { Button, buttonStyles } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { BulkPage } from "@/lib/server/services/bulk-records";
import type { BulkResult } from "@/lib/server/services/bulk-responses";
import type { RecordFilter } from "@/lib/server/services/record-filter";
import { apiFetch, ApiError } from "@/lib/ui/api-client";

type Action = "accept_proposals" | "apply";

export interface BulkViewProps {
  datasetId: string;
  username: string;
  filter: RecordFilter;
  page: BulkPage;
  questions: BulkQuestion[];
  previousHref: string | null;
  nextHref: string | null;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function BulkView({ datasetId, username, filter, page, questions, previousHref, nextHref }: BulkViewProps) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [answering, setAnswering] = useState(false);
  const [answer, setAnswer] = useState<Record<string, unknown>>({});
  const [result, setResult] = useState<BulkResult | null>(null);
  const selection = useBulkSelection(
    page.records.map((record) => record.id),
    confirming !== null,
  );
  const count = selection.allMatching ? page.total : selection.selected.size;
  const submit = useMutation({
    mutationFn: (action: Action) =>
      apiFetch<BulkResult>(`/api/v1/datasets/${datasetId}/bulk-responses`, {
        method: "POST",
        body: {
          action,
          ...(selection.allMatching ? { filter } : { recordIds: [...selection.selected] }),
          ...(action === "apply" ? { values: answer } : {}),
        },
      }),
    onSuccess: (outcome) => {
      setResult(outcome);
      setConfirming(null);
      setAnswering(false);
      selection.clear();
      router.refresh();
    },
    onError: () => setConfirming(null),
  });
  const missingRequired = questions.filter((question) => question.required && !isAnswered(answer[question.name]));
  const titles = Object.fromEntries(questions.map((question) => [question.name, question.title]));
  const start = (page.page - 1) * page.pageSize;

  return (
    <div className="space-y-3">
      {result && <ResultNote result={result} />}
      {submit.error && (
        <ErrorNote
          message={submit.error.message}
          details={submit.error instanceof ApiError ? submit.error.details.map((detail) => (detail.where ? `${detail.where}: ${detail.message}` : detail.message)) : []}
        />
      )}
      {page.blind && <InfoNote>This dataset is in blind mode: the LLMs’ proposals are hidden, so only one answer can be applied.</InfoNote>}
      <div className="flex flex-wrap items-center gap-2 text-sm" role="toolbar" aria-label="Selection and actions">
        <span className="font-medium" data-testid="bulk-selected-count" aria-live="polite">
          {selection.allMatching ? `All ${plural(page.total, "matching record")} selected` : `${selection.selected.size} selected`}
        </span>
        {selection.pageSelected && !selection.allMatching && page.total > page.records.length && (
          <Button variant="ghost" size="sm" onClick={selection.selectAllMatching} data-testid="bulk-select-all">
            Select all {page.total} matching
          </Button>
        )}
        {count > 0 && (
          <Button variant="ghost" size="sm" onClick={selection.clear}>
            Clear selection
          </Button>
        )}
        <span className="flex-1" />
        {!page.blind && (
          <Button size="sm" disabled={count === 0 || submit.isPending} onClick={() => setConfirming("accept_proposals")} data-testid="bulk-accept">
            Accept proposals
          </Button>
        )}
        <Button
          variant="secondary"
          size="sm"
          aria-expanded={answering}
          aria-controls="bulk-answer-panel"
          onClick={() => setAnswering((open) => !open)}
          data-testid="bulk-apply-toggle"
        >
          Apply one answer…
        </Button>
      </div>
      {answering && (
        <Card className="space-y-3 p-4" id="bulk-answer-panel">
          <p className="text-sm text-slate-600 dark:text-slate-400">The answer every selected record gets (required questions must be answered).</p>
          <AnswerPanel questions={questions} values={answer} onChange={(name, value) => setAnswer((current) => ({ ...current, [name]: value }))} />
          <div className="flex items-center gap-3">
            <Button size="sm" disabled={count === 0 || missingRequired.length > 0 || submit.isPending} onClick={() => setConfirming("apply")} data-testid="bulk-apply">
              Apply to {plural(count, "record")}
            </Button>
            {missingRequired.length > 0 && (
              <span className="text-xs text-slate-500">Answer {missingRequired.map((question) => `“${question.title}”`).join(", ")} first.</span>
            )}
          </div>
        </Card>
      )}
      <Card className="overflow-hidden">
        {page.records.length === 0 ? (
          <p className="px-6 py-16 text-center text-sm text-slate-600 dark:text-slate-400" data-testid="bulk-empty">
            No records left for you here. Change the filters, or see the focus view.
          </p>
        ) : (
          <BulkTable
            records={page.records}
            questionTitles={titles}
            showProposals={!page.blind}
            showsUncertainty={page.showsUncertainty}
            selected={selection.selected}
            rows={selection.rows}
            pageSelected={selection.pageSelected}
            onToggle={selection.toggle}
            onFocusRow={selection.setFocused}
            onSelectPage={selection.selectPage}
          />
        )}
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="text-slate-600 dark:text-slate-400" data-testid="bulk-range">
          {page.records.length === 0 ? "0 records" : `${start + 1}–${start + page.records.length} of ${plural(page.total, "record")}`}
          <span className="ml-3 hidden text-xs md:inline">
            <Kbd>J</Kbd>/<Kbd>K</Kbd> move, <Kbd>X</Kbd> selects, shift-click selects a range
          </span>
        </span>
        <div className="flex gap-2">
          {previousHref && (
            <Link href={previousHref} className={buttonStyles({ variant: "secondary", size: "sm" })}>
              Previous page
            </Link>
          )}
          {nextHref && (
            <Link href={nextHref} className={buttonStyles({ variant: "secondary", size: "sm" })}>
              Next page
            </Link>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={`Submit ${plural(count, "response")} as ${username}?`}
        confirmLabel={`Submit ${plural(count, "response")}`}
        busy={submit.isPending}
        onConfirm={() => confirming && submit.mutate(confirming)}
        onCancel={() => setConfirming(null)}
      >
        {confirming === "accept_proposals" ? (
          <p>
            Each record gets its own proposals as your submitted answer. Records without a proposal for a required question are skipped and
            listed afterwards.
          </p>
        ) : (
          <p>Each record gets the same answer, submitted as yours.</p>
        )}
        <p className="mt-2 text-xs text-slate-500">Records someone completes or takes meanwhile are skipped too.</p>
      </ConfirmDialog>
    </div>
  );
}

function ResultNote({ result }: { result: BulkResult }) {
  return (
    <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200" data-testid="bulk-result">
      <p className="font-medium">
        Submitted {plural(result.submitted, "response")}.{result.skipped.length > 0 ? ` ${plural(result.skipped.length, "record")} skipped:` : ""}
      </p>
      {result.skipped.length > 0 && (
        <ul className="mt-1 max-h-40 list-disc overflow-auto pl-5 text-xs">
          {result.skipped.map((skip) => (
            <li key={skip.externalId}>
              <span className="font-mono">{skip.externalId}</span>: {skip.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
