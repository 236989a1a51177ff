import { apiRoute, readJson } from "@/lib/server/http";
import { distributeQueue } from "@/lib/server/services/assignments";

/** Deals a share of the open queue to annotators by weight. */
export const POST = apiRoute<{ id: string }>(async (actor, request, params) => distributeQueue(actor, params.id, await readJson(request)));
