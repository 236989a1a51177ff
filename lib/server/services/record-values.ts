// One field or metadata value of a record, whole: what "Show whole value" opens when a list showed a preview
// (record-rows.ts). Bounded by the value's write limit, so even a value stored before the limits existed (or under a
// higher limit since lowered) is answered in a bounded size: its first bytes up to the limit, marked as cut.
import type { Actor } from "@/lib/server/auth/actor";
import { valueLimits } from "@/lib/datasets/value-limits";
import { pool } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import { can } from "@/lib/server/policy";
import { recordAccess } from "@/lib/server/services/access";
import { loadDatasetConfig } from "@/lib/server/services/dataset-config";
import { cutJson } from "@/lib/server/services/record-rows";
import { mayReadRecord } from "@/lib/server/services/records";

export type RecordValueKind = "fields" | "metadata";

export interface RecordValue {
  name: string;
  /** The value whole, or (when `truncated`) its first characters as in lists, up to the write limit. */
  value: unknown;
  /** The whole value's size: the UTF-8 bytes of its JSON text. */
  bytes: number;
  /** Set when the stored value is larger than the limit (`SIFT_MAX_FIELD_BYTES`, `SIFT_MAX_METADATA_BYTES`) and was cut. */
  truncated: boolean;
}

export async function getRecordValue(actor: Actor, recordId: string, kind: RecordValueKind, name: string): Promise<RecordValue> {
  const access = await recordAccess(actor, recordId, "records.annotate");
  const config = await loadDatasetConfig(access.datasetId);
  const known =
    kind === "fields"
      ? config.fields.some((field) => field.name === name)
      : config.metadata.some((property) => property.name === name && (property.visibleForAnnotators || can(access.role, "responses.viewAll")));
  if (!known) throw new NotFoundError(kind === "fields" ? "Field" : "Metadata property");
  const limits = valueLimits();
  const limit = kind === "fields" ? limits.fieldBytes : limits.metadataBytes;
  const column = kind === "fields" ? "r.fields" : "r.metadata";
  const found = await pool().query<{ routingDecision: "pending" | "auto" | "audit" | "human"; answered: boolean; value: unknown; bytes: number | null; truncated: boolean | null }>(
    `SELECT r."routingDecision",
       EXISTS (SELECT 1 FROM "Response" x WHERE x."recordId" = r.id AND x."userId" = $4) AS answered,
       ${cutJson("v.value", "$3")} AS value, octet_length(v.value::text) AS bytes,
       length(v.value::text) > $3 AS truncated
     FROM "Record" r CROSS JOIN LATERAL (SELECT ${column} -> $2::text AS value) v WHERE r.id = $1`,
    [access.recordId, name, limit, actor.userId],
  );
  const row = found.rows[0];
  if (!row || !mayReadRecord(access.role, row.routingDecision, row.answered)) throw new NotFoundError("Record");
  // A record without this value (an optional field left out) reads as null, as in the record's view.
  if (row.bytes === null) return { name, value: null, bytes: 4, truncated: false };
  return { name, value: row.value, bytes: row.bytes, truncated: row.truncated === true };
}
