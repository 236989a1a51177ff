import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { resolveStoredFile } from "@/lib/server/files/storage";
import { claimNext } from "@/lib/server/services/queue";
import { createDataset } from "@/lib/server/services/datasets";
import { openExportDownload, runExportTask, startExport, type ExportStart } from "@/lib/server/services/exports";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace, sentimentRecords, sentimentSettings } from "./fixtures";

async function text(started: ExportStart): Promise<string> {
  if (started.kind !== "stream") throw new Error("expected a direct export");
  const chunks: Buffer[] = [];
  for await (const chunk of started.chunks) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

async function annotatedDataset() {
  const workspace = await createTestWorkspace();
  const { id } = await createSentimentDataset(workspace);
  await importRecords(workspace.curator, id, sentimentRecords(10));
  await recomputeDataset(id);
  const annotator = workspace.annotators[0]!;
  const recordId = (await claimNext(annotator, id))!;
  await saveResponse(annotator, recordId, { status: "submitted", values: { sentiment: "neg" } });
  return { workspace, datasetId: id, recordId };
}

describe("exports", () => {
  it("JSONL export re-imports into another dataset with the same records and suggestions", async () => {
    const { workspace, datasetId } = await annotatedDataset();
    const exported = await text(
      await startExport(workspace.curator, datasetId, { format: "jsonl", selection: { includeSuggestions: true, includeResponses: true } }),
    );
    const lines = exported.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(10);
    const answered = lines.find((line) => Array.isArray(line.responses) && line.responses.length > 0)!;
    expect(answered.responses).toEqual([
      { user: workspace.annotators[0]!.username, status: "submitted", values: { sentiment: "neg" }, origins: { sentiment: "changed" } },
    ]);
    expect(answered.finalValues).toEqual({ sentiment: { value: "neg", provenance: "human" } });

    const copy = await createDataset(workspace.admin, workspace.workspaceId, { ...sentimentSettings, name: "Copy" });
    // The record format carries responses too; the bulk API imports records and suggestions.
    const body = lines.map(({ externalId, fields, metadata, suggestions }) => JSON.stringify({ externalId, fields, metadata, suggestions })).join("\n");
    const result = await importRecords(workspace.curator, copy.id, body);
    expect(result.records.created).toBe(10);
    const original = await db.suggestion.findMany({ where: { record: { datasetId } }, include: { record: true }, orderBy: { seq: "asc" } });
    const copied = await db.suggestion.findMany({ where: { record: { datasetId: copy.id } }, include: { record: true }, orderBy: { seq: "asc" } });
    const shape = (list: typeof original) => list.map((s) => [s.record.externalId, s.agent, s.value, s.score]);
    expect(shape(copied)).toEqual(shape(original));
  });

  it("filters by provenance and writes CSV with neutralised formulas", async () => {
    const { workspace, datasetId } = await annotatedDataset();
    await importRecords(
      workspace.curator,
      datasetId,
      JSON.stringify({ externalId: "formula", fields: { text: "=HYPERLINK(\"http://evil\")" }, suggestions: [{ question: "sentiment", agent: "a", value: "pos" }] }),
    );
    await recomputeDataset(datasetId);
    const human = await text(await startExport(workspace.curator, datasetId, { format: "csv", selection: { provenance: ["human"] } }));
    const rows = human.trim().split("\n");
    expect(rows[0]).toContain("externalId");
    expect(rows).toHaveLength(2);
    const all = await text(await startExport(workspace.curator, datasetId, { format: "csv" }));
    expect(all).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(all).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("writes classification rows from final values, and refuses options that do not fit the dataset", async () => {
    const { workspace, datasetId } = await annotatedDataset();
    const rows = (await text(await startExport(workspace.curator, datasetId, { format: "classification", classification: { textField: "text", labelQuestion: "sentiment" } })))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { text: string; label: string });
    // 7 accepted proposals and 1 human answer; the 2 records still waiting for humans have no label yet.
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => row.text.startsWith("Record number") && ["pos", "neg"].includes(row.label))).toBe(true);
    const refused = await startExport(workspace.curator, datasetId, { format: "dpo", dpo: { promptField: "nope", rankingQuestion: "sentiment" } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).details.map((detail) => detail.message).join(" ")).toMatch(/nope/);
  });

  it("runs a Hugging Face folder export as a task and serves a tar with the card and the Parquet file", async () => {
    const { workspace, datasetId } = await annotatedDataset();
    const started = await startExport(workspace.curator, datasetId, { format: "hf" });
    expect(started.kind).toBe("task");
    const taskId = (started as { taskId: string }).taskId;
    await runExportTask(taskId);
    const task = await db.datasetTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.status).toBe("succeeded");
    const entries = new Map<string, Buffer>();
    const extract = tar.extract();
    extract.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: unknown) => chunks.push(Buffer.from(chunk as Uint8Array)));
      stream.on("end", () => {
        entries.set(header.name, Buffer.concat(chunks));
        next();
      });
    });
    const done = new Promise<void>((resolve) => extract.on("finish", () => resolve()));
    Readable.from(await readFile(resolveStoredFile(task.file!))).pipe(extract);
    await done;
    expect([...entries.keys()]).toEqual(["README.md", "data/train-00000-of-00001.parquet"]);
    expect(entries.get("README.md")!.toString()).toMatch(/dataset_info:[\s\S]*sentiment/);
    expect(entries.get("data/train-00000-of-00001.parquet")!.subarray(0, 4).toString()).toBe("PAR1");
    const download = await openExportDownload(workspace.curator, taskId);
    expect(download.fileName).toBe("sentiment.tar");
    await expect(openExportDownload((await createTestWorkspace()).admin, taskId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is refused to annotators (403) and to other workspaces (404)", async () => {
    const { workspace, datasetId } = await annotatedDataset();
    const denied = (await startExport(workspace.annotators[0]!, datasetId, { format: "jsonl" }).catch((e: unknown) => e)) as { status: number };
    expect(denied.status).toBe(403);
    await expect(startExport((await createTestWorkspace()).curator, datasetId, { format: "jsonl" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
