import { apiRoute, readJson } from "@/lib/server/http";
import { resolveRecord } from "@/lib/server/services/review";

/** Writes the curator's final values and resolves the record's flags, in one transaction. */
export const POST = apiRoute<{ id: string }>(async (actor, request, params) => resolveRecord(actor, params.id, await readJson(request)));
