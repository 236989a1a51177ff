// proxy.ts, called as Next.js calls it before each page: a fresh nonce in the page's Content-Security-Policy (and
// passed on to the rendering), HSTS only over HTTPS, and forged state-changing page requests (server actions) refused.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

function page(method: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest("http://127.0.0.1:3000/w/demo/admin/members", { method, headers: { host: "127.0.0.1:3000", ...headers } });
}

function nonceOf(policy: string | null): string {
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1] ?? "";
}

describe("proxy", () => {
  it("gives every page a Content-Security-Policy with a fresh nonce, and the rendering the same nonce", () => {
    const first = proxy(page("GET"));
    const second = proxy(page("GET"));
    const policy = first.headers.get("content-security-policy");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(nonceOf(policy)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonceOf(policy));
    // NextResponse.next({ request: { headers } }) hands the request's new headers on as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonceOf(policy));
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
  });

  it("sends HSTS only when the request came over HTTPS", () => {
    expect(proxy(page("GET")).headers.get("strict-transport-security")).toBeNull();
    expect(proxy(page("GET", { "x-forwarded-proto": "https" })).headers.get("strict-transport-security")).toMatch(/^max-age=/);
  });

  it("refuses a server action posted from another origin with 403 cross_site_request, and lets Sift's own through", async () => {
    const forged = proxy(page("POST", { "sec-fetch-site": "same-site", origin: "http://127.0.0.1:8081", "next-action": "x" }));
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("cross_site_request");
    const own = proxy(page("POST", { "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000", "next-action": "x" }));
    expect(own.status).toBe(200);
    expect(own.headers.get("x-middleware-next")).toBe("1");
  });

  it("runs on pages only: the API checks its own requests (the proxy would buffer upload bodies)", () => {
    const [matcher] = config.matcher;
    const pattern = new RegExp(`^${matcher}$`);
    for (const path of ["/", "/w/demo/admin/members", "/signin", "/docs/api"]) expect(pattern.test(path), path).toBe(true);
    for (const path of ["/api/v1/datasets", "/api/auth/signin", "/_next/static/chunks/a.js", "/icon.svg"]) expect(pattern.test(path), path).toBe(false);
  });
});
