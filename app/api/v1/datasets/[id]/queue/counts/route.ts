import { apiRoute } from "@/lib/server/http";
import { queueCounts } from "@/lib/server/services/queue";

/** The caller's own queue: records still waiting for them, and how many they submitted. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => queueCounts(actor, params.id));
