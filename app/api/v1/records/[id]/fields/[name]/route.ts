import { apiRoute } from "@/lib/server/http";
import { getRecordValue } from "@/lib/server/services/record-values";

/** One field of a record, whole (lists show previews of long values). */
export const GET = apiRoute<{ id: string; name: string }>((actor, _request, params) => getRecordValue(actor, params.id, "fields", params.name));
