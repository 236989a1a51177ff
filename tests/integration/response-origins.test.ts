// Issue 13: a pre-filled LLM answer submitted unchanged is not a person's own answer. Every response records, per
// question, whether the person confirmed the proposal, changed it or wrote the answer; the human final value made only
// of confirmations is `human_confirmed`; exports carry the origins; agreement leaves confirmations out by default.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runOnce, type TaskList } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, db } from "@/lib/server/db/client";
import { datasetAgreement } from "@/lib/server/services/agreement";
import { submitBulkResponses } from "@/lib/server/services/bulk-responses";
import { startExport, type ExportStart } from "@/lib/server/services/exports";
import { startImport, uploadImportFile } from "@/lib/server/services/imports";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { saveResponse } from "@/lib/server/services/responses";
import type { Actor } from "@/lib/server/auth/actor";
import { tasksOnly } from "@/workers/tasks";
import { createSentimentDataset, createTestWorkspace, sentimentSettings } from "./fixtures";

let filesDir: string;
const previousFilesDir = process.env.SIFT_FILES_DIR;
beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), "sift-origins-"));
  process.env.SIFT_FILES_DIR = filesDir;
});
afterAll(async () => {
  if (previousFilesDir === undefined) delete process.env.SIFT_FILES_DIR;
  else process.env.SIFT_FILES_DIR = previousFilesDir;
  await rm(filesDir, { recursive: true, force: true });
});

const CRITIQUE = "The answer is polite but misses the question.";

/**
 * Four records routed to humans, each proposing "pos" for `sentiment` (every agent agrees) and the critique above for
 * the free-text question `critique` (`prefill` as given).
 */
async function originsDataset(options: { blind?: boolean; minSubmitted?: number; prefill?: boolean } = {}) {
  const workspace = await createTestWorkspace(2);
  const { id } = await createSentimentDataset(workspace, {
    questions: [
      ...sentimentSettings.questions,
      {
        name: "critique",
        title: "Critique",
        type: "text",
        required: false,
        settings: options.prefill === undefined ? {} : { prefill: options.prefill },
      },
    ],
    distribution: { minSubmitted: options.minSubmitted ?? 1, blind: options.blind ?? false },
    routing: { policy: "all_human" },
  });
  const records = Array.from({ length: 4 }, (_, i) =>
    JSON.stringify({
      externalId: `o-${i}`,
      fields: { text: `Record ${i}` },
      suggestions: [
        { question: "sentiment", agent: "judge-a", value: "pos" },
        { question: "sentiment", agent: "judge-b", value: "pos" },
        { question: "critique", agent: "judge-a", value: CRITIQUE, score: 0.9 },
      ],
    }),
  ).join("\n");
  await importRecords(workspace.curator, id, records);
  await recomputeDataset(id);
  const ids = new Map((await db.record.findMany({ where: { datasetId: id } })).map((record) => [record.externalId, record.id]));
  return { workspace, datasetId: id, recordId: (externalId: string) => ids.get(externalId)! };
}

async function originsOf(recordId: string, userId: string): Promise<unknown> {
  return (await db.response.findUniqueOrThrow({ where: { recordId_userId: { recordId, userId } } })).origins;
}

async function finalOf(recordId: string, question = "sentiment") {
  return db.finalValue.findFirst({ where: { recordId, question: { name: question } } });
}

async function text(started: ExportStart): Promise<string> {
  if (started.kind !== "stream") throw new Error("expected a direct export");
  const chunks: Buffer[] = [];
  for await (const chunk of started.chunks) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

describe("answer origins", () => {
  it("records confirmed, changed and written per question, decided from the proposal the annotator was shown", async () => {
    const { workspace, recordId } = await originsDataset();
    const [maria, kwame] = workspace.annotators as [Actor, Actor];
    // The proposal left as it was: confirmed. The critique typed without a pre-fill: written.
    await saveResponse(maria, recordId("o-0"), { status: "submitted", values: { sentiment: "pos", critique: "Too short." } });
    expect(await originsOf(recordId("o-0"), maria.userId)).toEqual({ sentiment: "confirmed", critique: "written" });
    // Another label than the pre-filled one: changed. The proposed critique copied word for word: confirmed.
    await saveResponse(kwame, recordId("o-1"), { status: "submitted", values: { sentiment: "neg", critique: CRITIQUE } });
    expect(await originsOf(recordId("o-1"), kwame.userId)).toEqual({ sentiment: "changed", critique: "confirmed" });
    // A draft saved first and submitted unchanged keeps its origin; going back and changing the answer changes it.
    await saveResponse(maria, recordId("o-2"), { status: "draft", values: { sentiment: "pos" } });
    await saveResponse(maria, recordId("o-2"), { status: "submitted", values: { sentiment: "pos" } });
    expect(await originsOf(recordId("o-2"), maria.userId)).toEqual({ sentiment: "confirmed" });
    await saveResponse(maria, recordId("o-2"), { status: "submitted", values: { sentiment: "neg" } });
    expect(await originsOf(recordId("o-2"), maria.userId)).toEqual({ sentiment: "changed" });
  });

  it("is written in blind mode, where annotators see no proposal, and changed for a free text that is pre-filled", async () => {
    const blind = await originsDataset({ blind: true });
    const annotator = blind.workspace.annotators[0]!;
    await saveResponse(annotator, blind.recordId("o-0"), { status: "submitted", values: { sentiment: "pos", critique: CRITIQUE } });
    expect(await originsOf(blind.recordId("o-0"), annotator.userId)).toEqual({ sentiment: "written", critique: "written" });
    expect((await finalOf(blind.recordId("o-0")))?.provenance).toBe("human");

    const prefilled = await originsDataset({ prefill: true });
    const other = prefilled.workspace.annotators[0]!;
    await saveResponse(other, prefilled.recordId("o-0"), { status: "submitted", values: { sentiment: "pos", critique: "Misses the question." } });
    expect(await originsOf(prefilled.recordId("o-0"), other.userId)).toEqual({ sentiment: "confirmed", critique: "changed" });
  });

  it("makes a final value of confirmations only human_confirmed, and one that a person gave themselves human", async () => {
    const { workspace, recordId } = await originsDataset({ minSubmitted: 2 });
    const [maria, kwame] = workspace.annotators as [Actor, Actor];
    await saveResponse(maria, recordId("o-0"), { status: "submitted", values: { sentiment: "pos", critique: CRITIQUE } });
    await saveResponse(kwame, recordId("o-0"), { status: "submitted", values: { sentiment: "pos", critique: CRITIQUE } });
    expect((await finalOf(recordId("o-0")))?.provenance).toBe("human_confirmed");
    expect((await finalOf(recordId("o-0"), "critique"))?.provenance).toBe("human_confirmed");
    // Both go back and write the same critique of their own: the final critique is now people's words.
    await saveResponse(maria, recordId("o-0"), { status: "submitted", values: { sentiment: "pos", critique: "Misses the question." } });
    await saveResponse(kwame, recordId("o-0"), { status: "submitted", values: { sentiment: "pos", critique: "Misses the question." } });
    expect((await finalOf(recordId("o-0"), "critique"))?.value).toBe("Misses the question.");
    expect((await finalOf(recordId("o-0")))?.provenance).toBe("human_confirmed");
    expect((await finalOf(recordId("o-0"), "critique"))?.provenance).toBe("human");
  });

  it("records bulk-accepted proposals as confirmed, and an answer applied in bulk against the proposal as changed", async () => {
    const { workspace, datasetId, recordId } = await originsDataset();
    const [maria, kwame] = workspace.annotators as [Actor, Actor];
    await submitBulkResponses(maria, datasetId, { action: "accept_proposals", recordIds: [recordId("o-0"), recordId("o-1")] });
    // Accepting proposals fills every question that has one, the free text too: still the LLMs' words.
    expect(await originsOf(recordId("o-0"), maria.userId)).toEqual({ sentiment: "confirmed", critique: "confirmed" });
    expect((await finalOf(recordId("o-0")))?.provenance).toBe("human_confirmed");
    await submitBulkResponses(kwame, datasetId, { action: "apply", values: { sentiment: "neg" }, recordIds: [recordId("o-2")] });
    expect(await originsOf(recordId("o-2"), kwame.userId)).toEqual({ sentiment: "changed" });
    expect((await finalOf(recordId("o-2")))?.provenance).toBe("human");
  });

  it("exports the origins (JSONL, CSV) and a file import reads them back, taking an answer without one as written", async () => {
    const { workspace, datasetId, recordId } = await originsDataset();
    const [maria, kwame] = workspace.annotators as [Actor, Actor];
    await saveResponse(maria, recordId("o-0"), { status: "submitted", values: { sentiment: "pos" } });
    await saveResponse(kwame, recordId("o-1"), { status: "submitted", values: { sentiment: "neg" } });
    const selection = { includeResponses: true, provenance: ["human", "human_confirmed"] };

    const jsonl = await text(await startExport(workspace.curator, datasetId, { format: "jsonl", selection }));
    const lines = jsonl.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.externalId, line.finalValues, line.responses])).toEqual([
      ["o-0", { sentiment: { value: "pos", provenance: "human_confirmed" } }, [{ user: maria.username, status: "submitted", values: { sentiment: "pos" }, origins: { sentiment: "confirmed" } }]],
      ["o-1", { sentiment: { value: "neg", provenance: "human" } }, [{ user: kwame.username, status: "submitted", values: { sentiment: "neg" }, origins: { sentiment: "changed" } }]],
    ]);

    const csv = await text(await startExport(workspace.curator, datasetId, { format: "csv", selection }));
    const [header, first] = csv.trim().split(/\r?\n/).map((row) => row.split(","));
    const cell = (column: string) => first![header!.indexOf(column)];
    expect(cell("sentiment.provenance")).toBe("human_confirmed");
    expect(cell(`response_origin.sentiment.${maria.username}`)).toBe("confirmed");

    // Into another dataset: the JSONL export's origins are kept; a response that states none is written.
    const target = await originsDataset();
    const withoutOrigins = JSON.stringify({
      externalId: "o-2",
      fields: { text: "Record 2" },
      responses: [{ user: maria.username, status: "submitted", values: { sentiment: "pos" } }],
    });
    // The target is another workspace: its annotators stand in for this one's (users are matched by username).
    const [targetMaria, targetKwame] = target.workspace.annotators as [Actor, Actor];
    const file = `${jsonl}${withoutOrigins}\n`.replaceAll(maria.username, targetMaria.username).replaceAll(kwame.username, targetKwame.username);
    const upload = await uploadImportFile(target.workspace.curator, target.datasetId, {
      fileName: "export.jsonl",
      body: (async function* () {
        yield new TextEncoder().encode(file);
      })(),
    });
    await startImport(target.workspace.curator, target.datasetId, upload.taskId, { mapping: upload.mapping });
    // Only the import job: the test database is shared by every file, and other files leave recomputes and LLM jobs
    // (some aimed at dead endpoints) that a run of the whole task list would work through first.
    await runOnce({ connectionString: databaseUrl(), taskList: tasksOnly(["import_file"]) as TaskList });
    expect(await originsOf(target.recordId("o-0"), targetMaria.userId)).toEqual({ sentiment: "confirmed" });
    expect(await originsOf(target.recordId("o-1"), targetKwame.userId)).toEqual({ sentiment: "changed" });
    expect(await originsOf(target.recordId("o-2"), targetMaria.userId)).toEqual({ sentiment: "written" });
  });

  it("leaves confirmations out of agreement by default and counts them when asked", async () => {
    const { workspace, datasetId, recordId } = await originsDataset({ minSubmitted: 2 });
    const [maria, kwame] = workspace.annotators as [Actor, Actor];
    // o-0 and o-1: both confirm the proposal. o-2: Maria confirms, Kwame changes it. o-3: both change it.
    for (const id of ["o-0", "o-1"]) {
      await saveResponse(maria, recordId(id), { status: "submitted", values: { sentiment: "pos" } });
      await saveResponse(kwame, recordId(id), { status: "submitted", values: { sentiment: "pos" } });
    }
    await saveResponse(maria, recordId("o-2"), { status: "submitted", values: { sentiment: "pos" } });
    await saveResponse(kwame, recordId("o-2"), { status: "submitted", values: { sentiment: "neg" } });
    await saveResponse(maria, recordId("o-3"), { status: "submitted", values: { sentiment: "neg" } });
    await saveResponse(kwame, recordId("o-3"), { status: "submitted", values: { sentiment: "neg" } });

    const excluded = (await datasetAgreement(workspace.curator, datasetId)).questions.find((q) => q.name === "sentiment")!;
    expect(excluded.confirmationsLeftOut).toBe(5);
    expect(excluded.sharedRecords).toBe(1);
    const kwameExcluded = excluded.annotators.find((a) => a.username === kwame.username)!;
    expect(kwameExcluded.withLlm).toMatchObject({ agreed: 0, n: 2 });

    const included = (await datasetAgreement(workspace.curator, datasetId, { confirmations: "include" })).questions.find(
      (q) => q.name === "sentiment",
    )!;
    expect(included.confirmationsLeftOut).toBe(0);
    expect(included.sharedRecords).toBe(4);
    expect(included.annotators.find((a) => a.username === kwame.username)!.withLlm).toMatchObject({ agreed: 2, n: 4 });
  });
});
