// Runs once as the Next.js server starts, before it answers requests.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A client's own X-Forwarded-* / X-Real-IP headers are dropped unless SIFT_TRUST_PROXY=1 (see the module).
  const { installForwardedHeaderGuard } = await import("@/lib/server/security/forwarded-headers");
  installForwardedHeaderGuard();
}
