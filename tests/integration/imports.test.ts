// File import end to end against a real PostgreSQL: upload (streamed to disk, refused before anything is written when
// too large or of an unknown format), preview through a mapping, start, and the worker's import_file job (the real
// handler through graphile-worker's runOnce, or the service it calls, to simulate crashes between batches).
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runOnce } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeParquet } from "@/lib/io/formats";
import type { MappingInput } from "@/lib/io/mapping";
import { databaseUrl, db } from "@/lib/server/db/client";
import { AppError, ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { taskReport } from "@/lib/server/services/import-report";
import { runImportTask, type ImportTaskResult } from "@/lib/server/services/import-run";
import { previewImport, startImport, uploadImportFile, type ImportPreview } from "@/lib/server/services/imports";
import { getTask } from "@/lib/server/services/tasks";
import type { Actor } from "@/lib/server/auth/actor";
import { taskList } from "@/workers/tasks";
import { createSentimentDataset, createTestWorkspace, type TestWorkspace } from "./fixtures";

let filesDir: string;
const previousFilesDir = process.env.SIFT_FILES_DIR;

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), "sift-imports-"));
  process.env.SIFT_FILES_DIR = filesDir;
});

afterAll(async () => {
  if (previousFilesDir === undefined) delete process.env.SIFT_FILES_DIR;
  else process.env.SIFT_FILES_DIR = previousFilesDir;
  await rm(filesDir, { recursive: true, force: true });
});

async function* chunks(content: string | Uint8Array, size = 64): AsyncGenerator<Uint8Array> {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.slice(offset, offset + size);
}

function upload(actor: Actor, datasetId: string, fileName: string, content: string | Uint8Array, limit?: number) {
  return uploadImportFile(actor, datasetId, { fileName, body: chunks(content), limit });
}

async function uploads(): Promise<string[]> {
  return readdir(path.join(filesDir, "uploads")).catch(() => []);
}

/** Runs the queued jobs with the worker's real task list (the import_file handler among them). */
async function runJobs(): Promise<void> {
  await runOnce({ connectionString: databaseUrl(), taskList });
}

async function resultOf(taskId: string): Promise<{ status: string; processed: number; total: number | null; error: string | null; result: ImportTaskResult }> {
  const task = await db.datasetTask.findUniqueOrThrow({ where: { id: taskId } });
  return { status: task.status, processed: task.processed, total: task.total, error: task.error, result: task.result as unknown as ImportTaskResult };
}

async function reportText(actor: Actor, taskId: string, format: "csv" | "jsonl" = "csv"): Promise<string> {
  const report = await taskReport(actor, taskId, format);
  let text = "";
  for await (const chunk of report.body) text += chunk;
  return text;
}

async function setup(): Promise<{ workspace: TestWorkspace; datasetId: string }> {
  const workspace = await createTestWorkspace();
  const { id } = await createSentimentDataset(workspace);
  return { workspace, datasetId: id };
}

// Lines: header 1; a1 2; a2 3 (no text); a3 4-5 (a quoted cell with a line break); a4 6 (score not a number);
// a5 7 (an invalid label: kept as an unparseable vote, not a problem); a1 again 8 (duplicate).
const CSV = [
  "id,text,source,sentiment,sentiment.score,notes",
  "a1,I love it,web,pos,0.9,first",
  "a2,,web,neg,0.2,missing text",
  'a3,"Two',
  'lines",web,pos,0.5,quoted',
  "a4,Meh,web,neg,high,bad score",
  "a5,Fine,web,maybe,0.4,odd label",
  "a1,Again,web,pos,0.9,duplicate",
].join("\n");

describe("uploading a file", () => {
  it("detects the format and columns, suggests a mapping, reports unknown columns and previews rows with their problems", async () => {
    const { workspace, datasetId } = await setup();
    const preview = await upload(workspace.curator, datasetId, "reviews.csv", CSV);
    expect(preview).toMatchObject({ fileName: "reviews.csv", format: "csv", totalRowsEstimate: 7 });
    expect(preview.columns).toEqual(["id", "text", "source", "sentiment", "sentiment.score", "notes"]);
    expect(preview.mapping).toEqual({
      kind: "columns",
      externalId: "id",
      fields: { text: "text" },
      metadata: { source: "source" },
      suggestions: [{ question: "sentiment", agent: "import", value: "sentiment", score: "sentiment.score" }],
      responses: [],
    });
    expect(preview.unknownColumns).toEqual(["notes"]);
    expect(preview.mappingProblems).toEqual([]);
    expect(preview.rows.map((row) => row.line)).toEqual([2, 3, 4, 6, 7, 8]);
    const problems = preview.rows.flatMap((row) => row.problems.map((problem) => `${row.line} ${problem.path}: ${problem.message}`));
    expect(problems).toEqual([
      "3 fields.text: is required",
      '6 suggestions[0].score: column "sentiment.score": expected a number, found "high"',
      "8 externalId: duplicate of line 2",
    ]);
    expect(preview.rows[0]!.record).toMatchObject({ externalId: "a1", fields: { text: "I love it" }, metadata: { source: "web" } });
    expect(preview.rows[2]!.record?.fields.text).toBe("Two\nlines");
    // The upload wrote a file and a draft task, no record.
    expect(await db.record.count({ where: { datasetId } })).toBe(0);
    expect((await getTask(workspace.curator, preview.taskId)).draft).toBe(true);
  });

  it("re-previews through another mapping", async () => {
    const { workspace, datasetId } = await setup();
    const { taskId } = await upload(workspace.curator, datasetId, "reviews.csv", CSV);
    const mapping: MappingInput = { kind: "columns", externalId: null, fields: { text: "notes" } };
    const preview = await previewImport(workspace.curator, datasetId, taskId, { mapping });
    expect(preview.rows[0]!.record).toMatchObject({ externalId: "row-2", fields: { text: "first" }, suggestions: [] });
    expect(preview.unknownColumns).toEqual(["id", "text", "source", "sentiment", "sentiment.score"]);
    const broken = await previewImport(workspace.curator, datasetId, taskId, { mapping: { kind: "columns", externalId: "nope", fields: {} } });
    expect(broken.mappingProblems).toEqual(['column "nope" is not in the file', 'the required field "text" has no column']);
    await expect(
      startImport(workspace.curator, datasetId, taskId, { mapping: { kind: "columns", externalId: "nope", fields: {} } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses a file of an unknown format, naming it, and writes nothing", async () => {
    const { workspace, datasetId } = await setup();
    const before = await uploads();
    const error = await upload(workspace.curator, datasetId, "notes.txt", "just some words\nand more words\n").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain('"notes.txt"');
    expect((error as Error).message).toContain("unknown");
    const gzip = await upload(workspace.curator, datasetId, "data.jsonl.gz", new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0])).catch((caught: unknown) => caught);
    expect((gzip as Error).message).toMatch(/"data\.jsonl\.gz" is gzip-compressed/);
    expect(await db.datasetTask.count({ where: { datasetId } })).toBe(0);
    expect(await uploads()).toEqual(before);
  });

  it("refuses a file over the size limit with 413, before anything is written", async () => {
    const { workspace, datasetId } = await setup();
    const before = await uploads();
    const big = `${"x".repeat(50)}\n`.repeat(100);
    const streamed = (await upload(workspace.curator, datasetId, "big.jsonl", big, 1000).catch((caught: unknown) => caught)) as AppError;
    expect(streamed).toBeInstanceOf(AppError);
    expect(streamed.status).toBe(413);
    expect(streamed.message).toContain('"big.jsonl"');
    // A declared Content-Length over the limit is refused before a byte is read.
    const declared = (await uploadImportFile(workspace.curator, datasetId, {
      fileName: "big.jsonl",
      body: chunks(big),
      declaredLength: 10 * 1024 * 1024 * 1024,
    }).catch((caught: unknown) => caught)) as AppError;
    expect(declared.status).toBe(413);
    // The limit comes from SIFT_MAX_UPLOAD_BYTES.
    process.env.SIFT_MAX_UPLOAD_BYTES = "2000";
    try {
      const configured = (await upload(workspace.curator, datasetId, "big.jsonl", big).catch((caught: unknown) => caught)) as AppError;
      expect(configured.status).toBe(413);
    } finally {
      delete process.env.SIFT_MAX_UPLOAD_BYTES;
    }
    expect(await db.datasetTask.count({ where: { datasetId } })).toBe(0);
    expect(await uploads()).toEqual(before);
  });

  it("answers 404 for another workspace's dataset and tasks, and 403 for an annotator", async () => {
    const mine = await setup();
    const theirs = await setup();
    await expect(upload(mine.workspace.curator, theirs.datasetId, "reviews.csv", CSV)).rejects.toBeInstanceOf(NotFoundError);
    const { taskId } = await upload(theirs.workspace.curator, theirs.datasetId, "reviews.csv", CSV);
    await expect(getTask(mine.workspace.admin, taskId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(taskReport(mine.workspace.admin, taskId, "csv")).rejects.toBeInstanceOf(NotFoundError);
    await expect(previewImport(mine.workspace.curator, mine.datasetId, taskId, { mapping: { kind: "record" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(previewImport(mine.workspace.curator, theirs.datasetId, taskId, { mapping: { kind: "record" } })).rejects.toBeInstanceOf(NotFoundError);
    const denied = (await upload(theirs.workspace.annotators[0]!, theirs.datasetId, "reviews.csv", CSV).catch((caught: unknown) => caught)) as AppError;
    expect(denied.status).toBe(403);
  });
});

describe("importing", () => {
  it("imports the good rows of a CSV, reports the bad ones with their line, and re-importing changes nothing", async () => {
    const { workspace, datasetId } = await setup();
    const preview = await upload(workspace.curator, datasetId, "reviews.csv", CSV);
    const started = await startImport(workspace.curator, datasetId, preview.taskId, { mapping: preview.mapping });
    expect(started).toMatchObject({ kind: "import", status: "queued", draft: false });
    await expect(startImport(workspace.curator, datasetId, preview.taskId, { mapping: preview.mapping })).rejects.toBeInstanceOf(ConflictError);
    await runJobs();

    const task = await getTask(workspace.curator, preview.taskId);
    // The estimate counted the quoted line break as a row; the finished task has the exact count.
    expect(task).toMatchObject({ status: "succeeded", processed: 6, total: 6, error: null });
    expect(task.reportUrl).toBe(`/api/v1/tasks/${preview.taskId}/report`);
    expect(task.result).toMatchObject({
      rows: { read: 6, imported: 3, rejected: 3 },
      records: { created: 3, updated: 0, unchanged: 0 },
      suggestions: { created: 3, updated: 0, unchanged: 0 },
      problemsTotal: 3,
      unknownColumns: ["notes"],
    });
    const records = await db.record.findMany({ where: { datasetId }, orderBy: { importOrder: "asc" }, include: { suggestions: true } });
    expect(records.map((record) => record.externalId).sort()).toEqual(["a1", "a3", "a5"]);
    expect(records.find((record) => record.externalId === "a3")?.fields).toEqual({ text: "Two\nlines" });
    // An answer that is not an option is an unparseable vote, stored as given.
    expect(records.find((record) => record.externalId === "a5")?.suggestions[0]?.value).toBe("maybe");

    const csv = await reportText(workspace.curator, preview.taskId);
    // Each problem comes with the row as it was read: what to fix is in the report, not only where.
    const a2 = JSON.stringify({ id: "a2", text: "", source: "web", sentiment: "neg", "sentiment.score": "0.2", notes: "missing text" });
    const a4 = JSON.stringify({ id: "a4", text: "Meh", source: "web", sentiment: "neg", "sentiment.score": "high", notes: "bad score" });
    const a1 = JSON.stringify({ id: "a1", text: "Again", source: "web", sentiment: "pos", "sentiment.score": "0.9", notes: "duplicate" });
    const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
    expect(csv.trim().split("\n")).toEqual([
      "line,externalId,path,message,row",
      `3,a2,fields.text,is required,${quoted(a2)}`,
      `6,a4,suggestions[0].score,"column ""sentiment.score"": expected a number, found ""high""",${quoted(a4)}`,
      `8,a1,externalId,duplicate of line 2,${quoted(a1)}`,
    ]);
    const jsonl = (await reportText(workspace.curator, preview.taskId, "jsonl")).trim().split("\n").map((line) => JSON.parse(line));
    expect(jsonl[0]).toEqual({ line: 3, externalId: "a2", path: "fields.text", message: "is required", row: a2 });
    // The task's own view carries it too (the import page shows it under each problem).
    expect((task.result as { problems?: unknown[] }).problems?.[0]).toMatchObject({ line: 3, row: a2 });
    // The uploaded file is removed once the import is done.
    const stored = (await db.datasetTask.findUniqueOrThrow({ where: { id: preview.taskId } })).file!;
    expect(await uploads()).not.toContain(path.basename(stored));

    // The same file again: nothing changes.
    const again = await upload(workspace.curator, datasetId, "reviews.csv", CSV);
    await startImport(workspace.curator, datasetId, again.taskId, { mapping: again.mapping });
    await runJobs();
    const second = await resultOf(again.taskId);
    expect(second.status).toBe("succeeded");
    expect(second.result.records).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(second.result.suggestions).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await db.record.count({ where: { datasetId } })).toBe(3);
  });

  it("imports JSONL in the record format with suggestions and responses, reporting unreadable lines and unknown users", async () => {
    const { workspace, datasetId } = await setup();
    const annotator = workspace.annotators[0]!.username;
    const lines = [
      JSON.stringify({
        externalId: "j1",
        fields: { text: "Great" },
        metadata: { source: "api" },
        suggestions: [
          { question: "sentiment", agent: "gpt", value: "pos", score: 0.8 },
          { question: "sentiment", agent: "llama", value: "neg" },
        ],
        responses: [{ user: annotator, status: "submitted", values: { sentiment: "pos" } }],
      }),
      "{not json",
      "",
      JSON.stringify({ externalId: "j2", fields: { txt: "typo" } }),
      JSON.stringify({ externalId: "j3", fields: { text: "Who?" }, responses: [{ user: "nobody-here", values: { sentiment: "neg" } }] }),
      JSON.stringify({ externalId: "j4", fields: { text: "Fine" }, extra: 1 }),
    ];
    const preview = await upload(workspace.curator, datasetId, "records.jsonl", `${lines.join("\n")}\n`);
    expect(preview.format).toBe("jsonl");
    expect(preview.mapping).toEqual({ kind: "record" });
    expect(preview.unknownColumns).toEqual(["extra"]);
    expect(preview.rows[0]!.responses).toEqual([{ user: annotator, status: "submitted" }]);
    await startImport(workspace.curator, datasetId, preview.taskId, { mapping: preview.mapping });
    await runJobs();

    const { status, result } = await resultOf(preview.taskId);
    expect(status).toBe("succeeded");
    expect(result.rows).toEqual({ read: 5, imported: 2, rejected: 3 });
    expect(result.responses).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(result.problems.map((problem) => `${problem.line} ${problem.path}`)).toEqual([
      "2 ",
      "4 fields.txt",
      "4 fields.text",
      "5 responses[0].user",
    ]);
    expect(result.problems[0]!.message).toMatch(/not valid JSON/);
    expect(result.problems[3]!.message).toBe('"nobody-here" is not a member of this workspace');
    const j1 = await db.record.findFirstOrThrow({ where: { datasetId, externalId: "j1" }, include: { suggestions: true, responses: true } });
    expect(j1.suggestions.map((suggestion) => suggestion.agent).sort()).toEqual(["gpt", "llama"]);
    expect(j1.responses).toHaveLength(1);
    expect(j1.responses[0]).toMatchObject({ status: "submitted", values: { sentiment: "pos" } });
    expect(j1.submittedCount).toBe(1);
    // With its one required response in, the record has its human final value.
    expect(await db.finalValue.findMany({ where: { recordId: j1.id }, select: { value: true, provenance: true } })).toEqual([
      { value: "pos", provenance: "human" },
    ]);

    // Re-importing: records, suggestions and responses unchanged.
    const again = await upload(workspace.curator, datasetId, "records.jsonl", `${lines.join("\n")}\n`);
    await startImport(workspace.curator, datasetId, again.taskId, { mapping: again.mapping });
    await runJobs();
    const second = (await resultOf(again.taskId)).result;
    expect(second.records).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(second.suggestions).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(second.responses).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it("imports Parquet with a mapping of several agents per question", async () => {
    const { workspace, datasetId } = await setup();
    const columns = ["key", "body", "judge_a", "judge_b", "why_b"].map((name) => ({ name, kind: "string" as const, description: "" }));
    const rows = Array.from({ length: 12 }, (_, index) => ({
      key: `p${index}`,
      body: `Parquet row ${index}`,
      judge_a: index % 2 === 0 ? "pos" : "neg",
      judge_b: "pos",
      why_b: `because ${index}`,
    }));
    const parts: Uint8Array[] = [];
    for await (const part of writeParquet(rows, columns, { rowGroupSize: 5 })) parts.push(part);
    const bytes = Buffer.concat(parts);
    const preview = await upload(workspace.curator, datasetId, "judged.parquet", bytes);
    expect(preview).toMatchObject({ format: "parquet", totalRowsEstimate: 12 });
    expect(preview.columns).toEqual(["key", "body", "judge_a", "judge_b", "why_b"]);
    const mapping: MappingInput = {
      kind: "columns",
      externalId: "key",
      fields: { text: "body" },
      suggestions: [
        { question: "sentiment", agent: "judge-a", value: "judge_a" },
        { question: "sentiment", agent: "judge-b", value: "judge_b", rationale: "why_b" },
      ],
    };
    await startImport(workspace.curator, datasetId, preview.taskId, { mapping });
    await runJobs();
    const { status, result } = await resultOf(preview.taskId);
    expect(status).toBe("succeeded");
    expect(result.records.created).toBe(12);
    expect(result.suggestions.created).toBe(24);
    const p3 = await db.record.findFirstOrThrow({ where: { datasetId, externalId: "p3" }, include: { suggestions: { orderBy: { agent: "asc" } } } });
    expect(p3.suggestions.map((suggestion) => [suggestion.agent, suggestion.value, suggestion.rationale])).toEqual([
      ["judge-a", "neg", null],
      ["judge-b", "pos", "because 3"],
    ]);
  });

  it("all-or-nothing writes nothing when a row is bad, and everything when none is", async () => {
    const { workspace, datasetId } = await setup();
    const preview = await upload(workspace.curator, datasetId, "reviews.csv", CSV);
    await startImport(workspace.curator, datasetId, preview.taskId, { mapping: preview.mapping, allOrNothing: true });
    await runJobs();
    const failed = await resultOf(preview.taskId);
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("nothing was imported (all-or-nothing)");
    expect(failed.result.rows).toMatchObject({ read: 6, imported: 0, rejected: 3 });
    expect(failed.result.problems.map((problem) => problem.line)).toEqual([3, 6, 8]);
    expect(await db.record.count({ where: { datasetId } })).toBe(0);
    expect(await db.suggestion.count({ where: { record: { datasetId } } })).toBe(0);

    const good = CSV.split("\n").filter((_, index) => ![2, 5, 7].includes(index)).join("\n");
    const clean = await upload(workspace.curator, datasetId, "clean.csv", good);
    await startImport(workspace.curator, datasetId, clean.taskId, { mapping: clean.mapping, allOrNothing: true });
    await runJobs();
    const done = await resultOf(clean.taskId);
    expect(done.status).toBe("succeeded");
    expect(done.result.records).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await db.record.count({ where: { datasetId } })).toBe(3);
  });

  it("stops at a broken quote: the rows before it are imported and the task fails naming the line", async () => {
    const { workspace, datasetId } = await setup();
    const broken = ["id,text", "b1,fine", "b2,also fine", 'b3,"never closed', "b4,after"].join("\n");
    const preview = await upload(workspace.curator, datasetId, "broken.csv", broken);
    await startImport(workspace.curator, datasetId, preview.taskId, { mapping: preview.mapping });
    await runJobs();
    const task = await resultOf(preview.taskId);
    expect(task.status).toBe("failed");
    expect(task.error).toMatch(/Reading "broken\.csv" stopped at line 4: a quoted cell is never closed/);
    expect(task.result.rows.imported).toBe(2);
    expect(await db.record.count({ where: { datasetId } })).toBe(2);
  });
});

describe("a crash in the middle of an import", () => {
  const rowsCsv = (count: number) =>
    ["id,text,sentiment", ...Array.from({ length: count }, (_, index) => `c${index},Row ${index},${index % 3 === 0 ? "neg" : "pos"}`)].join("\n");

  async function started(allOrNothing = false): Promise<{ workspace: TestWorkspace; datasetId: string; preview: ImportPreview }> {
    const { workspace, datasetId } = await setup();
    const preview = await upload(workspace.curator, datasetId, "rows.csv", rowsCsv(25));
    await startImport(workspace.curator, datasetId, preview.taskId, { mapping: preview.mapping, allOrNothing });
    return { workspace, datasetId, preview };
  }

  async function expectAllRowsOnce(datasetId: string): Promise<void> {
    const records = await db.record.findMany({ where: { datasetId }, select: { externalId: true, importOrder: true } });
    expect(records.map((record) => record.externalId).sort()).toEqual(Array.from({ length: 25 }, (_, index) => `c${index}`).sort());
    expect(new Set(records.map((record) => record.importOrder)).size).toBe(25);
    expect(await db.suggestion.count({ where: { record: { datasetId } } })).toBe(25);
  }

  it("after a batch committed: the job resumes after it, with no duplicate and no missing row", async () => {
    const { datasetId, preview } = await started();
    const crash = runImportTask(preview.taskId, {
      batchSize: 10,
      hooks: {
        afterCommit: (batch) => {
          if (batch === 1) throw new Error("simulated crash");
        },
      },
    });
    await expect(crash).rejects.toThrow("simulated crash");
    const interrupted = await resultOf(preview.taskId);
    expect(interrupted).toMatchObject({ status: "running", processed: 10 });
    expect(interrupted.result.checkpoint).toEqual({ items: 10, line: 11 });
    expect(await db.record.count({ where: { datasetId } })).toBe(10);

    // The queued job (the real handler) resumes, reading in its own batch size.
    await runJobs();
    const resumed = await resultOf(preview.taskId);
    expect(resumed.status).toBe("succeeded");
    expect(resumed.result.records).toEqual({ created: 25, updated: 0, unchanged: 0 });
    expect(resumed.result.rows).toEqual({ read: 25, imported: 25, rejected: 0 });
    await expectAllRowsOnce(datasetId);
  });

  it("before a batch commits: that batch rolls back whole, and the rerun writes it once", async () => {
    const { datasetId, preview } = await started();
    const crash = runImportTask(preview.taskId, {
      batchSize: 10,
      hooks: {
        beforeCommit: (batch) => {
          if (batch === 2) throw new Error("simulated crash");
        },
      },
    });
    await expect(crash).rejects.toThrow("simulated crash");
    expect(await db.record.count({ where: { datasetId } })).toBe(10);
    expect((await resultOf(preview.taskId)).processed).toBe(10);
    const rerun = await runImportTask(preview.taskId, { batchSize: 10 });
    expect(rerun.state).toBe("succeeded");
    await expectAllRowsOnce(datasetId);
    // Another run of a finished task changes nothing.
    expect((await runImportTask(preview.taskId)).state).toBe("skipped");
  });

  it("all-or-nothing: a crash while writing rolls every batch back, and the rerun writes all", async () => {
    const { datasetId, preview } = await started(true);
    const crash = runImportTask(preview.taskId, {
      batchSize: 10,
      hooks: {
        beforeCommit: (batch) => {
          if (batch === 3) throw new Error("simulated crash");
        },
      },
    });
    await expect(crash).rejects.toThrow("simulated crash");
    expect(await db.record.count({ where: { datasetId } })).toBe(0);
    await runJobs();
    expect((await resultOf(preview.taskId)).status).toBe("succeeded");
    await expectAllRowsOnce(datasetId);
  });
});
