// A stored LLM provider as people and the API see it: never the key itself, only whether there is one and, for the
// admins who manage providers, its last characters (to recognise which key is stored) or why it cannot be read.
import {
  providerModelsSchema,
  providerSettingsSchema,
  readCapabilities,
  type ProviderCapabilities,
  type ProviderModel,
  type ProviderSettings,
} from "@/lib/llm/provider-settings";
import { decryptSecret, secretHint } from "@/lib/server/crypto/secret-box";
import type { LlmProvider } from "@/lib/server/generated/prisma/client";

export interface LlmProviderView extends ProviderSettings {
  id: string;
  workspaceId: string;
  name: string;
  baseUrl: string;
  models: ProviderModel[];
  hasApiKey: boolean;
  /** The key's last 4 characters; null for viewers who do not manage providers, short keys, or no key. */
  apiKeyLast4: string | null;
  /** For managers: why the stored key cannot be decrypted (the encryption key changed or is missing); else null. */
  apiKeyProblem: string | null;
  /** What the last "test connection" found; null until the first test or after the endpoint was changed. */
  capabilities: ProviderCapabilities | null;
  createdAt: string;
  updatedAt: string;
}

/** Stored JSON as written by the service; an unreadable value (hand-edited row) reads as the defaults, not a crash. */
export function storedModels(value: unknown): ProviderModel[] {
  const parsed = providerModelsSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

export function storedSettings(value: unknown): ProviderSettings {
  const parsed = providerSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : providerSettingsSchema.parse({});
}

function keyDetails(encrypted: string | null, forManager: boolean): Pick<LlmProviderView, "apiKeyLast4" | "apiKeyProblem"> {
  if (!encrypted || !forManager) return { apiKeyLast4: null, apiKeyProblem: null };
  try {
    return { apiKeyLast4: secretHint(decryptSecret(encrypted)) || null, apiKeyProblem: null };
  } catch (error) {
    return { apiKeyLast4: null, apiKeyProblem: error instanceof Error ? error.message : String(error) };
  }
}

export function providerView(row: LlmProvider, options: { forManager: boolean }): LlmProviderView {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    baseUrl: row.baseUrl,
    models: storedModels(row.models),
    ...storedSettings(row.settings),
    hasApiKey: row.apiKeyEncrypted !== null,
    ...keyDetails(row.apiKeyEncrypted, options.forManager),
    capabilities: readCapabilities(row.capabilities),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
