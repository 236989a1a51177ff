import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { AppError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { listRecords } from "@/lib/server/services/records";
import { createSentimentDataset, createTestWorkspace, sentimentRecords } from "./fixtures";

describe("bulk import", () => {
  it("upserts records with suggestions, and re-importing the same body changes nothing", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    const first = await importRecords(workspace.curator, id, sentimentRecords(9));
    expect(first.records).toEqual({ created: 9, updated: 0, unchanged: 0 });
    expect(first.suggestions.created).toBe(3 * 4 + 3 * 3 + 3 * 4);
    const again = await importRecords(workspace.curator, id, sentimentRecords(9));
    expect(again.records).toEqual({ created: 0, updated: 0, unchanged: 9 });
    expect(again.suggestions).toEqual({ created: 0, updated: 0, unchanged: 33 });
    expect(await db.record.count({ where: { datasetId: id } })).toBe(9);
  });

  it("rejects a malformed body naming the line and field, and writes nothing", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    const lines = sentimentRecords(3).split("\n");
    lines[1] = JSON.stringify({ externalId: "bad", fields: { txt: "typo in the field name" } });
    const error = await importRecords(workspace.curator, id, lines.join("\n")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const details = (error as ValidationError).details.map((detail) => `${detail.where}: ${detail.message}`).join("\n");
    expect(details).toContain('line 2 (externalId "bad")');
    expect(details).toContain("fields.txt: unknown field");
    expect(details).toContain("fields.text: is required");
    expect(await db.record.count({ where: { datasetId: id } })).toBe(0);
  });

  it("writes a body larger than one write chunk, and a problem in its last chunk rolls back the earlier ones", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    const lines = sentimentRecords(2_500).split("\n");
    // A duplicate external id across chunks (line 2,400 repeats line 3) and an invalid record near the end.
    lines[2_399] = lines[2]!;
    lines[2_450] = JSON.stringify({ externalId: "late", fields: {} });
    const error = (await importRecords(workspace.curator, id, lines.join("\n")).catch((caught: unknown) => caught)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    const details = error.details.map((detail) => `${detail.where}: ${detail.message}`).join("\n");
    expect(details).toContain("line 2400");
    expect(details).toContain("externalId: duplicate of line 3");
    expect(details).toContain('line 2451 (externalId "late")');
    expect(await db.record.count({ where: { datasetId: id } })).toBe(0);

    const good = await importRecords(workspace.curator, id, sentimentRecords(2_500));
    expect(good.records).toEqual({ created: 2_500, updated: 0, unchanged: 0 });
    const orders = await db.record.findMany({ where: { datasetId: id }, select: { importOrder: true }, orderBy: { importOrder: "asc" } });
    expect(orders.map((row) => row.importOrder)).toEqual(Array.from({ length: 2_500 }, (_, index) => index + 1));
  });

  it("reports invalid JSON lines with their line number", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    const body = `${sentimentRecords(1)}\n{"externalId": "x", "fields": \n`;
    const error = (await importRecords(workspace.curator, id, body).catch((caught: unknown) => caught)) as ValidationError;
    expect(error.details[0]?.where).toBe("line 2");
    expect(error.details[0]?.message).toMatch(/not valid JSON/);
  });

  it("replays a request with the same Idempotency-Key and refuses the key with another body", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    const first = await importRecords(workspace.curator, id, sentimentRecords(3), { idempotencyKey: "k-1" });
    const replay = await importRecords(workspace.curator, id, sentimentRecords(3), { idempotencyKey: "k-1" });
    expect(replay).toEqual(first);
    const conflict = await importRecords(workspace.curator, id, sentimentRecords(4), { idempotencyKey: "k-1" }).catch(
      (caught: unknown) => caught,
    );
    expect(conflict).toBeInstanceOf(AppError);
    expect((conflict as AppError).status).toBe(409);
    expect(await db.record.count({ where: { datasetId: id } })).toBe(3);
  });

  it("answers 404 for a dataset of another workspace, and 403 for an annotator writing", async () => {
    const mine = await createTestWorkspace();
    const theirs = await createTestWorkspace();
    const { id } = await createSentimentDataset(theirs);
    await expect(importRecords(mine.curator, id, sentimentRecords(1))).rejects.toBeInstanceOf(NotFoundError);
    await expect(listRecords(mine.admin, id, { limit: 10 })).rejects.toBeInstanceOf(NotFoundError);
    const denied = (await importRecords(theirs.annotators[0]!, id, sentimentRecords(1)).catch((caught: unknown) => caught)) as AppError;
    expect(denied.status).toBe(403);
  });
});

describe("proposals and routing", () => {
  it("sends the round(0.3·n) most uncertain records to humans, ties by import order, and accepts the rest", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    await importRecords(workspace.curator, id, sentimentRecords(10));
    const result = await recomputeDataset(id);
    expect(result).toMatchObject({ records: 10, proposals: 10, decisions: { pending: 0, auto: 7, audit: 0, human: 3 } });
    const records = await db.record.findMany({ where: { datasetId: id }, orderBy: { importOrder: "asc" } });
    // Records 2, 5 and 8 carry the 2-vs-2 split: one bit of entropy over two options, normalised to 1.
    expect(records.filter((record) => record.routingDecision === "human").map((record) => record.externalId)).toEqual([
      "r-0002",
      "r-0005",
      "r-0008",
    ]);
    expect(records[2]!.uncertainty).toBeCloseTo(1, 10);
    expect(records[1]!.uncertainty).toBeCloseTo(0.9183, 4);
    expect(records[0]!.uncertainty).toBe(0);
    // Auto-accepted records get the proposal as their final value, with provenance llm.
    const finals = await db.finalValue.findMany({ where: { record: { datasetId: id } } });
    expect(finals).toHaveLength(7);
    expect(finals.every((final) => final.provenance === "llm")).toBe(true);
  });

  it("asks for more annotators on the records above the overlap threshold (adaptive overlap)", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace, {
      routing: { policy: "threshold", threshold: 0.5, overlapThreshold: 0.95, overlapExtra: 2 },
    });
    await importRecords(workspace.curator, id, sentimentRecords(6));
    await recomputeDataset(id);
    const records = await db.record.findMany({ where: { datasetId: id }, orderBy: { importOrder: "asc" } });
    // Uncertainties 0, 0.918, 1 repeating: 0.918 and 1 go to humans (above 0.5), only the 1s are above 0.95.
    expect(records.map((record) => [record.routingDecision, record.requiredResponses])).toEqual([
      ["auto", 1],
      ["human", 1],
      ["human", 3],
      ["auto", 1],
      ["human", 1],
      ["human", 3],
    ]);
  });

  it("breaks a 2-vs-2 tie towards the option voted first", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    const body = JSON.stringify({
      externalId: "tie",
      fields: { text: "t" },
      suggestions: ["neg", "pos", "pos", "neg"].map((value, agent) => ({ question: "sentiment", agent: `a${agent}`, value })),
    });
    await importRecords(workspace.curator, id, body);
    await recomputeDataset(id);
    const proposal = await db.proposal.findFirstOrThrow({ where: { record: { datasetId: id } } });
    expect(proposal.value).toBe("neg");
    expect(proposal.votes).toBe(4);
  });

  it("counts an unparseable suggestion as its own category", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    const body = JSON.stringify({
      externalId: "u",
      fields: { text: "t" },
      suggestions: [
        { question: "sentiment", agent: "a", value: "pos" },
        { question: "sentiment", agent: "b", value: "pos" },
        { question: "sentiment", agent: "c", value: "maybe?" },
      ],
    });
    await importRecords(workspace.curator, id, body);
    await recomputeDataset(id);
    const proposal = await db.proposal.findFirstOrThrow({ where: { record: { datasetId: id } } });
    expect(proposal.value).toBe("pos");
    expect(proposal.uncertainty).toBeCloseTo(0.9183, 4);
    expect(proposal.normalized).toBeCloseTo(0.9183 / Math.log2(3), 4);
  });
});
