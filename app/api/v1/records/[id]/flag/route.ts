import { apiRoute, readJson } from "@/lib/server/http";
import { flagRecord, getMyFlag, unflagRecord } from "@/lib/server/services/flags";

/** The caller's own open flag on the record, if any. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => getMyFlag(actor, params.id));

/** Flags the record for a curator (with an optional note), or updates the note. Does not submit anything. */
export const PUT = apiRoute<{ id: string }>(async (actor, request, params) => flagRecord(actor, params.id, await readJson(request, 10_000, {})));

/** Withdraws the caller's flag. */
export const DELETE = apiRoute<{ id: string }>(async (actor, _request, params) => unflagRecord(actor, params.id));
