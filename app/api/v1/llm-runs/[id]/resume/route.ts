import { apiRoute } from "@/lib/server/http";
import { resumeRun } from "@/lib/server/services/llm-runs";

/** Resumes the run (409 when its status does not allow it). */
export const POST = apiRoute<{ id: string }>(async (actor, _request, params) => resumeRun(actor, params.id));
