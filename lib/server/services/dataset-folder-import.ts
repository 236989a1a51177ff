// Imports a dataset folder archive (lib/io/folder.ts) into a workspace as a new dataset. Everything is checked before
// anything is written (settings, every line of records.jsonl); then the dataset, its records, suggestions, responses
// and final values are written in ONE transaction, so a failure leaves nothing behind. Users are matched by username
// among the workspace's members: responses of anyone else are skipped and counted, their usernames reported; LLM
// proposers are matched to the workspace's providers by name.
import { createReadStream } from "node:fs";
import type pg from "pg";
import { datasetSettingsSchema, type DatasetSettings } from "@/lib/datasets/settings";
import { answerLimitProblems, LIMIT_SPECS, valueLimits, valueProblem, type LimitProblem } from "@/lib/datasets/value-limits";
import { readLines } from "@/lib/io/formats";
import { fromPortableLlm, parseFolderRecord, parseFolderSettings, type FolderRecord } from "@/lib/io/folder";
import { validateRecord, type RecordSchemaContext } from "@/lib/io/record-format";
import { enqueueRecompute } from "@/lib/jobs/enqueue";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { AppError, ConflictError, ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { formatBytes, maxUploadBytes } from "@/lib/server/services/import-files";
import { workspaceAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";
import { settingsRows } from "@/lib/server/services/datasets";
import { copyFolderFinalValues } from "@/lib/server/services/final-values";
import { writeResponses } from "@/lib/server/services/response-settlement";
import { unpackFolder } from "@/lib/server/services/dataset-folder-unpack";
import { zodDetails } from "@/lib/server/validation";

const BATCH_SIZE = 500;
const MAX_REPORTED_PROBLEMS = 50;

export interface FolderImportResult {
  datasetId: string;
  name: string;
  records: number;
  suggestions: number;
  responses: number;
  finalValues: number;
  /** Usernames in the folder that are not members of this workspace; their responses were skipped. */
  unknownUsers: string[];
  skippedResponses: number;
  /** Providers named by the LLM settings that this workspace lacks; their proposers were left out. */
  unknownProviders: string[];
}

/**
 * The non-blank lines of records.jsonl. A line is held only up to a cap, four times the record limit (a folder's
 * record also carries its responses and final values): a longer one stops the import before it is ever held whole.
 */
async function* folderLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  const limits = valueLimits();
  const maxLineLength = 4 * limits.recordBytes;
  for await (const read of readLines(createReadStream(path), maxLineLength)) {
    if ("tooLong" in read) {
      throw new ValidationError("The folder's records.jsonl has problems; nothing was imported.", [
        {
          where: `records.jsonl:${read.line}`,
          message: `is longer than ${maxLineLength.toLocaleString("en")} characters (4 × ${LIMIT_SPECS.recordBytes.env}, ${limits.recordBytes.toLocaleString("en")} bytes)`,
        },
      ]);
    }
    if (read.text.trim() !== "") yield read;
  }
}

/** What a folder's record carries beyond the record format (the suggestions' LLM output, responses, final values), over its limits. */
function folderExtrasLimitProblems(record: FolderRecord): LimitProblem[] {
  const limits = valueLimits();
  const problems: LimitProblem[] = [];
  record.suggestions.forEach((suggestion, index) => {
    problems.push(
      ...[
        suggestion.value === undefined ? null : valueProblem(`suggestions[${index}].value`, suggestion.value, "suggestionBytes", limits),
        suggestion.rationale === null ? null : valueProblem(`suggestions[${index}].rationale`, suggestion.rationale, "rationaleBytes", limits),
        suggestion.rawOutput === null ? null : valueProblem(`suggestions[${index}].rawOutput`, suggestion.rawOutput, "rationaleBytes", limits),
      ].filter((problem) => problem !== null),
    );
  });
  record.responses.forEach((response, index) => {
    for (const problem of answerLimitProblems(response.values, limits)) problems.push({ ...problem, path: `responses[${index}].${problem.path}` });
  });
  for (const [name, final] of Object.entries(record.finalValues)) {
    const problem = valueProblem(`finalValues.${name}.value`, final.value, "responseBytes", limits);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** Problems of one record beyond its shape: fields and metadata against the dataset, question names, duplicates. */
function recordProblems(record: FolderRecord, line: number, context: RecordSchemaContext, seen: Set<string>): ErrorDetail[] {
  const where = (path: string) => `records.jsonl:${line}.${path}`;
  const checked = validateRecord({ line, value: { externalId: record.externalId, fields: record.fields, metadata: record.metadata } }, context);
  const problems: ErrorDetail[] = checked.problems.map((problem) => ({ where: where(problem.path), message: problem.message }));
  for (const problem of folderExtrasLimitProblems(record)) problems.push({ where: where(problem.path), message: problem.message });
  const questions = new Set(context.questions.map((question) => question.name));
  const agents = new Set<string>();
  record.suggestions.forEach((suggestion, index) => {
    if (!questions.has(suggestion.question)) problems.push({ where: where(`suggestions[${index}].question`), message: `unknown question "${suggestion.question}"` });
    const key = `${suggestion.question}\u0000${suggestion.agent}`;
    if (agents.has(key)) problems.push({ where: where(`suggestions[${index}]`), message: `a second suggestion of "${suggestion.agent}" for "${suggestion.question}"` });
    agents.add(key);
  });
  for (const name of Object.keys(record.finalValues)) {
    if (!questions.has(name)) problems.push({ where: where(`finalValues.${name}`), message: `unknown question "${name}"` });
  }
  const users = new Set<string>();
  record.responses.forEach((response, index) => {
    if (users.has(response.user)) problems.push({ where: where(`responses[${index}].user`), message: `a second response of "${response.user}"` });
    users.add(response.user);
  });
  if (seen.has(record.externalId)) problems.push({ where: where("externalId"), message: `the external id "${record.externalId}" appears twice` });
  seen.add(record.externalId);
  return problems;
}

/** First pass: every line is read and checked; the usernames met are collected. Nothing is written. */
async function checkRecords(path: string, context: RecordSchemaContext): Promise<{ count: number; usernames: Set<string> }> {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  const usernames = new Set<string>();
  let count = 0;
  for await (const { line, text } of folderLines(path)) {
    count += 1;
    const parsed = parseFolderRecord(text, line);
    if (!parsed.ok) problems.push(...parsed.problems);
    else {
      problems.push(...recordProblems(parsed.value, line, context, seen));
      for (const response of parsed.value.responses) usernames.add(response.user);
      for (const final of Object.values(parsed.value.finalValues)) if (final.resolvedBy) usernames.add(final.resolvedBy);
    }
    if (problems.length >= MAX_REPORTED_PROBLEMS) break;
  }
  if (problems.length > 0) {
    throw new ValidationError("The folder's records.jsonl has problems; nothing was imported.", problems.slice(0, MAX_REPORTED_PROBLEMS));
  }
  return { count, usernames };
}

async function insertDataset(client: pg.PoolClient, workspaceId: string, settings: DatasetSettings, published: boolean, llm: unknown): Promise<string> {
  const dataset = await client.query<{ id: string }>(
    `INSERT INTO "Dataset" ("workspaceId", name, description, guidelines, status, "publishedAt", distribution, routing, uncertainty, llm, "updatedAt")
     VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN 'published' ELSE 'draft' END::"DatasetStatus", CASE WHEN $5 THEN now() END, $6, $7, $8, $9, now())
     RETURNING id`,
    [workspaceId, settings.name, settings.description, settings.guidelines, published,
      JSON.stringify(settings.distribution), JSON.stringify(settings.routing), JSON.stringify(settings.uncertainty), JSON.stringify(llm)],
  );
  const datasetId = dataset.rows[0]!.id;
  const rows = settingsRows(settings);
  await client.query(
    `INSERT INTO "Field" ("datasetId", name, title, type, required, position)
     SELECT $1, x.name, x.title, x.type::"FieldType", x.required, x.position
     FROM jsonb_to_recordset($2::jsonb) AS x(name text, title text, type text, required boolean, position int)`,
    [datasetId, JSON.stringify(rows.fields)],
  );
  await client.query(
    `INSERT INTO "Question" ("datasetId", name, title, description, type, required, settings, position)
     SELECT $1, x.name, x.title, x.description, x.type, x.required, x.settings, x.position
     FROM jsonb_to_recordset($2::jsonb) AS x(name text, title text, description text, type text, required boolean, settings jsonb, position int)`,
    [datasetId, JSON.stringify(rows.questions)],
  );
  await client.query(
    `INSERT INTO "MetadataProperty" ("datasetId", name, title, type, "visibleForAnnotators", settings, position)
     SELECT $1, x.name, x.title, x.type::"MetadataType", x."visibleForAnnotators", x.settings, x.position
     FROM jsonb_to_recordset($2::jsonb) AS x(name text, title text, type text, "visibleForAnnotators" boolean, settings jsonb, position int)`,
    [datasetId, JSON.stringify(rows.metadata)],
  );
  return datasetId;
}

/** The dataset being imported, as far as writing its records needs (its config cannot be loaded before it commits). */
type NewDataset = Pick<DatasetConfig, "id" | "minSubmitted" | "questions" | "blind">;

interface Totals {
  records: number;
  suggestions: number;
  responses: number;
  finalValues: number;
  skippedResponses: number;
}

/**
 * Writes one batch of records with everything on them; users are the workspace members by username. Responses are
 * settled like any other (response-settlement.ts: counts and human final values follow from them); the folder's own
 * final values then go over what was derived, so the dataset arrives as it was exported.
 */
async function writeBatch(
  client: pg.PoolClient,
  config: NewDataset,
  batch: { order: number; record: FolderRecord }[],
  users: Map<string, string>,
  totals: Totals,
): Promise<void> {
  const datasetId = config.id;
  const known = (record: FolderRecord) => record.responses.filter((response) => users.has(response.user));
  const inserted = await client.query<{ id: string; externalId: string }>(
    `INSERT INTO "Record" ("datasetId", "externalId", "importOrder", fields, metadata, "requiredResponses")
     SELECT $1, x."externalId", x.ord, x.fields, x.metadata, $2
     FROM jsonb_to_recordset($3::jsonb) AS x("externalId" text, ord int, fields jsonb, metadata jsonb)
     RETURNING id, "externalId"`,
    [datasetId, config.minSubmitted, JSON.stringify(batch.map(({ order, record }) => ({
      externalId: record.externalId,
      ord: order,
      fields: record.fields,
      metadata: record.metadata,
    })))],
  );
  const recordIds = new Map(inserted.rows.map((row) => [row.externalId, row.id]));
  // Suggestions go in the order of the file: arrival order (seq) decides tie-breaks.
  const suggestions = batch.flatMap(({ record }) =>
    record.suggestions.map((suggestion) => ({ externalId: record.externalId, ord: 0, ...suggestion, value: suggestion.value == null ? null : JSON.stringify(suggestion.value) })),
  );
  suggestions.forEach((row, index) => {
    row.ord = index;
  });
  if (suggestions.length > 0) {
    await client.query(
      `INSERT INTO "Suggestion" ("recordId", "questionId", agent, value, score, rationale, distribution, model, "promptVariant",
                                 "inputTokens", "outputTokens", "costUsd", "rawOutput")
       SELECT r.id, q.id, s.agent, s.value::jsonb, s.score, s.rationale, s.distribution, s.model, s."promptVariant",
              s."inputTokens", s."outputTokens", s."costUsd"::numeric, s."rawOutput"
       FROM jsonb_to_recordset($2::jsonb) AS s("externalId" text, ord int, question text, agent text, value text, score float8,
            rationale text, distribution jsonb, model text, "promptVariant" text, "inputTokens" int, "outputTokens" int, "costUsd" text,
            "rawOutput" text)
       JOIN "Record" r ON r."datasetId" = $1 AND r."externalId" = s."externalId"
       JOIN "Question" q ON q."datasetId" = $1 AND q.name = s.question
       ORDER BY s.ord`,
      [datasetId, JSON.stringify(suggestions)],
    );
  }
  const responses = batch.flatMap(({ record }) =>
    known(record).map((response) => ({
      recordId: recordIds.get(record.externalId)!,
      userId: users.get(response.user)!,
      values: response.values,
      status: response.status,
      timeSpentMs: response.timeSpentMs,
      submittedAt: response.submittedAt,
      // The folder's origins exactly: an answer it gives none stays unknown, so export and import round-trip.
      origins: { stated: response.origins, unstated: "unknown" as const },
    })),
  );
  await writeResponses(client, config, responses);
  const finals = batch.flatMap(({ record }) =>
    Object.entries(record.finalValues).map(([question, final]) => ({
      externalId: record.externalId,
      question,
      value: JSON.stringify(final.value ?? null),
      provenance: final.provenance,
      resolvedById: final.resolvedBy ? (users.get(final.resolvedBy) ?? null) : null,
    })),
  );
  await copyFolderFinalValues(client, datasetId, finals);
  totals.records += batch.length;
  totals.suggestions += suggestions.length;
  totals.responses += responses.length;
  totals.finalValues += finals.length;
  totals.skippedResponses += batch.reduce((sum, { record }) => sum + record.responses.length - known(record).length, 0);
}

export async function importDatasetFolder(
  actor: Actor,
  workspaceIdOrSlug: string,
  body: AsyncIterable<Uint8Array> | null,
  declaredLength?: number,
): Promise<FolderImportResult> {
  const access = await workspaceAccess(actor, workspaceIdOrSlug, "dataset.create");
  // A declared size over the limit is refused before a byte is read (the unpacked size is limited as it streams).
  if (declaredLength !== undefined && declaredLength > maxUploadBytes()) {
    throw new AppError(`The archive is larger than the upload limit of ${formatBytes(maxUploadBytes())}.`, 413, "payload_too_large");
  }
  const folder = await unpackFolder(body);
  try {
    const settingsFile = parseFolderSettings(folder.settingsText);
    if (!settingsFile.ok) throw new ValidationError("The folder's settings.json is not valid.", settingsFile.problems);
    const parsed = datasetSettingsSchema.safeParse(settingsFile.value.dataset);
    if (!parsed.success) {
      throw new ValidationError(
        "The folder's dataset settings are not valid.",
        zodDetails(parsed.error).map((detail) => ({ ...detail, where: `settings.json.dataset.${detail.where}` })),
      );
    }
    const settings = parsed.data;
    if (await db.dataset.findUnique({ where: { workspaceId_name: { workspaceId: access.workspaceId, name: settings.name } } })) {
      throw new ConflictError(`A dataset named "${settings.name}" already exists in this workspace; rename it in settings.json or delete the other one.`);
    }
    const context: RecordSchemaContext = { fields: settings.fields, metadata: settings.metadata, questions: settings.questions };
    const { usernames } = await checkRecords(folder.recordsPath, context);
    const members = await db.membership.findMany({
      where: { workspaceId: access.workspaceId, user: { username: { in: [...usernames] } } },
      select: { user: { select: { id: true, username: true } } },
    });
    const users = new Map(members.map((member) => [member.user.username, member.user.id]));
    const providers = await db.llmProvider.findMany({ where: { workspaceId: access.workspaceId }, select: { id: true, name: true } });
    const llm = fromPortableLlm(settingsFile.value.llm, new Map(providers.map((provider) => [provider.name, provider.id])));
    const totals: Totals = { records: 0, suggestions: 0, responses: 0, finalValues: 0, skippedResponses: 0 };
    const datasetId = await withTransaction(async (client) => {
      const id = await insertDataset(client, access.workspaceId, settings, settingsFile.value.published, llm.settings);
      const questions = await client.query<DatasetConfig["questions"][number]>(
        `SELECT id, name, title, description, type, required, settings FROM "Question" WHERE "datasetId" = $1 ORDER BY position`,
        [id],
      );
      const target: NewDataset = { id, minSubmitted: settings.distribution.minSubmitted, blind: settings.distribution.blind, questions: questions.rows };
      let batch: { order: number; record: FolderRecord }[] = [];
      for await (const { line, text } of folderLines(folder.recordsPath)) {
        const record = parseFolderRecord(text, line);
        if (!record.ok) throw new ValidationError("records.jsonl changed while it was imported.", record.problems);
        batch.push({ order: totals.records + batch.length + 1, record: record.value });
        if (batch.length >= BATCH_SIZE) {
          await writeBatch(client, target, batch, users, totals);
          batch = [];
        }
      }
      if (batch.length > 0) await writeBatch(client, target, batch, users, totals);
      await writeAudit(client, {
        workspaceId: access.workspaceId,
        actorId: actor.userId,
        action: "dataset.import_folder",
        targetType: "dataset",
        targetId: id,
        details: { name: settings.name, ...totals },
      });
      // Proposals, uncertainty and routing are derived: the worker computes them for the new dataset.
      await enqueueRecompute(client, id);
      return id;
    });
    return {
      datasetId,
      name: settings.name,
      ...totals,
      unknownUsers: [...usernames].filter((username) => !users.has(username)).sort(),
      unknownProviders: llm.unknownProviders,
    };
  } finally {
    await folder.discard();
  }
}
