// The bulk-response part of the OpenAPI document: the request body is the service's own schema; the answer is
// described here and checked against the service's type.
import { z } from "zod";
import { bulkResponsesInputSchema, MAX_BULK_RECORDS, type BulkResult } from "@/lib/server/services/bulk-responses";
import type { ApiRegistry } from "./registry";

export const BULK_TAG = {
  name: "Bulk annotation",
  description:
    "Answering many records at once (the bulk view): the records the queue could serve the caller, chosen by id or by " +
    "a filter of the records list, get the caller's submitted response in one transaction. Every role that annotates " +
    "(`records.annotate`).",
} as const;

export const bulkResultSchema = z.object({
  submitted: z.int().describe("Responses submitted."),
  skipped: z
    .array(z.object({ externalId: z.string(), reason: z.string() }))
    .describe("Selected records that got no response, and why (complete, answered already, held by someone else, no proposal…)."),
});

// The document and the service cannot drift apart: this fails to compile if the shapes differ.
const _result: z.infer<typeof bulkResultSchema> = {} as BulkResult;
void _result;

export function registerBulkOperations(api: ApiRegistry): void {
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/bulk-responses",
    operationId: "submitBulkResponses",
    tag: BULK_TAG.name,
    summary: "Submit responses to many records",
    description:
      "Submits the caller's response to each selected record: `accept_proposals` takes each record's proposal for every " +
      "question that has one (a record lacking a proposal for a required question is skipped; refused in blind mode), " +
      "`apply` gives every record the same `values` (validated like a single response: errors name `values.<question>`). " +
      "Records are given by `recordIds` or by a `filter` of the records list (plus `proposal: { question, value }`); only " +
      "records the queue could serve the caller are answered: routed to humans, short of responses, not answered by them, " +
      "open or assigned to them, not held by someone else. The rest are reported in `skipped` with the reason; to a " +
      "caller who may not browse records, a record not routed to humans that they never answered is reported like an " +
      "id of no record of the dataset. One transaction, at most " +
      `${MAX_BULK_RECORDS} records; time spent is recorded as 0.`,
    pathParams: { id: { description: "The dataset's id." } },
    body: {
      content: {
        "application/json": {
          schema: api.component("BulkResponsesRequest", bulkResponsesInputSchema),
          example: { action: "accept_proposals", filter: { uncertaintyMax: 0.4, proposal: { question: "sentiment", value: "positive" } } },
        },
      },
    },
    responses: { 200: { description: "What was submitted and skipped.", schema: api.component("BulkResult", bulkResultSchema) } },
    errors: [400, 403, 404],
  });
}
