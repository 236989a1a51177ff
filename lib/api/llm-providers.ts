// The LLM providers' part of the OpenAPI document: the request bodies are the service's own schemas
// (lib/llm/provider-settings.ts); the answer is described here and checked against the service's type below.
import { z } from "zod";
import {
  providerCapabilitiesSchema,
  providerCreateBodySchema,
  providerModelSchema,
  providerUpdateSchema,
} from "@/lib/llm/provider-settings";
import type { LlmProviderView } from "@/lib/server/services/llm-providers-view";
import type { ApiRegistry } from "./registry";

export const LLM_PROVIDERS_TAG = {
  name: "LLM providers",
  description:
    "A workspace's OpenAI-compatible endpoints (OpenAI, vLLM, Ollama, llama.cpp server, LiteLLM…) with their models, " +
    "prices per million tokens, concurrency and rate limits. API keys are write-only: they are stored encrypted and " +
    "never returned (`hasApiKey`, and for admins the last 4 characters). Admins manage providers; curators may list them.",
} as const;

const timestamp = z.iso.datetime({ offset: true });

export const llmProviderViewSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  name: z.string(),
  baseUrl: z.string().describe("Without a trailing slash, e.g. https://api.openai.com/v1."),
  models: z.array(providerModelSchema),
  maxConcurrency: z.int().describe("Calls in flight at once, across every worker process."),
  requestsPerMinute: z.int().nullable().describe("null: no limit."),
  tokensPerMinute: z.int().nullable().describe("null: no limit."),
  timeoutMs: z.int(),
  hasApiKey: z.boolean(),
  apiKeyLast4: z.string().nullable().describe("The key's last 4 characters, for admins (null for curators, short keys or no key)."),
  apiKeyProblem: z.string().nullable().describe("For admins: why the stored key cannot be decrypted (the server's encryption key changed)."),
  capabilities: providerCapabilitiesSchema.nullable().describe("The last connection test; null until the first, and after the endpoint, key or models change."),
  createdAt: timestamp,
  updatedAt: timestamp,
});

// Compile-time: the documented answer is exactly what the service returns.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const viewMatchesService: Same<z.output<typeof llmProviderViewSchema>, LlmProviderView> = true;
void viewMatchesService;

const example = {
  workspace: "demo",
  name: "OpenAI",
  baseUrl: "https://api.openai.com/v1",
  apiKey: "sk-proj-…",
  models: [{ name: "gpt-4o-mini", inputPricePerMillion: 0.15, outputPricePerMillion: 0.6 }],
  maxConcurrency: 8,
  requestsPerMinute: 500,
  tokensPerMinute: 200000,
};

export function registerLlmProviderOperations(api: ApiRegistry): void {
  const tag = LLM_PROVIDERS_TAG.name;
  const view = api.component("LlmProvider", llmProviderViewSchema);
  api.component("LlmProviderModel", providerModelSchema);
  api.component("LlmProviderCapabilities", providerCapabilitiesSchema);
  const createBody = api.component("CreateLlmProviderRequest", providerCreateBodySchema);
  const updateBody = api.component("UpdateLlmProviderRequest", providerUpdateSchema);
  const id = { id: { description: "The provider's id." } };

  api.operation({
    method: "get",
    path: "/api/v1/llm-providers",
    operationId: "listLlmProviders",
    tag,
    summary: "List LLM providers",
    description: "The providers of one workspace, or of every workspace where the caller's role may see them (admins, curators).",
    query: z.object({ workspace: z.string().min(1).max(200).optional().describe("A workspace's slug or id; absent: every workspace of the caller.") }),
    responses: { 200: { description: "The providers, by name.", schema: z.object({ providers: z.array(view) }) } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/llm-providers",
    operationId: "createLlmProvider",
    tag,
    summary: "Add an LLM provider",
    description:
      "Adds an OpenAI-compatible endpoint to a workspace where the caller is an admin. `apiKey` is optional (local servers " +
      "need none); it is encrypted before it is stored and never returned. Names are unique per workspace (409).",
    body: { content: { "application/json": { schema: createBody, example } } },
    responses: { 201: { description: "The provider, without its key.", schema: view } },
    errors: [400, 403, 404, 409],
  });
  api.operation({
    method: "get",
    path: "/api/v1/llm-providers/{id}",
    operationId: "getLlmProvider",
    tag,
    summary: "Get an LLM provider",
    pathParams: id,
    responses: { 200: { description: "The provider, without its key.", schema: view } },
    errors: [403, 404],
  });
  api.operation({
    method: "patch",
    path: "/api/v1/llm-providers/{id}",
    operationId: "updateLlmProvider",
    tag,
    summary: "Change an LLM provider",
    description:
      "Changes the keys given. `apiKey` absent keeps the stored key, `\"\"` removes it, any other value replaces it; " +
      "`requestsPerMinute`/`tokensPerMinute` null removes the limit. Changing the base URL, key or models clears the " +
      "last connection test.",
    pathParams: id,
    body: { content: { "application/json": { schema: updateBody, example: { maxConcurrency: 16, tokensPerMinute: null } } } },
    responses: { 200: { description: "The provider after the change.", schema: view } },
    errors: [400, 403, 404, 409],
  });
  api.operation({
    method: "delete",
    path: "/api/v1/llm-providers/{id}",
    operationId: "deleteLlmProvider",
    tag,
    summary: "Delete an LLM provider",
    pathParams: id,
    responses: { 200: { description: "Deleted.", schema: z.object({ id: z.uuid(), deleted: z.literal(true) }) } },
    errors: [403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/llm-providers/{id}/test",
    operationId: "testLlmProvider",
    tag,
    summary: "Test an LLM provider's connection",
    description:
      "Asks the endpoint which models it lists and makes a small chat call with the provider's first model: whether it " +
      "answers, follows a JSON schema (`response_format: json_schema`) and returns token log-probabilities. The result is " +
      "stored with `testedAt` and returned; an endpoint that fails is a result (`reachable: false`, `error`), not an error " +
      "status. A stored key that cannot be decrypted answers 409.",
    pathParams: id,
    responses: { 200: { description: "What the endpoint can do.", schema: providerCapabilitiesSchema } },
    errors: [403, 404, 409],
  });
}
