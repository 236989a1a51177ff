import { apiRoute } from "@/lib/server/http";
import { getRun } from "@/lib/server/services/llm-runs";

/** One LLM run with its progress, counters, tokens and cost. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => getRun(actor, params.id));
