// A column mapping: how the columns of an uploaded file become records. Two kinds:
// - "record": each row already is a record in Sift's format (JSONL/JSON with `fields`, `metadata`, `suggestions`,
//   `responses` keys), taken as is;
// - "columns": named columns feed the external id, fields, metadata, suggestions (one entry per question and agent;
//   the agent is a fixed name or read from a column) and responses (one entry per annotator, or an annotator column).
import { z } from "zod";
import { RESPONSE_STATUSES, type ResponseStatus } from "@/lib/io/export-shapes/export-record";

const column = z.string().min(1, "a column name must not be empty");
const statusSchema = z.enum(RESPONSE_STATUSES as [ResponseStatus, ...ResponseStatus[]]);

export const suggestionMappingSchema = z
  .object({
    question: z.string().min(1),
    /** A fixed agent name for every row, e.g. "gpt-4o-mini/import". */
    agent: z.string().trim().min(1).max(200).optional(),
    /** Or a column holding the agent's name (long files: one row per record and agent). */
    agentColumn: column.optional(),
    value: column,
    score: column.optional(),
    rationale: column.optional(),
    model: column.optional(),
    distribution: column.optional(),
  })
  .strict()
  .refine((mapping) => (mapping.agent === undefined) !== (mapping.agentColumn === undefined), {
    message: "give either agent (a name) or agentColumn (a column of agent names)",
    path: ["agent"],
  });

export const responseMappingSchema = z
  .object({
    /** A fixed username, or a column holding usernames. */
    user: z.string().trim().min(1).optional(),
    userColumn: column.optional(),
    /** A fixed status (default "submitted"), or a column holding statuses. */
    status: statusSchema.optional(),
    statusColumn: column.optional(),
    /** Question name → column. */
    values: z.record(z.string(), column).default({}),
    /** Question name → column of the answer's origin (confirmed, changed, written), as Sift's flat exports write it. */
    origins: z.record(z.string(), column).optional(),
  })
  .strict()
  .refine((mapping) => (mapping.user === undefined) !== (mapping.userColumn === undefined), {
    message: "give either user (a username) or userColumn (a column of usernames)",
    path: ["user"],
  });

export const columnMappingSchema = z
  .object({
    kind: z.literal("columns"),
    /** null: each record's external id is made from its row number (`row-<line>`), stable for the same file. */
    externalId: column.nullable(),
    /** Field name → column. */
    fields: z.record(z.string(), column),
    /** Metadata property name → column. */
    metadata: z.record(z.string(), column).default({}),
    suggestions: z.array(suggestionMappingSchema).default([]),
    responses: z.array(responseMappingSchema).default([]),
  })
  .strict();

export const recordFormatMappingSchema = z.object({ kind: z.literal("record") }).strict();

export const mappingSchema = z.discriminatedUnion("kind", [columnMappingSchema, recordFormatMappingSchema]);

export type SuggestionMapping = z.output<typeof suggestionMappingSchema>;
export type ResponseMapping = z.output<typeof responseMappingSchema>;
export type ColumnMapping = z.output<typeof columnMappingSchema>;
export type Mapping = z.output<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;

/** The keys of a row in Sift's record format that import reads. */
export const RECORD_FORMAT_KEYS = ["externalId", "fields", "metadata", "suggestions", "responses"] as const;
