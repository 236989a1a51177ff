import { apiRoute } from "@/lib/server/http";
import { datasetQuality } from "@/lib/server/services/quality";

/** The LLMs' quality against the human answers, per question (`?target=0.95&question=name`, validated by the service). */
export const GET = apiRoute<{ id: string }>(async (actor, request, params) =>
  datasetQuality(actor, params.id, Object.fromEntries(new URL(request.url).searchParams)),
);
