// The review part of the OpenAPI document (curators' review queue, one record side by side, the resolution) and the
// annotators' flags. Request schemas are the services' own; answers are checked against the services' types.
import { z } from "zod";
import { flagInputSchema, type MyFlag } from "@/lib/server/services/flags";
import {
  resolveInputSchema,
  REVIEW_PAGE_SIZE,
  REVIEW_REASONS,
  reviewListQuerySchema,
  type ResolveResult,
  type ReviewList,
  type ReviewRecord,
} from "@/lib/server/services/review";
import type { ApiRegistry } from "./registry";
import { recordViewSchema } from "./schemas";

export const REVIEW_TAG = {
  name: "Review",
  description:
    "The curators' review queue (owners, admins and curators: `records.review`): records whose submitted responses " +
    "disagree (`human_disagreement`), whose responses disagree with the LLM proposal (`llm_disagreement`), or that an " +
    "annotator flagged (`flagged`). Disagreements count only on questions without a curator final value; a record " +
    "leaves the queue once every disputed question has one and its flags are resolved. Annotators flag records " +
    "(`records.annotate`) but never reach the review endpoints.",
} as const;

const reasonSchema = z.enum(REVIEW_REASONS);
const flagSchema = z.object({ user: z.string().describe("Who flagged (username)."), note: z.string(), createdAt: z.string() });
const reasonsShape = {
  reasons: z.array(reasonSchema),
  humanQuestions: z.array(z.string()).describe("Questions on which submitted responses differ."),
  llmQuestions: z.array(z.string()).describe("Questions on which a submitted response differs from the LLM proposal."),
  flags: z.array(flagSchema).describe("Unresolved flags, oldest first."),
};

export const reviewListSchema = z.object({
  counts: z.object({
    total: z.int(),
    human_disagreement: z.int(),
    llm_disagreement: z.int(),
    flagged: z.int(),
  }).describe("Records in the queue, in all and per reason (a record with two reasons counts in both); not filtered."),
  items: z.array(
    z.object({
      id: z.uuid(),
      externalId: z.string(),
      importOrder: z.int(),
      uncertainty: z.number().nullable(),
      preview: z.string().describe("The start of the record's first field."),
      ...reasonsShape,
    }),
  ).describe(`Most reasons first, then the most uncertain, then import order; ${REVIEW_PAGE_SIZE} a page.`),
  next: z.string().nullable().describe("Pass as `after` for the next page; null on the last one."),
});

export const reviewRecordSchema = z.object({
  record: recordViewSchema,
  responses: z.array(
    z.object({
      user: z.string(),
      submittedAt: z.string().nullable(),
      values: z.record(z.string(), z.unknown()),
      display: z.record(z.string(), z.string()),
    }),
  ).describe("Submitted responses, in the order they came."),
  prefill: z.record(z.string(), z.unknown()).describe("Per question: the curator's value, else the human majority, else the proposal."),
  ...reasonsShape,
});

export const resolveResultSchema = z.object({
  recordId: z.uuid(),
  resolved: z.array(z.string()).describe("Questions that received a curator final value."),
  flagsResolved: z.int(),
});

export const myFlagSchema = z.object({ flagged: z.boolean(), note: z.string(), createdAt: z.string().nullable() });

// The document and the services cannot drift apart: these fail to compile if the shapes differ.
const _list: z.infer<typeof reviewListSchema> = {} as ReviewList;
const _record: Omit<z.infer<typeof reviewRecordSchema>, "record"> = {} as Omit<ReviewRecord, "record">;
const _resolve: z.infer<typeof resolveResultSchema> = {} as ResolveResult;
const _flag: z.infer<typeof myFlagSchema> = {} as MyFlag;
void _list;
void _record;
void _resolve;
void _flag;

export function registerReviewOperations(api: ApiRegistry): void {
  const tag = REVIEW_TAG.name;
  const record = { id: { description: "The record's id." } };
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/review",
    operationId: "listReviewQueue",
    tag,
    summary: "The review queue",
    description: "The records of the dataset that need a curator, with their reasons, and the count per reason.",
    pathParams: { id: { description: "The dataset's id." } },
    query: reviewListQuerySchema,
    responses: { 200: { description: "One page of the queue.", schema: api.component("ReviewList", reviewListSchema) } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "get",
    path: "/api/v1/records/{id}/review",
    operationId: "getReviewRecord",
    tag,
    summary: "Review one record",
    description:
      "The record with every submitted response (who, when, what), the LLM proposal and suggestions, the final values " +
      "with provenance, the reasons it needs a curator, and what a resolution form starts from.",
    pathParams: record,
    responses: { 200: { description: "The record for review.", schema: api.component("ReviewRecord", reviewRecordSchema) } },
    errors: [403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/records/{id}/resolve",
    operationId: "resolveRecord",
    tag,
    summary: "Resolve a record",
    description:
      "Writes the given values as final values with provenance `curator` (never overwritten by later responses or LLM " +
      "acceptance) and resolves the record's open flags, in one transaction, with an audit event. Every disputed " +
      "question must get a value (`values.<question>` names what is missing or invalid).",
    pathParams: record,
    body: {
      content: {
        "application/json": {
          schema: api.component("ResolveRequest", resolveInputSchema),
          example: { values: { sentiment: "pos" }, note: "Sarcasm: positive overall." },
        },
      },
    },
    responses: { 200: { description: "What was resolved.", schema: api.component("ResolveResult", resolveResultSchema) } },
    errors: [400, 403, 404],
  });
  const flag = api.component("RecordFlag", myFlagSchema);
  api.operation({
    method: "get",
    path: "/api/v1/records/{id}/flag",
    operationId: "getMyFlag",
    tag,
    summary: "My flag on a record",
    description:
      "Whether the caller has an open (unresolved) flag on the record, with its note. Flags follow the queue's rule: " +
      "only on a record the queue could serve the caller, or that they answered or flagged; any other answers 404 like " +
      "a missing record.",
    pathParams: record,
    responses: { 200: { description: "The caller's flag.", schema: flag } },
    errors: [404],
  });
  api.operation({
    method: "put",
    path: "/api/v1/records/{id}/flag",
    operationId: "flagRecord",
    tag,
    summary: "Flag a record for a curator",
    description:
      "Puts the record in the review queue with an optional note (\"unclear guidelines\", \"offensive\"…). Submits " +
      "nothing. Flagging again updates the note, or reopens a flag a curator resolved. Only on a record the queue could " +
      "serve the caller, or that they answered or flagged; any other answers 404 like a missing record.",
    pathParams: record,
    body: { content: { "application/json": { schema: api.component("FlagRequest", flagInputSchema), example: { note: "unclear guidelines" } } } },
    responses: { 200: { description: "The caller's flag.", schema: flag } },
    errors: [400, 404],
  });
  api.operation({
    method: "delete",
    path: "/api/v1/records/{id}/flag",
    operationId: "unflagRecord",
    tag,
    summary: "Withdraw my flag",
    description: "Removes the caller's flag on the record (the same records as flagging; any other answers 404).",
    pathParams: record,
    responses: { 200: { description: "The caller's flag (now none).", schema: flag } },
    errors: [404],
  });
}
