import { apiRoute } from "@/lib/server/http";
import { teamProgress } from "@/lib/server/services/queue";

/** The team's progress on the dataset's human queue. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => teamProgress(actor, params.id));
