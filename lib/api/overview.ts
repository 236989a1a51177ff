// The overview part of the OpenAPI document, checked against the service's types at compile time.
import { z } from "zod";
import { THROUGHPUT_DAYS, UNCERTAINTY_BINS, type DatasetOverview } from "@/lib/server/services/overview";
import { proportionSchema } from "./quality";
import type { ApiRegistry } from "./registry";

export const OVERVIEW_TAG = {
  name: "Overview",
  description:
    "A dataset at a glance: progress by routing decision, the uncertainty histogram, the LLM proposals' agreement " +
    "with the human answers, the LLM cost so far and the annotators' throughput. Owners, admins and curators (`records.view`).",
} as const;

const count = z.int().min(0);

export const datasetOverviewSchema = z.object({
  datasetId: z.uuid(),
  progress: z.object({
    total: count,
    auto: count.describe("Accepted from the LLMs."),
    humanDone: count.describe("Routed to humans, with all the responses they need."),
    humanWaiting: count.describe("Routed to humans, still waiting."),
    audit: count.describe("Accepted and sampled for a human check."),
    auditDone: count.describe("Audit records already checked."),
    pending: count.describe("Not routed yet."),
  }),
  uncertainty: z.object({
    bins: z
      .array(z.object({ lower: z.number(), upper: z.number(), auto: count, audit: count, human: count, pending: count }))
      .describe(`${UNCERTAINTY_BINS} bins over 0..1, [lower, upper) (the last holds 1), records by routing decision.`),
    withoutUncertainty: count.describe("Records without an uncertainty yet."),
  }),
  llmAgreement: z
    .array(z.object({ name: z.string(), title: z.string(), type: z.string(), accuracy: proportionSchema }))
    .describe(
      "Per compared question, LLM agreement with people: on records with a proposal and a human consensus (every required " +
        "response submitted without a tie, or a curator's ruling), the share where the proposal equals the consensus; the " +
        "Quality, Agreement and LLM tabs give the same figure.",
    ),
  cost: z.object({
    suggestions: count,
    inputTokens: z.number(),
    outputTokens: z.number(),
    costUsd: z.number(),
    byModel: z.array(
      z.object({ model: z.string(), suggestions: count, inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number() }),
    ),
  }),
  throughput: z.object({
    days: z.array(z.string()).describe(`The last ${THROUGHPUT_DAYS} days (UTC), oldest first, YYYY-MM-DD.`),
    annotators: z.array(
      z.object({
        username: z.string(),
        name: z.string(),
        total: count.describe("Submitted responses, ever."),
        perDay: z.array(count).describe("Submitted responses per day, aligned with `days`."),
      }),
    ),
  }),
});

const _overview: z.infer<typeof datasetOverviewSchema> = {} as DatasetOverview;
const _back: DatasetOverview = {} as z.infer<typeof datasetOverviewSchema>;
void _overview;
void _back;

export function registerOverviewOperations(api: ApiRegistry): void {
  const overview = api.component("DatasetOverview", datasetOverviewSchema);
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/overview",
    operationId: "getDatasetOverview",
    tag: OVERVIEW_TAG.name,
    summary: "A dataset at a glance",
    description:
      "Progress by routing decision, the uncertainty histogram by decision, each question's LLM agreement with people with " +
      "its 95 % Wilson interval, the LLM cost and tokens by model, and submitted responses per day per annotator.",
    pathParams: { id: { description: "The dataset's id." } },
    responses: { 200: { description: "The overview.", schema: overview } },
    errors: [403, 404],
  });
}
