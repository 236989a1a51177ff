// File import, the curator's side: upload a file (streamed to disk, a draft import task is made), preview it through a
// column mapping as often as needed, then start it (the worker's import_file job does the writing, see import-run.ts).
//
// A draft is a DatasetTask of kind import with status `queued` and `options.phase = "draft"`: it has a file and the
// columns found in it but no job yet. Starting it stores the mapping, sets the phase to `started` and enqueues the job
// in one transaction, so a task is started at most once.
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import type { FileFormat, ReadItem } from "@/lib/io/formats";
import { parquetColumns } from "@/lib/io/formats";
import {
  applyMapping,
  collectColumns,
  mappingProblems,
  mappingSchema,
  suggestMapping,
  unknownColumns,
  type Mapping,
} from "@/lib/io/mapping";
import { validateRecord } from "@/lib/io/record-format";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { db } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { datasetAccess, isUuid } from "@/lib/server/services/access";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import {
  cleanFileName,
  estimateRows,
  randomAccessFile,
  readStoredFile,
  receiveUpload,
  removeStoredFile,
  storedFileExists,
} from "@/lib/server/services/import-files";
import { getTask, type TaskView } from "@/lib/server/services/tasks";
import { queueTask } from "@/lib/server/services/task-status";
import { resolveStoredFile } from "@/lib/server/files/storage";
import { zodDetails } from "@/lib/server/validation";

export const PREVIEW_ROWS = 20;
/** Rows read at upload to find the columns of formats whose rows may differ in keys (JSONL, JSON). */
const COLUMN_SCAN_ROWS = 1000;
/** Drafts never started are removed (with their file) after this long, at the next upload to the dataset. */
const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;
const CELL_PREVIEW_CHARS = 300;

const fileFormats = ["jsonl", "json", "csv", "parquet"] as const satisfies readonly FileFormat[];

/** What an import task keeps in `options`. */
export const importOptionsSchema = z.object({
  phase: z.enum(["draft", "started"]),
  format: z.enum(fileFormats),
  size: z.number().int().min(0),
  columns: z.array(z.string()),
  mapping: mappingSchema.optional(),
  allOrNothing: z.boolean().default(false),
});
export type ImportOptions = z.output<typeof importOptionsSchema>;

export const previewRequestSchema = z.object({ mapping: mappingSchema }).strict();
export const startRequestSchema = z.object({ mapping: mappingSchema, allOrNothing: z.boolean().default(false) }).strict();

export interface PreviewProblem {
  path: string;
  message: string;
}

export interface PreviewRow {
  line: number;
  externalId?: string;
  /** The row's cells as read, each cut to a few hundred characters (to see what a column holds). */
  cells: Record<string, string>;
  /** The record the mapping makes of the row (absent when the row could not be read or mapped). */
  record?: {
    externalId: string;
    fields: Record<string, unknown>;
    metadata: Record<string, unknown>;
    suggestions: { question: string; agent: string; value?: unknown; score?: number | null; rationale?: string | null }[];
  };
  responses: { user: string; status: string }[];
  problems: PreviewProblem[];
}

export interface ImportPreview {
  taskId: string;
  fileName: string;
  format: FileFormat;
  size: number;
  columns: string[];
  /** Rows in the file: exact for Parquet and JSON, counted from line breaks for JSONL and CSV (an upper bound). */
  totalRowsEstimate: number | null;
  mapping: Mapping;
  /** What makes the mapping unusable (a required field without a column...): the import cannot start until fixed. */
  mappingProblems: string[];
  /** Columns of the file that the mapping does not read: reported, their values are not imported. */
  unknownColumns: string[];
  rows: PreviewRow[];
}

function truncateCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return text.length > CELL_PREVIEW_CHARS ? `${text.slice(0, CELL_PREVIEW_CHARS)}…` : text;
}

/** The first `count` items of the file (rows and problems). */
async function firstItems(absolute: string, format: FileFormat, count: number): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readStoredFile(absolute, format)) {
    items.push(item);
    if (items.length >= count || (item.kind === "problem" && item.fatal)) break;
  }
  return items;
}

async function fileColumns(absolute: string, format: FileFormat): Promise<string[]> {
  if (format === "parquet") {
    const file = await randomAccessFile(absolute);
    try {
      const columns = await parquetColumns(file);
      return Array.isArray(columns) ? columns : [];
    } finally {
      await file.close();
    }
  }
  const items = await firstItems(absolute, format, format === "csv" ? 1 : COLUMN_SCAN_ROWS);
  return collectColumns(items.flatMap((item) => (item.kind === "row" ? [item.row] : [])));
}

/** Maps and validates the first rows of the file, each with its problems. */
export async function previewRows(absolute: string, format: FileFormat, mapping: Mapping, config: DatasetConfig): Promise<PreviewRow[]> {
  const items = await firstItems(absolute, format, PREVIEW_ROWS);
  const seen = new Map<string, number>();
  return items.map((item): PreviewRow => {
    if (item.kind === "problem") {
      return { line: item.line, cells: {}, responses: [], problems: [{ path: "", message: item.message }] };
    }
    const cells = Object.fromEntries(Object.entries(item.row).map(([key, value]) => [key, truncateCell(value)]));
    const mapped = applyMapping(item, mapping, config);
    if (!mapped.ok) {
      const externalId = mapped.problems.find((problem) => problem.externalId)?.externalId;
      return { line: item.line, externalId, cells, responses: [], problems: mapped.problems.map(({ path, message }) => ({ path, message })) };
    }
    const checked = validateRecord({ line: item.line, value: mapped.record }, config);
    const raw = mapped.record as PreviewRow["record"] & Record<string, unknown>;
    const externalId = typeof raw.externalId === "string" ? raw.externalId : undefined;
    const problems: PreviewProblem[] = checked.problems.map(({ path, message }) => ({ path, message }));
    if (checked.record) {
      const first = seen.get(checked.record.externalId);
      if (first !== undefined) problems.push({ path: "externalId", message: `duplicate of line ${first}` });
      else seen.set(checked.record.externalId, item.line);
    }
    return {
      line: item.line,
      externalId,
      cells,
      record: {
        externalId: externalId ?? "",
        fields: (raw.fields as Record<string, unknown>) ?? {},
        metadata: (raw.metadata as Record<string, unknown>) ?? {},
        suggestions: Array.isArray(raw.suggestions) ? raw.suggestions : [],
      },
      responses: mapped.responses.map(({ user, status }) => ({ user, status })),
      problems,
    };
  });
}

interface DraftTask {
  id: string;
  datasetId: string;
  fileName: string;
  file: string;
  total: number | null;
  options: ImportOptions;
  status: string;
}

/** An import task of a dataset the actor may write to; 404 for anything else (another workspace's task included). */
async function importTaskFor(actor: Actor, datasetId: string, taskId: string): Promise<{ task: DraftTask; config: DatasetConfig }> {
  const access = await datasetAccess(actor, datasetId, "records.write");
  const row = isUuid(taskId) ? await db.datasetTask.findUnique({ where: { id: taskId } }) : null;
  if (!row || row.datasetId !== access.datasetId || row.kind !== "import" || !row.file) throw new NotFoundError("Import");
  const options = importOptionsSchema.safeParse(row.options);
  if (!options.success) throw new NotFoundError("Import");
  const task: DraftTask = {
    id: row.id,
    datasetId: row.datasetId,
    fileName: row.fileName ?? "",
    file: row.file,
    total: row.total,
    options: options.data,
    status: row.status,
  };
  return { task, config: await loadDatasetConfig(access.datasetId) };
}

async function previewOf(task: DraftTask, config: DatasetConfig, mapping: Mapping): Promise<ImportPreview> {
  if (!(await storedFileExists(task.file))) {
    throw new ValidationError(`The uploaded file "${task.fileName}" is no longer on the server; upload it again.`);
  }
  const { columns, format } = task.options;
  return {
    taskId: task.id,
    fileName: task.fileName,
    format,
    size: task.options.size,
    columns,
    totalRowsEstimate: task.total,
    mapping,
    mappingProblems: mappingProblems(mapping, config, columns),
    unknownColumns: unknownColumns(columns, mapping),
    rows: await previewRows(resolveStoredFile(task.file), format, mapping, config),
  };
}

export interface UploadInput {
  fileName: string | null;
  body: AsyncIterable<Uint8Array> | null;
  /** The request's Content-Length, if it sent one: a too large file is refused before a byte is read. */
  declaredLength?: number;
  /** Overrides SIFT_MAX_UPLOAD_BYTES (tests). */
  limit?: number;
}

/**
 * Receives a file for import into a dataset: checks access first, streams the file to disk (413 over the limit,
 * 400 for an unknown format: the file is removed and nothing is written to the database), finds its columns, and
 * makes a draft import task. Returns the preview through the suggested mapping.
 */
export async function uploadImportFile(actor: Actor, datasetId: string, input: UploadInput): Promise<ImportPreview> {
  const access = await datasetAccess(actor, datasetId, "records.write");
  const config = await loadDatasetConfig(access.datasetId);
  const fileName = cleanFileName(input.fileName);
  const received = await receiveUpload(input.body, fileName, { limit: input.limit, declaredLength: input.declaredLength });
  let taskId: string;
  try {
    const items = await firstItems(received.absolute, received.format, 1);
    if (items.length === 0) {
      throw new ValidationError(`"${fileName || "The file"}" holds no rows${received.format === "csv" ? " below its header" : ""}.`);
    }
    const columns = await fileColumns(received.absolute, received.format);
    const options: ImportOptions = {
      phase: "draft",
      format: received.format,
      size: received.size,
      columns,
      allOrNothing: false,
    };
    const task = await db.datasetTask.create({
      data: {
        datasetId: access.datasetId,
        createdById: actor.userId,
        kind: "import",
        status: "queued",
        options,
        file: received.relative,
        fileName: fileName || `upload.${received.format}`,
        total: await estimateRows(received),
      },
    });
    taskId = task.id;
  } catch (error) {
    await removeStoredFile(received.relative);
    throw error;
  }
  await removeStaleDrafts(access.datasetId).catch((error: unknown) => console.error("[imports] removing stale drafts:", error));
  const { task } = await importTaskFor(actor, access.datasetId, taskId);
  return previewOf(task, config, suggestMapping(task.options.columns, config));
}

async function removeStaleDrafts(datasetId: string): Promise<void> {
  const stale = await db.datasetTask.findMany({
    where: {
      datasetId,
      kind: "import",
      status: "queued",
      createdAt: { lt: new Date(Date.now() - DRAFT_LIFETIME_MS) },
      options: { path: ["phase"], equals: "draft" },
    },
    select: { id: true, file: true },
  });
  for (const task of stale) {
    await db.datasetTask.delete({ where: { id: task.id } });
    await removeStoredFile(task.file);
  }
}

function parseRequest<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(`The ${what} is not valid.`, zodDetails(parsed.error));
  return parsed.data;
}

/** The first rows of an uploaded file through `body.mapping`, with the problems found; for the mapping screen. */
export async function previewImport(actor: Actor, datasetId: string, taskId: string, body: unknown): Promise<ImportPreview> {
  // Access first: another workspace's import answers 404 whatever the body says.
  const { task, config } = await importTaskFor(actor, datasetId, taskId);
  const { mapping } = parseRequest(previewRequestSchema, body, "preview request");
  return previewOf(task, config, mapping);
}

/**
 * Starts an uploaded import with its mapping: refuses a mapping with problems (400, each named), a task already
 * started (409); otherwise stores the mapping and enqueues the import_file job (one job key per task) together.
 */
export async function startImport(actor: Actor, datasetId: string, taskId: string, body: unknown): Promise<TaskView> {
  const { task, config } = await importTaskFor(actor, datasetId, taskId);
  const { mapping, allOrNothing } = parseRequest(startRequestSchema, body, "import request");
  if (task.options.phase !== "draft") throw new ConflictError("This import has already been started.");
  const problems = mappingProblems(mapping, config, task.options.columns);
  if (problems.length > 0) {
    throw new ValidationError(
      `The mapping cannot be used: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}.`,
      problems.map((message) => ({ where: "mapping", message })),
    );
  }
  if (!(await storedFileExists(task.file))) {
    throw new ValidationError(`The uploaded file "${task.fileName}" is no longer on the server; upload it again.`);
  }
  const options: ImportOptions = { ...task.options, phase: "started", mapping, allOrNothing };
  await withTransaction(async (client) => {
    // The row lock makes a second start wait for this one, then see that the task is no longer a draft.
    const current = await client.query<{ phase: string | null }>(
      `SELECT options->>'phase' AS phase FROM "DatasetTask" WHERE id = $1 FOR UPDATE`,
      [task.id],
    );
    const started = current.rows[0]?.phase === "draft" && (await queueTask(client, task.id, { options, processed: 0, result: {}, error: null }));
    if (!started) throw new ConflictError("This import has already been started.");
    await enqueueJob(client, "import_file", { taskId: task.id }, { jobKey: `import_file:${task.id}`, maxAttempts: 5 });
  });
  return getTask(actor, task.id);
}

/** The recent imports of a dataset, newest first (drafts left out), for the import page. */
export async function listImports(actor: Actor, datasetId: string, limit = 5): Promise<TaskView[]> {
  const access = await datasetAccess(actor, datasetId, "records.write");
  const rows = await db.datasetTask.findMany({
    where: { datasetId: access.datasetId, kind: "import", NOT: { options: { path: ["phase"], equals: "draft" } } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true },
  });
  return Promise.all(rows.map((row) => getTask(actor, row.id)));
}
