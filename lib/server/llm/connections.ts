// The worker's connections to providers, one per provider per process: the chat client (the `openai` package, the
// same code path for every OpenAI-compatible endpoint) and the gate that holds the provider's limits across
// processes. Re-read from the database every REFRESH_MS so that an admin's edits (key, limits, prices) reach running
// workers without a restart.
import { createChatClient } from "@/lib/llm/client";
import { pool } from "@/lib/server/db/client";
import { ProviderGate } from "@/lib/server/llm/provider-gate";
import type { ProviderConnection } from "@/lib/server/llm/vote-executor";
import { providerForCalls, type ProviderForCalls } from "@/lib/server/services/llm-providers";

const REFRESH_MS = 30_000;

interface Cached {
  connection: ProviderConnection;
  provider: ProviderForCalls;
  loadedAt: number;
  /** What the client was built from; a change rebuilds it. */
  clientKey: string;
}

const cache = new Map<string, Promise<Cached>>();

function clientKey(provider: ProviderForCalls): string {
  return JSON.stringify([provider.baseUrl, provider.apiKey, provider.settings.timeoutMs]);
}

function limitsOf(provider: ProviderForCalls) {
  return {
    maxConcurrency: provider.settings.maxConcurrency,
    requestsPerMinute: provider.settings.requestsPerMinute,
    tokensPerMinute: provider.settings.tokensPerMinute,
  };
}

function newClient(provider: ProviderForCalls) {
  // Sift's vote executor retries around the gate (a waiting call gives its slot back), so the client makes one
  // attempt per call.
  return createChatClient({ baseUrl: provider.baseUrl, apiKey: provider.apiKey, timeoutMs: provider.settings.timeoutMs, retry: { maxAttempts: 1 } });
}

async function load(providerId: string, previous: Cached | undefined): Promise<Cached> {
  const provider = await providerForCalls(providerId);
  const key = clientKey(provider);
  if (previous) {
    previous.connection.gate.setLimits(limitsOf(provider));
    if (previous.clientKey !== key) previous.connection.client = newClient(provider);
    previous.connection.models = provider.models;
    return { ...previous, provider, loadedAt: Date.now(), clientKey: key };
  }
  return {
    provider,
    loadedAt: Date.now(),
    clientKey: key,
    connection: {
      client: newClient(provider),
      gate: new ProviderGate(pool(), provider.id, limitsOf(provider)),
      // Until a test says otherwise, ask for structured output; the executor falls back if the endpoint refuses it.
      jsonSchemaSupported: provider.capabilities?.jsonSchema ?? true,
      models: provider.models,
    },
  };
}

/** The provider's connection in this process, refreshed when older than REFRESH_MS. */
export async function providerConnection(providerId: string): Promise<{ connection: ProviderConnection; provider: ProviderForCalls }> {
  let entry = cache.get(providerId);
  if (entry) {
    const current = await entry.catch(() => undefined);
    if (!current) cache.delete(providerId);
    else if (Date.now() - current.loadedAt > REFRESH_MS) {
      entry = load(providerId, current);
      cache.set(providerId, entry);
    }
  }
  if (!cache.has(providerId)) cache.set(providerId, load(providerId, undefined));
  const loaded = await cache.get(providerId)!;
  return { connection: loaded.connection, provider: loaded.provider };
}

/** Gives back every slot this process holds (the worker stopping). */
export async function closeProviderConnections(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  await Promise.all(entries.map(async (entry) => (await entry.catch(() => null))?.connection.gate.close()));
}
