import { z } from "zod";
import { ValidationError } from "@/lib/server/errors";
import { apiRoute, readJson } from "@/lib/server/http";
import { claimNext, queueCounts } from "@/lib/server/services/queue";
import { getRecord } from "@/lib/server/services/records";

const bodySchema = z.object({ skip: z.array(z.string().uuid()).max(500).default([]) }).strict();

/** Claims (or re-serves) the caller's next record of the human queue. */
export const POST = apiRoute<{ id: string }>(async (actor, request, params) => {
  const body = bodySchema.safeParse(await readJson(request, 100_000, {}));
  if (!body.success) throw new ValidationError("`skip` must be a list of record ids.");
  const recordId = await claimNext(actor, params.id, body.data.skip);
  // Independent reads: side by side rather than one after the other (the annotator is waiting for the record).
  const [counts, record] = await Promise.all([queueCounts(actor, params.id), recordId ? getRecord(actor, recordId) : null]);
  return { record, counts };
});
