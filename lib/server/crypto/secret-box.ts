// Secrets at rest (LLM providers' API keys): AES-256-GCM with a random 96-bit IV per value, so equal keys never
// encrypt to equal text, and an authentication tag, so a changed byte is refused rather than decrypted to garbage.
// Stored as `v1:<iv>:<tag>:<ciphertext>` (base64url): the version leaves room for another algorithm or key later.
// The key comes from SIFT_ENCRYPTION_KEY (32 bytes, base64/base64url or hex); `npm start` generates and keeps one.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const ENCRYPTION_KEY_VARIABLE = "SIFT_ENCRYPTION_KEY";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
// Binds a ciphertext to its purpose: a value encrypted by some other use of the same key would not decrypt here.
const ASSOCIATED_DATA = Buffer.from("sift:secret:v1");

/** The key is configuration: every problem with it says which variable to fix and how to make a good one. */
export class EncryptionKeyError extends Error {
  constructor(problem: string) {
    super(
      `${ENCRYPTION_KEY_VARIABLE} ${problem}. Set it to 32 random bytes in base64 or hex ` +
        "(`openssl rand -base64 32`); `npm start` generates one in .data/encryption-key.",
    );
    this.name = "EncryptionKeyError";
  }
}

/** A stored value that cannot be read back: malformed, tampered with, or encrypted under another key. */
export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

/** Parses a key given as 64 hex digits or as base64/base64url (with or without padding) of exactly 32 bytes. */
export function parseEncryptionKey(value: string | undefined): Buffer {
  const text = value?.trim() ?? "";
  if (text === "") throw new EncryptionKeyError("is not set");
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(text)) key = Buffer.from(text, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) key = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (!key) throw new EncryptionKeyError("is neither base64 nor hex");
  if (key.length !== KEY_BYTES) throw new EncryptionKeyError(`decodes to ${key.length} bytes, not ${KEY_BYTES}`);
  return key;
}

// Parsed once per distinct value: tests (and a process whose environment changes) get the current key.
let cached: { text: string | undefined; key: Buffer } | undefined;

function currentKey(): Buffer {
  const text = process.env[ENCRYPTION_KEY_VARIABLE];
  if (cached && cached.text === text) return cached.key;
  const key = parseEncryptionKey(text);
  cached = { text, key };
  return key;
}

export function encryptSecret(plain: string): string {
  const key = currentKey();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(ASSOCIATED_DATA);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return [VERSION, ...parts].join(":");
}

export function decryptSecret(stored: string): string {
  const parts = stored.split(":");
  if (parts[0] !== VERSION || parts.length !== 4) {
    throw new SecretDecryptionError(`The stored secret is not in the ${VERSION}:<iv>:<tag>:<ciphertext> format.`);
  }
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, "base64url"));
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || !ciphertext) {
    throw new SecretDecryptionError("The stored secret is truncated or malformed.");
  }
  const decipher = createDecipheriv("aes-256-gcm", currentKey(), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(ASSOCIATED_DATA);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError(
      `The stored secret cannot be decrypted with the current ${ENCRYPTION_KEY_VARIABLE}: the key changed since it ` +
        "was saved, or the value was altered. Set the key it was saved with, or enter the secret again.",
    );
  }
}

/** The last characters of a secret, enough for an admin to recognise which key is stored (never more than 4). */
export function secretHint(plain: string): string {
  return plain.length > 8 ? plain.slice(-4) : "";
}
