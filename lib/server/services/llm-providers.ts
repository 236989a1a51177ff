// A workspace's LLM providers: OpenAI-compatible endpoints with models, prices, limits and an API key kept encrypted
// (lib/server/crypto/secret-box.ts). Admins add, change, test and delete them (`llm.providers.manage`); curators see
// them without their keys to choose proposers (`llm.providers.view`). A provider of another workspace answers 404.
import type { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { prismaQueryable } from "@/lib/server/db/prisma-queryable";
import { AppError, ConflictError, ValidationError } from "@/lib/server/errors";
import type { LlmProvider, Prisma } from "@/lib/server/generated/prisma/client";
import {
  providerCreateBodySchema,
  providerInputSchema,
  providerUpdateSchema,
  type ProviderInput,
  type ProviderSettings,
  type ProviderUpdate,
} from "@/lib/llm/provider-settings";
import { EncryptionKeyError, encryptSecret } from "@/lib/server/crypto/secret-box";
import { can } from "@/lib/server/policy";
import { listWorkspaces, workspaceAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { providerAccess } from "@/lib/server/services/llm-providers-access";
import { providerView, storedSettings, type LlmProviderView } from "@/lib/server/services/llm-providers-view";
import { zodDetails } from "@/lib/server/validation";

export type { LlmProviderView } from "@/lib/server/services/llm-providers-view";
export { providerForCalls, testProviderConnection, type ProviderForCalls } from "@/lib/server/services/llm-providers-connection";
export { providerAccess } from "@/lib/server/services/llm-providers-access";

export async function listLlmProviders(actor: Actor, workspaceIdOrSlug: string): Promise<LlmProviderView[]> {
  const workspace = await workspaceAccess(actor, workspaceIdOrSlug, "llm.providers.view");
  const rows = await db.llmProvider.findMany({ where: { workspaceId: workspace.workspaceId }, orderBy: { name: "asc" } });
  const forManager = can(workspace.role, "llm.providers.manage");
  return rows.map((row) => providerView(row, { forManager }));
}

/** `GET /api/v1/llm-providers`: one workspace's providers, or those of every workspace where the caller may see them. */
export async function listLlmProvidersOfCaller(actor: Actor, workspaceIdOrSlug?: string): Promise<LlmProviderView[]> {
  if (workspaceIdOrSlug) return listLlmProviders(actor, workspaceIdOrSlug);
  const workspaces = (await listWorkspaces(actor)).filter((workspace) => can(workspace.role, "llm.providers.view"));
  const lists = await Promise.all(workspaces.map((workspace) => listLlmProviders(actor, workspace.workspaceId)));
  return lists.flat();
}

export async function getLlmProvider(actor: Actor, id: string): Promise<LlmProviderView> {
  const { provider, workspace } = await providerAccess(actor, id, "llm.providers.view");
  return providerView(provider, { forManager: can(workspace.role, "llm.providers.manage") });
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const details = zodDetails(parsed.error);
    throw new ValidationError(`The provider is not valid: ${details.map((detail) => detail.message).join("; ")}.`, details);
  }
  return parsed.data;
}

/** Encrypts a key for storage; without SIFT_ENCRYPTION_KEY the admin learns what the operator must set. */
function sealApiKey(plain: string): string {
  try {
    return encryptSecret(plain);
  } catch (error) {
    if (error instanceof EncryptionKeyError) {
      throw new AppError(`API keys cannot be stored on this server yet: ${error.message}`, 500, "encryption_key_missing", [
        { where: "apiKey", message: error.message },
      ]);
    }
    throw error;
  }
}

function settingsOf(source: ProviderSettings): ProviderSettings {
  return {
    maxConcurrency: source.maxConcurrency,
    requestsPerMinute: source.requestsPerMinute,
    tokensPerMinute: source.tokensPerMinute,
    timeoutMs: source.timeoutMs,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

function duplicateName(name: string): ConflictError {
  return new ConflictError(`A provider named "${name}" already exists in this workspace.`);
}

async function assertNameFree(workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const taken = await db.llmProvider.findFirst({ where: { workspaceId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (taken) throw duplicateName(name);
}

/** Creates a provider in a workspace where the actor manages providers. */
export async function createLlmProvider(actor: Actor, workspaceIdOrSlug: string, body: unknown): Promise<LlmProviderView> {
  const workspace = await workspaceAccess(actor, workspaceIdOrSlug, "llm.providers.manage");
  const input: ProviderInput = parse(providerInputSchema, body);
  await assertNameFree(workspace.workspaceId, input.name);
  const apiKeyEncrypted = input.apiKey ? sealApiKey(input.apiKey) : null;
  const row = await db
    .$transaction(async (tx) => {
      const created = await tx.llmProvider.create({
        data: {
          workspaceId: workspace.workspaceId,
          name: input.name,
          baseUrl: input.baseUrl,
          models: input.models,
          apiKeyEncrypted,
          settings: settingsOf(input),
        },
      });
      await writeAudit(prismaQueryable(tx), {
        workspaceId: workspace.workspaceId,
        actorId: actor.userId,
        action: "llm_provider.create",
        targetType: "llm_provider",
        targetId: created.id,
        details: { name: input.name, baseUrl: input.baseUrl, models: input.models.map((model) => model.name), apiKey: Boolean(apiKeyEncrypted) },
      });
      return created;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw duplicateName(input.name);
      throw error;
    });
  return providerView(row, { forManager: true });
}

/** `POST /api/v1/llm-providers`: `{ workspace: slug or id, ...provider }`. */
export async function createLlmProviderFromBody(actor: Actor, body: unknown): Promise<LlmProviderView> {
  const { workspace, ...input } = parse(providerCreateBodySchema, body);
  return createLlmProvider(actor, workspace, input);
}

/** What an update changes, for the row and for the audit log (which says what changed, never the key). */
function changesOf(provider: LlmProvider, update: ProviderUpdate): { data: Prisma.LlmProviderUpdateInput; changed: string[] } {
  const data: Prisma.LlmProviderUpdateInput = {};
  const changed: string[] = [];
  if (update.name !== undefined && update.name !== provider.name) {
    data.name = update.name;
    changed.push("name");
  }
  if (update.baseUrl !== undefined && update.baseUrl !== provider.baseUrl) {
    data.baseUrl = update.baseUrl;
    changed.push("baseUrl");
  }
  if (update.models !== undefined && JSON.stringify(update.models) !== JSON.stringify(provider.models)) {
    data.models = update.models;
    changed.push("models");
  }
  if (update.apiKey !== undefined) {
    // "" removes the key; any other value replaces it (re-entering the same key counts as a change: we cannot tell).
    data.apiKeyEncrypted = update.apiKey === "" ? null : sealApiKey(update.apiKey);
    if (update.apiKey !== "" || provider.apiKeyEncrypted !== null) changed.push(update.apiKey === "" ? "apiKey (removed)" : "apiKey");
  }
  const before = storedSettings(provider.settings);
  const after: ProviderSettings = {
    maxConcurrency: update.maxConcurrency ?? before.maxConcurrency,
    // null is a value here (no limit): only an absent key keeps the stored one.
    requestsPerMinute: update.requestsPerMinute === undefined ? before.requestsPerMinute : update.requestsPerMinute,
    tokensPerMinute: update.tokensPerMinute === undefined ? before.tokensPerMinute : update.tokensPerMinute,
    timeoutMs: update.timeoutMs ?? before.timeoutMs,
  };
  const settingsChanged = (Object.keys(before) as (keyof ProviderSettings)[]).filter((key) => before[key] !== after[key]);
  if (settingsChanged.length > 0) {
    data.settings = after;
    changed.push(...settingsChanged);
  }
  // A test describes one endpoint, key and model: after any of them changes, it no longer says anything.
  if (changed.some((key) => key === "baseUrl" || key === "models" || key.startsWith("apiKey"))) data.capabilities = {};
  return { data, changed };
}

/** Changes the keys given (see providerUpdateSchema: absent keeps, `apiKey: ""` removes the key). */
export async function updateLlmProvider(actor: Actor, id: string, body: unknown): Promise<LlmProviderView> {
  const { provider } = await providerAccess(actor, id, "llm.providers.manage");
  const update = parse(providerUpdateSchema, body);
  if (update.name !== undefined && update.name !== provider.name) await assertNameFree(provider.workspaceId, update.name, provider.id);
  const { data, changed } = changesOf(provider, update);
  if (changed.length === 0) return providerView(provider, { forManager: true });
  const row = await db
    .$transaction(async (tx) => {
      const updated = await tx.llmProvider.update({ where: { id: provider.id }, data });
      await writeAudit(prismaQueryable(tx), {
        workspaceId: provider.workspaceId,
        actorId: actor.userId,
        action: "llm_provider.update",
        targetType: "llm_provider",
        targetId: provider.id,
        details: { name: updated.name, changed },
      });
      return updated;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw duplicateName(update.name ?? provider.name);
      throw error;
    });
  return providerView(row, { forManager: true });
}

export async function deleteLlmProvider(actor: Actor, id: string): Promise<{ id: string; deleted: true }> {
  const { provider } = await providerAccess(actor, id, "llm.providers.manage");
  await db.$transaction(async (tx) => {
    await tx.llmProvider.delete({ where: { id: provider.id } });
    await writeAudit(prismaQueryable(tx), {
      workspaceId: provider.workspaceId,
      actorId: actor.userId,
      action: "llm_provider.delete",
      targetType: "llm_provider",
      targetId: provider.id,
      details: { name: provider.name, baseUrl: provider.baseUrl },
    });
  });
  return { id: provider.id, deleted: true };
}
