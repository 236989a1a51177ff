// Forwarding headers (`X-Forwarded-For`, `X-Forwarded-Host`, `X-Forwarded-Proto`, `X-Real-IP`, `Forwarded`) say
// who the client is and how it reached Sift, but only a reverse proxy in front of Sift can vouch for them: without
// one, they are whatever the client wrote. Next.js fills `X-Forwarded-For/-Host/-Proto/-Port` from the connection
// only when they are absent (`??=`), so a client that sends its own keeps them, and a rotating `X-Forwarded-For`
// used to make every sign-in attempt look like it came from a new address.
//
// Unless SIFT_TRUST_PROXY=1, the web server therefore drops a client's own forwarding headers as each request
// arrives, before Next.js sees it; Next.js then fills them from the socket (client address, `Host`, TLS or not), so
// everything downstream (the sign-in limit, the app's origin, HSTS) can read them as facts.
//
// instrumentation.ts installs the hook while Next.js initialises, which it finishes before answering any request.
// Requests that arrive in the second or so between the port opening and that point (before `npm start` reports
// ready) were received before the hook and keep their headers; Next.js serves them once initialised.
import http from "node:http";
import https from "node:https";

export const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"] as const;

export function trustsProxy(env: Record<string, string | undefined> = process.env): boolean {
  return env.SIFT_TRUST_PROXY === "1";
}

/** Removes the forwarding headers a client sent, unless a trusted proxy sent them. */
export function dropUntrustedForwarding(headers: http.IncomingHttpHeaders, trustProxy: boolean): void {
  if (trustProxy) return;
  for (const name of FORWARDING_HEADERS) delete headers[name];
}

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

const installed = Symbol.for("sift.forwardedHeaderGuard");

/**
 * Hooks every HTTP(S) server of this process (Next.js's own included, already created or not) so that each incoming
 * request loses its untrusted forwarding headers before any listener sees it. SIFT_TRUST_PROXY is read per request.
 * Idempotent.
 */
export function installForwardedHeaderGuard(): void {
  for (const Server of [http.Server, https.Server] as unknown as { prototype: http.Server & Record<symbol, boolean> }[]) {
    const prototype = Server.prototype;
    if (prototype[installed]) continue;
    const emit = prototype.emit as Emit;
    prototype.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request" && args[0] instanceof http.IncomingMessage) dropUntrustedForwarding(args[0].headers, trustsProxy());
      return emit.call(this, event, ...args);
    } as http.Server["emit"];
    prototype[installed] = true;
  }
}
