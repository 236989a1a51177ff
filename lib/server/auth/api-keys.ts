// API keys: `sift_<prefix>_<secret>`. Only a SHA-256 of the whole key is stored (a key has 160 random bits, so a
// fast hash is enough, and it allows a lookup by hash); the prefix lets a user recognise a key in the list.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/server/db/client";

export interface NewApiKey {
  key: string;
  prefix: string;
  secretHash: string;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(4).toString("hex");
  const key = `sift_${prefix}_${randomBytes(20).toString("base64url")}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

export async function createApiKey(userId: string, name: string, key?: string): Promise<NewApiKey> {
  const created = key ? { key, prefix: key.slice(0, 13), secretHash: hashApiKey(key) } : generateApiKey();
  await db.apiKey.upsert({
    where: { secretHash: created.secretHash },
    create: { userId, name, prefix: created.prefix, secretHash: created.secretHash },
    update: {},
  });
  return created;
}

/** The user an API key belongs to, or null for an unknown or revoked key or a deactivated user. */
export async function userIdForApiKey(key: string): Promise<string | null> {
  const found = await db.apiKey.findUnique({ where: { secretHash: hashApiKey(key) }, include: { user: { select: { deactivatedAt: true } } } });
  // A deactivated user's keys stop working at once (and start again if the owner reactivates them).
  if (!found || found.revokedAt || found.user.deactivatedAt) return null;
  // Recording the last use is best effort and must not slow or fail the request.
  void db.apiKey.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  return found.userId;
}
