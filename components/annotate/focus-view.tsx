"use client";

import { BookOpen, EyeOff, Keyboard, RotateCw, WifiOff } from "lucide-react";
import { useEffect, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { isTypingTarget } from "@/components/questions";
import { Kbd } from "@/components/questions/kbd";
import {
  annotateKeys,
  describeError,
  fetchCounts,
  fetchNext,
  fetchRecord,
  isSessionEnded,
  retryTransient,
  type QueueCounts,
  type RecordView,
} from "@/components/annotate/api";
import { EmptyQueue } from "@/components/annotate/empty-queue";
import { GuidelinesPanel } from "@/components/annotate/guidelines";
import { QueueProgress } from "@/components/annotate/progress";
import { TeamProgressNote } from "@/components/annotate/team-progress";
import { RecordForm } from "@/components/annotate/record-form";
import { SaveStatus } from "@/components/annotate/save-status";
import { ShortcutsDialog } from "@/components/annotate/shortcuts";
import { UndoToast } from "@/components/annotate/undo-toast";
import { useBackgroundSaves } from "@/components/annotate/use-background-saves";
import { useLatest } from "@/components/annotate/use-latest";
import { restoreBefore, useUndo } from "@/components/annotate/use-undo";
import { RecordSkeleton } from "@/components/annotate/skeleton";
import { COUNTS_REFRESH_MS } from "@/lib/ui/refresh";

// The server accepts at most 500 skipped ids; older skips simply become servable again.
const MAX_SKIPPED = 500;
// The record claimed ahead is claimed again this often while the annotator works: the claim renews its lease (10 min).
const AHEAD_RENEW_MS = 4 * 60_000;
// The server leaves out at most 100 records per claim (the one being answered and those whose answer is being saved).
const MAX_EXCLUDED = 100;
const BLIND_KEY = "sift-annotate-blind";

export interface FocusViewProps {
  datasetId: string;
  datasetName: string;
  guidelines: string;
  workspaceSlug: string;
}

interface Shown {
  record: RecordView;
  stamp: number;
  fromHistory: boolean;
}

/**
 * The annotator's focus view: one record at a time from the human queue, highest uncertainty first.
 * Session state: the records acted on (for Back), the records skipped (excluded from the queue until revisited).
 */
export function FocusView({ datasetId, datasetName, guidelines, workspaceSlug }: FocusViewProps) {
  const [skipped, setSkipped] = useState<string[]>([]);
  const [turn, setTurn] = useState(0);
  const [history, setHistory] = useState<string[]>([]);
  // null: the queue's record; otherwise an index into `history`.
  const [cursor, setCursor] = useState<number | null>(null);
  const [blind, setBlindState] = useState(false);
  const [guidelinesOpen, setGuidelinesOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [previous, setPrevious] = useState<Shown | null>(null);

  useEffect(() => {
    setBlindState(localStorage.getItem(BLIND_KEY) === "1");
  }, []);
  const setBlind = (value: boolean) => {
    setBlindState(value);
    try {
      localStorage.setItem(BLIND_KEY, value ? "1" : "0");
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  };

  const queryClient = useQueryClient();
  const saves = useBackgroundSaves(datasetId);
  const undo = useUndo();
  const skippedNow = useLatest(skipped);
  // Records whose answer is still being saved are left out of every claim: they are held, and about to be answered.
  const nextQuery = useQuery({
    queryKey: annotateKeys.next(datasetId, turn),
    queryFn: () => fetchNext(datasetId, skippedNow.current, saves.pendingIds().slice(-MAX_EXCLUDED)),
    enabled: cursor === null,
    staleTime: Infinity,
    retry: retryTransient,
  });
  // The next record is already there: while the annotator works on this one, the following one is claimed for her (a
  // lease held in her name, leaving this one out), so that submitting shows it at once, its answer saved behind.
  const currentId = nextQuery.data?.record?.id;
  const aheadQuery = useQuery({
    queryKey: annotateKeys.next(datasetId, turn + 1),
    queryFn: () => fetchNext(datasetId, skippedNow.current, [currentId!, ...saves.pendingIds().slice(1 - MAX_EXCLUDED)]),
    enabled: cursor === null && currentId !== undefined,
    staleTime: Infinity,
    refetchInterval: AHEAD_RENEW_MS,
    retry: retryTransient,
  });
  const historyId = cursor !== null ? history[cursor] : undefined;
  const recordQuery = useQuery({
    queryKey: annotateKeys.record(datasetId, historyId ?? "none"),
    // An answer still being saved lands first: the record shows what was said last.
    queryFn: () => saves.settledFor(historyId!).then(() => fetchRecord(historyId!)),
    enabled: historyId !== undefined,
    // Always fresh: the answer shown must be the one saved last.
    staleTime: 0,
    gcTime: 0,
    retry: retryTransient,
  });

  const fromHistory = cursor !== null;
  const query = fromHistory ? recordQuery : nextQuery;
  const record: RecordView | null | undefined = fromHistory ? recordQuery.data : nextQuery.data?.record;
  const stamp = query.dataUpdatedAt;

  // The counts come on their own, asked for once the next record has arrived (keyed by it): never in the way of it,
  // not even competing with it for the server.
  const servedId = nextQuery.data ? (nextQuery.data.record?.id ?? "none") : null;
  const countsQuery = useQuery({
    queryKey: [...annotateKeys.counts(datasetId), servedId, skipped.length, saves.savedCount],
    queryFn: () => fetchCounts(datasetId),
    enabled: servedId !== null && !nextQuery.isFetching,
    // Others' submissions move "to go" too: asked again now and then (not while the tab is hidden), on its own query.
    refetchInterval: COUNTS_REFRESH_MS,
    placeholderData: (previous) => previous,
    retry: retryTransient,
  });
  const counts: QueueCounts | null = countsQuery.data ?? null;
  useEffect(() => {
    if (record) setPrevious({ record, stamp, fromHistory });
    else if (record === null) setPrevious(null);
  }, [record, stamp, fromHistory]);

  const workspaceHref = `/w/${workspaceSlug}`;
  const signInHref = `/signin?next=${encodeURIComponent(`/w/${workspaceSlug}/d/${datasetId}/annotate`)}`;

  const remember = (id: string) => setHistory((current) => [...current.filter((entry) => entry !== id), id]);
  const canBack = cursor === null ? history.length > 0 : cursor > 0;
  const goBack = () => {
    if (cursor === null) {
      if (history.length > 0) setCursor(history.length - 1);
    } else if (cursor > 0) setCursor(cursor - 1);
  };
  const goForward = () => {
    if (cursor === null) return;
    if (cursor + 1 < history.length) setCursor(cursor + 1);
    else {
      // Back to the queue: ask again (not the record claimed ahead), so the record held meanwhile comes back with its
      // saved draft.
      queryClient.removeQueries({ queryKey: annotateKeys.next(datasetId, turn + 1) });
      setCursor(null);
      setTurn((current) => current + 1);
    }
  };

  // Undo (Ctrl/⌘+Z, or the toast's button): the answer goes back to what it was (saved in order, after the action's
  // own save), and the record is shown again from the history.
  const undoLast = () => {
    const action = undo.pop();
    if (!action) return;
    if (action.restore) saves.enqueue(action.recordId, action.restore);
    else setSkipped((current) => current.filter((id) => id !== action.recordId));
    const index = history.indexOf(action.recordId);
    if (index >= 0) {
      queryClient.removeQueries({ queryKey: annotateKeys.record(datasetId, action.recordId) });
      setCursor(index);
    }
  };

  // View-level keys; the record's own keys live in RecordForm, the digits in the active widget.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || isTypingTarget(event.target)) return;
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && (event.key === "z" || event.key === "Z")) {
        event.preventDefault();
        undoLast();
        return;
      }
      if (event.ctrlKey || event.metaKey) return;
      if (event.key === "?") {
        event.preventDefault();
        setShortcutsOpen((open) => !open);
      } else if (shortcutsOpen) {
        return;
      } else if (event.key === "g" || event.key === "G") {
        event.preventDefault();
        setGuidelinesOpen((open) => !open);
      } else if (event.key === "b" || event.key === "B") {
        event.preventDefault();
        setBlind(!blind);
      } else if (event.key === "ArrowLeft" && record === null && history.length > 0) {
        // The empty queue has no record to take the key: Back still works from there.
        event.preventDefault();
        goBack();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  });

  let content: React.ReactNode;
  if (query.isError && record === undefined) {
    const described = describeError(query.error);
    content = (
      <Card className="mx-auto mt-8 max-w-xl px-8 py-10 text-center" role="alert" data-testid="load-error">
        <WifiOff aria-hidden className="mx-auto h-8 w-8 text-red-600 dark:text-red-400" />
        <h2 className="mt-3 text-lg font-semibold">{fromHistory ? "This record could not be loaded" : "The next record could not be loaded"}</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{described.message}</p>
        <div className="mt-5 flex justify-center gap-2">
          {fromHistory && (
            <Button variant="secondary" onClick={goForward}>
              Continue with the queue
            </Button>
          )}
          {isSessionEnded(described.message) ? (
            <a href={signInHref} className="inline-flex h-9 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
              Sign in
            </a>
          ) : (
            <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
              <RotateCw aria-hidden className={query.isFetching ? "h-4 w-4 animate-spin" : "h-4 w-4"} />
              Try again
            </Button>
          )}
        </div>
      </Card>
    );
  } else if (record === null) {
    content = (
      <EmptyQueue
        counts={counts ?? { remainingForMe: 0, submittedByMe: 0 }}
        workspaceHref={workspaceHref}
        skippedCount={skipped.length}
        onRevisitSkipped={() => {
          setSkipped([]);
          setTurn((current) => current + 1);
        }}
        onBack={history.length > 0 ? goBack : null}
      />
    );
  } else {
    // While the next record loads, the last one stays in place, dimmed: nothing jumps.
    const shown: Shown | null = record ? { record, stamp, fromHistory } : previous;
    content = shown ? (
      <RecordForm
        key={`${shown.record.id}:${shown.stamp}`}
        record={shown.record}
        blind={blind}
        interactive={!shortcutsOpen}
        busy={!record}
        fromHistory={shown.fromHistory}
        canBack={canBack}
        canForward={cursor !== null}
        onFinish={(kind, body, after) => {
          saves.enqueue(shown.record.id, body, after);
          undo.push({ recordId: shown.record.id, kind, restore: restoreBefore(shown.record, body) });
          if (cursor === null) {
            remember(shown.record.id);
            setTurn((current) => current + 1);
          } else goForward();
        }}
        onSkip={() => {
          if (cursor === null) {
            remember(shown.record.id);
            undo.push({ recordId: shown.record.id, kind: "skipped", restore: null });
            setSkipped((current) => [...current.filter((id) => id !== shown.record.id), shown.record.id].slice(-MAX_SKIPPED));
            setTurn((current) => current + 1);
          } else goForward();
        }}
        onBack={goBack}
        onForward={goForward}
        signInHref={signInHref}
      />
    ) : (
      <RecordSkeleton />
    );
  }

  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4" data-testid="focus-view" data-ahead={aheadQuery.data ? "ready" : "waiting"}>
      <h2 className="sr-only">Annotate {datasetName}</h2>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-x-5 gap-y-1">
          <QueueProgress counts={counts} />
          <TeamProgressNote datasetId={datasetId} />
          <SaveStatus state={saves.state} onRetry={saves.retryNow} onDrop={saves.dropRefused} />
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Button
            variant="secondary"
            size="sm"
            aria-expanded={guidelinesOpen}
            aria-controls="annotate-guidelines"
            onClick={() => setGuidelinesOpen((open) => !open)}
            aria-keyshortcuts="G"
            data-testid="guidelines-toggle"
          >
            <BookOpen aria-hidden className="h-4 w-4" />
            Guidelines <Kbd>G</Kbd>
          </Button>
          <Button
            variant={blind ? "primary" : "secondary"}
            size="sm"
            aria-pressed={blind}
            onClick={() => setBlind(!blind)}
            title="Blind mode hides the LLM’s proposals, uncertainty and votes"
            aria-keyshortcuts="B"
            data-testid="blind-toggle"
          >
            <EyeOff aria-hidden className="h-4 w-4" />
            Blind <Kbd className={blind ? "border-white/40 bg-white/15 text-white" : undefined}>B</Kbd>
          </Button>
          <Button variant="ghost" size="sm" aria-haspopup="dialog" onClick={() => setShortcutsOpen(true)} aria-keyshortcuts="Shift+?">
            <Keyboard aria-hidden className="h-4 w-4" />
            Shortcuts <Kbd>?</Kbd>
          </Button>
        </div>
      </div>
      {guidelinesOpen && <GuidelinesPanel guidelines={guidelines} id="annotate-guidelines" />}
      {content}
      <UndoToast action={undo.latest} onUndo={undoLast} onDismiss={undo.dismiss} />
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </main>
  );
}
