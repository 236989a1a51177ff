import { apiRoute } from "@/lib/server/http";
import { testProviderConnection } from "@/lib/server/services/llm-providers";

/** Asks the endpoint what it can do (answers, JSON-schema output, logprobs), stores the result and returns it. */
export const POST = apiRoute<{ id: string }>(async (actor, _request, params) => testProviderConnection(actor, params.id));
