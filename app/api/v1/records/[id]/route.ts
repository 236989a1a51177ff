import { apiRoute } from "@/lib/server/http";
import { deleteRecord } from "@/lib/server/services/record-deletion";
import { getRecord } from "@/lib/server/services/records";

export const GET = apiRoute<{ id: string }>((actor, _request, params) => getRecord(actor, params.id));

/** Deletes the record with its suggestions, proposals, responses, assignments, flags and final values. */
export const DELETE = apiRoute<{ id: string }>((actor, _request, params) => deleteRecord(actor, params.id));
