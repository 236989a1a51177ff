// PostgreSQL stopped and started again while annotators submit. The server is an EMBEDDED PostgreSQL started for this
// test on a port of its own (never the machine's server, which others use); the services run in this process with
// the app's own pool pointed at it, and nothing of the app is restarted: the pool must reconnect by itself. Each
// simulated annotator retries a submit that failed, as the browser does; a submit that committed but whose answer
// was lost is retried too, and must still count once.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, prepareSchema, withDatabase } from "@/scripts/lib/databases";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { findFreePort } from "@/scripts/lib/ports";
import type { Actor } from "@/lib/server/auth/actor";
import { db, disconnect, pool } from "@/lib/server/db/client";
import { importRecords } from "@/lib/server/services/record-import";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace } from "./fixtures";

let server: EmbeddedPostgres | null = null;
let runDir = "";
let port = 0;
const originalUrl = process.env.DATABASE_URL;

async function startServer(): Promise<EmbeddedPostgres> {
  return startEmbeddedPostgres({ dataDir: path.join(runDir, "postgres"), port, logFile: path.join(runDir, "postgres.log"), throwaway: true });
}

beforeAll(async () => {
  runDir = await mkdtemp(path.join(tmpdir(), "sift-pg-restart-"));
  port = await findFreePort();
  server = await startServer();
  await createDatabase(server.adminUrl, "sift_test_restart");
  const url = withDatabase(server.adminUrl, "sift_test_restart");
  await prepareSchema(url);
  // From here on, the app's pool (created on first use) points at the embedded server.
  await disconnect();
  process.env.DATABASE_URL = url;
}, 120_000);

afterAll(async () => {
  await disconnect();
  process.env.DATABASE_URL = originalUrl;
  await server?.stop();
  await rm(runDir, { recursive: true, force: true });
});

interface ClientStats {
  submits: number;
  failures: number;
}

/** An annotator submitting each of `recordIds` once, retrying after any failure until it is accepted. */
async function annotate(actor: Actor, recordIds: string[], stats: ClientStats, deadline: number): Promise<void> {
  for (const recordId of recordIds) {
    for (;;) {
      try {
        await saveResponse(actor, recordId, { status: "submitted", values: { sentiment: "pos" }, timeSpentMs: 10 });
        stats.submits += 1;
        break;
      } catch {
        stats.failures += 1;
        if (Date.now() > deadline) throw new Error("the app did not recover from the restart");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

describe("reliability: PostgreSQL restarted while annotators submit", () => {
  it("recovers without restarting the app, and every submit is applied exactly once", async () => {
    const workspace = await createTestWorkspace(4);
    const { id: datasetId } = await createSentimentDataset(workspace, { distribution: { minSubmitted: 2 } });
    const RECORDS = 120;
    await importRecords(
      workspace.curator,
      datasetId,
      Array.from({ length: RECORDS }, (_, i) => JSON.stringify({ externalId: `p-${i}`, fields: { text: `Record ${i}` } })).join("\n"),
    );
    // No suggestions: routing sends them to people by hand, where annotators may answer them (the queue's rule).
    await pool().query(`UPDATE "Record" SET "routingDecision" = 'human', "requiredResponses" = 2 WHERE "datasetId" = $1`, [datasetId]);
    const records = (await db.record.findMany({ where: { datasetId }, orderBy: { importOrder: "asc" }, select: { id: true } })).map((r) => r.id);
    // Two annotators per record: annotators 0 and 1 take the even records, 2 and 3 the odd ones.
    const stats: ClientStats = { submits: 0, failures: 0 };
    const deadline = Date.now() + 45_000;
    const work = workspace.annotators.map((annotator, index) =>
      annotate(annotator, records.filter((_, i) => i % 2 === (index < 2 ? 0 : 1)), stats, deadline),
    );
    // Restart mid-way: fast shutdown (clients are cut off), then the same data directory and port again.
    while (stats.submits < RECORDS / 2) await new Promise((resolve) => setTimeout(resolve, 20));
    const beforeStop = stats.submits;
    await server!.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    server = await startServer();
    await Promise.all(work);
    // A submit whose answer was lost (it committed, the client saw an error) is sent again: it must not count twice.
    const again = await saveResponse(workspace.annotators[0]!, records[0]!, { status: "submitted", values: { sentiment: "pos" }, timeSpentMs: 10 });
    expect(again.submittedCount).toBe(2);

    const counts = await pool().query<{ responses: number; submitted: number; counted: number; wrong: number }>(
      `SELECT (SELECT count(*)::int FROM "Response" s JOIN "Record" r ON r.id = s."recordId" WHERE r."datasetId" = $1) AS responses,
              (SELECT count(*)::int FROM "Response" s JOIN "Record" r ON r.id = s."recordId" WHERE r."datasetId" = $1 AND s.status = 'submitted') AS submitted,
              (SELECT sum("submittedCount")::int FROM "Record" WHERE "datasetId" = $1) AS counted,
              (SELECT count(*)::int FROM "Record" r WHERE r."datasetId" = $1 AND r."submittedCount" <>
                 (SELECT count(*) FROM "Response" s WHERE s."recordId" = r.id AND s.status = 'submitted')) AS wrong`,
      [datasetId],
    );
    expect(stats.submits).toBe(RECORDS * 2);
    expect(stats.failures).toBeGreaterThan(0);
    expect(counts.rows[0]).toEqual({ responses: RECORDS * 2, submitted: RECORDS * 2, counted: RECORDS * 2, wrong: 0 });
    console.info(
      `[reliability] PostgreSQL restart: stopped after ${beforeStop} submits; ${stats.failures} failed attempts retried; ` +
        `${stats.submits} submits accepted; ${counts.rows[0]!.responses} responses, submittedCount sum ${counts.rows[0]!.counted}, ` +
        `${counts.rows[0]!.wrong} records with a wrong count`,
    );
  }, 90_000);
});
