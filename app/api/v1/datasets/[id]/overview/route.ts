import { apiRoute } from "@/lib/server/http";
import { datasetOverview } from "@/lib/server/services/overview";

/** The dataset at a glance: progress by routing decision, uncertainty histogram, LLM quality and cost, throughput. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => datasetOverview(actor, params.id));
