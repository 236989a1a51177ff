// The browser's calls for the providers page, through the same REST API that scripts use.
import type { ProviderCapabilities, ProviderInputRaw } from "@/lib/llm/provider-settings";
import type { LlmProviderView } from "@/lib/server/services/llm-providers-view";
import { apiFetch } from "@/lib/ui/api-client";

export const providersKey = (workspace: string) => ["llm-providers", workspace] as const;

export async function fetchProviders(workspace: string): Promise<LlmProviderView[]> {
  const { providers } = await apiFetch<{ providers: LlmProviderView[] }>(`/api/v1/llm-providers?workspace=${encodeURIComponent(workspace)}`);
  return providers;
}

export function createProvider(workspace: string, body: ProviderInputRaw): Promise<LlmProviderView> {
  return apiFetch<LlmProviderView>("/api/v1/llm-providers", { method: "POST", body: { workspace, ...body } });
}

export function updateProvider(id: string, body: Partial<ProviderInputRaw>): Promise<LlmProviderView> {
  return apiFetch<LlmProviderView>(`/api/v1/llm-providers/${encodeURIComponent(id)}`, { method: "PATCH", body });
}

export function deleteProvider(id: string): Promise<void> {
  return apiFetch<unknown>(`/api/v1/llm-providers/${encodeURIComponent(id)}`, { method: "DELETE" }).then(() => undefined);
}

export function testProvider(id: string): Promise<ProviderCapabilities> {
  return apiFetch<ProviderCapabilities>(`/api/v1/llm-providers/${encodeURIComponent(id)}/test`, { method: "POST" });
}
