// Makes the calls of one vote plan against a provider: each attempt waits for the provider's gate (concurrency and
// rate limits across processes), retryable failures are retried with backoff (the slot is given back while waiting),
// an answer that is not JSON gets one repair request, and the plan reads the answers into a vote. What it cost is
// counted attempt by attempt, so a run's counters match what the endpoint served.
import { costUsd } from "@/lib/llm/cost";
import type { ChatCall, ChatResult, VoteOutcome, VotePlan } from "@/lib/llm/contracts";
import { LlmCallError, type ChatClient } from "@/lib/llm/client";
import { parseJsonOutput, repairMessages } from "@/lib/llm/json-output";
import { withRetries, type RetryPolicy } from "@/lib/llm/retry";
import type { ProviderModel } from "@/lib/llm/provider-settings";
import type { ProviderGate } from "@/lib/server/llm/provider-gate";

export interface CallTally {
  /** HTTP attempts, retries and repair requests included. */
  calls: number;
  /** Attempts that failed (rate limited, server error, timeout, network, refused). */
  failedCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export function emptyTally(): CallTally {
  return { calls: 0, failedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

export function addTally(into: CallTally, from: CallTally): void {
  into.calls += from.calls;
  into.failedCalls += from.failedCalls;
  into.inputTokens += from.inputTokens;
  into.outputTokens += from.outputTokens;
  into.costUsd = Math.round((into.costUsd + from.costUsd) * 1e6) / 1e6;
}

export interface ProviderConnection {
  /** Rebuilt when the provider's URL, key or timeout change. */
  client: ChatClient;
  gate: ProviderGate;
  /** Learned per process: an endpoint that refuses `response_format: json_schema` is asked in the prompt instead. */
  jsonSchemaSupported: boolean;
  models: ProviderModel[];
}

export interface VoteRequest {
  plan: VotePlan;
  model: string;
  temperature: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
}

export type VoteResult =
  | { ok: true; outcome: VoteOutcome; tally: CallTally }
  | { ok: false; error: LlmCallError | Error; tally: CallTally };

/** A 400 that names the response format: the endpoint does not do structured outputs. */
function refusesJsonSchema(error: unknown): boolean {
  return error instanceof LlmCallError && error.kind === "client" && /response_format|json_schema|structured/i.test(error.message);
}

export async function executeVote(connection: ProviderConnection, request: VoteRequest): Promise<VoteResult> {
  const tally = emptyTally();
  const prices = connection.models.find((model) => model.name === request.model);
  const attempt = async (call: ChatCall): Promise<ChatResult> => {
    const permit = await connection.gate.acquire(request.signal);
    tally.calls += 1;
    let used = 0;
    try {
      const result = await connection.client.complete(call, {
        model: request.model,
        jsonSchemaSupported: connection.jsonSchemaSupported,
        temperature: request.temperature,
        signal: request.signal,
      });
      used = result.inputTokens + result.outputTokens;
      tally.inputTokens += result.inputTokens;
      tally.outputTokens += result.outputTokens;
      if (prices) {
        const cost = costUsd(result, { inputPerMillion: prices.inputPricePerMillion, outputPerMillion: prices.outputPricePerMillion });
        tally.costUsd = Math.round((tally.costUsd + cost) * 1e6) / 1e6;
      }
      return result;
    } catch (error) {
      tally.failedCalls += 1;
      throw error;
    } finally {
      await permit.release(used);
    }
  };
  const callWithRetries = async (call: ChatCall): Promise<ChatResult> => {
    try {
      return await withRetries(() => attempt(call), request.retry, { signal: request.signal });
    } catch (error) {
      if (!connection.jsonSchemaSupported || !refusesJsonSchema(error)) throw error;
      connection.jsonSchemaSupported = false;
      return withRetries(() => attempt(call), request.retry, { signal: request.signal });
    }
  };
  try {
    const answers = await Promise.all(
      request.plan.calls.map(async (call) => {
        const first = await callWithRetries(call);
        const parsed = parseJsonOutput(first.text);
        if (parsed.ok) return { json: parsed.value as unknown, result: first };
        // One repair request; what it still cannot read becomes an unparseable vote, kept with its raw text.
        const repaired = await callWithRetries({ ...call, messages: repairMessages(call, first.text, parsed.error) });
        const again = parseJsonOutput(repaired.text);
        return again.ok ? { json: again.value as unknown, result: repaired } : { json: null, result: combineRaw(first, repaired) };
      }),
    );
    return { ok: true, outcome: request.plan.interpret(answers), tally };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)), tally };
  }
}

/** Both unreadable answers, so the curator sees what the model said the first time and after the repair request. */
function combineRaw(first: ChatResult, repaired: ChatResult): ChatResult {
  return { ...repaired, text: `${first.text}\n--- after the repair request ---\n${repaired.text}` };
}
