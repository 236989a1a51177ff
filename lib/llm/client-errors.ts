/**
 * One error class for everything that can go wrong in a chat call, classified so that retries (lib/llm/retry.ts)
 * and runs can decide what to do without knowing the openai package's error hierarchy.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "openai";

/**
 * - rate_limited: 429; retry, after Retry-After when given.
 * - server: 5xx and 409 (the SDK also treats 409 as transient: lock conflicts); retry.
 * - timeout: no answer within the timeout, or 408; retry.
 * - network: could not connect, or the connection broke; retry.
 * - client: any other 4xx (bad request, auth, unknown model); retrying will not help.
 * - bad_response: a 2xx whose body is not a chat completion; not retried (the same server would say the same).
 */
export type LlmErrorKind = "rate_limited" | "server" | "timeout" | "network" | "client" | "bad_response";

export interface LlmCallErrorInit {
  kind: LlmErrorKind;
  message: string;
  endpoint: string;
  status?: number;
  retryAfterMs?: number;
  attempts?: number;
  cause?: unknown;
}

export class LlmCallError extends Error {
  readonly kind: LlmErrorKind;
  /** The base URL called, without credentials: for messages and logs. */
  readonly endpoint: string;
  readonly status?: number;
  /** What the server asked us to wait (Retry-After / retry-after-ms), in ms. */
  readonly retryAfterMs?: number;
  /** How many attempts were made before giving up (set by withRetries; 1 for a single call). */
  readonly attempts: number;

  constructor(init: LlmCallErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "LlmCallError";
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
  }

  /** The same error, saying how many attempts were made (the message gains "(gave up after N attempts)"). */
  withAttempts(attempts: number): LlmCallError {
    if (attempts <= 1) return this;
    return new LlmCallError({
      kind: this.kind,
      endpoint: this.endpoint,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      attempts,
      cause: this.cause,
      message: `${this.message} (gave up after ${attempts} attempts)`,
    });
  }
}

/** The base URL as shown to people: no user:password part, no trailing slash. */
export function displayEndpoint(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = "";
    url.password = "";
    return url.toString().replace(/\/+$/, "");
  } catch {
    return baseUrl.replace(/\/+$/, "");
  }
}

/**
 * Milliseconds the server asked us to wait: `retry-after-ms` (OpenAI, Azure), else `Retry-After` in seconds or as an
 * HTTP-date (RFC 9110). Undefined when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfterMs(headers: Headers | undefined | null, nowMs: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Number.parseFloat(ms);
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

export interface ClassifyContext {
  endpoint: string;
  /** Redacted from every message, in case a server echoes it back. */
  apiKey: string | null;
  timeoutMs: number;
}

/**
 * Turns whatever a call threw into an LlmCallError. A caller's abort (APIUserAbortError) is not an LLM failure and
 * is not classified: callers check their signal first. Errors that are neither transport nor HTTP (bugs) are
 * returned unchanged, so they are not retried and keep their stack.
 */
export function classifyLlmError(error: unknown, ctx: ClassifyContext): unknown {
  if (error instanceof LlmCallError || error instanceof APIUserAbortError) return error;
  const make = (init: Omit<LlmCallErrorInit, "endpoint" | "message"> & { message: string }) =>
    new LlmCallError({ ...init, endpoint: ctx.endpoint, message: redact(init.message, ctx.apiKey), cause: error });

  if (error instanceof APIConnectionTimeoutError) {
    return make({ kind: "timeout", message: `no answer from ${ctx.endpoint} within ${ctx.timeoutMs} ms` });
  }
  if (error instanceof APIConnectionError) {
    return make({ kind: "network", message: `could not connect to ${ctx.endpoint}: ${connectionReason(error)}` });
  }
  if (error instanceof APIError && typeof error.status === "number") {
    return classifyStatus(error.status, serverMessage(error), parseRetryAfterMs(error.headers), make, ctx.endpoint);
  }
  if (error instanceof SyntaxError) {
    return make({ kind: "bad_response", message: `${ctx.endpoint} answered with a body that is not JSON: ${error.message}` });
  }
  if (error instanceof TypeError && hasNetworkCause(error)) {
    // undici's "terminated" / "fetch failed" while reading the body: the connection broke after the headers.
    return make({ kind: "network", message: `connection to ${ctx.endpoint} broke: ${connectionReason(error)}` });
  }
  return error;
}

type Make = (init: Omit<LlmCallErrorInit, "endpoint" | "message"> & { message: string }) => LlmCallError;

function classifyStatus(
  status: number,
  detail: string,
  retryAfterMs: number | undefined,
  make: Make,
  endpoint: string,
): LlmCallError {
  const suffix = detail ? `: ${detail}` : "";
  if (status === 429) {
    const wait = retryAfterMs === undefined ? "" : ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
    return make({ kind: "rate_limited", status, retryAfterMs, message: `429 Too Many Requests from ${endpoint}${wait}${suffix}` });
  }
  if (status === 408) return make({ kind: "timeout", status, message: `408 Request Timeout from ${endpoint}${suffix}` });
  if (status === 409 || status >= 500) {
    return make({ kind: "server", status, retryAfterMs, message: `${status} from ${endpoint}${suffix}` });
  }
  if (status === 401) return make({ kind: "client", status, message: `401 Unauthorized from ${endpoint}: check the API key${suffix}` });
  if (status === 403) {
    return make({ kind: "client", status, message: `403 Forbidden from ${endpoint}: the API key may not have access to this model${suffix}` });
  }
  if (status === 404) {
    return make({ kind: "client", status, message: `404 Not Found from ${endpoint}: check the base URL and the model name${suffix}` });
  }
  if (status >= 400) return make({ kind: "client", status, message: `${status} from ${endpoint}${suffix}` });
  return make({ kind: "bad_response", status, message: `unexpected status ${status} from ${endpoint}${suffix}` });
}

/** The server's own words (body.error.message, or the raw body), kept short. */
function serverMessage(error: APIError): string {
  const body: unknown = error.error;
  let text = "";
  if (body && typeof body === "object" && "message" in body && typeof body.message === "string") text = body.message;
  else if (typeof body === "string") text = body;
  else if (body !== undefined && body !== null) text = JSON.stringify(body);
  else text = error.message.replace(/^\d{3}\s*/, "").replace(/^status code \(no body\)$/, "");
  text = text.trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The most specific reason in the cause chain: an errno code (ECONNREFUSED, ENOTFOUND) or the innermost message. */
function connectionReason(error: Error): string {
  let current: unknown = error;
  let innermost = error.message;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (typeof current === "object" && current !== null) {
      const code = (current as { code?: unknown }).code;
      if (typeof code === "string" && /^E[A-Z_]+$/.test(code)) return code;
      const errors = (current as { errors?: unknown }).errors; // AggregateError from happy-eyeballs connects
      if (Array.isArray(errors) && errors.length > 0) {
        const firstCode = (errors[0] as { code?: unknown }).code;
        if (typeof firstCode === "string") return firstCode;
      }
      const message = (current as { message?: unknown }).message;
      if (typeof message === "string" && message) innermost = message;
      current = (current as { cause?: unknown }).cause;
    } else break;
  }
  return innermost;
}

function hasNetworkCause(error: TypeError): boolean {
  return /fetch failed|terminated|socket|ECONN|network/i.test(`${error.message} ${String(error.cause ?? "")}`);
}

function redact(message: string, apiKey: string | null): string {
  if (!apiKey || apiKey.length < 4) return message;
  return message.split(apiKey).join("***");
}
