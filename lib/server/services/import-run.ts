// File import, the worker's side (job import_file): reads the uploaded file in batches, maps and validates each row,
// and writes the good rows with `writeRecords` (records and suggestions) plus their responses (`writeResponses`).
//
// Default mode: each batch is ONE transaction that writes its rows AND moves the task's checkpoint (`processed`, the
// items read so far, and `result.checkpoint`). A crash or restart therefore leaves no half-written batch: the batch
// either committed with its checkpoint or rolled back, and the next run re-reads the file, replays the rows before
// the checkpoint without writing them (only to rebuild the duplicate check), and goes on from there.
//
// All-or-nothing: a first pass checks the whole file without writing; if any row has a problem nothing is written.
// Otherwise a second pass writes every batch inside ONE transaction, whatever the file's size: a crash anywhere rolls
// the whole import back, and the retry starts over. The price is one long transaction that holds the dataset's row
// lock (writeRecords takes it): other imports into that dataset and its recompute wait until it commits.
import type pg from "pg";
import type { ProblemItem, ReadItem } from "@/lib/io/formats";
import { applyMapping, mappedColumns, mappingProblems, type Mapping, type ResponseInput } from "@/lib/io/mapping";
import { validateRecord, type RecordInput } from "@/lib/io/record-format";
import { db, pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { errorMessage } from "@/lib/io/formats/describe-value";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { readStoredFile, removeStoredFile, storedFileExists } from "@/lib/server/services/import-files";
import { importOptionsSchema } from "@/lib/server/services/imports";
import { writeRecords } from "@/lib/server/services/record-import";
import { writeResponses } from "@/lib/server/services/response-settlement";
import { resolveStoredFile } from "@/lib/server/files/storage";
import { completeTask, failTask, markTaskRunning } from "@/lib/server/services/task-status";

export const IMPORT_BATCH_SIZE = 1000;
/** Problems kept in the task's result (and so in the report); the rest are only counted. */
export const MAX_STORED_PROBLEMS = 10_000;
const MAX_UNKNOWN_COLUMNS = 100;

export interface StoredProblem {
  line: number;
  externalId?: string;
  path: string;
  message: string;
  /**
   * The rejected row as it was read (JSON of its columns or object), so the report shows what to fix without the
   * file (which is removed after the import). At most ROW_TEXT_MAX characters, and only on the first ROWS_KEPT
   * problems: the task's result is rewritten after every batch and must stay small. Absent for unreadable lines.
   */
  row?: string;
}

/** Characters of a rejected row kept for the report; a longer row ends with "…". */
export const ROW_TEXT_MAX = 2_000;
/** Problems that keep their row; later ones keep line, path and message only. */
export const ROWS_KEPT = 1_000;

function rowText(row: Record<string, unknown>): string {
  const text = JSON.stringify(row);
  return text.length > ROW_TEXT_MAX ? `${text.slice(0, ROW_TEXT_MAX - 1)}…` : text;
}

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What an import task keeps in `result`: the checkpoint, the counts so far, and the problems found. */
export interface ImportTaskResult {
  phase: "validating" | "writing" | "done";
  allOrNothing: boolean;
  /** The last committed batch: `items` read (rows and unreadable lines) and the line of the last one. */
  checkpoint: { items: number; line: number };
  rows: { read: number; imported: number; rejected: number };
  records: WriteCounts;
  suggestions: WriteCounts;
  responses: WriteCounts;
  problems: StoredProblem[];
  problemsTotal: number;
  /** Columns met in the rows that the mapping does not read (their values are not imported). */
  unknownColumns: string[];
}

const zero = (): WriteCounts => ({ created: 0, updated: 0, unchanged: 0 });
const addCounts = (a: WriteCounts, b: WriteCounts): WriteCounts => ({
  created: a.created + b.created,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
});

export function emptyImportResult(allOrNothing: boolean): ImportTaskResult {
  return {
    phase: allOrNothing ? "validating" : "writing",
    allOrNothing,
    checkpoint: { items: 0, line: 0 },
    rows: { read: 0, imported: 0, rejected: 0 },
    records: zero(),
    suggestions: zero(),
    responses: zero(),
    problems: [],
    problemsTotal: 0,
    unknownColumns: [],
  };
}

/** A stored result, or an empty one when there is none yet (or it is not an import's). */
function storedResult(raw: unknown, allOrNothing: boolean): ImportTaskResult {
  const empty = emptyImportResult(allOrNothing);
  if (typeof raw !== "object" || raw === null || !("checkpoint" in raw)) return empty;
  const stored = raw as Partial<ImportTaskResult>;
  return { ...empty, ...stored, allOrNothing };
}

// ── checking rows ─────────────────────────────────────────────────────────────────────────────────────────────────

interface AcceptedRow {
  line: number;
  record: RecordInput;
  responses: (ResponseInput & { userId: string })[];
}

interface CheckedBatch {
  accepted: AcceptedRow[];
  problems: StoredProblem[];
  rejected: number;
  /** Reading stopped at this problem: nothing after it can be read. */
  fatal: ProblemItem | null;
  lastLine: number;
}

type UserResolver = (usernames: string[]) => Promise<Map<string, string>>;

/**
 * Maps and validates rows batch by batch, remembering across batches the external ids already accepted (a second row
 * with the same id is a duplicate, as within an API body), the usernames resolved and the unmapped columns seen.
 */
class RowChecker {
  private readonly seen = new Map<string, number>();
  private readonly users = new Map<string, string | null>();
  private readonly mapped: Set<string>;
  readonly unknown: Set<string>;

  constructor(
    private readonly mapping: Mapping,
    private readonly config: DatasetConfig,
    private readonly resolveUsers: UserResolver,
    unknown: readonly string[] = [],
  ) {
    this.mapped = mappedColumns(mapping);
    this.unknown = new Set(unknown);
  }

  async check(items: readonly ReadItem[]): Promise<CheckedBatch> {
    const problems: StoredProblem[] = [];
    const rejectedLines = new Set<number>();
    const reject = (problem: StoredProblem) => {
      problems.push(problem);
      rejectedLines.add(problem.line);
    };
    let fatal: ProblemItem | null = null;
    const candidates: { line: number; record: RecordInput; responses: ResponseInput[]; row: string }[] = [];
    for (const item of items) {
      if (item.kind === "problem") {
        reject({ line: item.line, path: "", message: item.message });
        if (item.fatal) fatal = item;
        continue;
      }
      if (this.mapping.kind === "columns" && this.unknown.size < MAX_UNKNOWN_COLUMNS) {
        for (const key of Object.keys(item.row)) if (!this.mapped.has(key)) this.unknown.add(key);
      }
      const row = rowText(item.row);
      const mapped = applyMapping(item, this.mapping, this.config);
      if (!mapped.ok) {
        for (const problem of mapped.problems) reject({ ...problem, row });
        continue;
      }
      const checked = validateRecord({ line: item.line, value: mapped.record }, this.config);
      if (checked.record === null) {
        for (const problem of checked.problems) reject({ ...problem, row });
        continue;
      }
      candidates.push({ line: item.line, record: checked.record, responses: mapped.responses, row });
    }
    await this.resolve(candidates.flatMap((candidate) => candidate.responses.map((response) => response.user)));
    const accepted: AcceptedRow[] = [];
    for (const candidate of candidates) {
      const { line, record, row } = candidate;
      const place = { line, externalId: record.externalId, row };
      const unknownUsers = candidate.responses.flatMap((response, index) =>
        this.users.get(response.user) ? [] : [{ index, user: response.user }],
      );
      if (unknownUsers.length > 0) {
        for (const { index, user } of unknownUsers) {
          reject({ ...place, path: `responses[${index}].user`, message: `"${user}" is not a member of this workspace` });
        }
        continue;
      }
      const first = this.seen.get(record.externalId);
      if (first !== undefined) {
        reject({ ...place, path: "externalId", message: `duplicate of line ${first}` });
        continue;
      }
      this.seen.set(record.externalId, line);
      const responses = candidate.responses.map((response) => ({ ...response, userId: this.users.get(response.user)! }));
      accepted.push({ line, record, responses });
    }
    problems.sort((a, b) => a.line - b.line);
    return { accepted, problems, rejected: rejectedLines.size, fatal, lastLine: items.at(-1)?.line ?? 0 };
  }

  private async resolve(usernames: string[]): Promise<void> {
    const missing = [...new Set(usernames)].filter((name) => !this.users.has(name));
    if (missing.length === 0) return;
    const found = await this.resolveUsers(missing);
    for (const name of missing) this.users.set(name, found.get(name) ?? null);
  }
}

/** Usernames of the workspace's members (and the instance's owners) to user ids. */
function workspaceUsers(workspaceId: string): UserResolver {
  return async (usernames) => {
    const rows = await pool().query<{ id: string; username: string }>(
      `SELECT u.id, u.username FROM "User" u
       WHERE u.username = ANY($2::text[])
         AND (u."isOwner" OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = u.id AND m."workspaceId" = $1))`,
      [workspaceId, usernames],
    );
    return new Map(rows.rows.map((row) => [row.username, row.id]));
  };
}

// ── writing ───────────────────────────────────────────────────────────────────────────────────────────────────────

interface BatchCounts {
  records: WriteCounts;
  suggestions: WriteCounts;
  responses: WriteCounts;
}

/**
 * Responses of imported rows, settled like every other response (response-settlement.ts): counts, leases, assignments
 * and human final values follow. An unchanged response is not touched, so a re-import changes nothing.
 */
async function importResponses(client: pg.PoolClient, config: DatasetConfig, rows: AcceptedRow[]): Promise<WriteCounts> {
  const withResponses = rows.filter((row) => row.responses.length > 0);
  if (withResponses.length === 0) return zero();
  const found = await client.query<{ id: string; externalId: string }>(
    `SELECT id, "externalId" FROM "Record" WHERE "datasetId" = $1 AND "externalId" = ANY($2::text[])`,
    [config.id, withResponses.map((row) => row.record.externalId)],
  );
  const ids = new Map(found.rows.map((row) => [row.externalId, row.id]));
  const settled = await writeResponses(
    client,
    config,
    withResponses.flatMap((row) =>
      row.responses.map((response) => ({
        recordId: ids.get(row.record.externalId)!,
        userId: response.userId,
        values: response.values,
        status: response.status,
        timeSpentMs: 0,
        // What the file says of each answer's origin (a Sift export says it); an answer it says nothing of is `written`.
        origins: { stated: response.origins ?? {}, unstated: "written" as const },
      })),
    ),
  );
  return { created: settled.created, updated: settled.updated, unchanged: settled.unchanged };
}

async function writeBatch(client: pg.PoolClient, config: DatasetConfig, batch: CheckedBatch): Promise<BatchCounts> {
  if (batch.accepted.length === 0) return { records: zero(), suggestions: zero(), responses: zero() };
  const written = await writeRecords(client, config, batch.accepted.map((row) => row.record));
  const responses = await importResponses(client, config, batch.accepted);
  return { records: written.records, suggestions: written.suggestions, responses };
}

function withBatch(result: ImportTaskResult, batch: CheckedBatch, items: number, counts: BatchCounts | null): ImportTaskResult {
  const room = Math.max(0, MAX_STORED_PROBLEMS - result.problems.length);
  return {
    ...result,
    checkpoint: { items, line: batch.lastLine || result.checkpoint.line },
    rows: {
      read: items,
      imported: result.rows.imported + batch.accepted.length,
      rejected: result.rows.rejected + batch.rejected,
    },
    records: counts ? addCounts(result.records, counts.records) : result.records,
    suggestions: counts ? addCounts(result.suggestions, counts.suggestions) : result.suggestions,
    responses: counts ? addCounts(result.responses, counts.responses) : result.responses,
    problems: room > 0 ? [...result.problems, ...batch.problems.slice(0, room).map((problem, index) => withinRowBudget(problem, result.problems.length + index))] : result.problems,
    problemsTotal: result.problemsTotal + batch.problems.length,
  };
}

function withinRowBudget(problem: StoredProblem, position: number): StoredProblem {
  if (position < ROWS_KEPT || problem.row === undefined) return problem;
  const { row: _dropped, ...rest } = problem;
  return rest;
}

// ── the run ───────────────────────────────────────────────────────────────────────────────────────────────────────

export interface RunImportOptions {
  /** The job's last attempt: an error then fails the task instead of leaving it to the retry. */
  finalAttempt?: boolean;
  batchSize?: number;
  /** For tests: called inside a batch's transaction before it commits, and after it committed. */
  hooks?: {
    beforeCommit?: (batch: number) => void | Promise<void>;
    afterCommit?: (batch: number) => void | Promise<void>;
  };
}

export type RunImportOutcome =
  | { state: "skipped"; reason: string }
  | { state: "succeeded" | "failed"; result: ImportTaskResult; error?: string };

interface RunContext {
  taskId: string;
  fileName: string;
  absolute: string;
  format: "jsonl" | "json" | "csv" | "parquet";
  mapping: Mapping;
  config: DatasetConfig;
  batchSize: number;
  hooks: NonNullable<RunImportOptions["hooks"]>;
}

/** Groups the file's items into batches, each with the number of items read once it is complete. */
async function* batches(context: RunContext, breakAt = 0): AsyncGenerator<{ items: ReadItem[]; read: number }> {
  let items: ReadItem[] = [];
  let read = 0;
  for await (const item of readStoredFile(context.absolute, context.format)) {
    items.push(item);
    read += 1;
    const fatal = item.kind === "problem" && item.fatal === true;
    // A batch also ends at the checkpoint, so that the batches after it start exactly where writing resumes.
    if (items.length >= context.batchSize || fatal || read === breakAt) {
      yield { items, read };
      items = [];
    }
    if (fatal) return;
  }
  if (items.length > 0) yield { items, read };
}

async function saveProgress(taskId: string, processed: number, result: ImportTaskResult): Promise<void> {
  await pool().query(
    `UPDATE "DatasetTask" SET processed = $2, total = GREATEST(coalesce(total, 0), $2), result = $3::jsonb, "updatedAt" = now()
     WHERE id = $1`,
    [taskId, processed, JSON.stringify(result)],
  );
}

function fatalMessage(context: RunContext, fatal: ProblemItem, wrote: boolean): string {
  const rest = wrote
    ? "The rows before it were imported; fix the file and import it again (rows already imported stay unchanged)."
    : "Nothing was imported; fix the file and upload it again.";
  return `Reading "${context.fileName}" stopped at line ${fatal.line}: ${fatal.message}. ${rest}`;
}

/** Default mode: one transaction per batch, resuming after the last committed one. */
async function runInBatches(context: RunContext, start: ImportTaskResult): Promise<RunImportOutcome> {
  let result = start;
  const resumeAt = start.checkpoint.items;
  const checker = new RowChecker(context.mapping, context.config, workspaceUsers(context.config.workspaceId), start.unknownColumns);
  let fatal: ProblemItem | null = null;
  let batchNumber = 0;
  for await (const { items, read } of batches(context, resumeAt)) {
    const checked = await checker.check(items);
    if (checked.fatal) fatal = checked.fatal;
    if (read <= resumeAt) continue; // Committed before the restart: replayed only to rebuild the duplicate check.
    batchNumber += 1;
    const expected = result.checkpoint.items;
    result = await withTransaction(async (client) => {
      // Guards against a second run of the same task: the checkpoint must still be where this run found it.
      const current = await client.query<{ processed: number; status: string }>(
        `SELECT processed, status FROM "DatasetTask" WHERE id = $1 FOR UPDATE`,
        [context.taskId],
      );
      const row = current.rows[0];
      if (!row) throw new ImportStopped("the import task was deleted");
      if (row.processed !== expected) throw new Error(`the checkpoint moved (${row.processed}, expected ${expected}): another run is importing this file`);
      const counts = await writeBatch(client, context.config, checked);
      const next = { ...withBatch(result, checked, read, counts), unknownColumns: [...checker.unknown] };
      await context.hooks.beforeCommit?.(batchNumber);
      await client.query(
        `UPDATE "DatasetTask" SET processed = $2, total = GREATEST(coalesce(total, 0), $2), result = $3::jsonb, "updatedAt" = now()
         WHERE id = $1`,
        [context.taskId, read, JSON.stringify(next)],
      );
      return next;
    });
    await context.hooks.afterCommit?.(batchNumber);
  }
  const done: ImportTaskResult = { ...result, phase: "done", unknownColumns: [...checker.unknown] };
  if (fatal) {
    const error = fatalMessage(context, fatal, done.rows.imported > 0);
    await failTask(context.taskId, error, { result: done });
    return { state: "failed", result: done, error };
  }
  await completeTask(context.taskId, { total: done.checkpoint.items, result: done });
  return { state: "succeeded", result: done };
}

/** All-or-nothing: check everything first, then write everything in one transaction. */
async function runAllOrNothing(context: RunContext): Promise<RunImportOutcome> {
  // A previous attempt's writes were rolled back with its transaction: start over.
  let result = emptyImportResult(true);
  const users = workspaceUsers(context.config.workspaceId);
  const checker = new RowChecker(context.mapping, context.config, users);
  let fatal: ProblemItem | null = null;
  for await (const { items, read } of batches(context)) {
    const checked = await checker.check(items);
    result = { ...withBatch(result, checked, read, null), unknownColumns: [...checker.unknown] };
    if (checked.fatal) fatal = checked.fatal;
    await saveProgress(context.taskId, read, result);
  }
  if (fatal || result.problemsTotal > 0) {
    const done: ImportTaskResult = { ...result, phase: "done", rows: { ...result.rows, imported: 0 } };
    const error = fatal
      ? fatalMessage(context, fatal, false)
      : `${result.rows.rejected} row(s) of "${context.fileName}" have problems, so nothing was imported (all-or-nothing). ` +
        "Download the report, fix those rows and upload the file again.";
    await failTask(context.taskId, error, { result: done });
    return { state: "failed", result: done, error };
  }

  const validated = result;
  let written: ImportTaskResult = { ...emptyImportResult(true), phase: "writing", unknownColumns: validated.unknownColumns };
  await saveProgress(context.taskId, 0, written);
  const writer = new RowChecker(context.mapping, context.config, users);
  let batchNumber = 0;
  written = await withTransaction(async (client) => {
    let current = written;
    for await (const { items, read } of batches(context)) {
      const checked = await writer.check(items);
      // The file was checked a moment ago; a row failing now means the dataset changed meanwhile: roll back.
      if (checked.problems.length > 0) throw new ImportStopped(`line ${checked.problems[0]!.line} no longer passes: ${checked.problems[0]!.message}`);
      batchNumber += 1;
      const counts = await writeBatch(client, context.config, checked);
      current = withBatch(current, checked, read, counts);
      await context.hooks.beforeCommit?.(batchNumber);
      // Progress from another connection: this transaction's own writes stay invisible until it commits.
      await saveProgress(context.taskId, read, current);
    }
    const done: ImportTaskResult = { ...current, phase: "done" };
    await completeTask(context.taskId, { processed: done.rows.read, total: done.rows.read, result: done }, client);
    return done;
  });
  return { state: "succeeded", result: written };
}

/** A problem that retrying will not fix. */
class ImportStopped extends Error {}

/**
 * Runs (or resumes) an import task. Idempotent: a finished task is skipped; a task interrupted by a crash resumes
 * after its last committed batch (default mode) or starts over (all-or-nothing, whose writes rolled back).
 */
export async function runImportTask(taskId: string, options: RunImportOptions = {}): Promise<RunImportOutcome> {
  const task = await db.datasetTask.findUnique({ where: { id: taskId } });
  if (!task || task.kind !== "import") return { state: "skipped", reason: "no such import task" };
  if (task.status !== "queued" && task.status !== "running") return { state: "skipped", reason: `the task is ${task.status}` };
  const parsed = importOptionsSchema.safeParse(task.options);
  if (!parsed.success || parsed.data.phase !== "started" || !parsed.data.mapping || !task.file) {
    return { state: "skipped", reason: "the import was not started" };
  }
  const { mapping, allOrNothing, format, columns } = parsed.data;
  const fileName = task.fileName ?? "the file";
  const fail = async (error: string): Promise<RunImportOutcome> => {
    await failTask(taskId, error);
    await removeStoredFile(task.file);
    return { state: "failed", result: storedResult(task.result, allOrNothing), error };
  };
  if (!(await storedFileExists(task.file))) return fail(`The uploaded file "${fileName}" is no longer on the server; upload it again.`);
  const config = await loadDatasetConfig(task.datasetId);
  const problems = mappingProblems(mapping, config, columns);
  if (problems.length > 0) {
    return fail(`The dataset changed since the import was started, and the mapping no longer fits: ${problems.join("; ")}. Upload the file again.`);
  }
  await markTaskRunning(taskId);
  const context: RunContext = {
    taskId,
    fileName,
    absolute: resolveStoredFile(task.file),
    format,
    mapping,
    config,
    batchSize: options.batchSize ?? IMPORT_BATCH_SIZE,
    hooks: options.hooks ?? {},
  };
  let outcome: RunImportOutcome;
  try {
    outcome = allOrNothing ? await runAllOrNothing(context) : await runInBatches(context, storedResult(task.result, false));
  } catch (error) {
    const message = errorMessage(error);
    const imported = allOrNothing
      ? "Nothing was imported."
      : "The batches before it were imported; upload the file again to finish (rows already imported stay unchanged).";
    const failure = `The import of "${fileName}" stopped: ${message}. ${imported}`;
    if (error instanceof ImportStopped) {
      await failTask(taskId, failure);
      await removeStoredFile(task.file);
      return { state: "failed", result: storedResult(task.result, allOrNothing), error: failure };
    }
    if (options.finalAttempt) {
      await failTask(taskId, failure).catch(() => undefined);
      await removeStoredFile(task.file);
    } else {
      // Left running for the job's retry, which resumes after the last committed batch.
      await pool()
        .query(`UPDATE "DatasetTask" SET error = $2, "updatedAt" = now() WHERE id = $1`, [taskId, `Retrying after an error: ${message}`])
        .catch(() => undefined);
    }
    throw error;
  }
  await removeStoredFile(task.file);
  return outcome;
}
