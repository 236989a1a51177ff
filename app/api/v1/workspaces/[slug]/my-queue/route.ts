import { apiRoute } from "@/lib/server/http";
import { myQueue } from "@/lib/server/services/my-queue";

/** The caller's "My queue" count in this workspace: records they could be served now, over every dataset. */
export const GET = apiRoute<{ slug: string }>(async (actor, _request, params) => myQueue(actor, params.slug));
