/**
 * What an endpoint can do, found by asking it: which models it lists, whether it honours json_schema response
 * formats, whether it returns logprobs. Decided by behaviour rather than by vendor name because the same server
 * (vLLM, Ollama, llama.cpp, LiteLLM) changes its answers between versions and configurations.
 */
import type { ChatCall } from "./contracts";
import { createChatClient, LlmCallError } from "./client";

export interface ProbeOptions {
  baseUrl: string;
  apiKey: string | null;
  /** The model to try; absent: the first model the endpoint lists. */
  model?: string;
  timeoutMs: number;
}

export interface ProbeResult {
  /** The server answered with HTTP at all (even with an error status). */
  reachable: boolean;
  /** Model ids from GET /models; null when the endpoint has no such route or it failed. */
  models: string[] | null;
  /**
   * Whether the endpoint follows a json_schema response format / returns logprobs; null when the probe could not
   * tell (it stopped before asking, or every chat call failed), so "not tested" is never shown as "not supported".
   */
  jsonSchema: boolean | null;
  logprobs: boolean | null;
  /** Why the endpoint is not usable (unreachable, bad key, unknown model…); null when it is. */
  error: string | null;
  /** The first successful chat call's round trip; without one, the time until the probe gave up. */
  latencyMs: number;
}

const PROBE_CALL: ChatCall = {
  messages: [{ role: "user", content: 'Is the sky blue on a clear day? Answer with a JSON object: {"answer": "yes"} or {"answer": "no"}.' }],
  output: {
    name: "probe",
    schema: {
      type: "object",
      properties: { answer: { type: "string", enum: ["yes", "no"] } },
      required: ["answer"],
      additionalProperties: false,
    },
  },
  temperature: 0,
};

export async function probeEndpoint(options: ProbeOptions): Promise<ProbeResult> {
  const started = performance.now();
  const client = createChatClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    retry: { maxAttempts: 1 }, // a probe reports what it sees; the person can press the button again
  });
  const result: ProbeResult = { reachable: false, models: null, jsonSchema: null, logprobs: null, error: null, latencyMs: 0 };
  const finish = (error: string | null): ProbeResult => {
    result.error = error;
    if (result.latencyMs === 0) result.latencyMs = Math.round(performance.now() - started);
    return result;
  };

  try {
    result.models = await client.listModels();
    result.reachable = true;
  } catch (error) {
    const failure = asFailure(error);
    if (failure.reachable) result.reachable = true;
    // Servers without GET /models are fine (404, 405, 501…); a bad key or an unreachable host ends the probe here.
    if (!failure.reachable || failure.status === 401 || failure.status === 403) return finish(failure.message);
  }

  const model = options.model ?? result.models?.[0];
  if (!model) return finish("no model to probe: name one (the endpoint lists no models)");

  const schemaTry = await timed(() => client.complete(PROBE_CALL, { model, jsonSchemaSupported: true }));
  if (schemaTry.ok) {
    result.reachable = true;
    result.latencyMs = schemaTry.ms;
    result.jsonSchema = answersTheSchema(schemaTry.value.text);
  } else {
    const failure = asFailure(schemaTry.error);
    result.reachable ||= failure.reachable;
    if (!meansNoJsonSchema(failure)) return finish(failure.message);
    result.jsonSchema = false;
  }
  const schemaRefused = !schemaTry.ok;

  // Without json_schema the client pastes the schema into the prompt, as runs would do against this endpoint.
  const logprobCall: ChatCall = { ...PROBE_CALL, logprobChoices: ["yes", "no"] };
  const logprobTry = await timed(() => client.complete(logprobCall, { model, jsonSchemaSupported: result.jsonSchema === true }));
  if (logprobTry.ok) {
    result.reachable = true;
    if (result.latencyMs === 0) result.latencyMs = logprobTry.ms;
    result.logprobs = (logprobTry.value.logprobs?.length ?? 0) > 0;
    return finish(null);
  }
  if (schemaTry.ok) {
    result.logprobs = false; // the endpoint answers; it only refuses logprobs
    return finish(null);
  }

  // Neither call worked: one plain call tells "no json_schema, no logprobs" apart from "cannot chat at all".
  const plainTry = await timed(() => client.complete(PROBE_CALL, { model, jsonSchemaSupported: false }));
  if (plainTry.ok) {
    result.latencyMs = plainTry.ms;
    result.jsonSchema = false;
    result.logprobs = false;
    return finish(null);
  }
  // Nothing chats, so the refused json_schema call says nothing about json_schema: both stay "not tested".
  if (schemaRefused) result.jsonSchema = null;
  const failure = asFailure(plainTry.error);
  result.reachable ||= failure.reachable;
  return finish(failure.message);
}

/** The answer is JSON matching the probe's schema: proof the server constrained it (or the model obeyed). */
function answersTheSchema(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object" || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    const answer = (value as { answer?: unknown }).answer;
    return keys.length === 1 && (answer === "yes" || answer === "no");
  } catch {
    return false;
  }
}

/**
 * A 400 or 422 to the json_schema call means "no json_schema here": servers word it differently and do not always
 * name response_format. Auth, unknown model (404), rate limits, 5xx and transport failures are the endpoint's problem.
 */
function meansNoJsonSchema(failure: Failure): boolean {
  return failure.status === 400 || failure.status === 422;
}

interface Failure {
  reachable: boolean;
  status?: number;
  message: string;
}

function asFailure(error: unknown): Failure {
  if (error instanceof LlmCallError) {
    const reachable = error.kind !== "network" && error.kind !== "timeout";
    return { reachable: reachable || error.status !== undefined, status: error.status, message: probeMessage(error) };
  }
  return { reachable: false, message: error instanceof Error ? error.message : String(error) };
}

/** Short messages for a settings page: "401 Unauthorized: check the API key", "could not connect: connection refused at …". */
function probeMessage(error: LlmCallError): string {
  if (error.status === 401) return "401 Unauthorized: check the API key";
  if (error.status === 403) return "403 Forbidden: the API key may not have access to this model";
  if (error.kind === "network") return connectionMessage(error);
  return error.message;
}

/**
 * A failed connect said in words a person can act on. The reason code sits at the end of the client's message
 * ("could not connect to <url>: ECONNREFUSED"); a refused port or an unknown host each have a likely cause.
 */
function connectionMessage(error: LlmCallError): string {
  const at = hostAndPort(error.endpoint);
  if (error.message.endsWith(": ECONNREFUSED")) {
    return `could not connect: connection refused at ${at} — is the server running, and is the port right?`;
  }
  if (error.message.endsWith(": bad port")) {
    // fetch refuses some ports outright (the "bad ports" of the Fetch standard: 9, 25, 6000…), before any connection.
    return `could not connect: ${at} uses a port that fetch refuses to call (a "bad port") — run the server on another port`;
  }
  if (error.message.endsWith(": ENOTFOUND") || error.message.endsWith(": EAI_AGAIN")) {
    return `could not connect: the host of ${at} was not found — check the base URL`;
  }
  return error.message;
}

/** "host:port" of a base URL, with the scheme's default port spelled out (a refused port is the likely mistake). */
function hostAndPort(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    const port = url.port || (url.protocol === "https:" ? "443" : "80");
    return `${url.hostname}:${port}`;
  } catch {
    return endpoint;
  }
}

type Timed<T> = { ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number };

async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  try {
    const value = await fn();
    return { ok: true, value, ms: Math.max(1, Math.round(performance.now() - start)) };
  } catch (error) {
    return { ok: false, error, ms: Math.round(performance.now() - start) };
  }
}
