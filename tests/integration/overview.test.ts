import { describe, expect, it } from "vitest";
import { wilsonInterval } from "@/lib/quality";
import { db, pool } from "@/lib/server/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { datasetOverview } from "@/lib/server/services/overview";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace, sentimentRecords } from "./fixtures";

// Nine records (fixtures.sentimentRecords): uncertainties 0, 0.918, 1 repeating, every proposal "pos". Decisions set
// by hand: r0–r2 auto, r3–r5 human, r6 audit, r7–r8 pending (their uncertainty cleared). With one response needed:
// r3 and r6 answered (done), r4 and r5 waiting. Histogram: 0 → bin 0 (r0 auto, r3 human, r6 audit), 0.918 → bin 18
// (r1 auto, r4 human), 1 → bin 19 (r2 auto, r5 human); r7, r8 without uncertainty.
describe("dataset overview", () => {
  it("counts progress, the histogram, LLM agreement, cost by model and throughput per day in SQL", async () => {
    const workspace = await createTestWorkspace(2);
    // Blind: the answers are the annotators' own, so the human final values are `human` and compared with the LLM
    // (a consensus of confirmations, `human_confirmed`, would agree with it by construction and is not).
    const { id } = await createSentimentDataset(workspace, { distribution: { minSubmitted: 1, blind: true } });
    await importRecords(workspace.curator, id, sentimentRecords(9));
    await recomputeDataset(id);
    const records = await db.record.findMany({ where: { datasetId: id }, orderBy: { importOrder: "asc" } });
    const [a0, a1] = workspace.annotators as [(typeof workspace.annotators)[0], (typeof workspace.annotators)[0]];
    // a1 answered r0 (pos) while routing still sent it to people (in the audit sample); routing accepts it
    // automatically now, and the human final value it got stays (agrees).
    await pool().query(`UPDATE "Record" SET "routingDecision" = 'audit' WHERE id = $1`, [records[0]!.id]);
    await saveResponse(a1, records[0]!.id, { status: "submitted", values: { sentiment: "pos" } });
    const decisions = ["auto", "auto", "auto", "human", "human", "human", "audit", "pending", "pending"];
    for (const [i, record] of records.entries())
      await pool().query(
        `UPDATE "Record" SET "routingDecision" = $2::"RoutingDecision", uncertainty = CASE WHEN $2 = 'pending' THEN NULL ELSE uncertainty END WHERE id = $1`,
        [record.id, decisions[i]],
      );
    // r3 answered neg (the LLM said pos: disagrees), r6 answered pos (agrees).
    await saveResponse(a0, records[3]!.id, { status: "submitted", values: { sentiment: "neg" } });
    await saveResponse(a0, records[6]!.id, { status: "submitted", values: { sentiment: "pos" } });
    // A draft does not count as throughput.
    await saveResponse(a1, records[4]!.id, { status: "draft", values: { sentiment: "pos" } });
    // Three days ago for one of a0's submissions; one submission 20 days ago (outside the chart, inside the total).
    await pool().query(`UPDATE "Response" SET "submittedAt" = now() - interval '3 days' WHERE "recordId" = $1`, [records[6]!.id]);
    await pool().query(`UPDATE "Response" SET "submittedAt" = now() - interval '20 days' WHERE "recordId" = $1`, [records[0]!.id]);

    // Costs: the 9 records' suggestions (3 or 4 each: 4+3+4 per three records = 33) split over two models and one
    // without a model (pushed by hand).
    await pool().query(
      `UPDATE "Suggestion" g SET model = CASE WHEN g.agent = 'agent-0' THEN 'gpt-small' WHEN g.agent = 'agent-1' THEN 'claude-mini' END,
              "inputTokens" = CASE WHEN g.agent IN ('agent-0', 'agent-1') THEN 100 END,
              "outputTokens" = CASE WHEN g.agent IN ('agent-0', 'agent-1') THEN 10 END,
              "costUsd" = CASE WHEN g.agent = 'agent-0' THEN 0.001234 WHEN g.agent = 'agent-1' THEN 0.0005 END
       FROM "Record" r WHERE r.id = g."recordId" AND r."datasetId" = $1`,
      [id],
    );

    const now = new Date();
    const overview = await datasetOverview(workspace.curator, id, now);
    expect(overview.progress).toEqual({ total: 9, auto: 3, humanDone: 1, humanWaiting: 2, audit: 1, auditDone: 1, pending: 2 });

    const bins = overview.uncertainty.bins;
    expect(bins).toHaveLength(20);
    expect(bins[0]).toEqual({ lower: 0, upper: 0.05, auto: 1, audit: 1, human: 1, pending: 0 });
    expect(bins[18]).toMatchObject({ auto: 1, human: 1, audit: 0 });
    expect(bins[19]).toMatchObject({ lower: 0.95, upper: 1, auto: 1, human: 1 });
    expect(bins.slice(1, 18).every((b) => b.auto + b.audit + b.human + b.pending === 0)).toBe(true);
    expect(overview.uncertainty.withoutUncertainty).toBe(2);

    // Human final values on r0 (pos), r3 (neg), r6 (pos) against proposals all pos: 2 of 3.
    expect(overview.llmAgreement).toEqual([
      { name: "sentiment", title: "Sentiment", type: "label", accuracy: { successes: 2, n: 3, value: 2 / 3, interval: wilsonInterval(2, 3) } },
    ]);

    // agent-0 and agent-1 vote on all 9 records, agent-2 on all 9, agent-3 on the 6 records with four votes.
    expect(overview.cost.byModel).toEqual([
      { model: "gpt-small", suggestions: 9, inputTokens: 900, outputTokens: 90, costUsd: 0.011106 },
      { model: "claude-mini", suggestions: 9, inputTokens: 900, outputTokens: 90, costUsd: 0.0045 },
      { model: "(unknown)", suggestions: 15, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    ]);
    expect(overview.cost).toMatchObject({ suggestions: 33, inputTokens: 1800, outputTokens: 180, costUsd: 0.015606 });

    const days = overview.throughput.days;
    expect(days).toHaveLength(14);
    expect(days[13]).toBe(now.toISOString().slice(0, 10));
    const [first, second] = overview.throughput.annotators;
    expect(first).toMatchObject({ username: a0.username, total: 2 });
    expect(first!.perDay[13]).toBe(1);
    expect(first!.perDay[10]).toBe(1);
    expect(first!.perDay.reduce((x, y) => x + y, 0)).toBe(2);
    expect(second).toMatchObject({ username: a1.username, total: 1, perDay: Array(14).fill(0) });
  });

  it("is empty but well-formed for a dataset without records; refuses annotators and hides other workspaces", async () => {
    const workspace = await createTestWorkspace(1);
    const { id } = await createSentimentDataset(workspace);
    const empty = await datasetOverview(workspace.admin, id);
    expect(empty.progress.total).toBe(0);
    expect(empty.uncertainty.bins.every((b) => b.auto + b.audit + b.human + b.pending === 0)).toBe(true);
    expect(empty.llmAgreement[0]!.accuracy).toEqual({ successes: 0, n: 0, value: null, interval: null });
    expect(empty.cost).toEqual({ suggestions: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, byModel: [] });
    expect(empty.throughput.annotators).toEqual([]);
    await expect(datasetOverview(workspace.annotators[0]!, id)).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createTestWorkspace(0);
    await expect(datasetOverview(other.curator, id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
