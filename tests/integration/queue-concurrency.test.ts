// The human queue under concurrency (issue 5, "Tests"): 20 annotators claim and submit at once, through the
// services the API routes call, until the queue is empty for every one of them.
import { afterAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/server/db/client";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { claimNext } from "@/lib/server/services/queue";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace, sentimentRecords } from "./fixtures";

const CLAIMERS = 20;
const RECORDS = 200;

// One connection per claimer, so that all 20 really are at the database at once (the pool is made on first use,
// after this line; the setup file closes it after the file).
const previousPoolSize = process.env.DATABASE_POOL_SIZE;
process.env.DATABASE_POOL_SIZE = String(CLAIMERS + 5);
afterAll(() => {
  if (previousPoolSize === undefined) delete process.env.DATABASE_POOL_SIZE;
  else process.env.DATABASE_POOL_SIZE = previousPoolSize;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the human queue under concurrency", () => {
  it(`${CLAIMERS} parallel claimers on ${RECORDS} records: no record held twice, none over-answered, all complete`, async () => {
    const workspace = await createTestWorkspace(CLAIMERS);
    const { id: datasetId } = await createSentimentDataset(workspace, { routing: { policy: "all_human" } });
    await importRecords(workspace.curator, datasetId, sentimentRecords(RECORDS));
    await recomputeDataset(datasetId);
    // A third of the records need two responses (adaptive overlap's effect), the rest one.
    await pool().query(
      `UPDATE "Record" SET "requiredResponses" = CASE WHEN "importOrder" % 3 = 0 THEN 2 ELSE 1 END WHERE "datasetId" = $1`,
      [datasetId],
    );
    const routed = await pool().query<{ id: string; requiredResponses: number }>(
      `SELECT id, "requiredResponses" FROM "Record" WHERE "datasetId" = $1 AND "routingDecision" IN ('human', 'audit')`,
      [datasetId],
    );
    expect(routed.rows).toHaveLength(RECORDS);
    const responsesNeeded = routed.rows.reduce((sum, row) => sum + row.requiredResponses, 0);

    // Who holds what, as the claimers see it: set when claimNext returns, cleared just before the submit is sent, so
    // each entry is a span in which the record was certainly held. Another claimer being handed it inside that span
    // means the queue gave one record to two people at once.
    const holders = new Map<string, string>();
    const heldTwice: string[] = [];
    const answeredTwice: string[] = [];
    const answeredBy = new Map<string, string[]>();
    let finished = 0;
    let claims = 0;
    let rounds = 0;

    // Each claimer claims and submits until its claim finds nothing.
    const claimer = async (index: number, mine: Set<string>) => {
      const annotator = workspace.annotators[index]!;
      for (;;) {
        const recordId = await claimNext(annotator, datasetId);
        if (!recordId) return;
        claims += 1;
        const holder = holders.get(recordId);
        if (holder !== undefined && holder !== annotator.userId) heldTwice.push(recordId);
        if (mine.has(recordId)) answeredTwice.push(recordId);
        mine.add(recordId);
        holders.set(recordId, annotator.userId);
        await pause(Math.random() * 3);
        holders.delete(recordId);
        await saveResponse(annotator, recordId, {
          status: "submitted",
          values: { sentiment: index % 2 === 0 ? "pos" : "neg" },
          timeSpentMs: 100,
        });
        answeredBy.set(recordId, [...(answeredBy.get(recordId) ?? []), annotator.userId]);
        finished += 1;
      }
    };
    // A claimer that found nothing may be needed again once others submit (a record needing two responses that it
    // has not answered): rounds until one in which every claimer found nothing and nobody submitted.
    const answered = workspace.annotators.map(() => new Set<string>());
    for (;;) {
      const before = finished;
      rounds += 1;
      await Promise.all(answered.map((mine, index) => claimer(index, mine)));
      if (finished === before) break;
    }

    expect(heldTwice).toEqual([]);
    expect(answeredTwice).toEqual([]);
    expect(claims).toBe(responsesNeeded);
    expect(rounds).toBeLessThan(10);
    expect(finished).toBe(responsesNeeded);
    // The work was shared: most claimers got records (20 claimers, 267 responses).
    const perAnnotator = new Map<string, number>();
    for (const users of answeredBy.values()) for (const user of users) perAnnotator.set(user, (perAnnotator.get(user) ?? 0) + 1);
    expect(perAnnotator.size).toBeGreaterThan(CLAIMERS / 2);

    const records = await pool().query<{ id: string; required: number; counted: number; submitted: number; distinctUsers: number; held: string | null }>(
      `SELECT r.id, r."requiredResponses" AS required, r."submittedCount" AS counted, r."leaseUserId" AS held,
              count(s.id) FILTER (WHERE s.status = 'submitted')::int AS submitted,
              count(DISTINCT s."userId")::int AS "distinctUsers"
       FROM "Record" r LEFT JOIN "Response" s ON s."recordId" = r.id
       WHERE r."datasetId" = $1 GROUP BY r.id`,
      [datasetId],
    );
    expect(records.rows).toHaveLength(RECORDS);
    // No record has more submitted responses than required; every record routed to people ends complete, with its
    // count matching its responses and no lease left.
    expect(records.rows.filter((row) => row.submitted > row.required)).toEqual([]);
    expect(records.rows.filter((row) => row.submitted !== row.required || row.counted !== row.required)).toEqual([]);
    expect(records.rows.filter((row) => row.held !== null)).toEqual([]);
    // No annotator answered the same record twice: one response per (record, annotator).
    expect(records.rows.filter((row) => row.distinctUsers !== row.submitted)).toEqual([]);
    const duplicates = await pool().query(
      `SELECT s."recordId", s."userId" FROM "Response" s JOIN "Record" r ON r.id = s."recordId"
       WHERE r."datasetId" = $1 GROUP BY s."recordId", s."userId" HAVING count(*) > 1`,
      [datasetId],
    );
    expect(duplicates.rows).toEqual([]);
    // Records that needed one response have their human final value (two can tie: those wait for review).
    const withoutFinal = await pool().query(
      `SELECT r.id FROM "Record" r
       WHERE r."datasetId" = $1 AND r."requiredResponses" = 1
         AND NOT EXISTS (SELECT 1 FROM "FinalValue" f WHERE f."recordId" = r.id AND f.provenance IN ('human', 'human_confirmed'))`,
      [datasetId],
    );
    expect(withoutFinal.rows).toEqual([]);
    // And the queue is empty for everyone.
    const after = await Promise.all(workspace.annotators.map((annotator) => claimNext(annotator, datasetId)));
    expect(after.filter((id) => id !== null)).toEqual([]);
  });
});
