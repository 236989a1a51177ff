import { apiRoute, readJson } from "@/lib/server/http";
import { deleteLlmProvider, getLlmProvider, updateLlmProvider } from "@/lib/server/services/llm-providers";

/** One provider, without its key (`hasApiKey`, and for admins the key's last 4 characters). */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => getLlmProvider(actor, params.id));

/** Changes the keys given; `apiKey` absent keeps the stored key, `""` removes it. */
export const PATCH = apiRoute<{ id: string }>(async (actor, request, params) => updateLlmProvider(actor, params.id, await readJson(request)));

export const DELETE = apiRoute<{ id: string }>(async (actor, _request, params) => deleteLlmProvider(actor, params.id));
