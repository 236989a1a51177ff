import { apiRoute, readJson } from "@/lib/server/http";
import { submitBulkResponses } from "@/lib/server/services/bulk-responses";

/** Submits the caller's response to many records at once: their proposals, or one answer for all. */
export const POST = apiRoute<{ id: string }>(async (actor, request, params) => submitBulkResponses(actor, params.id, await readJson(request)));
