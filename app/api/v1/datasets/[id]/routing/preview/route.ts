import { apiRoute, readJson } from "@/lib/server/http";
import { previewRouting } from "@/lib/server/services/routing";

/** What a routing policy would decide for the dataset's records as they are now; nothing is saved. */
export const POST = apiRoute<{ id: string }>(async (actor, request, params) => previewRouting(actor, params.id, await readJson(request)));
