import { apiRoute } from "@/lib/server/http";
import { listReviewQueue } from "@/lib/server/services/review";

/** The records that need a curator, with their reasons and the count per reason; `?reason=` filters, `?after=` pages. */
export const GET = apiRoute<{ id: string }>(async (actor, request, params) =>
  listReviewQueue(actor, params.id, Object.fromEntries(new URL(request.url).searchParams)),
);
