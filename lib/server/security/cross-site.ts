// Cross-site request forgery, decided from the request's headers alone (pure: no Next.js, no database).
//
// A browser sends the session cookie with every request to Sift, including the ones another page makes it send: a
// form posted from another origin of the same site (another port of the same host is the same site, so
// `SameSite=Lax` does not stop it) or a `no-cors` fetch. A state-changing request authenticated by the cookie must
// therefore prove that it comes from Sift's own pages. Browsers say where a request comes from in headers a page
// cannot set: `Sec-Fetch-Site` (every current browser) and `Origin` (older ones). Requests with
// `Authorization: Bearer` are API-key requests: no browser attaches a key by itself, so they are not at risk.

/** Methods that change nothing (RFC 9110 safe methods): never refused. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type CrossSiteVerdict = { allowed: true } | { allowed: false; reason: string };

export interface CrossSiteQuestion {
  method: string;
  headers: Headers;
  /** Sift's own origin (`http://host:port`), or its host (`host:port`) when only the host is known. */
  appOrigin: string;
}

const ALLOW: CrossSiteVerdict = { allowed: true };

function refuse(reason: string): CrossSiteVerdict {
  return { allowed: false, reason };
}

/** Whether the request carries an API key (`Authorization: Bearer …`), which no browser sends on its own. */
export function isApiKeyRequest(headers: Headers): boolean {
  return /^\s*Bearer\s/i.test(headers.get("authorization") ?? "");
}

/** Compares an `Origin` header with the app's origin, or with its host when the app's origin has no scheme. */
function sameOrigin(origin: string, appOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and garbage are never Sift
  }
  if (!appOrigin.includes("://")) return parsed.host.toLowerCase() === appOrigin.toLowerCase();
  return parsed.origin === appOrigin;
}

/**
 * Whether a request may go on. Safe methods and API-key requests always may; anything else must come from Sift's own
 * pages: `Sec-Fetch-Site: same-origin`, or, from a browser that does not send `Sec-Fetch-Site`, an `Origin` equal to
 * Sift's. A request with neither header is refused: every browser that could be made to send it sends one of them,
 * and scripts should use an API key.
 */
export function crossSiteVerdict(question: CrossSiteQuestion): CrossSiteVerdict {
  if (SAFE_METHODS.has(question.method.toUpperCase())) return ALLOW;
  if (isApiKeyRequest(question.headers)) return ALLOW;
  const site = question.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site) {
    if (site === "same-origin") return ALLOW;
    return refuse(`the browser says it comes from another origin (Sec-Fetch-Site: ${site})`);
  }
  const origin = question.headers.get("origin")?.trim();
  if (!origin) return refuse("it has neither a Sec-Fetch-Site nor an Origin header");
  if (sameOrigin(origin, question.appOrigin)) return ALLOW;
  return refuse(`its Origin ${JSON.stringify(origin.slice(0, 200))} is not Sift's own`);
}

/** What a refused request is told (the API's error shape). */
export function refusalMessage(reason: string): string {
  return `This request was refused because ${reason}. Sift's pages make these requests themselves; scripts and other sites must use an API key (Authorization: Bearer).`;
}

export function refusalBody(reason: string): { error: { code: "cross_site_request"; message: string; details: [] } } {
  return { error: { code: "cross_site_request", message: refusalMessage(reason), details: [] } };
}

/**
 * Sift's own origin, to compare `Origin` with: SIFT_PUBLIC_URL, else AUTH_URL (the public URL next-auth is told),
 * else the host the request was sent to (`X-Forwarded-Host` is only ever a trusted proxy's: see
 * lib/server/security/forwarded-headers.ts, which drops a client's own forwarding headers).
 */
export function appOrigin(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  for (const configured of [env.SIFT_PUBLIC_URL, env.AUTH_URL]) {
    if (!configured) continue;
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed URL is reported where it is used; fall back to the request's host.
    }
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host")?.trim() || "";
  return host;
}

/** Media types a JSON endpoint accepts from a browser: `application/json` and `application/*+json`. */
export function isJsonMediaType(contentType: string | null, extra: readonly string[] = []): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type) || extra.includes(type);
}
