import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  decryptSecret,
  EncryptionKeyError,
  encryptSecret,
  parseEncryptionKey,
  secretHint,
  SecretDecryptionError,
} from "@/lib/server/crypto/secret-box";

const original = process.env.SIFT_ENCRYPTION_KEY;
const keyBytes = randomBytes(32);

beforeEach(() => {
  process.env.SIFT_ENCRYPTION_KEY = keyBytes.toString("base64");
});
afterEach(() => {
  if (original === undefined) delete process.env.SIFT_ENCRYPTION_KEY;
  else process.env.SIFT_ENCRYPTION_KEY = original;
});

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, including non-ASCII and empty values", () => {
    for (const plain of ["sk-proj-abc123", "ключ 🔑", ""]) expect(decryptSecret(encryptSecret(plain))).toBe(plain);
  });

  it("writes v1:<iv>:<tag>:<ciphertext> in base64url, with a fresh IV each time", () => {
    const first = encryptSecret("sk-same");
    const second = encryptSecret("sk-same");
    expect(first).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("sk-same");
  });

  it("refuses a tampered ciphertext, tag or IV", () => {
    const stored = encryptSecret("sk-secret-value");
    const parts = stored.split(":");
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 0x01;
      const tampered = parts.map((part, i) => (i === index ? bytes.toString("base64url") : part)).join(":");
      expect(() => decryptSecret(tampered)).toThrow(SecretDecryptionError);
    }
  });

  it("refuses a value encrypted under another key, saying the key changed", () => {
    const stored = encryptSecret("sk-secret-value");
    process.env.SIFT_ENCRYPTION_KEY = randomBytes(32).toString("hex");
    expect(() => decryptSecret(stored)).toThrow(/cannot be decrypted with the current SIFT_ENCRYPTION_KEY/);
  });

  it("refuses malformed stored values", () => {
    expect(() => decryptSecret("sk-plain-text")).toThrow(/v1:<iv>:<tag>:<ciphertext>/);
    expect(() => decryptSecret("v1:abc:def:ghi")).toThrow(/truncated or malformed/);
  });

  it("names the variable when the key is missing", () => {
    delete process.env.SIFT_ENCRYPTION_KEY;
    expect(() => encryptSecret("x")).toThrow(EncryptionKeyError);
    expect(() => encryptSecret("x")).toThrow(/^SIFT_ENCRYPTION_KEY is not set\. .*openssl rand -base64 32/);
  });
});

describe("parseEncryptionKey", () => {
  it("accepts 32 bytes as base64, base64url (with or without padding) and hex", () => {
    for (const text of [
      keyBytes.toString("base64"),
      keyBytes.toString("base64url"),
      keyBytes.toString("base64").replace(/=+$/, ""),
      keyBytes.toString("hex"),
      keyBytes.toString("hex").toUpperCase(),
      `  ${keyBytes.toString("base64")}\n`,
    ]) {
      expect(parseEncryptionKey(text).equals(keyBytes), text).toBe(true);
    }
  });

  it("says what is wrong with a malformed key, naming the variable", () => {
    expect(() => parseEncryptionKey(randomBytes(16).toString("base64"))).toThrow(/^SIFT_ENCRYPTION_KEY decodes to 16 bytes, not 32/);
    expect(() => parseEncryptionKey("not a key!")).toThrow(/^SIFT_ENCRYPTION_KEY is neither base64 nor hex/);
    expect(() => parseEncryptionKey("   ")).toThrow(/^SIFT_ENCRYPTION_KEY is not set/);
  });
});

describe("secretHint", () => {
  it("shows the last 4 characters of a long secret and nothing of a short one", () => {
    expect(secretHint("sk-proj-1234567890abcd")).toBe("abcd");
    expect(secretHint("short")).toBe("");
  });
});
