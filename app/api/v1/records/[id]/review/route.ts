import { apiRoute } from "@/lib/server/http";
import { getReviewRecord } from "@/lib/server/services/review";

/** One record side by side for a curator: submitted responses, the LLM proposal and suggestions, final values. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => getReviewRecord(actor, params.id));
