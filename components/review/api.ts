// The review tab's calls to the API, and the query keys they are cached under.
import type { ResolveResult, ReviewList, ReviewReason, ReviewRecord } from "@/lib/server/services/review";
import { apiFetch } from "@/lib/ui/api-client";

export type { ResolveResult, ReviewList, ReviewReason, ReviewRecord };
export type ReviewListItem = ReviewList["items"][number];

export const reviewKeys = {
  all: (datasetId: string) => ["review", datasetId] as const,
  list: (datasetId: string, reason: ReviewReason | null) => ["review", datasetId, "list", reason] as const,
  record: (datasetId: string, recordId: string) => ["review", datasetId, "record", recordId] as const,
};

export function fetchReviewList(datasetId: string, reason: ReviewReason | null, after: string | null): Promise<ReviewList> {
  const query = new URLSearchParams();
  if (reason) query.set("reason", reason);
  if (after) query.set("after", after);
  const suffix = query.size > 0 ? `?${query}` : "";
  return apiFetch<ReviewList>(`/api/v1/datasets/${encodeURIComponent(datasetId)}/review${suffix}`);
}

export function fetchReviewRecord(recordId: string): Promise<ReviewRecord> {
  return apiFetch<ReviewRecord>(`/api/v1/records/${encodeURIComponent(recordId)}/review`);
}

export function resolveRecord(recordId: string, values: Record<string, unknown>): Promise<ResolveResult> {
  return apiFetch<ResolveResult>(`/api/v1/records/${encodeURIComponent(recordId)}/resolve`, { method: "POST", body: { values } });
}

export const REASON_LABELS: Record<ReviewReason, string> = {
  human_disagreement: "Annotators disagree",
  llm_disagreement: "Disagrees with the LLM",
  flagged: "Flagged",
};
