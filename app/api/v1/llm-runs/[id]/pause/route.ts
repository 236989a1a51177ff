import { apiRoute } from "@/lib/server/http";
import { pauseRun } from "@/lib/server/services/llm-runs";

/** Pauses the run (409 when its status does not allow it). */
export const POST = apiRoute<{ id: string }>(async (actor, _request, params) => pauseRun(actor, params.id));
