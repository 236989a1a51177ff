// An LLM provider as an admin configures it: any OpenAI-compatible endpoint with its models and prices, an optional
// API key, and the limits Sift keeps to when calling it. Pure (zod only): the API, the settings page and the worker
// read providers through these schemas. Every message names its field, because it is shown next to the input and
// returned by the API as is.
import { z } from "zod";

export const MAX_CONCURRENCY_LIMIT = 512;
export const DEFAULT_MAX_CONCURRENCY = 8;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const MIN_TIMEOUT_MS = 1_000;
export const MAX_TIMEOUT_MS = 600_000;
export const MAX_MODELS = 100;
// Far above any real price (the most expensive models cost a few hundred USD per million tokens): catches a typo.
const MAX_PRICE = 100_000;

/** Examples for the form's help, in the order the page lists them. */
export const BASE_URL_EXAMPLES = [
  { vendor: "OpenAI", url: "https://api.openai.com/v1" },
  { vendor: "vLLM", url: "http://host:8000/v1" },
  { vendor: "Ollama", url: "http://localhost:11434/v1" },
  { vendor: "llama.cpp server", url: "http://localhost:8080/v1" },
  { vendor: "LiteLLM proxy", url: "http://localhost:4000" },
] as const;

/** The message of a missing or mistyped value: zod's own ("expected string, received undefined") names no field. */
function typeError(field: string, expected: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `${field} is required` : `${field} must be ${expected}`);
}

const nameSchema = z
  .string({ error: typeError("name", "text") })
  .trim()
  .min(1, "name is required")
  .max(100, "name must be at most 100 characters");

/** http(s) only, without credentials, query or fragment (the client appends paths to it); trailing `/` removed. */
export const baseUrlSchema = z
  .string({ error: typeError("baseUrl", "text, e.g. https://api.openai.com/v1") })
  .trim()
  .min(1, "baseUrl is required, e.g. https://api.openai.com/v1")
  .max(2000, "baseUrl must be at most 2000 characters")
  .transform((text, context) => {
    // "localhost:8000" parses as a URL of scheme "localhost:"; say what is missing instead.
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
      context.addIssue({ code: "custom", message: `baseUrl must start with http:// or https://, e.g. http://${text.replace(/^\/+/, "")}` });
      return z.NEVER;
    }
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      context.addIssue({ code: "custom", message: `baseUrl must be a URL such as https://api.openai.com/v1, not "${text}"` });
      return z.NEVER;
    }
    const problem =
      url.protocol !== "http:" && url.protocol !== "https:"
        ? `baseUrl must start with http:// or https://, not ${url.protocol}//`
        : url.username || url.password
          ? "baseUrl must not contain a user name or password: put the key in apiKey"
          : url.search || url.hash
            ? "baseUrl must not have a query (?…) or a fragment (#…)"
            : null;
    if (problem) {
      context.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  })
  .describe("The OpenAI-compatible API's base URL, usually ending in /v1: https://api.openai.com/v1, http://host:8000/v1 (vLLM), http://localhost:11434/v1 (Ollama).");

function price(field: string) {
  return z
    .number({ error: `${field} must be a number of USD per million tokens` })
    .min(0, `${field} must be 0 or more (USD per million tokens)`)
    .max(MAX_PRICE, `${field} must be at most ${MAX_PRICE.toLocaleString("en-US")} USD per million tokens`);
}

export const providerModelSchema = z.object({
  name: z
    .string({ error: typeError("model name", "text") })
    .trim()
    .min(1, "model name is required, e.g. gpt-4o-mini")
    .max(200, "model name must be at most 200 characters"),
  inputPricePerMillion: price("inputPricePerMillion").default(0),
  outputPricePerMillion: price("outputPricePerMillion").default(0),
});

export const providerModelsSchema = z
  .array(providerModelSchema, { error: typeError("models", "a list of models") })
  .min(1, "models needs at least one model")
  .max(MAX_MODELS, `models can hold at most ${MAX_MODELS} models`)
  .superRefine((models, context) => {
    const seen = new Set<string>();
    models.forEach((model, index) => {
      if (seen.has(model.name)) {
        context.addIssue({ code: "custom", message: `model name "${model.name}" is listed twice`, path: [index, "name"] });
      }
      seen.add(model.name);
    });
  });

function wholeNumber(field: string, min: number, max: number, unit = "") {
  const range = `${field} must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}${unit}`;
  return z.number({ error: range }).int(range).min(min, range).max(max, range);
}

function perMinute(field: string, unit: string) {
  const message = `${field} must be a whole number of ${unit} per minute, 1 or more (leave it empty for no limit)`;
  return z.number({ error: message }).int(message).min(1, message).max(1_000_000_000, message);
}

const apiKeySchema = z
  .string({ error: typeError("apiKey", "text") })
  .trim()
  .max(4000, "apiKey must be at most 4000 characters")
  .describe("Sent as `Authorization: Bearer`; stored encrypted, never returned. Empty: none (local servers).");

const settingsShape = {
  maxConcurrency: wholeNumber("maxConcurrency", 1, MAX_CONCURRENCY_LIMIT),
  /** Absent or null: no limit. */
  requestsPerMinute: perMinute("requestsPerMinute", "requests").nullable(),
  tokensPerMinute: perMinute("tokensPerMinute", "tokens").nullable(),
  timeoutMs: wholeNumber("timeoutMs", MIN_TIMEOUT_MS, MAX_TIMEOUT_MS, " milliseconds"),
};

/** The limits stored in `LlmProvider.settings`; reading old rows fills what is missing with the defaults. */
export const providerSettingsSchema = z.object({
  maxConcurrency: settingsShape.maxConcurrency.default(DEFAULT_MAX_CONCURRENCY),
  requestsPerMinute: settingsShape.requestsPerMinute.default(null),
  tokensPerMinute: settingsShape.tokensPerMinute.default(null),
  timeoutMs: settingsShape.timeoutMs.default(DEFAULT_TIMEOUT_MS),
});

/** A new provider. `apiKey` absent or empty: the endpoint needs none (a local vLLM or Ollama, say). */
export const providerInputSchema = z
  .object({
    name: nameSchema,
    baseUrl: baseUrlSchema,
    models: providerModelsSchema,
    apiKey: apiKeySchema.optional(),
    ...providerSettingsSchema.shape,
  })
  .strict();

/** `POST /api/v1/llm-providers`: a new provider and the workspace it belongs to. */
export const providerCreateBodySchema = providerInputSchema.extend({
  workspace: z
    .string({ error: typeError("workspace", "a workspace's slug or id") })
    .min(1, "workspace is required: a workspace's slug or id")
    .max(200, "workspace must be a workspace's slug or id"),
});

/**
 * A change: only the keys given change. `apiKey` absent keeps the stored key, `""` removes it, anything else
 * replaces it. `requestsPerMinute`/`tokensPerMinute` null removes the limit.
 */
export const providerUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    baseUrl: baseUrlSchema.optional(),
    models: providerModelsSchema.optional(),
    apiKey: apiKeySchema.optional(),
    maxConcurrency: settingsShape.maxConcurrency.optional(),
    requestsPerMinute: settingsShape.requestsPerMinute.optional(),
    tokensPerMinute: settingsShape.tokensPerMinute.optional(),
    timeoutMs: settingsShape.timeoutMs.optional(),
  })
  .strict();

/** What the last "test connection" found, stored in `LlmProvider.capabilities`; `{}` until the first test. */
export const providerCapabilitiesSchema = z.object({
  reachable: z.boolean(),
  /** null: not tested (the endpoint failed before the probe could ask), never to be shown as "not supported". */
  jsonSchema: z.boolean().nullable(),
  logprobs: z.boolean().nullable(),
  /** The models the endpoint lists (GET /models), or null when it does not say. */
  models: z.array(z.string()).nullable(),
  error: z.string().nullable(),
  latencyMs: z.number(),
  testedAt: z.iso.datetime({ offset: true }),
});

export type ProviderModel = z.infer<typeof providerModelSchema>;
export type ProviderSettings = z.infer<typeof providerSettingsSchema>;
export type ProviderInput = z.infer<typeof providerInputSchema>;
export type ProviderInputRaw = z.input<typeof providerInputSchema>;
export type ProviderUpdate = z.infer<typeof providerUpdateSchema>;
export type ProviderCapabilities = z.infer<typeof providerCapabilitiesSchema>;

/** Stored capabilities, or null before the first test (or if the stored value is from an older shape). */
export function readCapabilities(stored: unknown): ProviderCapabilities | null {
  const parsed = providerCapabilitiesSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The issues of a failed parse by field path (`models.0.name`), for showing each next to its input. */
export function issuesByField(error: z.ZodError): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (byField[key] ??= []).push(issue.message);
  }
  return byField;
}

/**
 * A gentle warning (not an error) for base URLs without a path: OpenAI, vLLM, Ollama and llama.cpp serve the API
 * under /v1, and forgetting it is the usual reason a connection test finds nothing.
 */
export function baseUrlAdvice(baseUrl: string): string | null {
  try {
    const url = new URL(baseUrl);
    return url.pathname === "/" || url.pathname === ""
      ? "Most OpenAI-compatible servers (OpenAI, vLLM, Ollama, llama.cpp) serve the API under /v1, e.g. http://localhost:8000/v1."
      : null;
  } catch {
    return null;
  }
}
