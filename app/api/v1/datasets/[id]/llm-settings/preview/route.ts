import { apiRoute, readJson } from "@/lib/server/http";
import { previewPrompt } from "@/lib/server/services/llm-settings";

/** The exact messages of every vote of a proposer on a question, for a sample record. */
export const POST = apiRoute<{ id: string }>(async (actor, request, params) => previewPrompt(actor, params.id, await readJson(request)));
