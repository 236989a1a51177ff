/**
 * A chat completion body → ChatResult. Pure. Reads defensively: OpenAI-compatible servers differ in what they omit.
 */
import type { ChatResult, TokenLogprob } from "./contracts";
import { LlmCallError } from "./client-errors";

/** The parts of a chat completion we read, all optional because compatible servers leave things out. */
interface CompletionLike {
  choices?: {
    finish_reason?: string | null;
    message?: { content?: string | null; refusal?: string | null } | null;
    logprobs?: { content?: LogprobLike[] | null } | null;
  }[];
  usage?: { prompt_tokens?: number | null; completion_tokens?: number | null } | null;
}

interface LogprobLike {
  token?: string;
  logprob?: number;
  top_logprobs?: { token?: string; logprob?: number }[] | null;
}

/**
 * The text is returned verbatim, even when it is not the JSON asked for: parsing and repair are the prompt's and the
 * run's job. A refusal (structured outputs put it in `refusal` with `content` null) becomes the text, so the vote keeps
 * it as raw output. An endpoint that does not report usage reports 0 tokens.
 */
export function toChatResult(body: unknown, endpoint: string, logprobsRequested: boolean): ChatResult {
  if (!body || typeof body !== "object" || !Array.isArray((body as CompletionLike).choices)) {
    throw badResponse(endpoint, `expected a chat completion, got ${describe(body)}`);
  }
  const completion = body as CompletionLike;
  const choice = completion.choices?.[0];
  if (!choice || typeof choice !== "object") throw badResponse(endpoint, "the completion has no choices");
  const message = choice.message;
  const text =
    typeof message?.content === "string" ? message.content : typeof message?.refusal === "string" ? message.refusal : "";
  const result: ChatResult = {
    text,
    finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : null,
    inputTokens: count(completion.usage?.prompt_tokens),
    outputTokens: count(completion.usage?.completion_tokens),
  };
  if (logprobsRequested) {
    const logprobs = mapLogprobs(choice.logprobs?.content);
    if (logprobs.length > 0) result.logprobs = logprobs;
  }
  return result;
}

export function mapLogprobs(content: LogprobLike[] | null | undefined): TokenLogprob[] {
  if (!Array.isArray(content)) return [];
  return content
    .filter((t) => typeof t?.token === "string" && typeof t.logprob === "number")
    .map((t) => ({
      token: t.token as string,
      logprob: t.logprob as number,
      top: (Array.isArray(t.top_logprobs) ? t.top_logprobs : [])
        .filter((a) => typeof a?.token === "string" && typeof a.logprob === "number")
        .map((a) => ({ token: a.token as string, logprob: a.logprob as number })),
    }));
}

function count(value: number | null | undefined): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : 0;
}

function badResponse(endpoint: string, detail: string): LlmCallError {
  return new LlmCallError({ kind: "bad_response", endpoint, message: `${endpoint} returned an unreadable answer: ${detail}` });
}

function describe(body: unknown): string {
  if (typeof body === "string") return `text "${body.length > 80 ? `${body.slice(0, 80)}…` : body}"`;
  if (body === null || body === undefined) return "an empty body";
  return typeof body === "object" ? "an object without choices" : typeof body;
}
