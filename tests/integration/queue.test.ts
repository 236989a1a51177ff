import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { claimNext, queueCounts } from "@/lib/server/services/queue";
import { saveResponse } from "@/lib/server/services/responses";
import { getRecord } from "@/lib/server/services/records";
import { createSentimentDataset, createTestWorkspace, sentimentRecords } from "./fixtures";

async function routedDataset(annotators = 2, records = 10, minSubmitted = 1) {
  const workspace = await createTestWorkspace(annotators);
  const { id } = await createSentimentDataset(workspace, { distribution: { minSubmitted } });
  await importRecords(workspace.curator, id, sentimentRecords(records));
  await recomputeDataset(id);
  return { workspace, datasetId: id };
}

describe("the human queue", () => {
  it("serves only records routed to humans, most uncertain first, and the same one again after a reload", async () => {
    const { workspace, datasetId } = await routedDataset();
    const annotator = workspace.annotators[0]!;
    const first = await claimNext(annotator, datasetId);
    const record = await getRecord(annotator, first!);
    expect(record.routingDecision).toBe("human");
    expect(record.externalId).toBe("r-0002");
    expect(await claimNext(annotator, datasetId)).toBe(first);
    // Annotators do not see metadata marked hidden from them, nor other people's responses.
    expect(record.metadata).toEqual([]);
    expect(record.responses).toBeNull();
  });

  it("in blind mode serves records without the LLMs' suggestions, proposal or uncertainty; curators still see them", async () => {
    const workspace = await createTestWorkspace(1);
    const { id } = await createSentimentDataset(workspace, { distribution: { minSubmitted: 1, blind: true } });
    await importRecords(workspace.curator, id, sentimentRecords(10));
    await recomputeDataset(id);
    const annotator = workspace.annotators[0]!;
    const served = await getRecord(annotator, (await claimNext(annotator, id))!);
    expect(served.uncertainty).toBeNull();
    expect(served.questions.map((question) => [question.proposal, question.suggestions])).toEqual([[null, []]]);
    const curatorView = await getRecord(workspace.curator, served.id);
    expect(curatorView.uncertainty).toBeCloseTo(1, 10);
    expect(curatorView.questions[0]!.proposal).not.toBeNull();
    expect(curatorView.questions[0]!.suggestions).toHaveLength(4);
  });

  it("hides records accepted automatically from annotators, but not from curators", async () => {
    const { workspace, datasetId } = await routedDataset();
    const auto = await db.record.findFirstOrThrow({ where: { datasetId, routingDecision: "auto" } });
    await expect(getRecord(workspace.annotators[0]!, auto.id)).rejects.toBeInstanceOf(NotFoundError);
    const seen = await getRecord(workspace.curator, auto.id);
    expect(seen.routingDecision).toBe("auto");
    expect(seen.metadata).toEqual([{ name: "source", title: "Source", value: "test" }]);
    expect(seen.responses).toEqual([]);
  });

  it("never hands one record to two annotators at once", async () => {
    const { workspace, datasetId } = await routedDataset(5, 30);
    const claimed = await Promise.all(workspace.annotators.map((annotator) => claimNext(annotator, datasetId)));
    const ids = claimed.filter((id): id is string => id !== null);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it("claims the next record while the current one's answer is being saved, keeping the current one held", async () => {
    const { workspace, datasetId } = await routedDataset();
    const [annotator, other] = workspace.annotators as [typeof workspace.curator, typeof workspace.curator];
    const current = (await claimNext(annotator, datasetId))!;
    const next = await claimNext(annotator, datasetId, [], [current]);
    expect(next).not.toBeNull();
    expect(next).not.toBe(current);
    // Unlike a skip, the excluded record keeps its lease: nobody else is handed it while its answer is on its way.
    const held = await db.record.findUniqueOrThrow({ where: { id: current } });
    expect(held.leaseUserId).toBe(annotator.userId);
    const othersClaim = await claimNext(other, datasetId);
    expect([current, next]).not.toContain(othersClaim);
    // Once the answer is saved, the claimed record is the one served (it is held).
    await saveResponse(annotator, current, { status: "submitted", values: { sentiment: "pos" } });
    expect(await claimNext(annotator, datasetId)).toBe(next);
  });

  it("holds one record claimed ahead beside the current one: a reload hands back the current one, then the one ahead", async () => {
    const { workspace, datasetId } = await routedDataset();
    const [annotator, other] = workspace.annotators as [typeof workspace.curator, typeof workspace.curator];
    const current = (await claimNext(annotator, datasetId))!;
    const ahead = (await claimNext(annotator, datasetId, [], [current]))!;
    expect(ahead).not.toBe(current);
    // A reload asks without exclusions: the record she was working on comes back, not the one claimed ahead.
    expect(await claimNext(annotator, datasetId)).toBe(current);
    // Claiming ahead again (as the page does after the reload) hands back the same record ahead: both are still hers.
    expect(await claimNext(annotator, datasetId, [], [current])).toBe(ahead);
    expect(await claimNext(other, datasetId)).not.toBeOneOf([current, ahead]);
    // Her answer to the current one is saved in the background while she works on the one ahead: her lease allows it.
    await saveResponse(annotator, current, { status: "submitted", values: { sentiment: "pos" } });
    expect(await claimNext(annotator, datasetId)).toBe(ahead);
  });

  it("applies a submit once however often it is retried, then serves the next record", async () => {
    const { workspace, datasetId } = await routedDataset();
    const annotator = workspace.annotators[0]!;
    const recordId = (await claimNext(annotator, datasetId))!;
    const submit = { status: "submitted", values: { sentiment: "neg" }, timeSpentMs: 1200 };
    const results = await Promise.all([saveResponse(annotator, recordId, submit), saveResponse(annotator, recordId, submit)]);
    expect(results.map((result) => result.submittedCount)).toEqual([1, 1]);
    const record = await db.record.findUniqueOrThrow({ where: { id: recordId } });
    expect(record.submittedCount).toBe(1);
    expect(record.leaseUserId).toBeNull();
    const final = await db.finalValue.findFirstOrThrow({ where: { recordId } });
    expect(final).toMatchObject({ value: "neg", provenance: "human" });
    const next = await claimNext(annotator, datasetId);
    expect(next).not.toBe(recordId);
    expect(await queueCounts(annotator, datasetId)).toEqual({ remainingForMe: 2, submittedByMe: 1 });
    // The other annotator is not served the completed record either.
    const other = await claimNext(workspace.annotators[1]!, datasetId);
    expect([recordId, next]).not.toContain(other);
  });

  it("refuses a submit that misses a required question or picks an unknown option", async () => {
    const { workspace, datasetId } = await routedDataset();
    const annotator = workspace.annotators[0]!;
    const recordId = (await claimNext(annotator, datasetId))!;
    const missing = (await saveResponse(annotator, recordId, { status: "submitted", values: {} }).catch((e: unknown) => e)) as ValidationError;
    expect(missing).toBeInstanceOf(ValidationError);
    expect(missing.details[0]).toMatchObject({ where: "values.sentiment" });
    const unknown = (await saveResponse(annotator, recordId, { status: "submitted", values: { sentiment: "meh" } }).catch(
      (e: unknown) => e,
    )) as ValidationError;
    expect(unknown.details[0]?.message).toMatch(/meh|option/);
    expect(await db.response.count({ where: { recordId } })).toBe(0);
  });

  it("keeps a draft without counting it, and needs minSubmitted responses before a final value", async () => {
    const { workspace, datasetId } = await routedDataset(2, 10, 2);
    const [first, second] = workspace.annotators as [typeof workspace.annotators[0], typeof workspace.annotators[0]];
    const recordId = (await claimNext(first!, datasetId))!;
    await saveResponse(first!, recordId, { status: "draft", values: { sentiment: "pos" } });
    expect((await db.record.findUniqueOrThrow({ where: { id: recordId } })).submittedCount).toBe(0);
    await saveResponse(first!, recordId, { status: "submitted", values: { sentiment: "pos" } });
    expect(await db.finalValue.count({ where: { recordId } })).toBe(0);
    // The second annotator now gets the same record (it needs two responses), and agreeing completes it.
    expect(await claimNext(second!, datasetId)).toBe(recordId);
    await saveResponse(second!, recordId, { status: "submitted", values: { sentiment: "pos" } });
    // Both confirmed the proposal ("pos") they were shown: the consensus is theirs only as a confirmation (issue 13).
    expect(await db.finalValue.findFirstOrThrow({ where: { recordId } })).toMatchObject({ value: "pos", provenance: "human_confirmed" });
  });

  it("skipping hands the record back and serves the next one", async () => {
    const { workspace, datasetId } = await routedDataset();
    const annotator = workspace.annotators[0]!;
    const first = (await claimNext(annotator, datasetId))!;
    const second = await claimNext(annotator, datasetId, [first]);
    expect(second).not.toBe(first);
    expect((await db.record.findUniqueOrThrow({ where: { id: first } })).leaseUserId).toBeNull();
    expect(await claimNext(workspace.annotators[1]!, datasetId)).toBe(first);
  });
});
