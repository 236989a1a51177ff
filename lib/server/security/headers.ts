// Security headers of Sift's responses (pure: the proxy and next.config.ts apply them).

export interface PolicyOptions {
  /** Per-request random value that marks Sift's own inline and bootstrap scripts. */
  nonce: string;
  /** `next dev` evaluates code for fast refresh and source maps, which needs 'unsafe-eval'. */
  development: boolean;
  /** Extra origins forms may be sent to: sign-in providers, whose pages a no-JavaScript sign-in form redirects to. */
  formTargets?: readonly string[];
}

/**
 * The Content-Security-Policy of every page. Scripts run only with this request's nonce (Next.js puts it on its
 * own scripts, app/layout.tsx on the theme script) and what those load ('strict-dynamic'); so an injected
 * `<script>` or inline handler does not run. Styles allow inline ones: React's `style` props and the charts use
 * them, and an injected style cannot run code. Images may come from any http(s) host because image fields are URLs
 * of other hosts. No page may be framed (clickjacking of the role controls), no plugins, no `<base>` elsewhere.
 */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const scriptSources = ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", ...scriptSources],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", "https:", "http:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...(options.formTargets ?? [])],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** The origins of the configured external sign-in providers (GitHub, OIDC), for `form-action`. */
export function signInProviderOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const origins: string[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) origins.push("https://github.com");
  if (env.AUTH_OIDC_ISSUER) {
    try {
      origins.push(new URL(env.AUTH_OIDC_ISSUER).origin);
    } catch {
      // next-auth reports a malformed issuer itself.
    }
  }
  return origins;
}

/** A year, the usual HSTS lifetime; only ever sent over HTTPS (browsers ignore it over HTTP anyway). */
const HSTS = "max-age=31536000; includeSubDomains";

/** Headers every response carries, pages and API alike; HSTS only when the request came over HTTPS. */
export function commonSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    ...(https ? { "strict-transport-security": HSTS } : {}),
  };
}

/**
 * The API's own policy: its answers are data, never documents to render or frame (a JSON error that echoes input
 * cannot become a page).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Whether the request reached Sift over HTTPS: X-Forwarded-Proto, set from the socket unless a trusted proxy set it. */
export function cameOverHttps(headers: Headers): boolean {
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}
