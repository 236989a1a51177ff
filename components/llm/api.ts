// The LLM tab's calls, through the same REST API that scripts use, and the types they answer with.
import type { DatasetLlmSettingsInput } from "@/lib/llm/dataset-llm-settings";
import type { LlmRunView, StartRunInput } from "@/lib/server/services/llm-runs";
import type { LlmSettingsView, PreviewRequest, PromptPreview, RunEstimate } from "@/lib/server/services/llm-settings";
import { ApiError, apiFetch } from "@/lib/ui/api-client";

export type { LlmRunView, LlmSettingsView, PreviewRequest, PromptPreview, RunEstimate, StartRunInput };
export type LlmSettings = LlmSettingsView["settings"];
export type Proposer = LlmSettings["proposers"][number];
export type SettingsQuestion = LlmSettingsView["questions"][number];
export type SettingsProvider = LlmSettingsView["providers"][number];

const dataset = (id: string) => `/api/v1/datasets/${encodeURIComponent(id)}`;

export const llmKeys = {
  settings: (datasetId: string) => ["llm-settings", datasetId] as const,
  runs: (datasetId: string) => ["llm-runs", datasetId] as const,
};

export const fetchSettings = (datasetId: string) => apiFetch<LlmSettingsView>(`${dataset(datasetId)}/llm-settings`);

export const saveSettings = (datasetId: string, settings: DatasetLlmSettingsInput) =>
  apiFetch<LlmSettingsView>(`${dataset(datasetId)}/llm-settings`, { method: "PUT", body: settings });

export const previewPrompt = (datasetId: string, body: PreviewRequest) =>
  apiFetch<PromptPreview>(`${dataset(datasetId)}/llm-settings/preview`, { method: "POST", body });

export const fetchRuns = async (datasetId: string) => (await apiFetch<{ runs: LlmRunView[] }>(`${dataset(datasetId)}/llm-runs`)).runs;

export const estimateRun = (datasetId: string, body: StartRunInput) =>
  apiFetch<RunEstimate>(`${dataset(datasetId)}/llm-runs/estimate`, { method: "POST", body });

export const startRun = (datasetId: string, body: StartRunInput) => apiFetch<LlmRunView>(`${dataset(datasetId)}/llm-runs`, { method: "POST", body });

export const runAction = (runId: string, action: "pause" | "resume" | "cancel") =>
  apiFetch<LlmRunView>(`/api/v1/llm-runs/${encodeURIComponent(runId)}/${action}`, { method: "POST" });

/** The API's problems whose path is `prefix` or lies under it (`proposers[0]` holds `proposers[0].strategy.variants`). */
export function problemsAt(details: readonly { where?: string; message: string }[], prefix: string): string[] {
  return details
    .filter((detail) => detail.where !== undefined && (detail.where === prefix || detail.where.startsWith(`${prefix}.`) || detail.where.startsWith(`${prefix}[`)))
    .map((detail) => detail.message);
}

export function errorDetails(error: unknown): { where?: string; message: string }[] {
  return error instanceof ApiError ? error.details : [];
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
