// Value limits (lib/datasets/value-limits.ts) on every write path against a real PostgreSQL: the bulk API, JSON
// bodies, file imports, the folder import, responses and resolutions refuse an oversize or too deeply nested value
// with a 4xx naming the record, the field and the limit, and write nothing of the batch. And reads are bounded
// whatever is stored: a 10 MB value put in with SQL (as data stored before the limits) comes back from the list as a
// marked preview, and whole (up to the field limit) from the whole-value endpoint.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { runOnce, type TaskList } from "graphile-worker";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listRecordsRoute, PUT as putRecordsRoute } from "@/app/api/v1/datasets/[id]/records/route";
import { GET as recordFieldRoute } from "@/app/api/v1/records/[id]/fields/[name]/route";
import { PUT as putResponseRoute } from "@/app/api/v1/records/[id]/response/route";
import { FOLDER_FORMAT, FOLDER_VERSION, settingsFileText } from "@/lib/io/folder";
import type { Actor } from "@/lib/server/auth/actor";
import { databaseUrl, db, pool } from "@/lib/server/db/client";
import { ValidationError } from "@/lib/server/errors";
import { importDatasetFolder } from "@/lib/server/services/dataset-folder-import";
import type { ImportTaskResult } from "@/lib/server/services/import-run";
import { startImport, uploadImportFile } from "@/lib/server/services/imports";
import { importRecords } from "@/lib/server/services/record-import";
import { listBulkRecords } from "@/lib/server/services/bulk-records";
import { getRecordValue } from "@/lib/server/services/record-values";
import { getRecord, listRecords, PAGE_BUDGET_BYTES } from "@/lib/server/services/records";
import { saveResponse } from "@/lib/server/services/responses";
import { resolveRecord } from "@/lib/server/services/review";
import { tasksOnly } from "@/workers/tasks";
import { createSentimentDataset, createTestWorkspace, sentimentSettings, type TestWorkspace } from "./fixtures";

// The route handlers authenticate through Auth.js, which plain Node cannot load outside Next; the caller is given here.
const caller = vi.hoisted(() => ({ actor: null as unknown }));
// What Sift's own pages send with a body (cross-site-requests.test.ts checks that anything else is refused).
const JSON_FROM_OWN_PAGE = { "content-type": "application/json", "sec-fetch-site": "same-origin" };
vi.mock("@/lib/server/auth/actor", () => ({ requestActor: async () => caller.actor, sessionActor: async () => caller.actor }));

const MiB = 1024 * 1024;
const TEN_MB = "x".repeat(10 * MiB);
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

let filesDir: string;
const previousFilesDir = process.env.SIFT_FILES_DIR;

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), "sift-limits-"));
  process.env.SIFT_FILES_DIR = filesDir;
});

afterAll(async () => {
  if (previousFilesDir === undefined) delete process.env.SIFT_FILES_DIR;
  else process.env.SIFT_FILES_DIR = previousFilesDir;
  await rm(filesDir, { recursive: true, force: true });
});

const CRITIQUE = { name: "critique", title: "Critique", type: "text", required: false } as const;

/** A dataset with a label question and a free-text question (whose answers can be long). */
async function dataset(workspace: TestWorkspace): Promise<string> {
  const created = await createSentimentDataset(workspace, { questions: [...sentimentSettings.questions, CRITIQUE] });
  return created.id;
}

async function putRecords(actor: Actor, datasetId: string, body: string): Promise<{ status: number; json: { error?: { message: string; details: { where: string; message: string }[] } } }> {
  caller.actor = actor;
  const response = await putRecordsRoute(new Request(`http://sift.test/api/v1/datasets/${datasetId}/records`, { method: "PUT", body, headers: JSON_FROM_OWN_PAGE }), {
    params: Promise.resolve({ id: datasetId }),
  });
  return { status: response.status, json: await response.json() };
}

const line = (record: object) => JSON.stringify(record);
const countRecords = (datasetId: string) => db.record.count({ where: { datasetId } });

describe("the bulk records API", () => {
  it("refuses a 10 MB field value naming the record, the field and the limit, and writes nothing of the batch", async () => {
    const workspace = await createTestWorkspace(0);
    const datasetId = await dataset(workspace);
    const body = [line({ externalId: "fine", fields: { text: "short" } }), line({ externalId: "huge", fields: { text: TEN_MB } })].join("\n");
    const { status, json } = await putRecords(workspace.curator, datasetId, body);
    expect(status).toBe(400);
    expect(json.error!.details).toEqual([
      { where: 'line 2 (externalId "huge")', message: "fields.text: is 10,485,762 bytes; at most 1,048,576 bytes per field value (SIFT_MAX_FIELD_BYTES)" },
    ]);
    expect(await countRecords(datasetId)).toBe(0);
  });

  it("refuses a 10 MB metadata value and a 300 KB suggestion value the same way", async () => {
    const workspace = await createTestWorkspace(0);
    const datasetId = await dataset(workspace);
    const body = [
      line({ externalId: "meta", fields: { text: "t" }, metadata: { source: TEN_MB } }),
      line({ externalId: "sugg", fields: { text: "t" }, suggestions: [{ question: "critique", agent: "llm", value: "v".repeat(300 * 1024) }] }),
    ].join("\n");
    const { status, json } = await putRecords(workspace.curator, datasetId, body);
    expect(status).toBe(400);
    expect(json.error!.details.map((detail) => `${detail.where} ${detail.message}`)).toEqual([
      'line 1 (externalId "meta") metadata.source: is 10,485,762 bytes; at most 65,536 bytes per metadata value (SIFT_MAX_METADATA_BYTES)',
      'line 2 (externalId "sugg") suggestions[0].value: is 307,202 bytes; at most 262,144 bytes per suggestion value (SIFT_MAX_SUGGESTION_BYTES)',
    ]);
    expect(await countRecords(datasetId)).toBe(0);
  });

  it("answers 400, not 500, to JSON nested 5,000 deep, in NDJSON and in a JSON array", async () => {
    const workspace = await createTestWorkspace(0);
    const datasetId = await dataset(workspace);
    const deep = `{"externalId":"deep","fields":{"text":"t"},"suggestions":[{"question":"critique","agent":"a","value":${nested(5_000)}}]}`;
    for (const body of [deep, `[${deep}]`]) {
      const { status, json } = await putRecords(workspace.curator, datasetId, body);
      expect(status).toBe(400);
      expect(json.error!.details).toEqual([{ where: "line 1", message: "the record is nested deeper than 64 levels of objects and arrays" }]);
    }
    expect(await countRecords(datasetId)).toBe(0);
  });

  it("lets an admin raise a limit in the environment", async () => {
    const workspace = await createTestWorkspace(0);
    const datasetId = await dataset(workspace);
    const record = line({ externalId: "long", fields: { text: "y".repeat(1.5 * MiB) } });
    await expect(importRecords(workspace.curator, datasetId, record)).rejects.toBeInstanceOf(ValidationError);
    vi.stubEnv("SIFT_MAX_FIELD_BYTES", String(2 * MiB));
    try {
      expect((await importRecords(workspace.curator, datasetId, record)).records.created).toBe(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("answers", () => {
  it("refuses a response value over the answer limit, and a body nested 5,000 deep with 400", async () => {
    const workspace = await createTestWorkspace(1);
    const datasetId = await dataset(workspace);
    await importRecords(workspace.curator, datasetId, line({ externalId: "r", fields: { text: "t" } }));
    const record = await db.record.findFirstOrThrow({ where: { datasetId } });
    // Sent to people, so that the queue's rule lets the annotator answer it.
    await pool().query(`UPDATE "Record" SET "routingDecision" = 'human' WHERE id = $1`, [record.id]);
    const annotator = workspace.annotators[0]!;
    const error = await saveResponse(annotator, record.id, { status: "draft", values: { critique: "c".repeat(300 * 1024) } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { where: "values.critique", message: "is 307,202 bytes; at most 262,144 bytes per answer to one question (SIFT_MAX_RESPONSE_VALUE_BYTES)" },
    ]);
    caller.actor = annotator;
    const deep = await putResponseRoute(
      new Request(`http://sift.test/api/v1/records/${record.id}/response`, { method: "PUT", body: `{"status":"draft","values":{"critique":${nested(5_000)}}}`, headers: JSON_FROM_OWN_PAGE }),
      { params: Promise.resolve({ id: record.id }) },
    );
    expect(deep.status).toBe(400);
    expect(await db.response.count({ where: { recordId: record.id } })).toBe(0);
  });

  it("refuses a curator's resolution over the answer limit", async () => {
    const workspace = await createTestWorkspace(0);
    const datasetId = await dataset(workspace);
    await importRecords(workspace.curator, datasetId, line({ externalId: "r", fields: { text: "t" } }));
    const record = await db.record.findFirstOrThrow({ where: { datasetId } });
    const error = await resolveRecord(workspace.curator, record.id, { values: { critique: "c".repeat(300 * 1024) } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details[0]!.where).toBe("values.critique");
    expect(await db.finalValue.count({ where: { recordId: record.id } })).toBe(0);
  });
});

describe("imports", () => {
  it("rejects an oversize row of a file import into the report, with its line", async () => {
    const workspace = await createTestWorkspace(0);
    const datasetId = await dataset(workspace);
    const content = [line({ externalId: "ok", fields: { text: "fine" } }), line({ externalId: "big", fields: { text: "z".repeat(2 * MiB) } })].join("\n");
    const preview = await uploadImportFile(workspace.curator, datasetId, { fileName: "records.jsonl", body: Readable.from([Buffer.from(content)]) });
    await startImport(workspace.curator, datasetId, preview.taskId, { mapping: preview.mapping, allOrNothing: true });
    await runOnce({ connectionString: databaseUrl(), taskList: tasksOnly(["import_file"]) as TaskList });
    const task = await db.datasetTask.findUniqueOrThrow({ where: { id: preview.taskId } });
    const result = task.result as unknown as ImportTaskResult;
    expect(result.problems).toMatchObject([
      { line: 2, externalId: "big", path: "fields.text", message: "is 2,097,154 bytes; at most 1,048,576 bytes per field value (SIFT_MAX_FIELD_BYTES)" },
    ]);
    // The report keeps the row as read, cut to a bounded preview (never the 2 MB value whole).
    expect(result.problems[0]!.row!.length).toBeLessThanOrEqual(2_001);
    expect(await countRecords(datasetId)).toBe(0);
  });

  it("refuses a folder whose records.jsonl holds an oversize value, importing nothing", async () => {
    const { archive, target } = await editedFolder((record) => {
      record.suggestions = [{ question: "critique", agent: "llm", value: "ok", rationale: "r".repeat(100 * 1024) }];
      return JSON.stringify(record);
    });
    const error = await importDatasetFolder(target.admin, target.workspaceId, Readable.from([archive])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { where: "records.jsonl:1.suggestions[0].rationale", message: "is 102,402 bytes; at most 65,536 bytes per rationale (SIFT_MAX_RATIONALE_BYTES)" },
    ]);
    expect(await db.dataset.count({ where: { workspaceId: target.workspaceId } })).toBe(0);
  });

  it("stops at a folder line longer than four records before holding it whole", async () => {
    const { archive, target } = await editedFolder((record) => JSON.stringify({ ...record, fields: { text: "L".repeat(20_000) } }));
    vi.stubEnv("SIFT_MAX_FIELD_BYTES", "2048");
    vi.stubEnv("SIFT_MAX_RECORD_BYTES", "4096");
    try {
      const error = await importDatasetFolder(target.admin, target.workspaceId, Readable.from([archive])).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([
        { where: "records.jsonl:1", message: "is longer than 16,384 characters (4 × SIFT_MAX_RECORD_BYTES, 4,096 bytes)" },
      ]);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await db.dataset.count({ where: { workspaceId: target.workspaceId } })).toBe(0);
  });
});

/** A folder archive of the test dataset whose records.jsonl is one record, `edit`ed; and a workspace to import it into. */
async function editedFolder(edit: (record: Record<string, unknown>) => string): Promise<{ archive: Buffer; target: TestWorkspace }> {
  const settings = settingsFileText({
    format: FOLDER_FORMAT,
    version: FOLDER_VERSION,
    published: true,
    dataset: { ...sentimentSettings, questions: [...sentimentSettings.questions, CRITIQUE] },
    llm: { proposers: [], templates: {}, temperature: 0 },
  });
  const pack = tar.pack();
  pack.entry({ name: "settings.json" }, settings);
  pack.entry({ name: "records.jsonl" }, `${edit({ externalId: "r", fields: { text: "t" } })}\n`);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack.pipe(createGzip())) chunks.push(chunk as Buffer);
  return { archive: Buffer.concat(chunks), target: await createTestWorkspace(0) };
}

describe("reads of values stored before the limits", () => {
  it("lists a 10 MB field as a marked preview, bounded in size, and answers it whole up to the field limit", async () => {
    const workspace = await createTestWorkspace(0);
    const datasetId = await dataset(workspace);
    const records = Array.from({ length: 5 }, (_, i) => line({ externalId: `r${i}`, fields: { text: `record ${i}` }, metadata: { source: "s" } }));
    await importRecords(workspace.curator, datasetId, records.join("\n"));
    // "Already stored": 10 MB in every record's field and metadata value, and a suggestion with a 10 MB value and rationale.
    await pool().query(
      `UPDATE "Record" SET fields = jsonb_build_object('text', repeat('x', 10 * 1024 * 1024)),
         metadata = jsonb_build_object('source', repeat('m', 10 * 1024 * 1024)) WHERE "datasetId" = $1`,
      [datasetId],
    );
    const first = await db.record.findFirstOrThrow({ where: { datasetId, externalId: "r0" } });
    await pool().query(
      `INSERT INTO "Suggestion" ("recordId", "questionId", agent, value, rationale)
       SELECT $1, q.id, 'old-agent', to_jsonb(repeat('v', 10 * 1024 * 1024)), repeat('r', 10 * 1024 * 1024) FROM "Question" q
       WHERE q."datasetId" = $2 AND q.name = 'critique'`,
      [first.id, datasetId],
    );

    caller.actor = workspace.curator;
    const response = await listRecordsRoute(new Request(`http://sift.test/api/v1/datasets/${datasetId}/records?limit=50`), {
      params: Promise.resolve({ id: datasetId }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    // 5 records of 20 MB each (30 MB for the first) answer in a few kilobytes.
    expect(text.length).toBeLessThan(64 * 1024);
    const page = JSON.parse(text) as Awaited<ReturnType<typeof listRecords>>;
    const listed = page.records[0]!;
    expect(listed.fields[0]!.value).toBe("x".repeat(1_000));
    expect(listed.truncated).toEqual({
      "fields.text": 10 * MiB + 2,
      "metadata.source": 10 * MiB + 2,
      "questions.critique.suggestions.old-agent.value": 10 * MiB + 2,
      "questions.critique.suggestions.old-agent.rationale": 10 * MiB,
    });
    expect(listed.questions.find((question) => question.name === "critique")!.suggestions[0]!.rationale).toHaveLength(500);

    // One record: each value whole up to its write limit, the rest cut and marked.
    const one = await getRecord(workspace.curator, first.id);
    expect((one.fields[0]!.value as string).length).toBe(MiB);
    expect(one.truncated["fields.text"]).toBe(10 * MiB + 2);

    // The whole value, bounded by the field limit: a value under it comes whole.
    const whole = await recordFieldRoute(new Request(`http://sift.test/api/v1/records/${first.id}/fields/text`), {
      params: Promise.resolve({ id: first.id, name: "text" }),
    });
    const body = (await whole.json()) as { value: string; bytes: number; truncated: boolean };
    expect(whole.status).toBe(200);
    expect(body).toMatchObject({ bytes: 10 * MiB + 2, truncated: true });
    expect(body.value.length).toBe(MiB);
    await pool().query(`UPDATE "Record" SET fields = jsonb_build_object('text', repeat('w', 500000)) WHERE id = $1`, [first.id]);
    expect(await getRecordValue(workspace.curator, first.id, "fields", "text")).toEqual({ name: "text", value: "w".repeat(500_000), bytes: 500_002, truncated: false });
    await expect(getRecordValue(workspace.curator, first.id, "fields", "nope")).rejects.toThrow(/Field not found/);
  });

  it("shows annotators a preview of a 10 MB field in the bulk view", async () => {
    const workspace = await createTestWorkspace(1);
    const datasetId = await dataset(workspace);
    await importRecords(workspace.curator, datasetId, line({ externalId: "r", fields: { text: "t" } }));
    await pool().query(
      `UPDATE "Record" SET fields = jsonb_build_object('text', repeat('b', 10 * 1024 * 1024)), "routingDecision" = 'human' WHERE "datasetId" = $1`,
      [datasetId],
    );
    const page = await listBulkRecords(workspace.annotators[0]!, datasetId, {}, { page: 1, pageSize: 25 });
    expect(page.records).toHaveLength(1);
    expect(page.records[0]!.fields[0]!.value).toBe("b".repeat(1_000));
    expect(page.records[0]!.truncated).toEqual({ "fields.text": 10 * MiB + 2 });
    expect(JSON.stringify(page).length).toBeLessThan(16 * 1024);
  });

  it("ends a page at its byte budget, and the cursor goes on from there", async () => {
    const workspace = await createTestWorkspace(0);
    const fields = Array.from({ length: 100 }, (_, i) => ({ name: `f${i}`, title: `F${i}`, type: "text" as const, required: false }));
    const { id: datasetId } = await createSentimentDataset(workspace, { fields });
    // 100 records of 100 fields of 5,000 characters: each record's previews hold 100 × 1,000 characters.
    await pool().query(
      `INSERT INTO "Record" ("datasetId", "externalId", "importOrder", fields, metadata, "requiredResponses")
       SELECT $1, 'r' || n, n, (SELECT jsonb_object_agg('f' || k, repeat('x', 5000)) FROM generate_series(0, 99) k), '{}', 1
       FROM generate_series(1, 100) n`,
      [datasetId],
    );
    const first = await listRecords(workspace.curator, datasetId, { limit: 100 });
    expect(first.records.length).toBeLessThan(100);
    expect(first.records.length).toBeGreaterThan(50);
    // The budget counts the values loaded; the view adds each field's name, title and type around them.
    expect(JSON.stringify(first).length).toBeLessThanOrEqual(PAGE_BUDGET_BYTES * 1.1);
    expect(first.nextCursor).toBe(first.records.at(-1)!.importOrder);
    const rest = await listRecords(workspace.curator, datasetId, { limit: 100, after: first.nextCursor! });
    expect([...first.records, ...rest.records].map((record) => record.importOrder)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(rest.nextCursor).toBeNull();
  });

  it("answers 404 for another workspace's record and for metadata hidden from annotators", async () => {
    const workspace = await createTestWorkspace(1);
    const other = await createTestWorkspace(0);
    const datasetId = await dataset(workspace);
    await importRecords(workspace.curator, datasetId, line({ externalId: "r", fields: { text: "t" }, metadata: { source: "secret" } }));
    const record = await db.record.findFirstOrThrow({ where: { datasetId } });
    await expect(getRecordValue(other.curator, record.id, "fields", "text")).rejects.toThrow(/not found/);
    await pool().query(`UPDATE "Record" SET "routingDecision" = 'human' WHERE id = $1`, [record.id]);
    expect((await getRecordValue(workspace.annotators[0]!, record.id, "fields", "text")).value).toBe("t");
    await expect(getRecordValue(workspace.annotators[0]!, record.id, "metadata", "source")).rejects.toThrow(/not found/);
    expect((await getRecordValue(workspace.curator, record.id, "metadata", "source")).value).toBe("secret");
  });
});
