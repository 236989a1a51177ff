// The environment every process of Sift gets from our scripts, whatever the user's shell has or lacks.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./paths";

/** Settings that are never a choice when run through our scripts. */
export function appEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    // Otherwise Next.js tries to reach its telemetry host, which is slow (and fails) on an offline machine.
    NEXT_TELEMETRY_DISABLED: "1",
    // next-auth v5 refuses requests whose Host it has not been told to trust; behind our own `next start` it is ours.
    AUTH_TRUST_HOST: base.AUTH_TRUST_HOST ?? "true",
  };
}

export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

const AUTH_SECRET_FILE = path.join(dataDir, "auth-secret");
const ENCRYPTION_KEY_FILE = path.join(dataDir, "encryption-key");

/** A secret generated once and kept in a file of .data/ readable by its owner only. */
function persistentSecret(file: string): string {
  if (existsSync(file)) {
    const saved = readFileSync(file, "utf8").trim();
    if (saved) return saved;
  }
  const secret = newSecret();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * AUTH_SECRET signs the session cookies. Generated once and kept in .data/, so sessions survive a restart of
 * `npm start` without the user having to invent a secret; an AUTH_SECRET in the environment always wins.
 */
export function persistentAuthSecret(): string {
  return persistentSecret(AUTH_SECRET_FILE);
}

/**
 * SIFT_ENCRYPTION_KEY encrypts the LLM providers' API keys in the database (lib/server/crypto/secret-box.ts): 32
 * random bytes, base64url. Kept in .data/encryption-key, because losing it makes the stored keys unreadable; one in
 * the environment always wins. The web server and the worker (which decrypts keys to call providers) both need it.
 */
export function persistentEncryptionKey(): string {
  return persistentSecret(ENCRYPTION_KEY_FILE);
}
