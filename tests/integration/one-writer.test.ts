// One writer per effect, in behaviour: a response has the same effects whichever way it arrives (the focus view, bulk
// responses, a file import, a dataset folder), audit events of every path have one shape, and a finished task stays
// finished. tests/unit/server/one-writer.test.ts checks that no other code writes these tables.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import { runOnce, type TaskList } from "graphile-worker";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { encryptSecret } from "@/lib/server/crypto/secret-box";
import { databaseUrl, db } from "@/lib/server/db/client";
import { assignRecords } from "@/lib/server/services/assignments";
import { submitBulkResponses } from "@/lib/server/services/bulk-responses";
import { exportDatasetFolder } from "@/lib/server/services/dataset-folder";
import { importDatasetFolder } from "@/lib/server/services/dataset-folder-import";
import { startExport } from "@/lib/server/services/exports";
import { startImport, uploadImportFile } from "@/lib/server/services/imports";
import { cancelRun, pauseRun, resumeRun, startRun } from "@/lib/server/services/llm-runs";
import { claimNext } from "@/lib/server/services/queue";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { importRecords } from "@/lib/server/services/record-import";
import { saveResponse } from "@/lib/server/services/responses";
import { failTask } from "@/lib/server/services/task-status";
import { tasksOnly } from "@/workers/tasks";
import { createSentimentDataset, createTestWorkspace, sentimentRecords, type TestWorkspace } from "./fixtures";

let filesDir: string;
const previousFilesDir = process.env.SIFT_FILES_DIR;

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), "sift-one-writer-"));
  process.env.SIFT_FILES_DIR = filesDir;
});

afterAll(async () => {
  if (previousFilesDir === undefined) delete process.env.SIFT_FILES_DIR;
  else process.env.SIFT_FILES_DIR = previousFilesDir;
  await rm(filesDir, { recursive: true, force: true });
});

/** 12 records, budget 0.3: the 2-vs-2 splits r-0002, r-0005, r-0008 and r-0011 go to humans; one response completes one. */
async function routedDataset(workspace: TestWorkspace): Promise<{ datasetId: string; idOf: (externalId: string) => Promise<string> }> {
  const { id } = await createSentimentDataset(workspace);
  await importRecords(workspace.curator, id, sentimentRecords(12));
  await recomputeDataset(id);
  const idOf = async (externalId: string) => (await db.record.findFirstOrThrow({ where: { datasetId: id, externalId } })).id;
  return { datasetId: id, idOf };
}

/** Everything a submitted response settles on its record, as the annotator and the export see it. */
async function settledState(recordId: string, userId: string) {
  const record = await db.record.findUniqueOrThrow({ where: { id: recordId } });
  const assignment = await db.recordAssignment.findUnique({ where: { recordId_userId: { recordId, userId } } });
  const response = await db.response.findUniqueOrThrow({ where: { recordId_userId: { recordId, userId } } });
  const finals = await db.finalValue.findMany({ where: { recordId }, select: { value: true, provenance: true } });
  return {
    lease: record.leaseUserId,
    submittedCount: record.submittedCount,
    assignmentAnswered: assignment?.answered,
    response: { status: response.status, values: response.values, submitted: response.submittedAt !== null },
    finals,
  };
}

/** The annotator is assigned the record and holds its lease, as when it is on their screen. */
async function onScreen(workspace: TestWorkspace, datasetId: string, annotator: Actor, recordId: string): Promise<void> {
  await assignRecords(workspace.curator, datasetId, { action: "assign", userIds: [annotator.userId], recordIds: [recordId] });
  expect(await claimNext(annotator, datasetId)).toBe(recordId);
  expect((await db.record.findUniqueOrThrow({ where: { id: recordId } })).leaseUserId).toBe(annotator.userId);
}

async function* chunks(content: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(content);
}

async function archiveBytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

async function folderFiles(archive: Buffer): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    const parts: Buffer[] = [];
    stream.on("data", (chunk: unknown) => parts.push(chunk as Buffer));
    stream.on("end", () => {
      files[header.name] = Buffer.concat(parts).toString("utf8");
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on("finish", resolve);
    extract.on("error", reject);
    Readable.from([archive]).pipe(createGunzip()).pipe(extract);
  });
  return files;
}

async function folderArchive(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, text] of Object.entries(files)) pack.entry({ name }, text);
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack.pipe(createGzip())) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe("a changed answer changes the final value", () => {
  it("an annotator who goes back and changes her submitted answer moves the human final value with it", async () => {
    const workspace = await createTestWorkspace(1);
    const [maria] = workspace.annotators as [Actor];
    const { datasetId, idOf } = await routedDataset(workspace);
    const recordId = await idOf("r-0002");
    await onScreen(workspace, datasetId, maria, recordId);
    await saveResponse(maria, recordId, { status: "submitted", values: { sentiment: "neg" } });
    expect((await settledState(recordId, maria.userId)).finals).toEqual([{ value: "neg", provenance: "human" }]);

    // The record is complete (one response needed); she changes her own answer: the count stays, the consensus moves.
    // Her new answer is the LLMs' proposal, which she was shown: a confirmation (issue 13), not her own judgement.
    await saveResponse(maria, recordId, { status: "submitted", values: { sentiment: "pos" } });
    const changed = await settledState(recordId, maria.userId);
    expect(changed.submittedCount).toBe(1);
    expect(changed.finals).toEqual([{ value: "pos", provenance: "human_confirmed" }]);

    // Discarding it takes the answer back: no human final value is left.
    await saveResponse(maria, recordId, { status: "discarded", values: {} });
    expect((await settledState(recordId, maria.userId)).finals).toEqual([]);
  });
});

describe("a response settles the same whichever way it arrives", () => {
  it("the focus view, bulk responses and a file import each end the lease, answer the assignment and set the final value", async () => {
    const workspace = await createTestWorkspace(3);
    const [viaFocus, viaBulk, viaImport] = workspace.annotators as [Actor, Actor, Actor];
    const { datasetId, idOf } = await routedDataset(workspace);
    const records = { focus: await idOf("r-0002"), bulk: await idOf("r-0005"), import: await idOf("r-0008") };
    await onScreen(workspace, datasetId, viaFocus, records.focus);
    await onScreen(workspace, datasetId, viaBulk, records.bulk);
    await onScreen(workspace, datasetId, viaImport, records.import);

    await saveResponse(viaFocus, records.focus, { status: "submitted", values: { sentiment: "neg" } });
    const bulk = await submitBulkResponses(viaBulk, datasetId, { action: "apply", recordIds: [records.bulk], values: { sentiment: "neg" } });
    expect(bulk).toEqual({ submitted: 1, skipped: [] });
    const line = { externalId: "r-0008", fields: { text: "Record number 8" }, metadata: { source: "test" }, responses: [{ user: viaImport.username, status: "submitted", values: { sentiment: "neg" } }] };
    const upload = await uploadImportFile(workspace.curator, datasetId, { fileName: "answers.jsonl", body: chunks(`${JSON.stringify(line)}\n`) });
    await startImport(workspace.curator, datasetId, upload.taskId, { mapping: upload.mapping });
    await runOnce({ connectionString: databaseUrl(), taskList: tasksOnly(["import_file"]) as TaskList });
    expect((await db.datasetTask.findUniqueOrThrow({ where: { id: upload.taskId } })).status).toBe("succeeded");

    const expected = {
      lease: null,
      submittedCount: 1,
      assignmentAnswered: true,
      response: { status: "submitted", values: { sentiment: "neg" }, submitted: true },
      finals: [{ value: "neg", provenance: "human" }],
    };
    expect(await settledState(records.focus, viaFocus.userId)).toEqual(expected);
    expect(await settledState(records.bulk, viaBulk.userId)).toEqual(expected);
    expect(await settledState(records.import, viaImport.userId)).toEqual(expected);
    // With its answer in, the record is nobody's any more: the importing annotator is served the next one.
    expect(await claimNext(viaImport, datasetId)).toBe(await idOf("r-0011"));
  });

  it("a file import that takes a submit back moves the count and the final value like the focus view", async () => {
    const workspace = await createTestWorkspace(1);
    const [annotator] = workspace.annotators as [Actor];
    const { datasetId, idOf } = await routedDataset(workspace);
    const recordId = await idOf("r-0002");
    await saveResponse(annotator, recordId, { status: "submitted", values: { sentiment: "pos" } });
    const line = { externalId: "r-0002", fields: { text: "Record number 2" }, metadata: { source: "test" }, responses: [{ user: annotator.username, status: "discarded", values: {} }] };
    const upload = await uploadImportFile(workspace.curator, datasetId, { fileName: "discard.jsonl", body: chunks(`${JSON.stringify(line)}\n`) });
    await startImport(workspace.curator, datasetId, upload.taskId, { mapping: upload.mapping });
    await runOnce({ connectionString: databaseUrl(), taskList: tasksOnly(["import_file"]) as TaskList });
    const record = await db.record.findUniqueOrThrow({ where: { id: recordId } });
    expect(record.submittedCount).toBe(0);
    expect(await db.finalValue.count({ where: { recordId, provenance: "human" } })).toBe(0);
  });

  it("a dataset folder's responses settle too: a folder without final values gets the human ones the responses make", async () => {
    const workspace = await createTestWorkspace(1);
    const [annotator] = workspace.annotators as [Actor];
    const { datasetId, idOf } = await routedDataset(workspace);
    await saveResponse(annotator, await idOf("r-0002"), { status: "submitted", values: { sentiment: "neg" } });
    await saveResponse(annotator, await idOf("r-0005"), { status: "draft", values: { sentiment: "pos" } });
    const files = await folderFiles(await archiveBytes((await exportDatasetFolder(workspace.curator, datasetId)).stream));
    // The final values are left out of the folder: the importing Sift derives them from the responses.
    const lines = files["records.jsonl"]!.trim().split("\n").map((text) => JSON.stringify({ ...JSON.parse(text), finalValues: {} }));
    const archive = await folderArchive({ ...files, "records.jsonl": `${lines.join("\n")}\n` });

    const target = await db.workspace.create({ data: { slug: `ow-${datasetId.slice(0, 8)}`, name: "Target" } });
    await db.membership.createMany({
      data: [
        { workspaceId: target.id, userId: workspace.admin.userId, role: "admin" },
        { workspaceId: target.id, userId: annotator.userId, role: "annotator" },
      ],
    });
    const imported = await importDatasetFolder(workspace.admin, target.id, Readable.from([archive]));
    expect(imported).toMatchObject({ responses: 2, finalValues: 0 });
    const submitted = await db.record.findFirstOrThrow({ where: { datasetId: imported.datasetId, externalId: "r-0002" } });
    expect(submitted.submittedCount).toBe(1);
    expect(await db.finalValue.findMany({ where: { recordId: submitted.id }, select: { value: true, provenance: true } })).toEqual([
      { value: "neg", provenance: "human" },
    ]);
    const draft = await db.record.findFirstOrThrow({ where: { datasetId: imported.datasetId, externalId: "r-0005" } });
    expect(draft.submittedCount).toBe(0);
    expect(await db.finalValue.count({ where: { recordId: draft.id } })).toBe(0);
    // The response keeps the time it was first submitted at in the source.
    const source = await db.response.findFirstOrThrow({ where: { recordId: await idOf("r-0002") } });
    const copy = await db.response.findFirstOrThrow({ where: { recordId: submitted.id } });
    expect(copy.submittedAt?.toISOString()).toBe(source.submittedAt?.toISOString());
  });
});

describe("audit events have one shape whichever path writes them", () => {
  it("LLM runs: start, pause, resume and cancel name the actor, the workspace and the dataset", async () => {
    const workspace = await createTestWorkspace(0);
    const { id: datasetId } = await createSentimentDataset(workspace);
    await importRecords(workspace.curator, datasetId, sentimentRecords(3));
    // An endpoint nobody answers: no worker runs the calls here, only the run's states change.
    const provider = await db.llmProvider.create({
      data: { workspaceId: workspace.workspaceId, name: "nowhere", baseUrl: "http://127.0.0.1:9/v1", apiKeyEncrypted: encryptSecret("sk-x"), models: [{ name: "m" }] },
    });
    await db.dataset.update({
      where: { id: datasetId },
      data: { llm: { proposers: [{ providerId: provider.id, model: "m", questions: ["sentiment"], strategy: { kind: "single" } }] } },
    });
    const run = await startRun(workspace.curator, datasetId, {});
    await pauseRun(workspace.curator, run.id);
    await resumeRun(workspace.curator, run.id);
    await cancelRun(workspace.curator, run.id);
    const events = await db.auditEvent.findMany({ where: { targetId: run.id }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["llm_run.start", "llm_run.pause", "llm_run.resume", "llm_run.cancel"]);
    for (const event of events) {
      expect(event).toMatchObject({ workspaceId: workspace.workspaceId, actorId: workspace.curator.userId, targetType: "llm_run" });
      expect(event.details).toMatchObject({ datasetId });
    }
  });

  it("exports: streamed, as a task and as a folder, each with format, records and task", async () => {
    const workspace = await createTestWorkspace(0);
    const { id: datasetId } = await createSentimentDataset(workspace);
    await importRecords(workspace.curator, datasetId, sentimentRecords(4));
    const streamed = await startExport(workspace.curator, datasetId, { format: "jsonl" });
    const task = await startExport(workspace.curator, datasetId, { format: "jsonl", mode: "task" });
    await exportDatasetFolder(workspace.curator, datasetId);
    expect(streamed.kind).toBe("stream");
    expect(task.kind).toBe("task");
    const events = await db.auditEvent.findMany({ where: { targetId: datasetId, action: "dataset.export" }, orderBy: { id: "asc" } });
    expect(events.map((event) => ({ workspaceId: event.workspaceId, actorId: event.actorId, targetType: event.targetType, details: event.details }))).toEqual(
      [
        { format: "jsonl", records: 4, taskId: null },
        { format: "jsonl", records: 4, taskId: task.kind === "task" ? task.taskId : "?" },
        { format: "folder", records: 4, taskId: null },
      ].map((details) => ({ workspaceId: workspace.workspaceId, actorId: workspace.curator.userId, targetType: "dataset", details })),
    );
  });
});

describe("task status has one owner", () => {
  it("a finished task stays finished: a late failure does not overwrite a success", async () => {
    const workspace = await createTestWorkspace(0);
    const { id: datasetId } = await createSentimentDataset(workspace);
    const upload = await uploadImportFile(workspace.curator, datasetId, { fileName: "rows.jsonl", body: chunks(`${sentimentRecords(2)}\n`) });
    await startImport(workspace.curator, datasetId, upload.taskId, { mapping: upload.mapping });
    await runOnce({ connectionString: databaseUrl(), taskList: tasksOnly(["import_file"]) as TaskList });
    expect(await failTask(upload.taskId, "too late")).toBe(false);
    const task = await db.datasetTask.findUniqueOrThrow({ where: { id: upload.taskId } });
    expect(task).toMatchObject({ status: "succeeded", error: null });
    // A second start of the same import is refused, and the task keeps its status.
    await expect(startImport(workspace.curator, datasetId, upload.taskId, { mapping: upload.mapping })).rejects.toMatchObject({ status: 409 });
    expect((await db.datasetTask.findUniqueOrThrow({ where: { id: upload.taskId } })).status).toBe("succeeded");
  });
});
