import { queueNextBodySchema } from "@/lib/api/schemas";
import { ValidationError } from "@/lib/server/errors";
import { apiRoute, readJson } from "@/lib/server/http";
import { claimNext, queueCounts } from "@/lib/server/services/queue";
import { getRecord } from "@/lib/server/services/records";
import { zodDetails } from "@/lib/server/validation";

/** Claims (or re-serves) the caller's next record of the human queue. */
export const POST = apiRoute<{ id: string }>(async (actor, request, params) => {
  const body = queueNextBodySchema.safeParse(await readJson(request, 100_000, {}));
  if (!body.success) throw new ValidationError("The body is not valid.", zodDetails(body.error));
  const recordId = await claimNext(actor, params.id, body.data.skip, body.data.exclude);
  // Independent reads: side by side rather than one after the other (the annotator is waiting for the record).
  const [counts, record] = await Promise.all([
    body.data.counts ? queueCounts(actor, params.id) : null,
    recordId ? getRecord(actor, recordId) : null,
  ]);
  return { record, counts };
});
