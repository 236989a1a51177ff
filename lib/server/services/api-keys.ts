// A user's own API keys: listed without their secret, created (the key is shown once), revoked.
import type { Actor } from "@/lib/server/auth/actor";
import { createApiKey } from "@/lib/server/auth/api-keys";
import { db, pool } from "@/lib/server/db/client";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { isUuid } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function listApiKeys(actor: Actor): Promise<ApiKeySummary[]> {
  return db.apiKey.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Creates a key for the actor and returns it in full: the only time it can be seen. */
export async function createOwnApiKey(actor: Actor, rawName: string): Promise<string> {
  const name = rawName.trim();
  if (name.length === 0 || name.length > 100) throw new ValidationError("Give the key a name of 1 to 100 characters.");
  const created = await createApiKey(actor.userId, name);
  await writeAudit(pool(), { workspaceId: null, actorId: actor.userId, action: "api_key.create", targetType: "api_key", targetId: created.prefix, details: { name } });
  return created.key;
}

export async function revokeOwnApiKey(actor: Actor, keyId: string): Promise<void> {
  const revoked = isUuid(keyId)
    ? await db.apiKey.updateMany({ where: { id: keyId, userId: actor.userId, revokedAt: null }, data: { revokedAt: new Date() } })
    : { count: 0 };
  if (revoked.count === 0) throw new NotFoundError("API key");
  await writeAudit(pool(), { workspaceId: null, actorId: actor.userId, action: "api_key.revoke", targetType: "api_key", targetId: keyId });
}
