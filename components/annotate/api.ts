// The focus view's calls to the API, and the query keys they are cached under.
import type { RecordView } from "@/lib/server/services/records";
import { ApiError, apiFetch } from "@/lib/ui/api-client";

export type { RecordView };

export interface QueueCounts {
  remainingForMe: number;
  submittedByMe: number;
}

export interface NextRecord {
  record: RecordView | null;
}

export type ResponseStatus = "draft" | "submitted" | "discarded";

export interface SavedResponse {
  id: string;
  status: ResponseStatus;
  submittedCount: number;
  requiredResponses: number;
}

export const annotateKeys = {
  all: (datasetId: string) => ["annotate", datasetId] as const,
  /** The record the queue serves at this turn (one turn per record acted on): turn + 1 is the one claimed ahead. */
  next: (datasetId: string, turn: number) => ["annotate", datasetId, "next", turn] as const,
  record: (datasetId: string, recordId: string) => ["annotate", datasetId, "record", recordId] as const,
  counts: (datasetId: string) => ["annotate", datasetId, "counts"] as const,
};

/**
 * The next record, without the counts: they are fetched on their own (`fetchCounts`), off the record's path.
 * `exclude`: records left out of this claim but kept (the one being answered, those whose answer is being saved).
 */
export function fetchNext(datasetId: string, skip: string[], exclude: string[] = []): Promise<NextRecord> {
  return apiFetch<NextRecord>(`/api/v1/datasets/${encodeURIComponent(datasetId)}/queue/next`, {
    method: "POST",
    body: { skip, counts: false, ...(exclude.length > 0 ? { exclude } : {}) },
  });
}

export function fetchCounts(datasetId: string): Promise<QueueCounts> {
  return apiFetch<QueueCounts>(`/api/v1/datasets/${encodeURIComponent(datasetId)}/queue/counts`);
}

export function fetchRecord(recordId: string): Promise<RecordView> {
  return apiFetch<RecordView>(`/api/v1/records/${encodeURIComponent(recordId)}`);
}

export interface ResponseBody {
  status: ResponseStatus;
  values: Record<string, unknown>;
  timeSpentMs: number;
}

function responsePath(recordId: string): string {
  return `/api/v1/records/${encodeURIComponent(recordId)}/response`;
}

export function saveResponse(recordId: string, body: ResponseBody): Promise<SavedResponse> {
  return apiFetch<SavedResponse>(responsePath(recordId), { method: "PUT", body });
}

/**
 * The same write as `saveResponse`, for a page on its way out (a reload, a closed tab): `keepalive` lets the request
 * outlive the page, and as no one is left to hear the answer, a failure is ignored.
 */
export function saveResponseOnExit(recordId: string, body: ResponseBody): void {
  void fetch(responsePath(recordId), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
    keepalive: true,
  }).catch(() => undefined);
}

/** Retry only what may succeed on a second try: the network and the server's own failures, never a 4xx. */
export function retryTransient(failureCount: number, error: unknown): boolean {
  return failureCount < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500);
}

const SESSION_ENDED = "Your session has ended";

/** What to tell the user about a failed request, and whether retrying makes sense. */
export function describeError(error: unknown): { message: string; retry: boolean } {
  if (error instanceof ApiError) {
    if (error.status === 0) return { message: error.message, retry: true };
    if (error.status === 401) return { message: `${SESSION_ENDED}. Sign in again to continue.`, retry: false };
    if (error.status === 403) return { message: error.message, retry: false };
    // The queue's rule answers 404 for a record that is no longer the caller's to answer (taken, complete, removed).
    if (error.status === 404) {
      return { message: "This record is no longer yours to answer: someone else took it, it has all its answers, or it was removed. Skip to the next one.", retry: false };
    }
    if (error.status >= 500) return { message: `${error.message} Try again in a moment.`, retry: true };
    return { message: error.message, retry: false };
  }
  return { message: "Something unexpected went wrong. Reload the page to continue.", retry: true };
}

/** The message says the session has ended (see describeError): the user is offered "Sign in" with it. */
export function isSessionEnded(message: string): boolean {
  return message.startsWith(SESSION_ENDED);
}

/** My open flag on a record (a request for a curator's look, with an optional note). */
export interface MyFlag {
  flagged: boolean;
  note: string;
  createdAt: string | null;
}

function flagPath(recordId: string): string {
  return `/api/v1/records/${encodeURIComponent(recordId)}/flag`;
}

export const flagKey = (recordId: string) => ["annotate", "flag", recordId] as const;

export function fetchMyFlag(recordId: string): Promise<MyFlag> {
  return apiFetch<MyFlag>(flagPath(recordId));
}

export function setMyFlag(recordId: string, flagged: boolean, note: string): Promise<MyFlag> {
  return flagged ? apiFetch<MyFlag>(flagPath(recordId), { method: "PUT", body: { note } }) : apiFetch<MyFlag>(flagPath(recordId), { method: "DELETE" });
}
