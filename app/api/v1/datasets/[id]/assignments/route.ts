import { apiRoute, readJson } from "@/lib/server/http";
import { assignmentOverview, assignRecords } from "@/lib/server/services/assignments";

/** Who may be assigned, what each annotator holds, and how much of the queue is open to everybody. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => assignmentOverview(actor, params.id));

/** Assigns (or unassigns) records, by id or by the records page's filter, to named annotators. */
export const POST = apiRoute<{ id: string }>(async (actor, request, params) => assignRecords(actor, params.id, await readJson(request)));
