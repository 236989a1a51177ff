// A dataset as a portable folder (DESIGN.md "Record format"): `settings.json` and `records.jsonl`, packed as a
// .tar.gz. Pure: the shapes of both files, how LLM settings travel without provider ids or secrets (providers are
// named, and matched by name in the Sift that imports them), and the bytes of each file. Nothing in either file is
// an id of the Sift that wrote it, so exporting, importing elsewhere and exporting again gives the same bytes.
import { z } from "zod";
import { jsonTextTooDeep, tooDeepMessage } from "@/lib/datasets/value-limits";
import { PROVENANCES, type Provenance } from "@/lib/io/export-shapes/export-record";
import { datasetLlmSettingsSchema, proposerSchema, type DatasetLlmSettings } from "@/lib/llm/dataset-llm-settings";
import { ANSWER_ORIGINS, type AnswerOrigin } from "@/lib/questions/origins";

export const FOLDER_FORMAT = "sift-dataset-folder";
export const FOLDER_VERSION = 1;
export const SETTINGS_FILE = "settings.json";
export const RECORDS_FILE = "records.jsonl";

const proposerWithoutProvider = proposerSchema.omit({ providerId: true });

/** LLM settings as they travel: each proposer names its provider instead of pointing at a row of one Sift. */
export const portableLlmSchema = z
  .object({
    proposers: z.array(proposerWithoutProvider.extend({ provider: z.string().min(1) }).strict()).default([]),
    templates: datasetLlmSettingsSchema.shape.templates,
    temperature: datasetLlmSettingsSchema.shape.temperature,
  })
  .strict();

export type PortableLlm = z.output<typeof portableLlmSchema>;

export const folderSettingsSchema = z
  .object({
    format: z.literal(FOLDER_FORMAT, `format must be "${FOLDER_FORMAT}"`),
    version: z.literal(FOLDER_VERSION, `version must be ${FOLDER_VERSION}`),
    published: z.boolean().default(false),
    /** The dataset settings exactly as `createDataset` takes them (validated there, by lib/datasets/settings.ts). */
    dataset: z.record(z.string(), z.unknown()),
    llm: portableLlmSchema.default({ proposers: [], templates: {}, temperature: 0 }),
  })
  .strict();

export type FolderSettings = z.output<typeof folderSettingsSchema>;

export const folderSuggestionSchema = z
  .object({
    question: z.string().min(1),
    agent: z.string().min(1),
    value: z.unknown().optional(),
    score: z.number().nullable().default(null),
    rationale: z.string().nullable().default(null),
    distribution: z.record(z.string(), z.number()).nullable().default(null),
    model: z.string().nullable().default(null),
    promptVariant: z.string().nullable().default(null),
    inputTokens: z.int().nullable().default(null),
    outputTokens: z.int().nullable().default(null),
    /** A decimal string (12 digits, 6 after the point), so that no rounding happens on the way. */
    costUsd: z.string().regex(/^\d+(\.\d+)?$/, "costUsd must be a decimal string").nullable().default(null),
    rawOutput: z.string().nullable().default(null),
  })
  .strict();

export const folderResponseSchema = z
  .object({
    user: z.string().min(1),
    status: z.enum(["draft", "submitted", "discarded"]),
    values: z.record(z.string(), z.unknown()).default({}),
    /** Per answered question: confirmed, changed or written (lib/questions/origins.ts); absent in older folders. */
    origins: z.record(z.string(), z.enum(ANSWER_ORIGINS as unknown as [AnswerOrigin, ...AnswerOrigin[]])).default({}),
    timeSpentMs: z.int().min(0).default(0),
    submittedAt: z.iso.datetime().nullable().default(null),
  })
  .strict();

export const folderFinalValueSchema = z
  .object({
    value: z.unknown(),
    provenance: z.enum(PROVENANCES as [Provenance, ...Provenance[]]),
    /** The username of the curator who resolved it, when there was one. */
    resolvedBy: z.string().nullable().default(null),
  })
  .strict();

export const folderRecordSchema = z
  .object({
    externalId: z.string().trim().min(1).max(256),
    fields: z.record(z.string(), z.unknown()),
    metadata: z.record(z.string(), z.unknown()).default({}),
    suggestions: z.array(folderSuggestionSchema).default([]),
    responses: z.array(folderResponseSchema).default([]),
    finalValues: z.record(z.string(), folderFinalValueSchema).default({}),
  })
  .strict();

export type FolderRecord = z.output<typeof folderRecordSchema>;
export type FolderSuggestion = FolderRecord["suggestions"][number];
export type FolderResponse = FolderRecord["responses"][number];

/** The dataset's LLM settings with provider names instead of ids; a proposer of an unknown provider keeps its id. */
export function toPortableLlm(settings: DatasetLlmSettings, providerNames: Map<string, string>): PortableLlm {
  return {
    proposers: settings.proposers.map(({ providerId, ...rest }) => ({ provider: providerNames.get(providerId) ?? providerId, ...rest })),
    templates: settings.templates,
    temperature: settings.temperature,
  };
}

/** Back to stored LLM settings against the importing workspace's providers; proposers of unknown providers are dropped and named. */
export function fromPortableLlm(
  portable: PortableLlm,
  providerIds: Map<string, string>,
): { settings: DatasetLlmSettings; unknownProviders: string[] } {
  const unknownProviders = [...new Set(portable.proposers.filter((proposer) => !providerIds.has(proposer.provider)).map((p) => p.provider))];
  return {
    settings: {
      proposers: portable.proposers
        .filter((proposer) => providerIds.has(proposer.provider))
        .map(({ provider, ...rest }) => ({ providerId: providerIds.get(provider)!, ...rest })),
      templates: portable.templates,
      temperature: portable.temperature,
    },
    unknownProviders,
  };
}

/** settings.json's bytes: two-space indented, ending with a newline. */
export function settingsFileText(settings: FolderSettings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** One line of records.jsonl, with its newline. */
export function recordLine(record: FolderRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** Reads settings.json; the error names the path of each problem. */
export function parseFolderSettings(text: string): { ok: true; value: FolderSettings } | { ok: false; problems: { where: string; message: string }[] } {
  if (jsonTextTooDeep(text)) return { ok: false, problems: [{ where: SETTINGS_FILE, message: tooDeepMessage() }] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ where: SETTINGS_FILE, message: "is not valid JSON" }] };
  }
  const parsed = folderSettingsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ where: [SETTINGS_FILE, ...issue.path.map(String)].join("."), message: issue.message })),
  };
}

/** Reads one line of records.jsonl (1-based `line`); problems name the line and the path. */
export function parseFolderRecord(text: string, line: number): { ok: true; value: FolderRecord } | { ok: false; problems: { where: string; message: string }[] } {
  if (jsonTextTooDeep(text)) return { ok: false, problems: [{ where: `${RECORDS_FILE}:${line}`, message: tooDeepMessage() }] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ where: `${RECORDS_FILE}:${line}`, message: "is not valid JSON" }] };
  }
  const parsed = folderRecordSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ where: `${RECORDS_FILE}:${line}.${issue.path.map(String).join(".")}`, message: issue.message })),
  };
}
