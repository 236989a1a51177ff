// The routing part of the OpenAPI document: the request body is the routing settings' own schema
// (lib/routing/policies-settings.ts); the answers are described here and checked against the service's types.
import { z } from "zod";
import { UNCERTAINTY_METHODS } from "@/lib/questions";
import { routingSettingsSchema } from "@/lib/routing/policies";
import type { RoutingOutcome, RoutingView } from "@/lib/server/services/routing";
import { proportionSchema } from "./quality";
import type { ApiRegistry } from "./registry";

export const ROUTING_TAG = {
  name: "Routing",
  description:
    "Which records go to humans: the policy (`threshold`, `budget`, `random`, `all_human`, `all_llm`), the audit rate, " +
    "adaptive overlap and how a record's uncertainty is aggregated, with a preview computed by the same rules the " +
    "recompute applies. Owners, admins and curators (`routing.configure`).",
} as const;

const countsSchema = z.object({ pending: z.int(), auto: z.int(), audit: z.int(), human: z.int() });

export const routingOutcomeSchema = z.object({
  counts: countsSchema.describe("Records per routing decision under the previewed policy."),
  humanResponsesNeeded: z.int().describe("Submitted responses the records sent to humans need in all (adaptive overlap included)."),
  overlapRecords: z.int().describe("Records that need more than the base number of responses."),
  expected: z
    .array(
      z.object({
        name: z.string(),
        title: z.string(),
        n: z.int().describe("Records with a proposal and a human answer to this question: what the estimate stands on."),
        accuracy: proportionSchema.describe("Final accuracy: records routed to humans take the human answer, the rest the proposal."),
        macroF1: z.number().nullable(),
        accepted: proportionSchema.describe("The proposals the policy would accept, against the human answers."),
      }),
    )
    .describe("Per compared question (free text is not), the quality the policy would give where human answers exist."),
});

export const routingViewSchema = z.object({
  datasetId: z.uuid(),
  settings: routingSettingsSchema,
  uncertaintyMethod: z
    .enum(UNCERTAINTY_METHODS)
    .describe(
      "How uncertainty is measured: `auto` (votes where two or more can disagree, else the agents' scores, else token " +
        "probabilities), or one signal forced: `vote_entropy`, `self_eval` (1 − the mean score), `logprob`.",
    ),
  minSubmitted: z.int(),
  current: countsSchema.describe("Records per decision at the last recompute."),
  routedAt: z.iso.datetime({ offset: true }).nullable().describe("When the last recompute finished; null while one is on its way."),
});

// The document and the service cannot drift apart: these fail to compile if the shapes differ.
const _outcome: z.infer<typeof routingOutcomeSchema> = {} as RoutingOutcome;
const _outcomeBack: RoutingOutcome = {} as z.infer<typeof routingOutcomeSchema>;
void _outcomeBack;
const _view: RoutingView = {} as z.infer<typeof routingViewSchema>;
void _outcome;
void _view;

export function registerRoutingOperations(api: ApiRegistry): void {
  const tag = ROUTING_TAG.name;
  // Registered as the "RoutingSettings" component with the dataset settings (openapi.ts); referenced from there.
  const settings = routingSettingsSchema;
  const outcome = api.component("RoutingPreview", routingOutcomeSchema);
  const view = api.component("RoutingView", routingViewSchema);
  const dataset = { id: { description: "The dataset's id." } };
  const example = { policy: "threshold", threshold: 0.4, auditRate: 0.05, overlapThreshold: 0.8, overlapExtra: 1 };
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/routing",
    operationId: "getRouting",
    tag,
    summary: "Get a dataset's routing policy",
    description: "The saved policy with the number of records per decision at the last recompute.",
    pathParams: dataset,
    responses: { 200: { description: "The policy and its current decisions.", schema: view } },
    errors: [403, 404],
  });
  api.operation({
    method: "put",
    path: "/api/v1/datasets/{id}/routing",
    operationId: "updateRouting",
    tag,
    summary: "Replace a dataset's routing policy",
    description:
      "Saves the policy and enqueues the recompute that applies it (decisions, required responses, final values of " +
      "accepted proposals). A policy must bring its parameter (`threshold`, or `humanShare` for budget and random); " +
      "each problem is a detail naming its field. An optional `uncertaintyMethod` next to the policy's fields " +
      "(`auto`, `vote_entropy`, `self_eval`, `logprob`) also changes how uncertainty is measured; absent, it stays.",
    pathParams: dataset,
    body: { content: { "application/json": { schema: settings, example } } },
    responses: { 200: { description: "The saved policy.", schema: view } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/routing/preview",
    operationId: "previewRouting",
    tag,
    summary: "Preview a routing policy",
    description:
      "What the policy would decide for the dataset's records with their current uncertainties, computed by the same " +
      "rules as the recompute: records per decision and the human responses needed. Nothing is saved.",
    pathParams: dataset,
    body: { content: { "application/json": { schema: settings, example } } },
    responses: { 200: { description: "The decisions the policy would make.", schema: outcome } },
    errors: [400, 403, 404],
  });
}
