// The whole value of one field or metadata property of a record: what lists cut to a preview (`truncated`).
import { z } from "zod";
import type { RecordValue } from "@/lib/server/services/record-values";
import type { ApiRegistry } from "./registry";

export const recordValueSchema = z.object({
  name: z.string(),
  value: z.unknown().describe("The value whole; when `truncated`, its first characters (as in lists) up to the write limit."),
  bytes: z.int().describe("The whole value's size: the UTF-8 bytes of its JSON text."),
  truncated: z.boolean().describe("Set when the stored value is larger than its write limit (stored before the limit, or under a higher one)."),
}) satisfies z.ZodType<RecordValue>;

export function registerRecordValueOperations(api: ApiRegistry, tag: string): void {
  const schema = api.component("RecordValue", recordValueSchema);
  for (const kind of ["fields", "metadata"] as const) {
    const what = kind === "fields" ? "field" : "metadata property";
    api.operation({
      method: "get",
      path: `/api/v1/records/{id}/${kind}/{name}`,
      operationId: kind === "fields" ? "getRecordField" : "getRecordMetadata",
      tag,
      summary: `One ${what} of a record, whole`,
      description:
        `The value of one ${what}, whole up to its write limit (` +
        (kind === "fields" ? "`SIFT_MAX_FIELD_BYTES`, default 1 MiB" : "`SIFT_MAX_METADATA_BYTES`, default 64 KiB") +
        "), for values that lists show as previews (`truncated`). The same access as the record: annotators reach only " +
        "records routed to humans or that they answered" +
        (kind === "metadata" ? ", and only metadata visible to annotators" : "") +
        "; others answer 404.",
      pathParams: { id: { description: "The record's id." }, name: { description: `The ${what}'s name.` } },
      responses: { 200: { description: "The value.", schema } },
      errors: [404],
    });
  }
}
