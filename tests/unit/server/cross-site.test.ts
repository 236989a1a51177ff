// The cross-site decision: which state-changing requests prove they come from Sift's own pages.
import { describe, expect, it } from "vitest";
import { appOrigin, crossSiteVerdict, isJsonMediaType } from "@/lib/server/security/cross-site";

const APP = "http://127.0.0.1:3000";

function verdict(method: string, headers: Record<string, string>, app = APP) {
  return crossSiteVerdict({ method, headers: new Headers(headers), appOrigin: app });
}

describe("crossSiteVerdict", () => {
  it("allows safe methods from anywhere", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(verdict(method, { "sec-fetch-site": "cross-site", origin: "http://evil.example" })).toEqual({ allowed: true });
    }
  });

  it("allows API-key requests whatever their origin", () => {
    expect(verdict("POST", { authorization: "Bearer sk_123", "sec-fetch-site": "cross-site" })).toEqual({ allowed: true });
    expect(verdict("DELETE", { authorization: "bearer sk_123" })).toEqual({ allowed: true });
  });

  it("allows a browser's same-origin writes", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(verdict(method, { "sec-fetch-site": "same-origin" })).toEqual({ allowed: true });
  });

  it("refuses another port of the same host (same-site), another site, and navigations typed by the user", () => {
    for (const site of ["same-site", "cross-site", "none"]) {
      const answer = verdict("POST", { "sec-fetch-site": site, origin: APP });
      expect(answer.allowed).toBe(false);
      expect(!answer.allowed && answer.reason).toContain(`Sec-Fetch-Site: ${site}`);
    }
  });

  it("trusts Sec-Fetch-Site over Origin (a page cannot set either, and Sec-Fetch-Site is the precise one)", () => {
    expect(verdict("POST", { "sec-fetch-site": "same-site", origin: APP }).allowed).toBe(false);
  });

  it("falls back to Origin when the browser sends no Sec-Fetch-Site", () => {
    expect(verdict("POST", { origin: APP })).toEqual({ allowed: true });
    expect(verdict("POST", { origin: "http://127.0.0.1:8081" }).allowed).toBe(false);
    expect(verdict("POST", { origin: "https://127.0.0.1:3000" }).allowed).toBe(false);
    expect(verdict("POST", { origin: "null" }).allowed).toBe(false);
  });

  it("compares only host and port when the app's origin is known by its host alone", () => {
    expect(verdict("POST", { origin: "http://sift.local:3000" }, "sift.local:3000")).toEqual({ allowed: true });
    expect(verdict("POST", { origin: "http://sift.local:3001" }, "sift.local:3000").allowed).toBe(false);
  });

  it("refuses a cookie request with neither header, and one whose Authorization is not a bearer key", () => {
    const bare = verdict("POST", {});
    expect(bare.allowed).toBe(false);
    expect(!bare.allowed && bare.reason).toContain("neither");
    expect(verdict("POST", { authorization: "Basic YTpi" }).allowed).toBe(false);
  });
});

describe("appOrigin", () => {
  it("is SIFT_PUBLIC_URL's origin, else AUTH_URL's, else the request's host", () => {
    const headers = new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "sift.example" });
    expect(appOrigin(headers, { SIFT_PUBLIC_URL: "https://sift.example/base/", AUTH_URL: "https://auth.example" })).toBe("https://sift.example");
    expect(appOrigin(headers, { AUTH_URL: "https://auth.example/api/auth" })).toBe("https://auth.example");
    expect(appOrigin(headers, { SIFT_PUBLIC_URL: "not a url" })).toBe("sift.example");
    expect(appOrigin(new Headers({ host: "127.0.0.1:3000" }), {})).toBe("127.0.0.1:3000");
  });
});

describe("isJsonMediaType", () => {
  it("accepts JSON (with parameters and +json) and the extra types named, nothing else", () => {
    expect(isJsonMediaType("application/json")).toBe(true);
    expect(isJsonMediaType("Application/JSON; charset=utf-8")).toBe(true);
    expect(isJsonMediaType("application/merge-patch+json")).toBe(true);
    expect(isJsonMediaType("application/x-ndjson", ["application/x-ndjson"])).toBe(true);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/x-ndjson", null, ""]) {
      expect(isJsonMediaType(type), String(type)).toBe(false);
    }
  });
});
