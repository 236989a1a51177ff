"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { describeError, saveResponse, type ResponseBody } from "@/components/annotate/api";

/** Where the answers handed over for saving stand; shown in the focus view's top bar. */
export type SaveState =
  | { kind: "idle" }
  | { kind: "saving"; count: number }
  | { kind: "retrying"; count: number; message: string }
  /** The server refused answers (not a passing failure): they are set aside, kept, and sent again on request. */
  | { kind: "refused"; count: number; message: string }
  | { kind: "saved"; at: Date };

interface Entry {
  recordId: string;
  body: ResponseBody;
  /** Writes to the same record that must land first (its drafts still on their way). */
  after: Promise<unknown>;
}

export interface BackgroundSaves {
  state: SaveState;
  /** How many answers were saved so far on this page: what depends on them (the counts) is asked again as it moves. */
  savedCount: number;
  /** Records with an answer not saved yet: a claim leaves them out (they are still held and about to be answered). */
  pendingIds: () => string[];
  /** Hands an answer over: it is kept (in memory and in this browser's storage) until the server has it. */
  enqueue: (recordId: string, body: ResponseBody, after?: Promise<unknown>) => void;
  /** Resolves once no answer to this record is waiting any more. */
  settledFor: (recordId: string) => Promise<void>;
  /** Tries again now, without waiting out the back-off; refused answers are sent again too. */
  retryNow: () => void;
  /** Drops the refused answers, on the annotator's word. */
  dropRefused: () => void;
}

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
const storageKey = (datasetId: string) => `sift-unsaved:${datasetId}`;

function readStored(datasetId: string): { recordId: string; body: ResponseBody }[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(datasetId)) ?? "[]");
    return Array.isArray(parsed) ? (parsed as { recordId: string; body: ResponseBody }[]).filter((item) => typeof item?.recordId === "string" && item.body) : [];
  } catch {
    return [];
  }
}

/**
 * The answers of the focus view, saved behind the annotator's back: submitting hands the answer over and shows the
 * next record at once. One at a time and in order; a failure that may pass (the network, the server's own errors) is
 * retried with exponential back-off (1 s, 2 s, 4 s … 30 s, and at once when the browser comes back online), never
 * dropped; an answer the server refuses is set aside (the others go on) until she sends it again or drops it. Until the server has it, an answer lives in memory and in localStorage (a reload sends it again), and
 * leaving the page asks first.
 */
export function useBackgroundSaves(datasetId: string): BackgroundSaves {
  const queue = useRef<Entry[]>([]);
  const running = useRef(false);
  const wake = useRef<() => void>(() => undefined);
  const waiters = useRef<(() => void)[]>([]);
  // Answers the server refused (a 4xx: no longer hers to answer, a session ended): kept until she retries or drops them.
  const refused = useRef<Entry[]>([]);
  const refusal = useRef("");
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const restored = useRef(false);
  const [savedCount, setSavedCount] = useState(0);

  const persist = useCallback(() => {
    try {
      const unsaved = [...refused.current, ...queue.current].map(({ recordId, body }) => ({ recordId, body }));
      if (unsaved.length === 0) localStorage.removeItem(storageKey(datasetId));
      else localStorage.setItem(storageKey(datasetId), JSON.stringify(unsaved));
    } catch {
      // Private mode or full storage: the answers are still held in memory.
    }
  }, [datasetId]);

  const pause = (ms: number | null) =>
    new Promise<void>((resolve) => {
      const timer = ms === null ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake.current = () => undefined;
        resolve();
      }
      wake.current = done;
    });

  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    while (queue.current.length > 0) {
      const entry = queue.current[0]!;
      await entry.after.catch(() => undefined);
      let saved = false;
      for (let attempt = 0; !saved; attempt += 1) {
        setState({ kind: "saving", count: queue.current.length });
        try {
          await saveResponse(entry.recordId, entry.body);
          saved = true;
        } catch (error) {
          const described = describeError(error);
          if (!described.retry) {
            refused.current.push(entry);
            refusal.current = described.message;
            break;
          }
          setState({ kind: "retrying", count: queue.current.length, message: described.message });
          await pause(Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt));
        }
      }
      queue.current.shift();
      persist();
      if (saved) setSavedCount((count) => count + 1);
      const settled = waiters.current;
      waiters.current = [];
      settled.forEach((resolve) => resolve());
    }
    running.current = false;
    setState(
      refused.current.length > 0
        ? { kind: "refused", count: refused.current.length, message: refusal.current }
        : { kind: "saved", at: new Date() },
    );
  }, [persist]);

  const enqueue = useCallback(
    (recordId: string, body: ResponseBody, after: Promise<unknown> = Promise.resolve()) => {
      queue.current.push({ recordId, body, after });
      persist();
      void run();
    },
    [persist, run],
  );

  // Answers a previous page left unsaved (a reload, a crash) are sent first.
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const stored = readStored(datasetId);
    if (stored.length === 0) return;
    queue.current.unshift(...stored.map((item) => ({ ...item, after: Promise.resolve() })));
    void run();
  }, [datasetId, run]);

  useEffect(() => {
    const online = () => wake.current();
    // Leaving with answers not saved yet: the browser asks first (they also stay in storage for the next visit).
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (queue.current.length === 0) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("online", online);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("beforeunload", beforeUnload);
    };
  }, []);

  return {
    state,
    savedCount,
    // Before the stored answers are queued (the first claim may come first), they are read from storage.
    pendingIds: () => (restored.current ? [...refused.current, ...queue.current] : readStored(datasetId)).map((entry) => entry.recordId),
    enqueue,
    settledFor: (recordId) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (queue.current.some((entry) => entry.recordId === recordId)) waiters.current.push(check);
          else resolve();
        };
        check();
      }),
    retryNow: () => {
      queue.current.push(...refused.current.splice(0));
      wake.current();
      void run();
    },
    dropRefused: () => {
      refused.current = [];
      persist();
      setState({ kind: "saved", at: new Date() });
    },
  };
}
