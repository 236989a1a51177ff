// The two places where a provider's key is decrypted: "test connection" (an admin asks the endpoint what it can do)
// and `providerForCalls` (the worker, which is trusted, gets everything it needs to call the endpoint).
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { prismaQueryable } from "@/lib/server/db/prisma-queryable";
import { AppError, NotFoundError } from "@/lib/server/errors";
import { probeEndpoint } from "@/lib/llm/probe";
import type { ProviderCapabilities, ProviderModel, ProviderSettings } from "@/lib/llm/provider-settings";
import { readCapabilities } from "@/lib/llm/provider-settings";
import { decryptSecret, EncryptionKeyError, SecretDecryptionError } from "@/lib/server/crypto/secret-box";
import { isUuid } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { providerAccess } from "@/lib/server/services/llm-providers-access";
import { storedModels, storedSettings } from "@/lib/server/services/llm-providers-view";

export interface ProviderForCalls {
  id: string;
  workspaceId: string;
  name: string;
  baseUrl: string;
  /** Decrypted; null when the endpoint needs none. */
  apiKey: string | null;
  models: ProviderModel[];
  settings: ProviderSettings;
  capabilities: ProviderCapabilities | null;
}

/**
 * Everything the worker needs to call a provider, with its key decrypted. No actor: only trusted code (the worker,
 * services that already checked permissions) calls it. Throws NotFoundError when the provider is gone, and the
 * secret box's errors when the key cannot be decrypted (a changed or missing SIFT_ENCRYPTION_KEY).
 */
export async function providerForCalls(providerId: string): Promise<ProviderForCalls> {
  const row = isUuid(providerId) ? await db.llmProvider.findUnique({ where: { id: providerId } }) : null;
  if (!row) throw new NotFoundError("LLM provider");
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    baseUrl: row.baseUrl,
    apiKey: row.apiKeyEncrypted ? decryptSecret(row.apiKeyEncrypted) : null,
    models: storedModels(row.models),
    settings: storedSettings(row.settings),
    capabilities: readCapabilities(row.capabilities),
  };
}

/** The stored key for a test; a key that cannot be decrypted is the admin's to fix, so it says how. */
function apiKeyForTest(encrypted: string | null): string | null {
  if (!encrypted) return null;
  try {
    return decryptSecret(encrypted);
  } catch (error) {
    if (error instanceof SecretDecryptionError || error instanceof EncryptionKeyError) {
      throw new AppError(error.message, 409, "conflict", [{ where: "apiKey", message: error.message }]);
    }
    throw error;
  }
}

/**
 * Asks the endpoint whether it answers, which models it lists, and whether the provider's first model follows a
 * JSON schema and returns token log-probabilities; stores what it found (with when) and returns it. An endpoint that
 * fails is a result (`reachable: false` or `error`), not an exception.
 */
export async function testProviderConnection(actor: Actor, id: string): Promise<ProviderCapabilities> {
  const { provider: row } = await providerAccess(actor, id, "llm.providers.manage");
  const settings = storedSettings(row.settings);
  const result = await probeEndpoint({
    baseUrl: row.baseUrl,
    apiKey: apiKeyForTest(row.apiKeyEncrypted),
    model: storedModels(row.models)[0]?.name,
    timeoutMs: settings.timeoutMs,
  });
  const capabilities: ProviderCapabilities = {
    reachable: result.reachable,
    jsonSchema: result.jsonSchema,
    logprobs: result.logprobs,
    models: result.models,
    error: result.error,
    latencyMs: result.latencyMs,
    testedAt: new Date().toISOString(),
  };
  // updateMany: the provider may have been deleted while the probe ran; then there is nothing to store.
  await db.$transaction(async (tx) => {
    await tx.llmProvider.updateMany({ where: { id: row.id }, data: { capabilities } });
    await writeAudit(prismaQueryable(tx), {
      workspaceId: row.workspaceId,
      actorId: actor.userId,
      action: "llm_provider.test",
      targetType: "llm_provider",
      targetId: row.id,
      details: { name: row.name, reachable: result.reachable, jsonSchema: result.jsonSchema, logprobs: result.logprobs, error: result.error },
    });
  });
  return capabilities;
}
