// The record deletion part of the OpenAPI document: the request body is the service's own schema; the answer is
// described here and checked against the service's type.
import { z } from "zod";
import { deleteRecordsInputSchema, type DeleteResult } from "@/lib/server/services/record-deletion";
import type { ApiRegistry } from "./registry";

export const deleteResultSchema = z.object({
  deleted: z.int().describe("Records deleted, each with its suggestions, proposals, responses, assignments, flags and final values."),
});

// The document and the service cannot drift apart: this fails to compile if the shapes differ.
const _result: z.infer<typeof deleteResultSchema> = {} as DeleteResult;
void _result;

const WHAT_GOES =
  "Deleted with each record, in one transaction: its suggestions, proposals, responses, assignments, flags, final " +
  "values and LLM run items (runs count one record less). Routing is then decided again by the worker (a budget " +
  "policy picks other records). Audited as `dataset.records.delete`. Owners, admins and curators (`records.write`).";

export function registerRecordDeletionOperations(api: ApiRegistry): void {
  const tag = "Records and suggestions";
  const result = api.component("DeleteRecordsResult", deleteResultSchema);
  api.operation({
    method: "delete",
    path: "/api/v1/records/{id}",
    operationId: "deleteRecord",
    tag,
    summary: "Delete a record",
    description: WHAT_GOES,
    pathParams: { id: { description: "The record's id." } },
    responses: { 200: { description: "Deleted.", schema: result } },
    errors: [403, 404],
  });
  api.operation({
    method: "delete",
    path: "/api/v1/datasets/{id}/records",
    operationId: "deleteRecords",
    tag,
    summary: "Delete records by id or filter",
    description:
      "Deletes the records given by id (every id must be a record of the dataset, or nothing is deleted) or every " +
      "record matching a filter of the records list (`{}`: all of them). With `expectedCount`, the count a person " +
      `confirmed, nothing is deleted (409) if the selection holds another number by then. ${WHAT_GOES}`,
    pathParams: { id: { description: "The dataset's id." } },
    body: {
      content: {
        "application/json": {
          schema: api.component("DeleteRecordsRequest", deleteRecordsInputSchema),
          example: { filter: { decision: "human", q: "lorem" }, expectedCount: 37 },
        },
      },
    },
    responses: { 200: { description: "How many records were deleted.", schema: result } },
    errors: [400, 403, 404, 409, 413],
  });
}
