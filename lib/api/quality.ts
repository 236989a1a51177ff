// The quality part of the OpenAPI document: the query is the service's own schema; the answer is described here and
// checked against the service's types at compile time.
import { z } from "zod";
import { UNCERTAINTY_METHODS } from "@/lib/questions";
import type { DatasetQuality } from "@/lib/server/services/quality";
import { qualityQuerySchema } from "@/lib/server/services/quality";
import type { ApiRegistry } from "./registry";

export const QUALITY_TAG = {
  name: "Quality",
  description:
    "How good the LLMs' proposals are, measured on the records that have both a proposal and a human consensus: agreement " +
    "with the humans with its 95 % Wilson interval, calibration per uncertainty bin, the cost–quality frontier (final " +
    "accuracy and macro-F1 for each policy and human share), the threshold that reaches a target accuracy, and the " +
    "accuracy of the accepted records estimated from the audit sample. Owners, admins and curators (`quality.view`).",
} as const;

const share = z.number().min(0).max(1);
const estimatorSchema = z.enum(UNCERTAINTY_METHODS).describe("An uncertainty estimator (`auto` picks per record the signal the data has).");

const intervalSchema = z.object({ low: share, high: share });
export const proportionSchema = z
  .object({
    successes: z.int(),
    n: z.int(),
    value: share.nullable().describe("successes / n; null when n = 0."),
    interval: intervalSchema.nullable().describe("95 % Wilson score interval; null when n = 0."),
  })
  .describe("A proportion with its 95 % Wilson interval.");

const calibrationSchema = z.object({
  estimator: estimatorSchema,
  bins: z.array(
    z.object({
      lower: share,
      upper: share.describe("Bin i covers [lower, upper); the last bin also holds 1."),
      agreement: proportionSchema.describe("The LLM's agreement with humans in the bin (n = 0: an empty bin)."),
      meanUncertainty: share.nullable(),
    }),
  ),
  n: z.int().describe("Records placed in bins."),
  withoutSignal: z.int().describe("Records without an uncertainty under this estimator."),
});

const frontierSchema = z.object({
  policy: z.discriminatedUnion("kind", [
    z.object({ name: z.string(), kind: z.literal("budget"), estimator: estimatorSchema }),
    z.object({ name: z.string(), kind: z.literal("random"), estimator: estimatorSchema, seed: z.int() }),
  ]),
  pending: z.int().describe("Records left out: no uncertainty under the policy's estimator."),
  points: z.array(
    z.object({
      share: share.describe("The human share, 0 to 1 in steps of 0.1."),
      humans: z.int(),
      n: z.int(),
      accuracy: proportionSchema,
      macroF1: z.number().nullable(),
    }),
  ),
});

const adviceSchema = z.object({
  estimator: estimatorSchema,
  target: share,
  reached: z.boolean().describe("False when no threshold reaches the target; the rest then describes the best one."),
  threshold: share.nullable().describe("Uncertainty strictly above it goes to humans."),
  nextUncertainty: share.nullable(),
  humans: z.int(),
  n: z.int(),
  humanShare: share.nullable(),
  accuracy: proportionSchema,
  macroF1: z.number().nullable(),
  pending: z.int(),
  reliability: z
    .object({ reliable: z.boolean(), n: z.int(), minimum: z.int() })
    .describe(
      "Whether the advice rests on enough records: `minimum` is the smallest n at which every 95 % Wilson interval is at " +
        "most 20 points wide; below it the screens say the advice is not reliable yet.",
    ),
});

const auditSchema = z.object({
  accepted: z.int().describe("Records accepted from the LLMs (auto and audit)."),
  audited: z.int().describe("Records in the audit sample."),
  accuracy: proportionSchema.describe("Agreement of the audited records that have a human answer."),
});

const questionQualitySchema = z.object({
  n: z.int().describe("Records with a proposal and a human consensus on this question."),
  llm: z.object({ accuracy: proportionSchema, macroF1: z.number().nullable() }).describe("The proposals alone."),
  calibration: z.array(calibrationSchema),
  frontier: z.array(frontierSchema),
  advice: z.array(adviceSchema),
});

export const datasetQualitySchema = z.object({
  datasetId: z.uuid(),
  target: share,
  seed: z.int(),
  estimators: z.array(estimatorSchema),
  method: estimatorSchema.describe("The dataset's configured uncertainty method."),
  records: z.object({
    total: z.int(),
    withProposal: z.int(),
    withHumanAnswer: z.int().describe("Records with a submitted response or a curator's ruling."),
    withConsensus: z.int().describe("Records with a human consensus: every required response submitted without a tie, or a curator's ruling."),
    measured: z.int().describe("Records with both a proposal and a human consensus: what every figure here is measured on."),
    accepted: z.int(),
    audited: z.int(),
  }),
  questions: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      type: z.string(),
      skipped: z.string().nullable().describe("Why the question is not measured (free text); null when it is."),
      quality: questionQualitySchema.nullable(),
      llmAgreement: proportionSchema
        .nullable()
        .describe("LLM agreement with people (the same figure as the Overview, Agreement and LLM tabs); null when skipped."),
      audit: auditSchema.nullable(),
    }),
  ),
});

// The document and the service cannot drift apart: these fail to compile if the shapes differ.
const _quality: z.infer<typeof datasetQualitySchema> = {} as DatasetQuality;
const _back: DatasetQuality = {} as z.infer<typeof datasetQualitySchema>;
void _quality;
void _back;

export function registerQualityOperations(api: ApiRegistry): void {
  api.component("UncertaintyEstimator", estimatorSchema);
  api.component("QualityProportion", proportionSchema);
  const quality = api.component("DatasetQuality", datasetQualitySchema);
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/quality",
    operationId: "getDatasetQuality",
    tag: QUALITY_TAG.name,
    summary: "Measure the LLMs' quality against the human answers",
    description:
      "Per question (free-text questions are listed as skipped), from the records with both a proposal and a human " +
      "consensus (every required response submitted without a tie, or a curator's ruling): LLM agreement with people, " +
      "calibration per uncertainty bin, the cost–quality frontier per policy (vote entropy, self-evaluation where " +
      "scores exist, seeded random) at human shares 0–100 %, the threshold advice for `target`, and the audit estimate.",
    pathParams: { id: { description: "The dataset's id." } },
    query: qualityQuerySchema,
    responses: { 200: { description: "The dataset's quality.", schema: quality } },
    errors: [400, 403, 404],
  });
}
