import { apiRoute } from "@/lib/server/http";
import { cancelRun } from "@/lib/server/services/llm-runs";

/** Cancels the run (409 when its status does not allow it). */
export const POST = apiRoute<{ id: string }>(async (actor, _request, params) => cancelRun(actor, params.id));
