// The agreement part of the OpenAPI document: the query is the service's own schema; the answer is described here
// and checked against the service's types at compile time.
import { z } from "zod";
import { AGREEMENT_CSV_COLUMNS, agreementQuerySchema, type DatasetAgreement } from "@/lib/server/services/agreement";
import { proportionSchema } from "./quality";
import type { ApiRegistry } from "./registry";

export const AGREEMENT_TAG = {
  name: "Agreement",
  description:
    "How much the annotators agree with each other, per question: Fleiss' kappa, Krippendorff's alpha (ordinal for " +
    "rating questions, nominal otherwise), Cohen's kappa for every pair, each annotator's agreement with the human " +
    "consensus and with the LLM proposal, and each annotator's pace. Free-text questions are not compared. Owners, " +
    "admins and curators (`quality.view`).",
} as const;

const raterAgreementSchema = z.object({
  rater: z.string(),
  agreed: z.int().describe("Records where the annotator's answer equals the reference."),
  n: z.int().describe("Records with both an answer from the annotator and a reference."),
  rate: proportionSchema,
});

const pairSchema = z.object({
  raterA: z.string(),
  raterB: z.string().describe("raterA < raterB in code-unit order."),
  n: z.int().describe("Records both answered."),
  kappa: z.number().nullable().describe("Null when undefined (no shared record, or both used one category throughout)."),
  observed: z.number().nullable().describe("Share of shared records they agree on."),
});

export const datasetAgreementSchema = z.object({
  datasetId: z.uuid(),
  confirmations: z
    .enum(["exclude", "include"])
    .describe("Whether answers that left the LLM proposal unchanged were counted (query `confirmations`; default exclude)."),
  sharedRecords: z.int().describe("Records with at least two submitted responses."),
  annotators: z.array(
    z.object({
      username: z.string(),
      name: z.string(),
      submitted: z.int().describe("Submitted responses in this dataset."),
      medianTimeMs: z.number().nullable().describe("Median time spent per submitted response, in ms."),
      meanTimeMs: z.number().nullable().describe("Mean time spent per submitted response, in ms."),
    }),
  ),
  questions: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      type: z.string(),
      skipped: z.string().nullable().describe("Why the question is not compared (free text); null when it is."),
      level: z.enum(["nominal", "ordinal", "interval"]).nullable().describe("The level alpha is computed at."),
      sharedRecords: z.int().describe("Records where at least two annotators answered this question."),
      confirmationsLeftOut: z.int().describe("Submitted answers not counted because they confirmed the LLM proposal."),
      fleiss: z
        .object({
          kappa: z.number().nullable(),
          units: z.int().describe("Records used: those with the most common number of answers."),
          raters: z.int().nullable().describe("Answers per record used (m)."),
          excluded: z.int().describe("Records left out (another number of answers)."),
        })
        .nullable(),
      alpha: z
        .object({
          alpha: z.number().nullable(),
          pairableValues: z.int(),
          units: z.int().describe("Records with at least two answers."),
        })
        .nullable(),
      pairwise: z.array(pairSchema).describe("Cohen's kappa per pair of annotators with shared records."),
      annotators: z.array(
        z.object({
          username: z.string(),
          answered: z.int(),
          withConsensus: raterAgreementSchema.nullable().describe("Against the human or curator final value."),
          withLlm: raterAgreementSchema
            .nullable()
            .describe("Their answers vs the LLM's proposal: each of this annotator's answers against the proposal, on any record they answered."),
        }),
      ),
      llmAgreement: proportionSchema
        .nullable()
        .describe(
          "LLM agreement with people: on records with a proposal and a human consensus (every required response submitted " +
            "without a tie, or a curator's ruling), the share where the proposal equals the consensus. The Overview, Quality and " +
            "LLM tabs give the same figure. Null for questions not compared.",
        ),
    }),
  ),
});

// The document and the service cannot drift apart: these fail to compile if the shapes differ.
const _agreement: z.infer<typeof datasetAgreementSchema> = {} as DatasetAgreement;
const _back: DatasetAgreement = {} as z.infer<typeof datasetAgreementSchema>;
void _agreement;
void _back;

export function registerAgreementOperations(api: ApiRegistry): void {
  const agreement = api.component("DatasetAgreement", datasetAgreementSchema);
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/agreement",
    operationId: "getDatasetAgreement",
    tag: AGREEMENT_TAG.name,
    summary: "Measure inter-annotator agreement",
    description:
      "Per question, over the records' submitted responses (compared whole, in the question type's canonical form): " +
      "Fleiss' kappa, Krippendorff's alpha, pairwise Cohen's kappa, each annotator's agreement with the consensus " +
      "(final values made by people) and with the LLM proposal, with 95 % Wilson intervals; and each annotator's " +
      "responses and time per record. With `format=csv` the same figures come as a CSV attachment in long form, one " +
      `measure per row, columns \`${AGREEMENT_CSV_COLUMNS.join("`, `")}\`; measures: \`responses_submitted\`, ` +
      "`median_time_ms`, `mean_time_ms` (per annotator), `fleiss_kappa`, `krippendorff_alpha` (per question), " +
      "`cohen_kappa` (per question and pair), `agreement_with_consensus`, `agreement_with_llm` (per question and annotator).",
    pathParams: { id: { description: "The dataset's id." } },
    query: agreementQuerySchema,
    responses: {
      200: {
        description: "The agreement (JSON), or the CSV file with `format=csv`.",
        content: {
          "application/json": { schema: agreement },
          "text/csv": { schema: { type: "string", contentMediaType: "text/csv", description: "A CSV with a header row." } },
        },
        headers: {
          "Content-Disposition": { description: "With `format=csv`: `attachment; filename=\"agreement-….csv\"`", schema: { type: "string" } },
        },
      },
    },
    errors: [400, 403, 404],
  });
}
