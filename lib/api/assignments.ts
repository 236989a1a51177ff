// The assignment part of the OpenAPI document: request bodies are the service's own schemas; the answers are
// described here and checked against the service's types.
import { z } from "zod";
import {
  assignInputSchema,
  distributeInputSchema,
  type AssignmentOverview,
  type AssignResult,
  type DistributeResult,
} from "@/lib/server/services/assignments";
import type { ApiRegistry } from "./registry";

export const ASSIGNMENTS_TAG = {
  name: "Assignments",
  description:
    "Reserving records for named annotators. A record with assignees is served by the queue only to them, before " +
    "the open queue; a record without assignees is open to every annotator. Owners, admins and curators (`records.assign`).",
} as const;

export const assignResultSchema = z.object({
  records: z.int().describe("Records the selection matched."),
  added: z.int().describe("Assignments created."),
  removed: z.int().describe("Assignments removed."),
  notInQueue: z.int().describe("Matched records not in the human queue (not routed to humans, or complete)."),
  shortOfAssignees: z.int().describe("Matched queue records with fewer assignees than the responses they still need."),
});

export const distributeResultSchema = z.object({
  openRecords: z.int().describe("Open queue records considered."),
  dealt: z.int().describe("Records that received assignees."),
  perAnnotator: z.array(z.object({ userId: z.uuid(), records: z.int() })),
});

export const assignmentOverviewSchema = z.object({
  openRecords: z.int().describe("Queue records open to everybody."),
  assignedRecords: z.int().describe("Queue records reserved for named annotators."),
  annotators: z.array(
    z.object({
      userId: z.uuid(),
      username: z.string(),
      name: z.string(),
      role: z.string(),
      assigned: z.int().describe("Records assigned to this member, in any state."),
      waiting: z.int().describe("Assigned queue records still waiting for this member's response."),
    }),
  ),
});

// The document and the service cannot drift apart: these fail to compile if the shapes differ.
const _assign: z.infer<typeof assignResultSchema> = {} as AssignResult;
const _distribute: z.infer<typeof distributeResultSchema> = {} as DistributeResult;
const _overview: z.infer<typeof assignmentOverviewSchema> = {} as AssignmentOverview;
void _assign;
void _distribute;
void _overview;

export function registerAssignmentOperations(api: ApiRegistry): void {
  const tag = ASSIGNMENTS_TAG.name;
  const dataset = { id: { description: "The dataset's id." } };
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/assignments",
    operationId: "getAssignments",
    tag,
    summary: "Members and their assignments",
    description: "Every member of the dataset's workspace with the records assigned to them, and the open queue's size.",
    pathParams: dataset,
    responses: { 200: { description: "The overview.", schema: api.component("AssignmentOverview", assignmentOverviewSchema) } },
    errors: [403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/assignments",
    operationId: "assignRecords",
    tag,
    summary: "Assign or unassign records",
    description:
      "Adds (`assign`) or removes (`unassign`) the named annotators on the records given by id or matching a filter " +
      "of the records list, in one transaction. `unassign` with no user ids opens the records to everybody again.",
    pathParams: dataset,
    body: {
      content: {
        "application/json": {
          schema: api.component("AssignRequest", assignInputSchema),
          example: { action: "assign", userIds: ["6f1c…"], filter: { decision: "human", uncertaintyMin: 0.8 } },
        },
      },
    },
    responses: { 200: { description: "What changed.", schema: api.component("AssignResult", assignResultSchema) } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/assignments/distribute",
    operationId: "distributeQueue",
    tag,
    summary: "Deal a share of the open queue",
    description:
      "Deals `sharePercent` of the open queue (records routed to humans, short of responses, without assignees), spread " +
      "evenly through queue order, to the annotators by weight; a record gets as many assignees as it still needs " +
      "responses, never someone who already answered it. Deterministic.",
    pathParams: dataset,
    body: {
      content: {
        "application/json": {
          schema: api.component("DistributeRequest", distributeInputSchema),
          example: { annotators: [{ userId: "6f1c…", weight: 2 }, { userId: "a93e…", weight: 1 }], sharePercent: 60 },
        },
      },
    },
    responses: { 200: { description: "Records dealt to each annotator.", schema: api.component("DistributeResult", distributeResultSchema) } },
    errors: [400, 403, 404],
  });
}
