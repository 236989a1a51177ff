// The Content-Security-Policy and the other security headers.
import { describe, expect, it } from "vitest";
import { cameOverHttps, commonSecurityHeaders, contentSecurityPolicy, signInProviderOrigins } from "@/lib/server/security/headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name!, sources];
  }));
}

describe("contentSecurityPolicy", () => {
  it("runs only scripts with the request's nonce, and forbids framing, plugins and foreign <base>", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123", development: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    // Image fields are URLs of other hosts.
    expect(policy.get("img-src")).toEqual(expect.arrayContaining(["'self'", "https:", "http:", "data:"]));
  });

  it("allows eval only in development (next dev's fast refresh)", () => {
    expect(contentSecurityPolicy({ nonce: "n", development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", development: false })).not.toContain("'unsafe-eval'");
  });

  it("lets forms reach the configured sign-in providers", () => {
    const origins = signInProviderOrigins({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s", AUTH_OIDC_ISSUER: "https://idp.example/realms/x" });
    expect(origins).toEqual(["https://github.com", "https://idp.example"]);
    expect(directives(contentSecurityPolicy({ nonce: "n", development: false, formTargets: origins })).get("form-action")).toEqual([
      "'self'",
      "https://github.com",
      "https://idp.example",
    ]);
    expect(signInProviderOrigins({})).toEqual([]);
  });
});

describe("commonSecurityHeaders", () => {
  it("always says nosniff and a referrer policy, and HSTS only over HTTPS", () => {
    expect(commonSecurityHeaders(false)).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
    expect(commonSecurityHeaders(false)["strict-transport-security"]).toBeUndefined();
    expect(commonSecurityHeaders(true)["strict-transport-security"]).toMatch(/^max-age=\d+/);
    expect(cameOverHttps(new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(cameOverHttps(new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(cameOverHttps(new Headers())).toBe(false);
  });
});
