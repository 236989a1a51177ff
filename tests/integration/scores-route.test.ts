// Issue 13, the imported-scores route: a file with one model's label and its confidence per record (the most common
// shape of pipeline data). Under the default method (`auto`) uncertainty follows 1 − score, the budget sends the
// least confident records to people (not the first ones imported), and the curator's explicit choice of method in
// the routing settings is honoured. Real PostgreSQL, the real import job through graphile-worker.
import { readFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runOnce, type TaskList } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, db, pool } from "@/lib/server/db/client";
import { ValidationError } from "@/lib/server/errors";
import { withTransaction } from "@/lib/server/db/transaction";
import { startImport, uploadImportFile } from "@/lib/server/services/imports";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { getRouting, updateRouting } from "@/lib/server/services/routing";
import { updateDatasetSettings } from "@/lib/server/services/dataset-settings";
import { tasksOnly } from "@/workers/tasks";
import { createSentimentDataset, createTestWorkspace } from "./fixtures";

let filesDir: string;
const previousFilesDir = process.env.SIFT_FILES_DIR;
beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), "sift-scores-"));
  process.env.SIFT_FILES_DIR = filesDir;
});
afterAll(async () => {
  if (previousFilesDir === undefined) delete process.env.SIFT_FILES_DIR;
  else process.env.SIFT_FILES_DIR = previousFilesDir;
  await rm(filesDir, { recursive: true, force: true });
});

// Ten records, one label each from one model with its confidence. The least confident ones (s04 0.4, s07 0.45,
// s09 0.5) are neither first nor last in import order; a 30 % budget must pick exactly them.
const SCORES: Record<string, number> = {
  s01: 0.95, s02: 0.9, s03: 0.85, s04: 0.4, s05: 0.92, s06: 0.88, s07: 0.45, s08: 0.8, s09: 0.5, s10: 0.93,
};
const CSV = ["id,text,sentiment,llm_score", ...Object.entries(SCORES).map(([id, score], i) => `${id},review ${i},${i % 2 ? "neg" : "pos"},${score}`)].join("\n");
const LEAST_CONFIDENT = ["s04", "s07", "s09"];
const FIRST_IMPORTED = ["s01", "s02", "s03"];

async function* bytes(content: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(content);
}

async function importCsv() {
  const workspace = await createTestWorkspace();
  const { id } = await createSentimentDataset(workspace);
  const preview = await uploadImportFile(workspace.curator, id, { fileName: "pipeline.csv", body: bytes(CSV) });
  await startImport(workspace.curator, id, preview.taskId, {
    mapping: {
      kind: "columns",
      externalId: "id",
      fields: { text: "text" },
      suggestions: [{ question: "sentiment", agent: "gpt-4o-mini", value: "sentiment", score: "llm_score" }],
    },
  });
  await runOnce({ connectionString: databaseUrl(), taskList: tasksOnly(["import_file"]) as TaskList });
  await recomputeDataset(id);
  return { workspace, id };
}

async function humanIds(datasetId: string): Promise<string[]> {
  const rows = await db.record.findMany({ where: { datasetId, routingDecision: "human" }, select: { externalId: true } });
  return rows.map((row) => row.externalId).sort();
}

async function proposals(datasetId: string) {
  const { rows } = await pool().query<{ externalId: string; normalized: number | null; method: string; uncertainty: number | null }>(
    `SELECT r."externalId", p.normalized, p.method, r.uncertainty FROM "Proposal" p JOIN "Record" r ON r.id = p."recordId"
     WHERE r."datasetId" = $1 ORDER BY r."importOrder"`,
    [datasetId],
  );
  return rows;
}

describe("one model's label with its confidence per record", () => {
  it("a CSV import: uncertainty is 1 − score from the model's confidence, and the budget routes the least confident to people", async () => {
    const { workspace, id } = await importCsv();
    expect((await getRouting(workspace.curator, id)).uncertaintyMethod).toBe("auto");
    const rows = await proposals(id);
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row.method).toBe("self_eval");
      expect(row.normalized).toBeCloseTo(1 - SCORES[row.externalId]!, 12);
      expect(row.uncertainty).toBeCloseTo(1 - SCORES[row.externalId]!, 12);
    }
    expect(await humanIds(id)).toEqual(LEAST_CONFIDENT);
    // The 0.4-confidence label is not accepted as final.
    const s04 = await db.record.findFirstOrThrow({ where: { datasetId: id, externalId: "s04" }, include: { finalValues: true } });
    expect(s04.finalValues).toEqual([]);
  });

  it("a JSONL import through the API gives the same routing", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    const body = Object.entries(SCORES)
      .map(([externalId, score]) =>
        JSON.stringify({ externalId, fields: { text: externalId }, suggestions: [{ question: "sentiment", agent: "gpt", value: "pos", score }] }),
      )
      .join("\n");
    await importRecords(workspace.curator, id, body);
    await recomputeDataset(id);
    expect(await humanIds(id)).toEqual(LEAST_CONFIDENT);
  });

  it("the curator's explicit choice of method is honoured, in the routing settings and in the dataset settings", async () => {
    const { workspace, id } = await importCsv();
    const routing = (await getRouting(workspace.curator, id)).settings;
    // Votes only: one vote cannot disagree, every record is 0 % uncertain and the budget falls back to import order.
    const saved = await updateRouting(workspace.curator, id, { ...routing, uncertaintyMethod: "vote_entropy" });
    expect(saved.uncertaintyMethod).toBe("vote_entropy");
    expect(saved.settings).toEqual(routing);
    await recomputeDataset(id);
    expect((await proposals(id)).every((row) => row.method === "vote_entropy" && row.normalized === 0)).toBe(true);
    expect(await humanIds(id)).toEqual(FIRST_IMPORTED);
    // A routing change without a method keeps the chosen one.
    await updateRouting(workspace.curator, id, { ...routing, humanShare: 0.2 });
    expect((await getRouting(workspace.curator, id)).uncertaintyMethod).toBe("vote_entropy");
    // The dataset settings say the same, and choosing scores there is honoured too.
    await updateDatasetSettings(workspace.admin, id, { uncertainty: { method: "self_eval" } });
    await recomputeDataset(id);
    expect(await humanIds(id)).toEqual(["s04", "s07"]);
  });

  it("one vote without a score: no way to tell; budget leaves it waiting, all_human still sends it to people", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    const body = ["u1", "u2"]
      .map((externalId) => JSON.stringify({ externalId, fields: { text: externalId }, suggestions: [{ question: "sentiment", agent: "gpt", value: "pos" }] }))
      .join("\n");
    await importRecords(workspace.curator, id, body);
    await recomputeDataset(id);
    expect((await proposals(id)).map((row) => [row.method, row.normalized, row.uncertainty])).toEqual([
      ["none (one vote without a score)", null, null],
      ["none (one vote without a score)", null, null],
    ]);
    const decisions = async () => (await db.record.findMany({ where: { datasetId: id } })).map((record) => record.routingDecision);
    expect(await decisions()).toEqual(["pending", "pending"]);
    await updateRouting(workspace.curator, id, { policy: "all_human" });
    await recomputeDataset(id);
    expect(await decisions()).toEqual(["human", "human"]);
  });

  it("refuses an unknown method, naming where, and saves nothing", async () => {
    const { workspace, id } = await importCsv();
    const routing = (await getRouting(workspace.curator, id)).settings;
    const error = (await updateRouting(workspace.curator, id, { ...routing, uncertaintyMethod: "scores" }).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details[0]).toMatchObject({ where: "uncertaintyMethod" });
    expect(error.details[0]!.message).toContain("auto, vote_entropy, self_eval, logprob");
    expect((await getRouting(workspace.curator, id)).uncertaintyMethod).toBe("auto");
  });

  it("the migration moves datasets that stored the old default to auto and keeps an explicit self_eval", async () => {
    const workspace = await createTestWorkspace();
    const old = await createSentimentDataset(workspace, { name: "old default", uncertainty: { method: "vote_entropy" } });
    const chosen = await createSentimentDataset(workspace, { name: "chose scores", uncertainty: { method: "self_eval" } });
    const sql = await readFile(path.join("prisma", "migrations", "20261208010000_uncertainty_method_auto", "migration.sql"), "utf8");
    // Inside a transaction that is rolled back (by throwing), so datasets of other test files are left as they are.
    class Rollback extends Error {
      constructor(readonly rows: { id: string; method: string }[]) {
        super("rollback");
      }
    }
    const methods = await withTransaction(async (client) => {
      await client.query(sql);
      const { rows } = await client.query<{ id: string; method: string }>(
        `SELECT id, uncertainty->>'method' AS method FROM "Dataset" WHERE id = ANY($1::uuid[])`,
        [[old.id, chosen.id]],
      );
      throw new Rollback(rows);
    }).catch((error: unknown) => {
      if (error instanceof Rollback) return error.rows;
      throw error;
    });
    expect(Object.fromEntries(methods.map((row) => [row.id, row.method]))).toEqual({ [old.id]: "auto", [chosen.id]: "self_eval" });
  });
});
