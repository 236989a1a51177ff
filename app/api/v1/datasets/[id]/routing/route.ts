import { apiRoute, readJson } from "@/lib/server/http";
import { getRouting, updateRouting } from "@/lib/server/services/routing";

/** The dataset's routing policy with the decisions of the last recompute. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => getRouting(actor, params.id));

/** Replaces the routing policy; the recompute applies it to every record. */
export const PUT = apiRoute<{ id: string }>(async (actor, request, params) => updateRouting(actor, params.id, await readJson(request)));
