// The OpenAPI 3.1 document of Sift's REST API, generated from the zod schemas that validate the requests (the
// services' own: record format, dataset settings, responses, the record list's query) and from lib/api/schemas.ts
// for what the services answer. Served at /api/v1/openapi.json and rendered at /docs/api.
//
// Every route handler under app/api must be described here: tests/unit/api/openapi.test.ts scans the folder and
// fails on a route (or a method) that is missing.
import { z } from "zod";
import {
  datasetSettingsSchema,
  distributionSchema,
  fieldSettingsSchema,
  metadataPropertySchema,
  questionSettingsSchema,
  uncertaintySettingsSchema,
} from "@/lib/datasets/settings";
import { MAX_RECORDS_PER_REQUEST, recordInputSchema, suggestionInputSchema } from "@/lib/io/record-format";
import { getQuestionType, questionTypeNames } from "@/lib/questions";
import { routingSettingsSchema } from "@/lib/routing/policies";
import { mappingSchema } from "@/lib/io/mapping";
import { previewRequestSchema, startRequestSchema } from "@/lib/server/services/imports";
import { exportSelectionSchema } from "@/lib/server/services/export-records";
import { exportContentTypes, exportRequestSchema } from "@/lib/server/services/export-request";
import { listRecordsParamsSchema } from "@/lib/server/services/records";
import { responseInputSchema } from "@/lib/server/services/responses";
import { LLM_PROVIDERS_TAG, registerLlmProviderOperations } from "./llm-providers";
import { LLM_SETTINGS_TAG, registerLlmSettingsOperations } from "./llm-settings";
import { QUALITY_TAG, registerQualityOperations } from "./quality";
import { AGREEMENT_TAG, registerAgreementOperations } from "./agreement";
import { OVERVIEW_TAG, registerOverviewOperations } from "./overview";
import { registerRoutingOperations, ROUTING_TAG } from "./routing";
import { ASSIGNMENTS_TAG, registerAssignmentOperations } from "./assignments";
import { registerRecordDeletionOperations } from "./record-deletion";
import { registerReviewOperations, REVIEW_TAG } from "./review";
import { BULK_TAG, registerBulkOperations } from "./bulk";
import { ADMIN_TAG, registerAdminOperations } from "./admin";
import { FOLDER_TAG, registerFolderOperations } from "./folder";
import { registerRecordValueOperations } from "./record-values";
import { ApiRegistry, componentRef, type JsonSchema, type OpenApiDocument } from "./registry";
import * as s from "./schemas";

export const API_TAGS = [
  { name: "Meta", description: "Health, the caller, and this document." },
  {
    name: "Datasets",
    description:
      "Datasets with their settings: fields, questions, metadata properties, guidelines, distribution, routing. A draft is " +
      "freely editable; once published, only safe changes are allowed (titles, descriptions, guidelines, new label options).",
  },
  {
    name: "Records and suggestions",
    description:
      "Records are pushed in bulk with their suggestions (one agent's proposed value for one question) and upserted by " +
      "`externalId`; a suggestion is upserted by (record, question, agent). Proposals, uncertainty and routing are then " +
      "recomputed by the worker. Lists are in import order with keyset pagination and filters.",
  },
  { name: "Annotation", description: "The human queue and annotators' responses." },
  LLM_PROVIDERS_TAG,
  LLM_SETTINGS_TAG,
  ROUTING_TAG,
  ASSIGNMENTS_TAG,
  REVIEW_TAG,
  BULK_TAG,
  OVERVIEW_TAG,
  QUALITY_TAG,
  AGREEMENT_TAG,
  ADMIN_TAG,
  {
    name: "Import and export",
    description:
      "Files in and out: small exports stream straight back, large ones and file imports run as tasks in the worker, " +
      "with progress and a result to poll.",
  },
  FOLDER_TAG,
] as const;

export type ApiTag = (typeof API_TAGS)[number]["name"];

const idParam = (what: string) => ({ id: { description: `The ${what}'s id.` } });

const exportFileDescriptions: Record<string, string> = {
  "application/x-ndjson": "JSONL: one object per line (`jsonl`, `sft`, `dpo`, `classification`).",
  "text/csv; charset=utf-8": "CSV with a header row.",
  "application/vnd.apache.parquet": "A Parquet file.",
  "application/x-tar": "A Hugging Face datasets folder: Parquet files and a README dataset card.",
};

function pascal(name: string): string {
  return name.replace(/(^|_)([a-z])/g, (_match, _sep: string, letter: string) => letter.toUpperCase());
}

function buildRegistry(): ApiRegistry {
  const api = new ApiRegistry();

  // ── components ────────────────────────────────────────────────────────────────────────────────────────────────
  api.component("Error", s.errorBodySchema);
  api.component("ErrorDetail", s.errorDetailSchema);
  api.component("Health", s.healthSchema);
  api.component("Me", s.meSchema);
  api.component("DatasetList", s.datasetListSchema);
  api.component("DatasetSummary", s.datasetSummarySchema);
  api.component("DatasetProgress", s.datasetProgressSchema);
  api.component("DatasetSettings", datasetSettingsSchema);
  api.component("FieldSettings", fieldSettingsSchema);
  api.component("QuestionSettings", questionSettingsSchema);
  const settingsIds = questionTypeNames.map((type) => {
    const id = `${pascal(type)}Settings`;
    api.component(id, getQuestionType(type).settingsSchema);
    return { type, id };
  });
  api.component("MetadataProperty", metadataPropertySchema);
  api.component("Distribution", distributionSchema);
  api.component("RoutingSettings", routingSettingsSchema);
  api.component("UncertaintySettings", uncertaintySettingsSchema);
  api.component("CreateDatasetRequest", s.createDatasetBodySchema);
  api.component("Created", s.createdSchema);
  const settingsView = api.component(
    "DatasetSettingsView",
    z.object({ id: z.uuid(), status: z.enum(["draft", "published"]), settings: datasetSettingsSchema }),
  );
  const settingsPatch = api.component(
    "DatasetSettingsPatch",
    z
      .object(Object.fromEntries(Object.entries(datasetSettingsSchema.shape).map(([key, part]) => [key, part.optional()])))
      .strict()
      .describe("Any top-level parts of the settings; each part given replaces the current one whole."),
  );
  api.component("RecordInput", recordInputSchema);
  api.component("SuggestionInput", suggestionInputSchema);
  api.component("ImportResult", s.importResultSchema);
  api.component("ImportCounts", s.importCountsSchema);
  api.component("RecordPage", s.recordPageSchema);
  api.component("RecordView", s.recordViewSchema);
  api.component("ProposalView", s.proposalViewSchema);
  api.component("SuggestionView", s.suggestionViewSchema);
  api.component("ResponseView", s.responseViewSchema);
  api.component("RoutingDecision", s.routingDecisionSchema);
  api.component("ResponseStatus", s.responseStatusSchema);
  api.component("QueueNextRequest", s.queueNextBodySchema);
  api.component("QueueNext", s.queueNextSchema);
  api.component("QueueCounts", s.queueCountsSchema);
  api.component("ResponseInput", responseInputSchema);
  api.component("SavedResponse", s.savedResponseSchema);
  api.component("ExportRequest", exportRequestSchema);
  api.component("ExportSelection", exportSelectionSchema);
  api.component("ExportStarted", s.exportStartedSchema);
  api.component("Task", s.taskSchema);
  api.component("ImportMapping", mappingSchema);
  api.component("ImportPreview", s.importPreviewSchema);
  api.component("ImportList", s.importListSchema);
  api.component("ImportPreviewRequest", previewRequestSchema);
  api.component("ImportStartRequest", startRequestSchema);

  // A question's `settings` depend on its `type`: each type's module (lib/questions) owns the schema.
  api.patch((schemas) => {
    const question = schemas.QuestionSettings as { properties: Record<string, JsonSchema> };
    question.properties.settings = {
      description: `The settings of the question's type: ${settingsIds.map(({ type, id }) => `${id} for \`${type}\``).join(", ")}.`,
      oneOf: settingsIds.map(({ type, id }) => ({ title: type, $ref: componentRef(id) })),
    };
  });

  // ── meta ──────────────────────────────────────────────────────────────────────────────────────────────────────
  api.operation({
    method: "get",
    path: "/api/health",
    operationId: "getHealth",
    tag: "Meta",
    summary: "Health check",
    description: "Liveness and readiness: 200 only when the database answers, 503 otherwise. No authentication.",
    public: true,
    responses: {
      200: { description: "The web process and its database are up.", schema: s.healthSchema, example: { status: "ok", database: "ok" } },
      503: { description: "The database did not answer.", schema: s.healthSchema },
    },
  });
  api.operation({
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Meta",
    summary: "The OpenAPI document",
    description: "The OpenAPI 3.1 document of the API, generated from the zod schemas that validate the requests. No authentication.",
    public: true,
    responses: { 200: { description: "The OpenAPI document.", schema: { type: "object", description: "An OpenAPI 3.1 document." } } },
  });
  api.operation({
    method: "get",
    path: "/api/v1/me",
    operationId: "getMe",
    tag: "Meta",
    summary: "The caller and their workspaces",
    responses: { 200: { description: "The user the key or session belongs to.", schema: s.meSchema } },
  });

  // ── datasets ──────────────────────────────────────────────────────────────────────────────────────────────────
  api.operation({
    method: "get",
    path: "/api/v1/datasets",
    operationId: "listDatasets",
    tag: "Datasets",
    summary: "List datasets with progress",
    description: "The datasets of one workspace, or of every workspace the caller belongs to, with progress by routing decision.",
    query: z.object({ workspace: z.string().min(1).max(200).optional().describe("A workspace's slug or id; absent: every workspace of the caller.") }),
    responses: { 200: { description: "The datasets.", schema: s.datasetListSchema } },
    errors: [400, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/datasets",
    operationId: "createDataset",
    tag: "Datasets",
    summary: "Create a dataset",
    description:
      "Creates a dataset from its settings (the settings.json of a dataset folder) in a workspace where the caller is an " +
      "admin. Every problem of the settings is answered at once, each with its path.",
    body: {
      content: {
        "application/json": {
          schema: s.createDatasetBodySchema,
          example: {
            workspace: "demo",
            publish: true,
            settings: {
              name: "Sentiment",
              guidelines: "Label the sentiment of each review.",
              fields: [{ name: "text", title: "Review", type: "text" }],
              questions: [{ name: "sentiment", type: "label", settings: { options: [{ value: "positive" }, { value: "negative" }] } }],
              metadata: [{ name: "source", type: "terms" }],
              routing: { policy: "threshold", threshold: 0.5 },
            },
          },
        },
      },
    },
    responses: { 201: { description: "Created.", schema: s.createdSchema, example: { id: "9b6c1f8e-3a52-4c1e-9d0b-6f3f5c2b8a11" } } },
    errors: [400, 403, 404, 409],
  });
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}",
    operationId: "getDatasetSettings",
    tag: "Datasets",
    summary: "Get a dataset's settings",
    description: "The dataset's status and settings, in the shape that `POST /api/v1/datasets` accepts, so a dataset can be copied.",
    pathParams: idParam("dataset"),
    responses: { 200: { description: "The settings.", schema: settingsView } },
    errors: [403, 404],
  });
  api.operation({
    method: "patch",
    path: "/api/v1/datasets/{id}",
    operationId: "updateDatasetSettings",
    tag: "Datasets",
    summary: "Change a dataset's settings",
    description:
      "Changes any top-level parts of the settings (each part given replaces the current one; fields, questions and " +
      "metadata properties are matched by name). On a published dataset, or one with records, only safe changes are " +
      "allowed; otherwise the whole request is refused (400) with each refused change named. Routing changes recompute " +
      "the routing.",
    pathParams: idParam("dataset"),
    body: { content: { "application/json": { schema: settingsPatch, example: { guidelines: "Label the sentiment. Sarcasm counts as negative." } } } },
    responses: { 200: { description: "The settings after the change.", schema: settingsView } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/publish",
    operationId: "publishDataset",
    tag: "Datasets",
    summary: "Publish a dataset",
    description: "A draft becomes published: from then on only safe changes are allowed. Publishing a published dataset changes nothing.",
    pathParams: idParam("dataset"),
    responses: { 200: { description: "The dataset, published.", schema: settingsView } },
    errors: [403, 404],
  });

  // ── records ───────────────────────────────────────────────────────────────────────────────────────────────────
  for (const method of ["put", "post"] as const) {
    api.operation({
      method,
      path: "/api/v1/datasets/{id}/records",
      operationId: method === "put" ? "upsertRecords" : "upsertRecordsPost",
      tag: "Records and suggestions",
      summary: method === "put" ? "Upsert records with suggestions" : "Upsert records with suggestions (POST)",
      description:
        (method === "post" ? "The same as `PUT`, for clients that cannot send PUT. " : "") +
        `Bulk upsert by \`externalId\`: a JSON array or NDJSON (one record per line), at most ${MAX_RECORDS_PER_REQUEST.toLocaleString("en")} ` +
        "records, each in the record format with its suggestions. Everything is validated first: a bad body answers 400 " +
        "naming each line and field, and nothing is written. Otherwise records and suggestions are written in one " +
        "transaction, and the recompute of proposals and routing is queued. A record whose fields and metadata did not " +
        "change counts as unchanged. With an `Idempotency-Key`, a retried request is applied once and answered the same.",
      pathParams: idParam("dataset"),
      parameters: [
        {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: "Any string up to 200 characters, unique per request: a retry with the same key and body is answered from the first; with another body, 409.",
          schema: { type: "string", maxLength: 200 },
          example: "pipeline-run-42-batch-7",
        },
      ],
      body: {
        description: "A JSON array of records, or NDJSON (one record per line; blank lines are skipped). Up to 64 MiB.",
        content: {
          "application/json": {
            schema: { type: "array", maxItems: MAX_RECORDS_PER_REQUEST, items: { $ref: componentRef("RecordInput") } },
            example: [
              {
                externalId: "r-001",
                fields: { text: "The battery lasts two days." },
                metadata: { source: "web" },
                suggestions: [
                  { question: "sentiment", agent: "gpt-4o-mini/paraphrase", value: "positive", score: 0.8 },
                  { question: "sentiment", agent: "llama-3-8b", value: "positive", rationale: "Praises the battery." },
                ],
              },
            ],
          },
          "application/x-ndjson": {
            schema: {
              type: "string",
              description: "One RecordInput object per line.",
              "x-sift-line-schema": { $ref: componentRef("RecordInput") },
            },
            example:
              '{"externalId": "r-001", "fields": {"text": "The battery lasts two days."}, "suggestions": [{"question": "sentiment", "agent": "gpt-4o-mini", "value": "positive"}]}\n' +
              '{"externalId": "r-002", "fields": {"text": "It broke after a week."}}',
          },
        },
      },
      responses: {
        200: {
          description: "What was created, updated and left unchanged.",
          schema: s.importResultSchema,
          example: { records: { created: 1, updated: 0, unchanged: 0 }, suggestions: { created: 2, updated: 0, unchanged: 0 } },
        },
      },
      errors: [400, 403, 404, 409, 413],
    });
  }
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/records",
    operationId: "listRecords",
    tag: "Records and suggestions",
    summary: "List records, filtered, in import order",
    description:
      "Records in import order with their suggestions, proposals, routing and (for curators and admins) every response. " +
      "Keyset pagination: pass the page's `nextCursor` as `after` for the next page; every page costs the same. All " +
      "filters combine (AND) with each other and with the pagination. Metadata filters are named after the dataset's " +
      "properties: `metadata.<name>=<value>` (equality: a terms value, or a number for integer and float properties) and, " +
      "for integer and float properties, `metadata.<name>.min` / `metadata.<name>.max` (inclusive). `proposal.<question>=<value>` " +
      "keeps the records whose proposal for that question has that value. An unknown parameter, " +
      "an unknown metadata property or a malformed value answers 400 naming it.",
    pathParams: idParam("dataset"),
    query: listRecordsParamsSchema,
    parameters: [
      {
        name: "metadata.{name}",
        in: "query",
        required: false,
        description: "Equality on the metadata property `{name}` (replace it with the property's name): a terms value, or a number.",
        schema: { type: "string" },
        example: "web",
        "x-sift-pattern": "^metadata\\.[a-zA-Z_][a-zA-Z0-9_-]*$",
      },
      {
        name: "metadata.{name}.min",
        in: "query",
        required: false,
        description: "Integer and float properties: at least this (inclusive). Records without a number there are left out.",
        schema: { type: "number" },
        "x-sift-pattern": "^metadata\\.[a-zA-Z_][a-zA-Z0-9_-]*\\.min$",
      },
      {
        name: "metadata.{name}.max",
        in: "query",
        required: false,
        description: "Integer and float properties: at most this (inclusive). Records without a number there are left out.",
        schema: { type: "number" },
        "x-sift-pattern": "^metadata\\.[a-zA-Z_][a-zA-Z0-9_-]*\\.max$",
      },
      {
        name: "proposal.{question}",
        in: "query",
        required: false,
        description:
          "Only records whose proposal for the question `{question}` (replace it with the question's name) is this value: " +
          "a label, or JSON for other values (`4`, `[\"a\",\"b\"]`). One question at a time.",
        schema: { type: "string" },
        example: "positive",
        "x-sift-pattern": "^proposal\\.[a-zA-Z_][a-zA-Z0-9_-]*$",
      },
    ],
    responses: { 200: { description: "One page of records.", schema: s.recordPageSchema } },
    errors: [400, 403, 404],
    extensions: {
      "x-sift-example-query": "decision=human&uncertaintyMin=0.5&responseStatus=none&metadata.source=web&q=battery&limit=100",
    },
  });
  api.operation({
    method: "get",
    path: "/api/v1/records/{id}",
    operationId: "getRecord",
    tag: "Records and suggestions",
    summary: "Get one record",
    description:
      "One record with every suggestion (agent, value, score, critique), the proposal and its uncertainty, the routing " +
      "decision, the final values with provenance and, for curators and admins, every response. Annotators reach only " +
      "records routed to humans or that they answered; others answer 404.",
    pathParams: idParam("record"),
    responses: { 200: { description: "The record.", schema: s.recordViewSchema } },
    errors: [404],
  });
  registerRecordValueOperations(api, "Records and suggestions");

  // ── annotation ────────────────────────────────────────────────────────────────────────────────────────────────
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/queue/next",
    operationId: "claimNextRecord",
    tag: "Annotation",
    summary: "Claim the next record to annotate",
    description:
      "Hands the caller the record they hold (after a reload) or claims the next one routed to humans, most uncertain " +
      "first, in one statement: two annotators are never handed the same record. The claim is a 10-minute lease.",
    pathParams: idParam("dataset"),
    body: {
      required: false,
      description: "Optional; an empty body is `{}`.",
      content: { "application/json": { schema: s.queueNextBodySchema, example: { skip: [] } } },
    },
    responses: { 200: { description: "The record (or null) and the caller's counts.", schema: s.queueNextSchema } },
    errors: [400, 404],
  });
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/queue/counts",
    operationId: "getQueueCounts",
    tag: "Annotation",
    summary: "The caller's queue counts",
    description: "Records routed to humans still waiting for the caller (open to all, or assigned to them), and how many they submitted.",
    pathParams: idParam("dataset"),
    responses: { 200: { description: "The caller's counts.", schema: s.queueCountsSchema } },
    errors: [404],
  });
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/queue/progress",
    operationId: "getTeamProgress",
    tag: "Annotation",
    summary: "The team's progress on the human queue",
    description:
      "Over the records routed to humans: submitted responses that count (at most what each record needs) out of all " +
      "those needed, records complete, and how many people answered.",
    pathParams: idParam("dataset"),
    responses: { 200: { description: "The team's progress.", schema: api.component("TeamProgress", s.teamProgressSchema) } },
    errors: [404],
  });
  api.operation({
    method: "get",
    path: "/api/v1/workspaces/{slug}/my-queue",
    operationId: "getMyQueue",
    tag: "Annotation",
    summary: "The caller's queue over a workspace",
    description: "Records the caller could be served now (open to all, or assigned to them), summed over the workspace's datasets: the top bar's \"My queue\".",
    pathParams: { slug: { description: "The workspace's slug or id." } },
    responses: { 200: { description: "The count.", schema: z.object({ waiting: z.number().int().min(0) }) } },
    errors: [404],
  });
  api.operation({
    method: "put",
    path: "/api/v1/records/{id}/response",
    operationId: "saveResponse",
    tag: "Annotation",
    summary: "Save the caller's response",
    description:
      "Saves a draft, submits (applied once however often it is retried; counts towards the record's distribution and, " +
      "once enough are in, sets the human consensus as the final value) or discards. Each value is checked against its " +
      "question; a submit needs every required question. Only to a record the queue could serve the caller (routed to " +
      "humans or audited, short of responses, open or assigned to them, not held by someone else's claim) or one they " +
      "answered before (to change their answer, until a curator resolves the record), whatever their role; any other " +
      "answers 404 exactly like a missing record. Sift records each answer's origin itself (`confirmed`: the LLM " +
      "proposal the caller could see, `changed`, or `written`), from the record's current proposal: the body has no say.",
    pathParams: idParam("record"),
    body: {
      content: {
        "application/json": {
          schema: responseInputSchema,
          example: { status: "submitted", values: { sentiment: "positive" }, timeSpentMs: 5400 },
        },
      },
    },
    responses: { 200: { description: "The saved response and the record's counts.", schema: s.savedResponseSchema } },
    errors: [400, 404],
  });

  // ── import and export ─────────────────────────────────────────────────────────────────────────────────────
  const fileContent = Object.fromEntries(
    [...new Set(Object.values(exportContentTypes))].map((type) => [
      type,
      { schema: { type: "string", contentMediaType: type.split(";")[0]!, description: exportFileDescriptions[type] ?? "The file." } },
    ]),
  );
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/exports",
    operationId: "createExport",
    tag: "Import and export",
    summary: "Export a dataset",
    description:
      "Exports the chosen records in a file format (`jsonl`, `csv`, `parquet`, `hf`: a Hugging Face datasets folder " +
      "with Parquet files and a README dataset card, as a tar) or a training shape (`sft`: chat messages, `dpo`: prompt, " +
      "chosen and rejected from a ranking question, `classification`: text and label; each needs its options). A small " +
      "export streams straight back as a file; a large one (or `hf`, or `mode: task`) runs in the worker: 202 with a " +
      "task to poll with `GET /api/v1/tasks/{id}` and download when it has succeeded. CSV cells that a spreadsheet " +
      "would execute (starting with `=`, `+`, `-`, `@`) are neutralised.",
    pathParams: idParam("dataset"),
    body: {
      content: {
        "application/json": {
          schema: exportRequestSchema,
          example: {
            format: "dpo",
            selection: { records: "final", provenance: ["human", "curator"] },
            dpo: { promptField: "instruction", rankingQuestion: "preference", pairing: "adjacent" },
          },
        },
      },
    },
    responses: {
      200: {
        description: "The file, streamed as it is written.",
        content: fileContent,
        headers: {
          "Content-Disposition": { description: "`attachment; filename=\"…\"`", schema: { type: "string" } },
          "X-Sift-Records": { description: "Records in the export.", schema: { type: "integer" } },
        },
      },
      202: { description: "Too large to stream (or a folder): a task was queued.", schema: s.exportStartedSchema },
    },
    errors: [400, 403, 404],
  });
  const importTask = { id: { description: "The dataset's id." }, taskId: { description: "The draft import's id (`taskId` of the upload's answer)." } };
  const mappingExample = {
    kind: "columns",
    externalId: "id",
    fields: { text: "review" },
    metadata: { source: "site" },
    suggestions: [{ question: "sentiment", agent: "gpt-4o-mini/import", value: "label", score: "confidence" }],
  };
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/imports",
    operationId: "uploadImportFile",
    tag: "Import and export",
    summary: "Upload a file to import",
    description:
      "Step 1 of a file import. The file's bytes are the request body (not multipart), streamed to disk: JSONL, JSON, " +
      "CSV or Parquet, told apart by the name and the first bytes; a file of an unknown format or over the size limit " +
      "is refused before anything is written. Answers a draft import with the columns found, a mapping suggested from " +
      "their names and a preview of the first rows with their problems. Then preview other mappings (step 2) and start " +
      "it (step 3).",
    pathParams: idParam("dataset"),
    parameters: [
      {
        name: "X-File-Name",
        in: "header",
        required: false,
        description: "The file's name (URL-encoded for non-ASCII names); or `?fileName=`.",
        schema: { type: "string" },
        example: "reviews.csv",
      },
      { name: "fileName", in: "query", required: false, description: "The file's name, if not in `X-File-Name`.", schema: { type: "string" } },
    ],
    body: {
      description: "The file's bytes.",
      content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
    },
    responses: {
      201: { description: "The draft import with its preview.", schema: s.importPreviewSchema },
      415: { description: "A multipart body: send the file's bytes as the body.", schema: s.errorBodySchema },
    },
    errors: [400, 403, 404, 413],
  });
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/imports",
    operationId: "listImports",
    tag: "Import and export",
    summary: "List recent imports",
    description: "The dataset's recent file imports with their status and counts, newest first (drafts left out).",
    pathParams: idParam("dataset"),
    responses: { 200: { description: "The imports.", schema: s.importListSchema } },
    errors: [403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/imports/{taskId}/preview",
    operationId: "previewImport",
    tag: "Import and export",
    summary: "Preview an import through a mapping",
    description:
      "Step 2 (as often as needed): the first rows of the uploaded file through a column mapping, each with the record " +
      "it makes and the problems found (line, path, message), and the columns the mapping leaves out.",
    pathParams: importTask,
    body: { content: { "application/json": { schema: previewRequestSchema, example: { mapping: mappingExample } } } },
    responses: { 200: { description: "The preview.", schema: s.importPreviewSchema } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/imports/{taskId}/start",
    operationId: "startImport",
    tag: "Import and export",
    summary: "Start an import",
    description:
      "Step 3: stores the mapping and queues the import in the worker, which writes it in batches (a restart resumes " +
      "it; a batch is never half written). Re-importing the same file changes nothing (upsert by external id). Rows " +
      "that fail validation are reported with their line and reason (the task's `reportUrl`); the good rows are " +
      "imported unless `allOrNothing`. A mapping with problems answers 400, each named; a task already started, 409.",
    pathParams: importTask,
    body: { content: { "application/json": { schema: startRequestSchema, example: { mapping: mappingExample, allOrNothing: false } } } },
    responses: { 202: { description: "The import task, queued: poll it with `GET /api/v1/tasks/{id}`.", schema: s.taskSchema } },
    errors: [400, 403, 404, 409],
  });
  api.operation({
    method: "get",
    path: "/api/v1/tasks/{id}",
    operationId: "getTask",
    tag: "Import and export",
    summary: "Get an import or export task",
    description:
      "Progress and outcome of a background import or export; poll it until `status` is `succeeded`, `failed` or " +
      "`cancelled`. Tasks of a dataset the caller may not reach answer 404.",
    pathParams: idParam("task"),
    responses: { 200: { description: "The task.", schema: s.taskSchema } },
    errors: [403, 404],
  });
  api.operation({
    method: "get",
    path: "/api/v1/tasks/{id}/download",
    operationId: "downloadTaskFile",
    tag: "Import and export",
    summary: "Download an export's file",
    description: "The file of an export task that has succeeded.",
    pathParams: idParam("task"),
    responses: {
      200: {
        description: "The file.",
        content: fileContent,
        headers: { "Content-Disposition": { description: "`attachment; filename=\"…\"`", schema: { type: "string" } } },
      },
    },
    errors: [403, 404, 409],
  });
  api.operation({
    method: "get",
    path: "/api/v1/tasks/{id}/report",
    operationId: "getTaskReport",
    tag: "Import and export",
    summary: "Download a task's problems report",
    description: "Every rejected row of an import (or problem of a task): line, external id, path and message.",
    pathParams: idParam("task"),
    query: z.object({ format: z.enum(["csv", "jsonl"]).default("csv").describe("CSV (`line,externalId,path,message`) or JSONL.") }),
    responses: {
      200: {
        description: "The report.",
        content: {
          "text/csv; charset=utf-8": { schema: { type: "string" } },
          "application/x-ndjson; charset=utf-8": { schema: { type: "string" } },
        },
        headers: { "Content-Disposition": { description: "`attachment; filename=\"…\"`", schema: { type: "string" } } },
      },
    },
    errors: [400, 403, 404],
  });

  // ── LLM providers ─────────────────────────────────────────────────────────────────────────────────────────────
  registerLlmProviderOperations(api);
  // ── LLM settings and runs ─────────────────────────────────────────────────────────────────────────────────────
  registerLlmSettingsOperations(api);
  // ── Routing ───────────────────────────────────────────────────────────────────────────────────────────────────
  registerRoutingOperations(api);
  // ── Deleting records ──────────────────────────────────────────────────────────────────────────────────────────
  registerRecordDeletionOperations(api);
  // ── Assignments ───────────────────────────────────────────────────────────────────────────────────────────────
  registerAssignmentOperations(api);
  // ── Review ────────────────────────────────────────────────────────────────────────────────────────────────────
  registerReviewOperations(api);
  // ── Bulk annotation ───────────────────────────────────────────────────────────────────────────────────────────
  registerBulkOperations(api);
  // ── Quality ───────────────────────────────────────────────────────────────────────────────────────────────────
  registerOverviewOperations(api);
  registerQualityOperations(api);
  registerAgreementOperations(api);
  registerAdminOperations(api);
  // ── Dataset folders ───────────────────────────────────────────────────────────────────────────────────────────
  registerFolderOperations(api);
  return api;
}

let cached: OpenApiDocument | undefined;

/** The document (built once per process: it depends on code only). */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildRegistry().buildDocument({
    info: {
      title: "Sift API",
      version: "1",
      description:
        "Push records and suggestions from a pipeline, pull curated results, annotate. Authenticate with an API key " +
        "(`Authorization: Bearer …`). Errors are JSON: `{\"error\": {\"code\", \"message\", \"details\": [{\"where\", " +
        "\"message\"}]}}`. Objects of a workspace you do not belong to answer 404, exactly as if they did not exist. " +
        "A state-changing request signed in by the browser's session cookie instead of a key must come from Sift's own " +
        "pages (same origin, JSON body), or it answers 403 `cross_site_request`. Unknown paths answer 404 `not_found`.",
    },
    servers: [{ url: "/", description: "This Sift instance" }],
    tags: API_TAGS.map((tag) => ({ ...tag })),
    errorSchemaId: "Error",
  });
  return cached;
}
