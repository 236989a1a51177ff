// The LLM settings' and runs' part of the OpenAPI document: request bodies are the services' own schemas
// (lib/llm/dataset-llm-settings.ts, services/llm-settings.ts, services/llm-runs.ts); the answers are described here
// and checked against the services' types below, so the document cannot drift from what the API returns.
import { z } from "zod";
import { PROMPT_VARIANTS, type PromptVariant } from "@/lib/llm/contracts";
import { datasetLlmSettingsSchema, proposerSchema, strategySchema } from "@/lib/llm/dataset-llm-settings";
import { providerCapabilitiesSchema, providerModelSchema } from "@/lib/llm/provider-settings";
import { startRunSchema, type LlmRunView } from "@/lib/server/services/llm-runs";
import { previewRequestSchema, type LlmSettingsView, type PromptPreview, type RunEstimate } from "@/lib/server/services/llm-settings";
import type { ApiRegistry } from "./registry";

export const LLM_SETTINGS_TAG = {
  name: "LLM settings and runs",
  description:
    "Which models propose for which questions of a dataset, how each spreads a question over votes (prompt variants, " +
    "samples, logprobs, judges), the prompt templates, an exact preview of the messages, and runs over all or filtered " +
    "records with progress, tokens and cost. Owners, admins and curators (`llm.runs.manage`); annotators get 403.",
} as const;

const timestamp = z.iso.datetime({ offset: true });
const strategyKinds = ["single", "variants", "samples", "logprobs", "judge"] as const;

const problemSchema = z.object({
  path: z.string().describe("Where, e.g. `proposers[0].strategy` or `templates.sentiment`."),
  message: z.string(),
});

export const llmSettingsViewSchema = z.object({
  datasetId: z.uuid(),
  settings: datasetLlmSettingsSchema,
  providers: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        models: z.array(providerModelSchema),
        capabilities: providerCapabilitiesSchema.nullable(),
      }),
    )
    .describe("The workspace's providers (never their keys or URLs)."),
  questions: z
    .array(
      z.object({
        name: z.string(),
        title: z.string(),
        type: z.string(),
        strategies: z.array(z.enum(strategyKinds)).describe("The strategy kinds this question's type accepts."),
        variants: z.array(z.enum(PROMPT_VARIANTS as unknown as [PromptVariant, ...PromptVariant[]])).describe("The prompt variants it accepts."),
        options: z.array(z.object({ value: z.string(), text: z.string() })).nullable(),
        receivesJudgements: z.boolean().describe("A judge's per-candidate rating or critique can be stored on it."),
      }),
    )
    .describe("The dataset's questions with what their type accepts."),
  fields: z.array(z.object({ name: z.string(), title: z.string(), type: z.string() })),
  problems: z.array(problemSchema).describe("What keeps the saved settings from being used for a run."),
  canManageProviders: z.boolean(),
});

const chatMessageSchema = z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() });

export const promptPreviewSchema = z.object({
  record: z.object({ id: z.uuid(), externalId: z.string(), importOrder: z.number() }),
  question: z.string(),
  model: z.string(),
  strategy: strategySchema,
  customTemplate: z.boolean(),
  templateProblems: z.array(z.string()),
  plans: z.array(
    z.object({
      label: z.string(),
      variant: z.string(),
      agent: z.string().describe("The suggestions' agent name, e.g. `gpt-4o-mini/letters`."),
      calls: z.array(
        z.object({
          messages: z.array(chatMessageSchema),
          output: z.object({ name: z.string(), schema: z.record(z.string(), z.unknown()) }).describe("The JSON schema the answer must follow."),
          temperature: z.number(),
          logprobChoices: z.array(z.string()).nullable(),
        }),
      ),
    }),
  ),
});

export const runEstimateSchema = z.object({
  records: z.int(),
  votesPerRecord: z.int(),
  callsPerRecord: z.int(),
  calls: z.int().describe("records × calls per record: at most this many (pairs with a suggestion are skipped)."),
  inputTokens: z.number().describe("Rough (about 4 characters a token), from the first matching record."),
  inputCostUsd: z.number(),
});

const metadataFilterSchema = z.object({ name: z.string(), equals: z.string().optional(), min: z.number().optional(), max: z.number().optional() });

export const llmRunViewSchema = z.object({
  id: z.uuid(),
  datasetId: z.uuid(),
  status: z.enum(["running", "paused", "cancelled", "completed"]),
  pauseReason: z.string().nullable(),
  filter: z.object({
    decision: z.enum(["pending", "auto", "audit", "human"]).optional(),
    uncertaintyMin: z.number().optional(),
    uncertaintyMax: z.number().optional(),
    responseStatus: z.enum(["none", "draft", "submitted", "discarded"]).optional(),
    q: z.string().optional(),
    metadata: z.array(metadataFilterSchema).optional(),
  }),
  proposers: z.array(z.object({ model: z.string(), questions: z.array(z.string()), strategy: z.string() })),
  totalRecords: z.int(),
  doneRecords: z.int(),
  failedRecords: z.int().describe("Records whose calls failed after retries; resuming asks again for what is missing."),
  calls: z.int(),
  failedCalls: z.int(),
  suggestions: z.int(),
  unparseable: z.int(),
  inputTokens: z.int(),
  outputTokens: z.int(),
  costUsd: z.number(),
  lastError: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  finishedAt: timestamp.nullable(),
  createdBy: z.string().nullable(),
});

// Compile-time: the documented answers are exactly what the services return.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const settingsMatch: Same<z.output<typeof llmSettingsViewSchema>, LlmSettingsView> = true;
const previewMatches: Same<z.output<typeof promptPreviewSchema>, PromptPreview> = true;
const estimateMatches: Same<z.output<typeof runEstimateSchema>, RunEstimate> = true;
const runMatches: Same<z.output<typeof llmRunViewSchema>, LlmRunView> = true;
void [settingsMatch, previewMatches, estimateMatches, runMatches];

const exampleSettings = {
  proposers: [
    {
      providerId: "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
      model: "gpt-4o-mini",
      questions: ["sentiment"],
      strategy: { kind: "variants", variants: ["plain", "letters", "shuffled_options"] },
      selfEvaluate: true,
    },
  ],
  templates: { sentiment: "{{guidelines}}\n\n{{question}}\n\n{{options}}\n\nReview:\n{{field.text}}\n\n{{format}}" },
  temperature: 0,
};

export function registerLlmSettingsOperations(api: ApiRegistry): void {
  const tag = LLM_SETTINGS_TAG.name;
  const settings = api.component("DatasetLlmSettings", datasetLlmSettingsSchema);
  api.component("LlmProposer", proposerSchema);
  api.component("LlmStrategy", strategySchema);
  const settingsView = api.component("DatasetLlmSettingsView", llmSettingsViewSchema);
  const previewBody = api.component("PromptPreviewRequest", previewRequestSchema);
  const preview = api.component("PromptPreview", promptPreviewSchema);
  const startBody = api.component("StartLlmRunRequest", startRunSchema);
  const estimate = api.component("LlmRunEstimate", runEstimateSchema);
  const run = api.component("LlmRun", llmRunViewSchema);
  const dataset = { id: { description: "The dataset's id." } };
  const runId = { id: { description: "The run's id." } };

  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/llm-settings",
    operationId: "getLlmSettings",
    tag,
    summary: "Get a dataset's LLM settings",
    description:
      "The proposers, templates and default temperature, with the workspace's providers (models, prices, capabilities; " +
      "never keys), each question's accepted strategies and prompt variants, and the problems that would stop a run.",
    pathParams: dataset,
    responses: { 200: { description: "The settings and what they can use.", schema: settingsView } },
    errors: [403, 404],
  });
  api.operation({
    method: "put",
    path: "/api/v1/datasets/{id}/llm-settings",
    operationId: "updateLlmSettings",
    tag,
    summary: "Replace a dataset's LLM settings",
    description:
      "Replaces the settings whole. Refused (400, nothing saved) when they do not validate or cannot be used: an unknown " +
      "question, a strategy or prompt variant the question's type does not accept, a template with unknown placeholders, " +
      "a provider of another workspace or a model it does not list. Each problem is a detail whose `where` is its path " +
      "(`proposers[0].strategy`, `templates.sentiment`). Blank templates are dropped (the default applies).",
    pathParams: dataset,
    body: { content: { "application/json": { schema: settings, example: exampleSettings } } },
    responses: { 200: { description: "The saved settings, as GET answers them.", schema: settingsView } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/llm-settings/preview",
    operationId: "previewLlmPrompt",
    tag,
    summary: "Preview the exact prompts for a sample record",
    description:
      "Plans the votes of a proposer (a saved one by index, or one being edited) on one question for a sample record " +
      "(`recordId` or `externalId`; else the first by import order), exactly as the worker will: every vote's agent " +
      "name and every call's messages, output JSON schema and temperature. `template` previews a template being edited. " +
      "Endpoints without JSON-schema support get the schema pasted at the end of the last message instead.",
    pathParams: dataset,
    body: { content: { "application/json": { schema: previewBody, example: { proposer: 0, question: "sentiment" } } } },
    responses: { 200: { description: "The planned calls.", schema: preview } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/llm-runs",
    operationId: "listLlmRuns",
    tag,
    summary: "List a dataset's LLM runs",
    description: "The 50 most recent runs, newest first, with progress, calls, tokens and cost.",
    pathParams: dataset,
    responses: { 200: { description: "The runs.", schema: z.object({ runs: z.array(run) }) } },
    errors: [403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/llm-runs",
    operationId: "startLlmRun",
    tag,
    summary: "Start an LLM run",
    description:
      "Starts a run with the saved settings (a snapshot) on every record, or those matching the records list's filters, " +
      "in import order, at most `limit` (a trial run). One job per record; each (record, question, agent) gets exactly " +
      "one suggestion, so pairs that already have one are skipped. 400 when the settings have problems or nothing matches.",
    pathParams: dataset,
    body: { content: { "application/json": { schema: startBody, example: { filter: { decision: "human", q: "refund" }, limit: 20 } } } },
    responses: { 201: { description: "The run, running.", schema: run } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/datasets/{id}/llm-runs/estimate",
    operationId: "estimateLlmRun",
    tag,
    summary: "Estimate an LLM run",
    description: "How many records and calls a run with this scope (the body of starting one) would make, and roughly its input tokens and cost.",
    pathParams: dataset,
    body: { content: { "application/json": { schema: startBody, example: { limit: 5 } } } },
    responses: { 200: { description: "The estimate.", schema: estimate } },
    errors: [400, 403, 404],
  });
  api.operation({
    method: "get",
    path: "/api/v1/llm-runs/{id}",
    operationId: "getLlmRun",
    tag,
    summary: "Get an LLM run",
    pathParams: runId,
    responses: { 200: { description: "The run.", schema: run } },
    errors: [403, 404],
  });
  for (const [action, summary, description] of [
    ["pause", "Pause an LLM run", "A running run stops taking new records; calls in flight finish. 409 unless running."],
    ["resume", "Resume an LLM run", "A paused (or completed) run asks again for its pending records and those whose calls failed. 409 otherwise."],
    ["cancel", "Cancel an LLM run", "A running or paused run stops for good; its suggestions stay. 409 otherwise."],
  ] as const) {
    api.operation({
      method: "post",
      path: `/api/v1/llm-runs/{id}/${action}`,
      operationId: `${action}LlmRun`,
      tag,
      summary,
      description,
      pathParams: runId,
      responses: { 200: { description: "The run after the change.", schema: run } },
      errors: [403, 404, 409],
    });
  }
}
