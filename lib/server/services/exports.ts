// Exports: small ones stream straight to the caller; large ones (and Hugging Face folders, whose tar entries need
// their sizes first) run in the worker as a DatasetTask and are downloaded when done.
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Actor } from "@/lib/server/auth/actor";
import { dpoOptionProblems, sftOptionProblems } from "@/lib/io/export-shapes";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { db, pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { newStoredFile, resolveStoredFile } from "@/lib/server/files/storage";
import { datasetAccess, isUuid } from "@/lib/server/services/access";
import { writeAudit, type AuditEntry } from "@/lib/server/services/audit-log";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { countExportRecords } from "@/lib/server/services/export-records";
import {
  exportContentTypes,
  exportFileName,
  exportRequestSchema,
  type ExportRequest,
} from "@/lib/server/services/export-request";
import { exportChunks, writeHuggingFaceTar, type ExportChunks } from "@/lib/server/services/export-writer";
import { completeTask, failTask, markTaskRunning } from "@/lib/server/services/task-status";
import { zodDetails } from "@/lib/server/validation";

/** Above this many records an export runs in the worker instead of holding a request open. */
export const DIRECT_EXPORT_MAX_RECORDS = Number(process.env.SIFT_DIRECT_EXPORT_MAX_RECORDS ?? 20_000);

export type ExportStart =
  | { kind: "stream"; fileName: string; contentType: string; records: number; chunks: ExportChunks }
  | { kind: "task"; taskId: string; records: number };

function checkShapeOptions(config: DatasetConfig, request: ExportRequest): void {
  const problems = [
    ...(request.format === "sft" && request.sft ? sftOptionProblems(config, request.sft) : []),
    ...(request.format === "dpo" && request.dpo ? dpoOptionProblems(config, request.dpo) : []),
  ];
  if (request.format === "classification" && request.classification) {
    const { textField, labelQuestion } = request.classification;
    if (!config.fields.some((field) => field.name === textField)) problems.push(`the text field "${textField}" is not a field of the dataset`);
    if (!config.questions.some((question) => question.name === labelQuestion)) {
      problems.push(`the label question "${labelQuestion}" is not a question of the dataset`);
    }
  }
  if (problems.length > 0) {
    throw new ValidationError("The export options do not fit this dataset.", problems.map((message) => ({ where: request.format, message })));
  }
}

export async function startExport(actor: Actor, datasetId: string, raw: unknown): Promise<ExportStart> {
  const access = await datasetAccess(actor, datasetId, "dataset.export");
  const parsed = exportRequestSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("The export request is not valid.", zodDetails(parsed.error));
  const request = parsed.data;
  const config = await loadDatasetConfig(access.datasetId);
  checkShapeOptions(config, request);
  const records = await countExportRecords(config.id, request.selection);
  const fileName = exportFileName(config.name, request.format);
  const direct = request.mode === "auto" && request.format !== "hf" && records <= DIRECT_EXPORT_MAX_RECORDS;
  const audit = (taskId: string | null): AuditEntry => ({
    workspaceId: config.workspaceId,
    actorId: actor.userId,
    action: "dataset.export",
    targetType: "dataset",
    targetId: config.id,
    details: { format: request.format, records, taskId },
  });
  // A task's event commits with the task; a streamed export has nothing to commit with, so it is written on its own.
  const taskId = direct ? null : await createExportTask(actor, config, request, fileName, records, audit);
  if (!taskId) await writeAudit(pool(), audit(null));
  if (taskId) return { kind: "task", taskId, records };
  return { kind: "stream", fileName, contentType: exportContentTypes[request.format], records, chunks: await exportChunks(config, request) };
}

async function createExportTask(
  actor: Actor,
  config: DatasetConfig,
  request: ExportRequest,
  fileName: string,
  total: number,
  audit: (taskId: string) => AuditEntry,
): Promise<string> {
  return withTransaction(async (client) => {
    const task = await client.query<{ id: string }>(
      `INSERT INTO "DatasetTask" ("datasetId", "createdById", kind, options, "fileName", total)
       VALUES ($1, $2, 'export', $3, $4, $5) RETURNING id`,
      [config.id, actor.userId, JSON.stringify(request), fileName, total],
    );
    const taskId = task.rows[0]!.id;
    await enqueueJob(client, "export_file", { taskId }, { jobKey: `export_file:${taskId}`, maxAttempts: 3 });
    await writeAudit(client, audit(taskId));
    return taskId;
  });
}

/** The worker's side: writes the export file, then marks the task done (or failed, with the reason). */
export async function runExportTask(taskId: string): Promise<void> {
  const task = await db.datasetTask.findUnique({ where: { id: taskId } });
  if (!task || task.kind !== "export" || task.status === "succeeded" || task.status === "cancelled") return;
  await markTaskRunning(taskId);
  try {
    const request = exportRequestSchema.parse(task.options);
    const config = await loadDatasetConfig(task.datasetId);
    const file = await newStoredFile("exports", request.format === "hf" ? ".tar" : ".export");
    if (request.format === "hf") {
      await writeHuggingFaceTar(config, request, file.absolute);
    } else {
      await pipeline(Readable.from(await exportChunks(config, request)), createWriteStream(file.absolute));
    }
    const size = (await stat(file.absolute)).size;
    await completeTask(taskId, { file: file.relative, processed: task.total ?? 0, result: { bytes: size } });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await failTask(taskId, reason);
  }
}

export interface ExportDownload {
  fileName: string;
  contentType: string;
  size: number;
  stream: ReadableStream<Uint8Array>;
}

/** The finished export file of a task, for those who may export the dataset; 404 across workspaces. */
export async function openExportDownload(actor: Actor, taskId: string): Promise<ExportDownload> {
  const task = isUuid(taskId) ? await db.datasetTask.findUnique({ where: { id: taskId } }) : null;
  if (!task || task.kind !== "export") throw new NotFoundError("Export");
  try {
    await datasetAccess(actor, task.datasetId, "dataset.export");
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError("Export");
    throw error;
  }
  if (task.status !== "succeeded" || !task.file) throw new ConflictError(`This export is ${task.status}; download it once it has succeeded.`);
  const request = exportRequestSchema.parse(task.options);
  const absolute = resolveStoredFile(task.file);
  return {
    fileName: task.fileName ?? "export",
    contentType: exportContentTypes[request.format],
    size: (await stat(absolute)).size,
    stream: Readable.toWeb(createReadStream(absolute)) as ReadableStream<Uint8Array>,
  };
}
