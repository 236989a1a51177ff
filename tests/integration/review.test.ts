import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { db, pool } from "@/lib/server/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { flagRecord, getMyFlag, unflagRecord } from "@/lib/server/services/flags";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { saveResponse } from "@/lib/server/services/responses";
import { getReviewRecord, listReviewQueue, resolveRecord } from "@/lib/server/services/review";
import { createSentimentDataset, createTestWorkspace, sentimentSettings } from "./fixtures";

const questions = [
  ...sentimentSettings.questions,
  {
    name: "topics",
    title: "Topics",
    type: "multi_label" as const,
    required: false,
    settings: { options: [{ value: "x" }, { value: "y" }, { value: "z" }] },
  },
];

function record(externalId: string, suggested: string[]): string {
  return JSON.stringify({
    externalId,
    fields: { text: `Text of ${externalId}` },
    suggestions: suggested.map((value, agent) => ({ question: "sentiment", agent: `agent-${agent}`, value })),
  });
}

/**
 * Sends every record of the dataset to people, each needing `required` answers: the queue's rule lets annotators
 * answer and flag only such records, and a, c, e (no suggestions, no uncertainty) would otherwise wait as `pending`.
 */
async function routeAllToPeople(datasetId: string, required: number): Promise<void> {
  await pool().query(`UPDATE "Record" SET "routingDecision" = 'human', "requiredResponses" = $2 WHERE "datasetId" = $1`, [datasetId, required]);
}

/**
 * a: no proposal, two annotators disagree → human_disagreement
 * b: proposal pos, one annotator says neg → llm_disagreement
 * c: no proposal, flagged → flagged
 * d: proposal pos, neg vs pos, flagged → all three
 * e: no proposal, the same topics in another order → nothing (sets compare as sets)
 * f: proposal pos, an annotator agrees → nothing
 */
async function reviewDataset() {
  const workspace = await createTestWorkspace(3);
  const [ann0, ann1, ann2] = workspace.annotators as [Actor, Actor, Actor];
  const { id: datasetId } = await createSentimentDataset(workspace, { questions });
  await importRecords(
    workspace.curator,
    datasetId,
    [record("a", []), record("b", ["pos", "pos"]), record("c", []), record("d", ["pos", "pos"]), record("e", []), record("f", ["pos"])].join("\n"),
  );
  await recomputeDataset(datasetId);
  await routeAllToPeople(datasetId, 3);
  const ids = Object.fromEntries(
    (await db.record.findMany({ where: { datasetId }, select: { id: true, externalId: true } })).map((r) => [r.externalId, r.id]),
  ) as Record<"a" | "b" | "c" | "d" | "e" | "f", string>;
  const submit = (who: Actor, recordId: string, values: Record<string, unknown>) => saveResponse(who, recordId, { status: "submitted", values });
  await submit(ann0, ids.a, { sentiment: "pos" });
  await submit(ann1, ids.a, { sentiment: "neg" });
  await submit(ann0, ids.b, { sentiment: "neg" });
  await flagRecord(ann0, ids.c, { note: "unclear guidelines" });
  await submit(ann0, ids.d, { sentiment: "neg" });
  await submit(ann1, ids.d, { sentiment: "pos" });
  await flagRecord(ann1, ids.d, { note: "offensive" });
  await submit(ann0, ids.e, { sentiment: "pos", topics: ["x", "y"] });
  await submit(ann1, ids.e, { sentiment: "pos", topics: ["y", "x"] });
  await submit(ann0, ids.f, { sentiment: "pos" });
  return { workspace, datasetId, ids, ann0, ann1, ann2 };
}

const externalIds = (list: { externalId: string }[]) => list.map((item) => item.externalId);

describe("review queue", () => {
  it("lists each reason, with counts, most reasons first, then uncertainty, then import order", async () => {
    const { workspace, datasetId } = await reviewDataset();
    const list = await listReviewQueue(workspace.curator, datasetId, {});
    expect(list.counts).toEqual({ total: 4, human_disagreement: 2, llm_disagreement: 2, flagged: 2 });
    // d has three reasons; b has an uncertainty (0), a and c have none and keep import order.
    expect(externalIds(list.items)).toEqual(["d", "b", "a", "c"]);
    const d = list.items[0]!;
    expect(d.reasons).toEqual(["human_disagreement", "llm_disagreement", "flagged"]);
    expect(d.humanQuestions).toEqual(["sentiment"]);
    expect(d.llmQuestions).toEqual(["sentiment"]);
    expect(d.flags).toEqual([{ user: workspace.annotators[1]!.username, note: "offensive", createdAt: expect.any(String) }]);
    expect(d.preview).toBe("Text of d");
    expect(list.items.find((item) => item.externalId === "a")!.reasons).toEqual(["human_disagreement"]);
    expect(list.items.find((item) => item.externalId === "b")!.reasons).toEqual(["llm_disagreement"]);
    expect(list.items.find((item) => item.externalId === "c")!.reasons).toEqual(["flagged"]);
    expect(list.next).toBeNull();

    const flagged = await listReviewQueue(workspace.curator, datasetId, { reason: "flagged" });
    expect(externalIds(flagged.items)).toEqual(["d", "c"]);
    expect(flagged.counts.total).toBe(4);
    await expect(listReviewQueue(workspace.curator, datasetId, { reason: "bored" })).rejects.toMatchObject({
      details: [{ where: "reason" }],
    });
  });

  it("shows one record side by side with who answered what, the proposal and a majority to start from", async () => {
    const { workspace, ids, ann0, ann1 } = await reviewDataset();
    const review = await getReviewRecord(workspace.curator, ids.d);
    expect(review.reasons).toEqual(["human_disagreement", "llm_disagreement", "flagged"]);
    expect(review.responses.map((r) => [r.user, r.values.sentiment, r.display.sentiment])).toEqual([
      [ann0.username, "neg", "neg"],
      [ann1.username, "pos", "pos"],
    ]);
    expect(review.responses[0]!.submittedAt).toEqual(expect.any(String));
    const sentiment = review.record.questions.find((q) => q.name === "sentiment")!;
    expect(sentiment.proposal?.value).toBe("pos");
    expect(sentiment.suggestions).toHaveLength(2);
    // A 1-1 tie: the aggregate's tie-break goes to the first answer.
    expect(review.prefill.sentiment).toBe("neg");
  });

  it("resolves: curator final values, flags resolved, an audit event, the record leaves the queue for good", async () => {
    const { workspace, datasetId, ids, ann2 } = await reviewDataset();
    const result = await resolveRecord(workspace.curator, ids.d, { values: { sentiment: "pos" }, note: "positive overall" });
    expect(result).toEqual({ recordId: ids.d, resolved: ["sentiment"], flagsResolved: 1 });
    const final = await db.finalValue.findFirstOrThrow({ where: { recordId: ids.d, question: { name: "sentiment" } } });
    expect(final).toMatchObject({ value: "pos", provenance: "curator", resolvedById: workspace.curator.userId });
    expect(await db.recordFlag.findMany({ where: { recordId: ids.d, resolvedAt: null } })).toEqual([]);
    expect(await db.recordFlag.findFirstOrThrow({ where: { recordId: ids.d } })).toMatchObject({ resolvedById: workspace.curator.userId });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "record.resolve", targetId: ids.d } });
    expect(event).toMatchObject({ workspaceId: workspace.workspaceId, actorId: workspace.curator.userId });
    expect(event.details).toMatchObject({ values: { sentiment: "pos" }, flagsResolved: 1, note: "positive overall" });
    const list = await listReviewQueue(workspace.curator, datasetId, {});
    expect(externalIds(list.items)).toEqual(["b", "a", "c"]);
    expect(list.counts).toEqual({ total: 3, human_disagreement: 1, llm_disagreement: 1, flagged: 1 });

    // A later submit (which completes the record and sets the human consensus) and a recompute leave it alone.
    await saveResponse(ann2, ids.d, { status: "submitted", values: { sentiment: "neg" } });
    await recomputeDataset(datasetId);
    expect(await db.finalValue.findFirstOrThrow({ where: { recordId: ids.d, question: { name: "sentiment" } } })).toMatchObject({
      value: "pos",
      provenance: "curator",
    });
    expect(externalIds((await listReviewQueue(workspace.curator, datasetId, {})).items)).not.toContain("d");
  });

  it("resolves a flagged record without values, and a flag raised again brings it back", async () => {
    const { workspace, datasetId, ids, ann0 } = await reviewDataset();
    expect(await resolveRecord(workspace.curator, ids.c, {})).toEqual({ recordId: ids.c, resolved: [], flagsResolved: 1 });
    expect(externalIds((await listReviewQueue(workspace.curator, datasetId, {})).items)).not.toContain("c");
    expect(await getMyFlag(ann0, ids.c)).toEqual({ flagged: false, note: "", createdAt: null });
    await flagRecord(ann0, ids.c, { note: "still unclear" });
    const again = await listReviewQueue(workspace.curator, datasetId, { reason: "flagged" });
    expect(again.items.find((item) => item.externalId === "c")!.flags).toMatchObject([{ note: "still unclear" }]);
  });

  it("names what is wrong in a resolution", async () => {
    const { workspace, ids } = await reviewDataset();
    // a is disputed on sentiment: it must be given.
    await expect(resolveRecord(workspace.curator, ids.a, { values: {} })).rejects.toMatchObject({
      details: [{ where: "values.sentiment", message: expect.stringContaining("disputed") }],
    });
    await expect(resolveRecord(workspace.curator, ids.a, { values: { sentiment: "meh", nope: 1 } })).rejects.toMatchObject({
      details: [{ where: "values.sentiment" }, { where: "values.nope", message: "unknown question" }],
    });
    await expect(resolveRecord(workspace.curator, ids.a, { values: { sentiment: "pos", topics: ["x", "x"] } })).rejects.toBeInstanceOf(ValidationError);
    await expect(resolveRecord(workspace.curator, ids.a, { value: {} })).rejects.toBeInstanceOf(ValidationError);
    // Nothing was written.
    expect(await db.finalValue.findMany({ where: { recordId: ids.a, provenance: "curator" } })).toEqual([]);
  });

  it("is for curators: 403 for annotators, 404 for other workspaces", async () => {
    const { workspace, datasetId, ids, ann0 } = await reviewDataset();
    await expect(listReviewQueue(ann0, datasetId, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getReviewRecord(ann0, ids.a)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resolveRecord(ann0, ids.a, { values: { sentiment: "pos" } })).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createTestWorkspace(1);
    await expect(listReviewQueue(other.curator, datasetId, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReviewRecord(other.curator, ids.a)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveRecord(other.curator, ids.a, { values: { sentiment: "pos" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(flagRecord(other.annotators[0]!, ids.a, {})).rejects.toBeInstanceOf(NotFoundError);
    expect(workspace.curator.userId).not.toBe(other.curator.userId);
  });

  it("lets annotators flag with a note and unflag; unflagging takes the record out of the queue", async () => {
    const { workspace, datasetId, ids, ann2 } = await reviewDataset();
    expect(await flagRecord(ann2, ids.f, { note: "  offensive " })).toMatchObject({ flagged: true, note: "offensive" });
    expect(await getMyFlag(ann2, ids.f)).toMatchObject({ flagged: true, note: "offensive" });
    expect(externalIds((await listReviewQueue(workspace.curator, datasetId, { reason: "flagged" })).items)).toContain("f");
    expect(await unflagRecord(ann2, ids.f)).toEqual({ flagged: false, note: "", createdAt: null });
    expect(externalIds((await listReviewQueue(workspace.curator, datasetId, {})).items)).not.toContain("f");
    await expect(flagRecord(ann2, ids.f, { note: "x".repeat(501) })).rejects.toMatchObject({ details: [{ where: "note" }] });
    // Flagging submits nothing.
    expect(await db.response.findMany({ where: { recordId: ids.f, userId: ann2.userId } })).toEqual([]);
  });

  it("pages through a long queue", async () => {
    const workspace = await createTestWorkspace(1);
    const { id: datasetId } = await createSentimentDataset(workspace);
    await importRecords(workspace.curator, datasetId, Array.from({ length: 35 }, (_, i) => record(`p-${String(i).padStart(2, "0")}`, [])).join("\n"));
    await routeAllToPeople(datasetId, 1);
    const records = await db.record.findMany({ where: { datasetId }, orderBy: { importOrder: "asc" } });
    for (const r of records) await flagRecord(workspace.annotators[0]!, r.id, {});
    const first = await listReviewQueue(workspace.curator, datasetId, {});
    expect(first.items).toHaveLength(30);
    expect(first.next).not.toBeNull();
    const second = await listReviewQueue(workspace.curator, datasetId, { after: first.next! });
    expect(externalIds(second.items)).toEqual(["p-30", "p-31", "p-32", "p-33", "p-34"]);
    expect(second.next).toBeNull();
  });
});
