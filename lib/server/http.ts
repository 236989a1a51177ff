// The thin layer between route handlers and services: authenticate, run, and turn errors into JSON that says what
// was wrong and where. Unexpected errors are logged and answered with a generic 500, never a stack trace.
import { NextResponse } from "next/server";
import { requestActor, type Actor } from "@/lib/server/auth/actor";
import { jsonTextTooDeep, MAX_JSON_DEPTH } from "@/lib/datasets/value-limits";
import { AppError, CrossSiteRequestError } from "@/lib/server/errors";
import { isApiKeyRequest, isJsonMediaType } from "@/lib/server/security/cross-site";

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, details: error.details } },
      { status: error.status },
    );
  }
  console.error("[api] unexpected error:", error);
  return NextResponse.json(
    { error: { code: "internal_error", message: "Something went wrong on the server; it has been logged." } },
    { status: 500 },
  );
}

type RouteContext<P> = { params: Promise<P> };

/** Wraps an authenticated route handler: `(actor, request, params) => body` answered as JSON. */
export function apiRoute<P = Record<string, never>>(
  handler: (actor: Actor, request: Request, params: P) => Promise<unknown>,
  options: { status?: number } = {},
) {
  return async (request: Request, context: RouteContext<P>): Promise<NextResponse> => {
    try {
      const actor = await requestActor(request);
      const body = await handler(actor, request, await context.params);
      return NextResponse.json(body, { status: options.status ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(`The request body is too large: this endpoint accepts at most ${maxBytes.toLocaleString("en")} bytes.`, 413, "payload_too_large");
}

/** Reads a request body as text, refusing bodies over `maxBytes` before they are held in memory whole. */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A browser's request (no API key) with a body must label it as JSON (or one of `extraTypes`). Sift's pages always
 * do; a form or a `no-cors` fetch from another page can only send text/plain, urlencoded or multipart bodies without
 * the browser asking Sift first, so refusing those keeps a forged request out even if it passed the origin check.
 * API-key clients are unaffected (`curl -d` sends urlencoded by default).
 */
export function assertJsonBodyFromBrowser(request: Request, body: string, extraTypes: readonly string[] = []): void {
  if (body.trim() === "" || isApiKeyRequest(request.headers)) return;
  const contentType = request.headers.get("content-type");
  if (isJsonMediaType(contentType, extraTypes)) return;
  const accepted = ["application/json", ...extraTypes].join(" or ");
  throw new CrossSiteRequestError(`a signed-in browser must send this body as ${accepted}, not ${contentType?.split(";")[0] || "without a Content-Type"}`);
}

/** Reads a JSON body; an empty body reads as `emptyValue` when one is given, and is an error otherwise. */
export async function readJson(request: Request, maxBytes = 1_000_000, emptyValue?: unknown): Promise<unknown> {
  const text = await readBody(request, maxBytes);
  assertJsonBodyFromBrowser(request, text);
  if (text.trim() === "" && emptyValue !== undefined) return emptyValue;
  // Checked on the text, before parsing: no handler, validator or serialiser ever meets a hostile nesting.
  if (jsonTextTooDeep(text)) {
    throw new AppError(`The body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels.`, 400, "invalid_request");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("The body is not valid JSON.", 400, "invalid_request");
  }
}

/** A request body as chunks, read as they arrive (uploads are streamed to disk, never held whole in memory). */
export async function* bodyChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopped early (over the size limit): tell the client no more is read.
    await reader.cancel().catch(() => undefined);
  }
}
