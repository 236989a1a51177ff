// Reaching one LLM provider: through its workspace, so that another workspace's provider answers 404 exactly as one
// that does not exist, and a role without the permission answers 403.
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import type { LlmProvider } from "@/lib/server/generated/prisma/client";
import type { Permission } from "@/lib/server/policy";
import { isUuid, workspaceAccess, type WorkspaceAccess } from "@/lib/server/services/access";

export interface ProviderAccess {
  provider: LlmProvider;
  workspace: WorkspaceAccess;
}

export async function providerAccess(actor: Actor, id: string, permission: Permission): Promise<ProviderAccess> {
  const provider = isUuid(id) ? await db.llmProvider.findUnique({ where: { id } }) : null;
  if (!provider) throw new NotFoundError("LLM provider");
  try {
    return { provider, workspace: await workspaceAccess(actor, provider.workspaceId, permission) };
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError("LLM provider");
    throw error;
  }
}
