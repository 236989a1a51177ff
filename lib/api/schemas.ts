// The bodies of the REST API that are not validated by a zod schema elsewhere: what the services answer (their
// TypeScript interfaces, spelled out in zod so the OpenAPI document can describe them; a unit test checks that each
// one has exactly the type of the interface it mirrors) and the request bodies whose schema is still inline in a
// route handler or belongs to a route that is being built. Request bodies that services validate (records,
// responses, dataset settings, the record list's query) are NOT repeated here: lib/api/openapi.ts uses the
// services' own schemas.
import { z } from "zod";
import { datasetSettingsSchema } from "@/lib/datasets/settings";
import { mappingSchema } from "@/lib/io/mapping";

const uuid = z.uuid();
const timestamp = z.iso.datetime({ offset: true }).describe("ISO 8601 date and time (UTC).");

// ── errors ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const errorDetailSchema = z.object({
  where: z
    .string()
    .optional()
    .describe("Where the problem is: a parameter, a JSON path (`fields.text`), a line of a bulk body (`line 3 (externalId \"r-3\")`)."),
  message: z.string().describe("What was wrong there, and what was expected."),
});

export const errorBodySchema = z.object({
  error: z.object({
    code: z
      .string()
      .describe(
        "Stable machine-readable code: `invalid_request` (400), `unauthorized` (401), `forbidden` (403), `password_change_required` (403: a browser session signed in with a temporary password, until it is changed), `not_found` (404), " +
          "`conflict` (409), `payload_too_large` (413), `internal_error` (500).",
      ),
    message: z.string().describe("A sentence for people."),
    details: z.array(errorDetailSchema).optional().describe("Each problem found, with where it is (400s); empty or absent otherwise."),
  }),
});

// ── meta ────────────────────────────────────────────────────────────────────────────────────────────────────────

export const healthSchema = z.object({
  status: z.enum(["ok", "error"]),
  database: z.string().describe("`ok`, or why the database did not answer."),
});

export const roleSchema = z.enum(["owner", "admin", "curator", "annotator"]);

export const meSchema = z.object({
  id: uuid,
  username: z.string(),
  name: z.string(),
  email: z.string(),
  isOwner: z.boolean().describe("The instance-wide owner role: every workspace, every permission."),
  workspaces: z.array(
    z.object({ id: uuid, slug: z.string(), name: z.string(), role: roleSchema.describe("The caller's role in the workspace.") }),
  ),
});

// ── datasets ────────────────────────────────────────────────────────────────────────────────────────────────────

export const datasetProgressSchema = z.object({
  total: z.int(),
  pending: z.int().describe("Waiting for suggestions (no uncertainty yet)."),
  auto: z.int().describe("Accepted without humans."),
  audit: z.int().describe("Accepted, but sampled for a human check."),
  human: z.int().describe("Routed to humans."),
  humanDone: z.int().describe("Records routed to humans (human or audit) that have all the responses they need."),
});

export const datasetSummarySchema = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  status: z.enum(["draft", "published"]),
  updatedAt: timestamp,
  routedAt: timestamp.nullable().describe("When proposals and routing were last computed; null while the worker is on it."),
  lastActivityAt: timestamp.nullable().describe("The last response saved in the dataset."),
  progress: datasetProgressSchema,
  myPending: z.int().describe("Records the queue could serve the caller now."),
  workspace: z.string().describe("The workspace, as given in `?workspace=` (slug or id), else its id."),
});

export const datasetListSchema = z.object({ datasets: z.array(datasetSummarySchema) });

/**
 * `POST /api/v1/datasets`. Mirrors `createBodySchema` of lib/server/services/dataset-settings.ts (not exported), where
 * `settings` is `z.unknown()` and then validated by `datasetSettingsSchema`, which is shown here in its place.
 */
export const createDatasetBodySchema = z
  .object({
    workspace: z.string().min(1).max(200).describe("The workspace's slug or id."),
    settings: datasetSettingsSchema,
    publish: z.boolean().optional().describe("Publish at once (default: a draft, freely editable until published)."),
  })
  .strict();

export const createdSchema = z.object({ id: uuid });

// ── records ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const routingDecisionSchema = z
  .enum(["pending", "auto", "audit", "human"])
  .describe("`pending`: waiting for suggestions; `auto`: accepted without humans; `audit`: accepted, sampled for a human check; `human`: needs human responses.");

export const responseStatusSchema = z.enum(["draft", "submitted", "discarded"]);

export const importCountsSchema = z.object({ created: z.int(), updated: z.int(), unchanged: z.int() });

export const importResultSchema = z.object({
  records: importCountsSchema.describe("Records, matched by `externalId` within the dataset."),
  suggestions: importCountsSchema.describe("Suggestions, matched by (record, question, agent)."),
});

export const proposalViewSchema = z.object({
  value: z.unknown().describe("The consensus value (a label, a list of labels, a ranking best first, a rating...)."),
  display: z.string().describe("The value as people read it."),
  uncertainty: z.number().nullable().describe("Raw uncertainty of the method (e.g. entropy in bits)."),
  normalized: z.number().nullable().describe("Uncertainty normalised to 0..1."),
  method: z.string().describe("How it was measured: `vote_entropy`, `self_eval`, `logprob`..."),
  votes: z.int(),
  buckets: z
    .array(z.object({ key: z.string(), label: z.string(), count: z.int(), agents: z.array(z.string()) }))
    .describe("The votes per answer, with the agents that gave it."),
});

export const suggestionViewSchema = z.object({
  agent: z.string(),
  value: z.unknown(),
  display: z.string(),
  score: z.number().nullable().describe("The agent's own confidence, 0..1."),
  rationale: z.string().nullable().describe("The agent's critique or reasons."),
  model: z.string().nullable(),
  promptVariant: z.string().nullable().describe("For suggestions made by Sift's LLM runs: the vote's plan, e.g. `letters`, `sample-2`, `ab`."),
  tokens: z.int().nullable().describe("Input plus output tokens of the vote's calls (LLM runs only)."),
  costUsd: z.number().nullable().describe("What the vote's calls cost, in USD, at the provider's prices (LLM runs only)."),
  rawOutput: z.string().nullable().describe("The model's text, kept when its answer could not be read (an unparseable vote)."),
});

export const responseViewSchema = z.object({
  user: z.string().describe("The annotator's username."),
  status: responseStatusSchema,
  values: z.record(z.string(), z.unknown()).describe("Question name → value."),
  display: z.record(z.string(), z.string()),
  timeSpentMs: z.int(),
  updatedAt: z.string().describe("ISO 8601 date and time (UTC)."),
});

export const recordViewSchema = z.object({
  id: uuid,
  datasetId: uuid,
  externalId: z.string(),
  importOrder: z.int().describe("Position in import order; the keyset of the record list."),
  routingDecision: routingDecisionSchema,
  uncertainty: z.number().nullable().describe("The record's uncertainty, 0..1 (max or mean over its required questions)."),
  submittedCount: z.int(),
  requiredResponses: z.int(),
  fields: z.array(z.object({ name: z.string(), title: z.string(), type: z.string(), value: z.unknown() })),
  metadata: z
    .array(z.object({ name: z.string(), title: z.string(), value: z.unknown() }))
    .describe("Metadata values; annotators see only the properties visible to them."),
  questions: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      description: z.string(),
      type: z.string(),
      required: z.boolean(),
      settings: z.unknown(),
      proposal: proposalViewSchema.nullable(),
      suggestions: z.array(suggestionViewSchema),
      finalValue: z
        .object({ value: z.unknown(), display: z.string(), provenance: z.string().describe("`llm`, `human`, `human_confirmed` (people only confirmed the LLM proposal) or `curator`.") })
        .nullable()
        .describe("What an export takes, with where it came from."),
    }),
  ),
  myResponse: z
    .object({ status: responseStatusSchema, values: z.record(z.string(), z.unknown()) })
    .nullable()
    .describe("The caller's own response."),
  responses: z
    .array(responseViewSchema)
    .nullable()
    .describe("Every annotator's response; null for roles that may not see them (annotators)."),
  assignees: z
    .array(z.string())
    .nullable()
    .describe("Usernames the record is reserved for (empty: open to every annotator); null for annotators."),
  truncated: z
    .record(z.string(), z.int())
    .describe(
      "Values cut to a preview, by path (`fields.text`, `metadata.source`, `questions.<question>.suggestions.<agent>.rationale`, " +
        "`responses.<user>.values.<question>`…), with their whole size in bytes. A cut string holds its first characters; " +
        "any other cut value is a string of the first characters of its JSON text. Lists keep about 1,000 characters of a " +
        "field and 200 of other values; one record keeps each value whole up to its write limit. " +
        "`GET /api/v1/records/{id}/fields/{name}` answers a field whole.",
    ),
  suggestionsOmitted: z.int().describe("Suggestions left out (lists keep each record's first 25); 0 when all are here."),
});

export const recordPageSchema = z.object({
  records: z.array(recordViewSchema),
  nextCursor: z.int().nullable().describe("Pass as `after` to get the next page; null on the last page."),
});

// ── annotation ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The body of POST /api/v1/datasets/{id}/queue/next (the route validates with this schema). */
export const queueNextBodySchema = z
  .object({
    skip: z
      .array(uuid)
      .max(500)
      .default([])
      .describe("Records skipped in this session: handed back to the queue, and not served again."),
    exclude: z
      .array(uuid)
      .max(100)
      .default([])
      .describe(
        "Records left out of this claim but kept by the caller (the one being answered, those whose answer is being saved), unlike `skip`: their leases are renewed a moment beyond the new claim's, so that a reload hands back the one being answered.",
      ),
    counts: z
      .boolean()
      .default(true)
      .describe("Whether to count the caller's queue too (false: `counts` is null, and the record comes sooner)."),
  })
  .strict();

export const queueCountsSchema = z.object({
  remainingForMe: z.int().describe("Records routed to humans that the caller could still be served."),
  submittedByMe: z.int().describe("Records the caller has submitted in this dataset."),
});

export const queueNextSchema = z.object({
  record: recordViewSchema.nullable().describe("The record to work on (leased to the caller for 10 minutes); null when the queue is empty for the caller."),
  counts: queueCountsSchema.nullable().describe("The caller's counts; null when the request asked for none."),
});

export const teamProgressSchema = z.object({
  answersSubmitted: z.int().describe("Submitted responses that count towards the records routed to humans (at most what each needs)."),
  answersNeeded: z.int().describe("Submitted responses those records need in all (adaptive overlap included)."),
  recordsDone: z.int().describe("Records routed to humans that have all their responses."),
  recordsRouted: z.int().describe("Records routed to humans (and audits)."),
  annotators: z.int().describe("People who submitted at least one response in this dataset."),
});

export const savedResponseSchema = z.object({
  id: uuid,
  status: responseStatusSchema,
  submittedCount: z.int().describe("Submitted responses of the record, this one included."),
  requiredResponses: z.int(),
});

// ── import and export ───────────────────────────────────────────────────────────────────────────────────────────
// The export request itself is `exportRequestSchema` of lib/server/services/export-request.ts.

export const exportStartedSchema = z.object({
  taskId: uuid.describe("The export task: poll `GET /api/v1/tasks/{id}`, then download from `GET /api/v1/tasks/{id}/download`."),
  records: z.int().describe("Records the export holds."),
});

/** Mirrors `TaskView` of lib/server/services/tasks.ts. */
export const taskSchema = z.object({
  id: uuid,
  datasetId: uuid,
  kind: z.enum(["import", "export"]),
  status: z.enum(["queued", "running", "succeeded", "failed", "cancelled"]),
  draft: z.boolean().describe("An uploaded import not started yet (it has a file and its columns, no job)."),
  fileName: z.string().nullable(),
  processed: z.int().describe("Rows or records done so far."),
  total: z.int().nullable().describe("Rows or records in all, when known."),
  result: z
    .record(z.string(), z.unknown())
    .describe("Counts of the kind; a `problems` list (rejected rows with line and reason) is cut to its first entries, `problemsTotal` says how many."),
  error: z.string().nullable().describe("Why the task failed."),
  createdAt: z.string().describe("ISO 8601 date and time (UTC)."),
  updatedAt: z.string().describe("ISO 8601 date and time (UTC)."),
  finishedAt: z.string().nullable().describe("ISO 8601 date and time (UTC)."),
  reportUrl: z.string().nullable().describe("The full problems report, when the task has problems to report."),
});

/** Mirrors `ImportPreview` of lib/server/services/imports.ts. */
export const importPreviewSchema = z.object({
  taskId: uuid.describe("The draft import: preview it again with another mapping, then start it."),
  fileName: z.string(),
  format: z.enum(["jsonl", "json", "csv", "parquet"]).describe("Found from the file's name and first bytes."),
  size: z.int().describe("Bytes."),
  columns: z.array(z.string()).describe("The columns (or top-level keys) found in the file."),
  totalRowsEstimate: z
    .int()
    .nullable()
    .describe("Rows in the file: exact for Parquet and JSON, counted from line breaks for JSONL and CSV (an upper bound)."),
  mapping: mappingSchema.describe("The mapping the preview used (at upload: one suggested from the column names)."),
  mappingProblems: z.array(z.string()).describe("What makes the mapping unusable; the import cannot start until they are fixed."),
  unknownColumns: z.array(z.string()).describe("Columns the mapping does not read: reported, their values are not imported."),
  rows: z
    .array(
      z.object({
        line: z.int(),
        externalId: z.string().optional(),
        cells: z.record(z.string(), z.string()).describe("The row's cells as read, each cut to a few hundred characters."),
        record: z
          .object({
            externalId: z.string(),
            fields: z.record(z.string(), z.unknown()),
            metadata: z.record(z.string(), z.unknown()),
            suggestions: z.array(
              z.object({
                question: z.string(),
                agent: z.string(),
                value: z.unknown().optional(),
                score: z.number().nullable().optional(),
                rationale: z.string().nullable().optional(),
              }),
            ),
          })
          .optional()
          .describe("The record the mapping makes of the row; absent when the row could not be read or mapped."),
        responses: z.array(z.object({ user: z.string(), status: z.string() })),
        problems: z.array(z.object({ path: z.string(), message: z.string() })),
      }),
    )
    .describe("The first rows, each with the problems found."),
});

export const importListSchema = z.object({ imports: z.array(taskSchema).describe("Newest first; drafts left out.") });
