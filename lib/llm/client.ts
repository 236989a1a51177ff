/**
 * The one client for every OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp server, LiteLLM): the same
 * code path for all, with capability differences (json_schema, logprobs) decided by the probe, not by vendor name.
 * Built on the openai package with its own retries off (maxRetries 0): Sift retries itself (lib/llm/retry.ts).
 */
import OpenAI, { APIConnectionTimeoutError } from "openai";
import type { ChatCall, ChatResult } from "./contracts";
import { classifyLlmError, displayEndpoint, LlmCallError } from "./client-errors";
import { buildChatRequest } from "./client-request";
import { toChatResult } from "./client-response";
import { DEFAULT_RETRY_POLICY, withRetries, type RetryInfo, type RetryPolicy } from "./retry";

export { LlmCallError, type LlmErrorKind } from "./client-errors";

export interface ChatClientOptions {
  /** E.g. https://api.openai.com/v1, http://localhost:8000/v1 (vLLM), http://localhost:11434/v1 (Ollama). */
  baseUrl: string;
  /** Null or empty for servers without authentication. */
  apiKey: string | null;
  /** Per attempt, until the whole answer has arrived. */
  timeoutMs: number;
  /** Defaults to DEFAULT_RETRY_POLICY; `{ maxAttempts: 1 }` turns retries off. */
  retry?: Partial<RetryPolicy>;
  /** Injected in tests to make waits instant and deterministic. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  onRetry?: (info: RetryInfo) => void;
}

export interface CompleteOptions {
  model: string;
  jsonSchemaSupported: boolean;
  /** The run's default; ChatCall.temperature wins over it. */
  temperature?: number;
  /** Aborting rejects with the signal's reason (not an LlmCallError) and stops retrying. */
  signal?: AbortSignal;
}

export interface ChatClient {
  /** The base URL without credentials, as used in messages. */
  readonly endpoint: string;
  /** One chat completion, retried per the policy; throws LlmCallError. */
  complete(call: ChatCall, opts: CompleteOptions): Promise<ChatResult>;
  /**
   * Exactly one attempt, whatever the policy: for callers that run their own withRetries around each attempt (e.g.
   * to give a concurrency slot back while waiting). Throws LlmCallError.
   */
  completeOnce(call: ChatCall, opts: CompleteOptions): Promise<ChatResult>;
  /** GET /models, one attempt: the model ids the endpoint serves. Throws LlmCallError. */
  listModels(opts?: { signal?: AbortSignal }): Promise<string[]>;
}

/** Servers without authentication still get a bearer token: the SDK refuses to run without one, and they ignore it. */
const PLACEHOLDER_KEY = "sift-no-key";

export function createChatClient(options: ChatClientOptions): ChatClient {
  const endpoint = displayEndpoint(options.baseUrl);
  const apiKey = options.apiKey ? options.apiKey : null;
  const timeoutMs = Math.max(1, Math.round(options.timeoutMs));
  const sdk = new OpenAI({
    baseURL: options.baseUrl.replace(/\/+$/, ""),
    apiKey: apiKey ?? PLACEHOLDER_KEY,
    // Explicit nulls so OPENAI_ORG_ID / OPENAI_PROJECT_ID in the environment are not sent to other vendors' servers.
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: timeoutMs,
  });
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const classify = (error: unknown) => classifyLlmError(error, { endpoint, apiKey, timeoutMs });

  async function attempt(call: ChatCall, opts: CompleteOptions): Promise<ChatResult> {
    const body = buildChatRequest(call, opts);
    // The SDK's timeout stops at the response headers; this one also covers a body that trickles in or stalls.
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
    let response: unknown;
    try {
      response = await sdk.chat.completions.create(body, { signal, timeout: timeoutMs });
    } catch (error) {
      opts.signal?.throwIfAborted(); // the caller's abort is not an endpoint failure: rethrow the caller's reason
      throw classify(deadline.aborted ? new APIConnectionTimeoutError() : error);
    }
    return toChatResult(response, endpoint, body.logprobs === true);
  }

  return {
    endpoint,
    completeOnce: attempt,
    complete(call, opts) {
      return withRetries(() => attempt(call, opts), policy, {
        signal: opts.signal,
        sleep: options.sleep,
        random: options.random,
        onRetry: options.onRetry,
      });
    },
    async listModels(opts = {}) {
      try {
        const page = await sdk.models.list({ signal: opts.signal, timeout: timeoutMs });
        return page.data.map((model) => model.id).filter((id): id is string => typeof id === "string");
      } catch (error) {
        opts.signal?.throwIfAborted();
        throw classify(error);
      }
    },
  };
}

export function isLlmCallError(error: unknown): error is LlmCallError {
  return error instanceof LlmCallError;
}
