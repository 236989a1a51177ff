import { ValidationError } from "@/lib/server/errors";
import { apiRoute, assertJsonBodyFromBrowser, readBody, readJson } from "@/lib/server/http";
import { deleteRecords } from "@/lib/server/services/record-deletion";
import { importRecords } from "@/lib/server/services/record-import";
import { listRecords, listRecordsQuerySchema } from "@/lib/server/services/records";
import { zodDetails } from "@/lib/server/validation";

// NDJSON's media types (none is registered; these are the ones in use).
const NDJSON_TYPES = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"];

// 10,000 records of a few kilobytes each.
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Bulk upsert by external id: a JSON array or NDJSON, with suggestions; honours `Idempotency-Key`. */
async function upsert(actor: Parameters<Parameters<typeof apiRoute>[0]>[0], request: Request, params: { id: string }) {
  const body = await readBody(request, MAX_BODY_BYTES);
  assertJsonBodyFromBrowser(request, body, NDJSON_TYPES);
  const idempotencyKey = request.headers.get("idempotency-key")?.trim() || undefined;
  if (idempotencyKey && idempotencyKey.length > 200) throw new ValidationError("Idempotency-Key is longer than 200 characters.");
  return importRecords(actor, params.id, body, { idempotencyKey });
}

export const PUT = apiRoute<{ id: string }>(upsert);
export const POST = apiRoute<{ id: string }>(upsert);

export const GET = apiRoute<{ id: string }>(async (actor, request, params) => {
  const query = listRecordsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ValidationError("Invalid query parameters.", zodDetails(query.error));
  return listRecords(actor, params.id, query.data);
});

/** Deletes the records given by id (`{recordIds}`) or matching a filter of the list (`{filter}`): `{deleted: N}`. */
export const DELETE = apiRoute<{ id: string }>(async (actor, request, params) => deleteRecords(actor, params.id, await readJson(request)));
