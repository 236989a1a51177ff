// Runs before every page (not the API, whose bodies it would buffer: the API checks requests in requestActor).
// 1. Refuses state-changing page requests (server actions) that do not come from Sift's own pages: Next.js checks
//    a server action's Origin against the Host itself; this is the same rule as the API's, applied first.
// 2. Gives each page a Content-Security-Policy with a fresh nonce, passed on to the rendering in the request's
//    headers (Next.js reads the nonce from the request's Content-Security-Policy; app/layout.tsx from x-nonce).
import { NextResponse, type NextRequest } from "next/server";
import { appOrigin, crossSiteVerdict, refusalBody } from "@/lib/server/security/cross-site";
import { cameOverHttps, commonSecurityHeaders, contentSecurityPolicy, signInProviderOrigins } from "@/lib/server/security/headers";

function freshNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function proxy(request: NextRequest): NextResponse {
  const verdict = crossSiteVerdict({ method: request.method, headers: request.headers, appOrigin: appOrigin(request.headers) });
  if (!verdict.allowed) {
    return NextResponse.json(refusalBody(verdict.reason), { status: 403 });
  }
  const nonce = freshNonce();
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", formTargets: signInProviderOrigins() });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", policy);
  const hsts = commonSecurityHeaders(cameOverHttps(request.headers))["strict-transport-security"];
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  // Everything but the API, Auth.js (its own CSRF token) and static files.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon.ico|icon.svg).*)"],
};
