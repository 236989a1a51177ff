import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { withTransaction } from "@/lib/server/db/transaction";
import { assignmentOverview, assignRecords, distributeQueue, dropAssignments } from "@/lib/server/services/assignments";
import { listDatasets } from "@/lib/server/services/datasets";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { claimNext, queueCounts } from "@/lib/server/services/queue";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace, sentimentRecords } from "./fixtures";

/** 12 records, budget 0.3: the four 2-vs-2 splits (r-0002, r-0005, r-0008, r-0011) go to humans. */
async function routedDataset(annotators: number, minSubmitted = 1) {
  const workspace = await createTestWorkspace(annotators);
  const { id } = await createSentimentDataset(workspace, { distribution: { minSubmitted } });
  await importRecords(workspace.curator, id, sentimentRecords(12));
  await recomputeDataset(id);
  const byExternalId = async (externalId: string) =>
    (await db.record.findFirstOrThrow({ where: { datasetId: id, externalId } })).id;
  return { workspace, datasetId: id, byExternalId };
}

async function externalIdOf(recordId: string | null): Promise<string | null> {
  if (recordId === null) return null;
  return (await db.record.findUniqueOrThrow({ where: { id: recordId } })).externalId;
}

/** Claims and submits until the queue is empty for this annotator; the records served, in order. */
async function workThrough(annotator: Parameters<typeof claimNext>[0], datasetId: string): Promise<string[]> {
  const served: string[] = [];
  for (let recordId = await claimNext(annotator, datasetId); recordId !== null; recordId = await claimNext(annotator, datasetId)) {
    served.push((await externalIdOf(recordId))!);
    await saveResponse(annotator, recordId, { status: "submitted", values: { sentiment: "pos" } });
  }
  return served;
}

describe("explicit assignment", () => {
  it("serves an assigned record only to its assignee, before the open queue", async () => {
    const { workspace, datasetId, byExternalId } = await routedDataset(2);
    const [maria, li] = workspace.annotators as [typeof workspace.curator, typeof workspace.curator];
    const result = await assignRecords(workspace.curator, datasetId, {
      action: "assign",
      userIds: [li.userId],
      recordIds: [await byExternalId("r-0008"), await byExternalId("r-0000")],
    });
    // r-0000 was accepted automatically: assigned all the same, and reported as outside the queue.
    expect(result).toEqual({ records: 2, added: 2, removed: 0, notInQueue: 1, shortOfAssignees: 0 });
    expect(await queueCounts(maria, datasetId)).toEqual({ remainingForMe: 3, submittedByMe: 0 });
    expect(await queueCounts(li, datasetId)).toEqual({ remainingForMe: 4, submittedByMe: 0 });
    // The workspace's dataset list counts the same.
    expect((await listDatasets(maria, workspace.workspaceId)).find((d) => d.id === datasetId)?.myPending).toBe(3);
    // Li gets the assigned record first although r-0002 comes first in queue order; Maria never gets it.
    expect(await externalIdOf(await claimNext(li, datasetId))).toBe("r-0008");
    expect(await workThrough(maria, datasetId)).toEqual(["r-0002", "r-0005", "r-0011"]);
    // The claim's index of waiting assignments follows the answers: a draft keeps it waiting, a submit does not.
    const assignment = { recordId_userId: { recordId: await byExternalId("r-0008"), userId: li.userId } };
    await saveResponse(li, assignment.recordId_userId.recordId, { status: "draft", values: { sentiment: "pos" } });
    expect((await db.recordAssignment.findUniqueOrThrow({ where: assignment })).answered).toBe(false);
    await saveResponse(li, assignment.recordId_userId.recordId, { status: "submitted", values: { sentiment: "pos" } });
    expect((await db.recordAssignment.findUniqueOrThrow({ where: assignment })).answered).toBe(true);
    expect(await claimNext(li, datasetId)).toBeNull();
    const overview = await assignmentOverview(workspace.curator, datasetId);
    expect(overview).toMatchObject({ openRecords: 0, assignedRecords: 0 });
    expect(overview.annotators.find((a) => a.userId === li.userId)).toMatchObject({ assigned: 2, waiting: 0 });
    expect(overview.annotators.find((a) => a.userId === maria.userId)).toMatchObject({ assigned: 0, waiting: 0 });
  });

  it("assigns the records matching a filter, and unassigning everyone opens them again", async () => {
    const { workspace, datasetId } = await routedDataset(2);
    const [maria, li] = workspace.annotators as [typeof workspace.curator, typeof workspace.curator];
    const assigned = await assignRecords(workspace.curator, datasetId, { action: "assign", userIds: [li.userId], filter: { decision: "human" } });
    expect(assigned).toMatchObject({ records: 4, added: 4, notInQueue: 0 });
    expect(await claimNext(maria, datasetId)).toBeNull();
    const opened = await assignRecords(workspace.curator, datasetId, { action: "unassign", userIds: [], filter: { decision: "human" } });
    expect(opened).toMatchObject({ records: 4, removed: 4 });
    expect(await db.record.count({ where: { datasetId, assigneeCount: { not: 0 } } })).toBe(0);
    expect(await externalIdOf(await claimNext(maria, datasetId))).toBe("r-0002");
  });

  it("reports queue records with fewer assignees than the responses they still need", async () => {
    const { workspace, datasetId } = await routedDataset(2, 2);
    const result = await assignRecords(workspace.curator, datasetId, {
      action: "assign",
      userIds: [workspace.annotators[0]!.userId],
      filter: { decision: "human" },
    });
    expect(result).toMatchObject({ records: 4, shortOfAssignees: 4 });
  });

  it("deals the open queue by weight, two different people for a record that needs two answers", async () => {
    const { workspace, datasetId } = await routedDataset(3, 2);
    const [a, b, c] = workspace.annotators as [typeof workspace.curator, typeof workspace.curator, typeof workspace.curator];
    const result = await distributeQueue(workspace.curator, datasetId, {
      annotators: [{ userId: a.userId, weight: 2 }, { userId: b.userId }, { userId: c.userId }],
    });
    expect(result).toEqual({
      openRecords: 4,
      dealt: 4,
      perAnnotator: [{ userId: a.userId, records: 4 }, { userId: b.userId, records: 2 }, { userId: c.userId, records: 2 }],
    });
    const rows = await db.recordAssignment.groupBy({ by: ["recordId"], where: { datasetId }, _count: true });
    expect(rows.map((row) => row._count)).toEqual([2, 2, 2, 2]);
    // Each record counts its assignees (the claim's open queue is the records with none).
    expect(await db.record.count({ where: { datasetId, assigneeCount: 2 } })).toBe(4);
    expect(await db.record.count({ where: { datasetId, assigneeCount: { notIn: [0, 2] } } })).toBe(0);
    // Dealt records are no longer open: a second distribution finds nothing to deal.
    expect(await distributeQueue(workspace.curator, datasetId, { annotators: [{ userId: c.userId }] })).toMatchObject({ openRecords: 0, dealt: 0 });
    // Everyone works through exactly their own records, and every record completes.
    expect((await workThrough(a, datasetId)).length).toBe(4);
    expect((await workThrough(b, datasetId)).length).toBe(2);
    expect((await workThrough(c, datasetId)).length).toBe(2);
    const incomplete = await db.record.count({ where: { datasetId, routingDecision: "human", submittedCount: { lt: 2 } } });
    expect(incomplete).toBe(0);
  });

  it("drops a member's assignments in the workspace (as removing the member does), so the records are open again", async () => {
    const { workspace, datasetId } = await routedDataset(2);
    const [maria, li] = workspace.annotators as [typeof workspace.curator, typeof workspace.curator];
    await assignRecords(workspace.curator, datasetId, { action: "assign", userIds: [li.userId], filter: { decision: "human" } });
    expect(await withTransaction((client) => dropAssignments(client, workspace.workspaceId, li.userId))).toBe(4);
    expect(await db.recordAssignment.count({ where: { datasetId } })).toBe(0);
    expect(await externalIdOf(await claimNext(maria, datasetId))).toBe("r-0002");
  });

  it("refuses bad input with errors naming the field, and other workspaces' datasets answer 404", async () => {
    const { workspace, datasetId } = await routedDataset(1);
    const stranger = (await createTestWorkspace(1)).annotators[0]!;
    const refusal = (input: unknown) => assignRecords(workspace.curator, datasetId, input).catch((error: unknown) => error);
    const notMember = await refusal({ action: "assign", userIds: [stranger.userId], filter: {} });
    expect(notMember).toBeInstanceOf(ValidationError);
    expect((notMember as ValidationError).details).toEqual([{ where: "userIds.0", message: "not a member of this workspace" }]);
    const both = (await refusal({ action: "assign", userIds: [workspace.annotators[0]!.userId] })) as ValidationError;
    expect(both.details).toEqual([{ where: "recordIds", message: "give either recordIds or filter (not both)" }]);
    const nobody = (await refusal({ action: "assign", userIds: [], filter: {} })) as ValidationError;
    expect(nobody.details).toContainEqual({ where: "userIds", message: "name at least one annotator to assign" });
    const share = await distributeQueue(workspace.curator, datasetId, { annotators: [{ userId: workspace.annotators[0]!.userId }], sharePercent: 0 }).catch((e: unknown) => e);
    expect((share as ValidationError).details[0]!.where).toBe("sharePercent");
    await expect(assignmentOverview(workspace.annotators[0]!, datasetId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(assignmentOverview(stranger, datasetId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.recordAssignment.count({ where: { datasetId } })).toBe(0);
  });
});

describe("human final values", () => {
  it("take the majority, and a tie gives no final value (it waits for review)", async () => {
    const { workspace, datasetId, byExternalId } = await routedDataset(3, 2);
    const [a, b, c] = workspace.annotators as [typeof workspace.curator, typeof workspace.curator, typeof workspace.curator];
    const recordId = await byExternalId("r-0002");
    await saveResponse(a, recordId, { status: "submitted", values: { sentiment: "pos" } });
    await saveResponse(b, recordId, { status: "submitted", values: { sentiment: "neg" } });
    expect(await db.finalValue.findMany({ where: { recordId } })).toEqual([]);
    // A third answer (after a curator raises the overlap) breaks the tie.
    await db.record.update({ where: { id: recordId }, data: { requiredResponses: 3 } });
    await saveResponse(c, recordId, { status: "submitted", values: { sentiment: "neg" } });
    expect(await db.finalValue.findFirstOrThrow({ where: { recordId } })).toMatchObject({ value: "neg", provenance: "human" });
  });
});
