// The queue's rule for writes (lib/server/services/queue-rule.ts): a response (draft, submit, discard), a bulk
// response or a flag reaches only a record that routing sends to people, that is not reserved for others, not held by
// someone else's claim and still needs answers, or a record the writer already answered. Every other record answers
// exactly like a missing one. And an annotator never reads another annotator's answer through a final value.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { db, pool } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import { assignRecords } from "@/lib/server/services/assignments";
import { submitBulkResponses } from "@/lib/server/services/bulk-responses";
import { flagRecord, getMyFlag, unflagRecord } from "@/lib/server/services/flags";
import { claimNext } from "@/lib/server/services/queue";
import { importRecords } from "@/lib/server/services/record-import";
import { getRecord } from "@/lib/server/services/records";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { saveResponse } from "@/lib/server/services/responses";
import { resolveRecord } from "@/lib/server/services/review";
import { createSentimentDataset, createTestWorkspace, sentimentRecords, type TestWorkspace } from "./fixtures";

const HOLES = ["auto-accepted", "reserved for another", "held by another's claim", "already complete"] as const;
type Hole = (typeof HOLES)[number];
const STATUSES = ["draft", "submitted", "discarded"] as const;

/** What an error looks like to an API caller (lib/server/http.ts serialises exactly these). */
async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string; details: unknown }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NotFoundError);
  const { status, code, message, details } = error as NotFoundError;
  return { status, code, message, details };
}

/**
 * A dataset (two answers per record, half of the twelve records routed to people) where maria meets one record per
 * hole: one routing accepted automatically, one reserved for kwame, one lena holds (her claim), one kwame and lena
 * completed. `open` is a record routed to people that nobody holds.
 */
async function holesDataset() {
  const workspace = await createTestWorkspace(3);
  const [maria, kwame, lena] = workspace.annotators as [Actor, Actor, Actor];
  const { id: datasetId } = await createSentimentDataset(workspace, { distribution: { minSubmitted: 2 }, routing: { policy: "budget", humanShare: 0.5 } });
  await importRecords(workspace.curator, datasetId, sentimentRecords(12));
  await recomputeDataset(datasetId);
  const records = await db.record.findMany({ where: { datasetId }, orderBy: { importOrder: "asc" } });
  const auto = records.find((record) => record.routingDecision === "auto")!;
  const reserved = records.find((record) => record.routingDecision === "human")!;
  await assignRecords(workspace.curator, datasetId, { action: "assign", userIds: [kwame.userId], recordIds: [reserved.id] });
  const held = (await claimNext(lena, datasetId))!;
  const people = records.filter((record) => record.routingDecision === "human" && record.id !== reserved.id && record.id !== held);
  const complete = people[0]!.id;
  for (const [who, value] of [[kwame, "pos"], [lena, "pos"]] as const) {
    await saveResponse(who, complete, { status: "submitted", values: { sentiment: value } });
  }
  const ids: Record<Hole, string> = {
    "auto-accepted": auto.id,
    "reserved for another": reserved.id,
    "held by another's claim": held,
    "already complete": complete,
  };
  return { workspace, datasetId, maria, kwame, lena, ids, open: people[1]!.id, externalIdOf: new Map(records.map((r) => [r.id, r.externalId])) };
}

let scene: Awaited<ReturnType<typeof holesDataset>>;

/** The record's state that no refused write may change. */
async function stateOf(recordId: string) {
  const record = await db.record.findUniqueOrThrow({
    where: { id: recordId },
    include: { responses: { orderBy: { createdAt: "asc" } }, finalValues: true, flags: true },
  });
  return {
    submittedCount: record.submittedCount,
    lease: record.leaseUserId,
    responses: record.responses.map((response) => [response.userId, response.status, response.values]),
    finalValues: record.finalValues.map((final) => [final.value, final.provenance]),
    flags: record.flags.map((flag) => flag.userId),
  };
}

beforeAll(async () => {
  scene = await holesDataset();
}, 60_000);

describe("a response only through the queue's rule", () => {
  for (const hole of HOLES) {
    for (const status of STATUSES) {
      it(`refuses a ${status} response to a record ${hole} exactly like a missing record, and writes nothing`, async () => {
        const { maria, ids } = scene;
        const before = await stateOf(ids[hole]);
        const body = { status, values: status === "discarded" ? {} : { sentiment: "neg" } };
        const refused = await failure(saveResponse(maria, ids[hole], body));
        expect(refused).toEqual(await failure(saveResponse(maria, randomUUID(), body)));
        expect(refused).toMatchObject({ status: 404, message: "Record not found." });
        // An invalid body changes nothing: the refusal comes first, so no 400 tells the record apart from a missing one.
        expect(await failure(saveResponse(maria, ids[hole], { status, values: { nope: 1 } }))).toEqual(refused);
        expect(await stateOf(ids[hole])).toEqual(before);
      });
    }
  }

  it("lets curators and admins through the same rule: a response is a human annotation that goes through the queue", async () => {
    const { workspace, ids } = scene;
    for (const actor of [workspace.curator, workspace.admin]) {
      for (const hole of HOLES) {
        await expect(saveResponse(actor, ids[hole], { status: "draft", values: {} }), `${hole}`).rejects.toBeInstanceOf(NotFoundError);
      }
    }
  });
});

describe("flags through the queue's rule", () => {
  for (const hole of HOLES) {
    it(`refuses to flag, unflag or read one's flag on a record ${hole} exactly like a missing record`, async () => {
      const { maria, ids } = scene;
      const before = await stateOf(ids[hole]);
      const refused = await failure(flagRecord(maria, ids[hole], { note: "unclear" }));
      expect(refused).toEqual(await failure(flagRecord(maria, randomUUID(), { note: "unclear" })));
      expect(await failure(unflagRecord(maria, ids[hole]))).toEqual(refused);
      expect(await failure(getMyFlag(maria, ids[hole]))).toEqual(refused);
      expect(await stateOf(ids[hole])).toEqual(before);
    });
  }

  it("flags a record one may be served, one answered (complete since), and withdraws it", async () => {
    const { lena, ids, open } = scene;
    expect(await flagRecord(lena, open, { note: "offensive" })).toMatchObject({ flagged: true, note: "offensive" });
    // Lena answered the complete record, and holds her claim.
    expect(await flagRecord(lena, ids["already complete"], {})).toMatchObject({ flagged: true });
    expect(await flagRecord(lena, ids["held by another's claim"], {})).toMatchObject({ flagged: true });
    for (const recordId of [open, ids["already complete"], ids["held by another's claim"]]) {
      expect(await getMyFlag(lena, recordId)).toMatchObject({ flagged: true });
      expect(await unflagRecord(lena, recordId)).toMatchObject({ flagged: false });
      expect(await getMyFlag(lena, recordId)).toMatchObject({ flagged: false });
    }
  });
});

describe("bulk responses through the queue's rule", () => {
  it("skips every record that fails the rule; one that does not exist for an annotator is reported like a missing id", async () => {
    const { maria, datasetId, ids, open, externalIdOf } = scene;
    const missing = randomUUID();
    const result = await submitBulkResponses(maria, datasetId, {
      action: "apply",
      values: { sentiment: "neg" },
      recordIds: [ids["auto-accepted"], ids["reserved for another"], ids["held by another's claim"], ids["already complete"], open, missing],
    });
    expect(result.submitted).toBe(1);
    // An auto-accepted record answers 404 to an annotator everywhere else (GET /records/{id}): no external id, no
    // reason that would tell it from an id that does not exist.
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        { externalId: ids["auto-accepted"], reason: "not a record of this dataset" },
        { externalId: missing, reason: "not a record of this dataset" },
        { externalId: externalIdOf.get(ids["reserved for another"]), reason: "assigned to someone else" },
        { externalId: externalIdOf.get(ids["held by another's claim"]), reason: "someone else is annotating it" },
        { externalId: externalIdOf.get(ids["already complete"]), reason: "already has the responses it needs" },
      ]),
    );
    expect(result.skipped).toHaveLength(5);
    const written = await db.response.findMany({ where: { userId: maria.userId, record: { datasetId } } });
    expect(written.map((response) => response.recordId)).toEqual([open]);
    // A curator, who browses every record, is told why.
    const curator = await submitBulkResponses(scene.workspace.curator, datasetId, {
      action: "apply",
      values: { sentiment: "neg" },
      recordIds: [ids["auto-accepted"]],
    });
    expect(curator).toEqual({ submitted: 0, skipped: [{ externalId: externalIdOf.get(ids["auto-accepted"]), reason: "not routed to humans" }] });
  });
});

describe("what the rule still allows", () => {
  it("answers one's own claim, an audit record, and changes one's own answer until a curator resolves the record", async () => {
    const workspace = await createTestWorkspace(2);
    const [maria, kwame] = workspace.annotators as [Actor, Actor];
    const { id: datasetId } = await createSentimentDataset(workspace, { distribution: { minSubmitted: 2 } });
    await importRecords(workspace.curator, datasetId, sentimentRecords(10));
    await recomputeDataset(datasetId);
    const mine = (await claimNext(maria, datasetId))!;
    expect(await saveResponse(maria, mine, { status: "draft", values: { sentiment: "pos" } })).toMatchObject({ status: "draft", submittedCount: 0 });
    expect(await saveResponse(maria, mine, { status: "submitted", values: { sentiment: "pos" } })).toMatchObject({ submittedCount: 1 });
    expect(await saveResponse(kwame, mine, { status: "submitted", values: { sentiment: "pos" } })).toMatchObject({ submittedCount: 2 });
    // Complete now: maria may still change her own answer (and take it back as a draft), kwame's stays.
    expect(await saveResponse(maria, mine, { status: "submitted", values: { sentiment: "neg" } })).toMatchObject({ submittedCount: 2 });
    expect(await saveResponse(maria, mine, { status: "draft", values: { sentiment: "neg" } })).toMatchObject({ submittedCount: 1 });
    expect(await saveResponse(maria, mine, { status: "submitted", values: { sentiment: "pos" } })).toMatchObject({ submittedCount: 2 });
    // A curator's resolution is final: no more changes to the answers.
    await resolveRecord(workspace.curator, mine, { values: { sentiment: "pos" } });
    await expect(saveResponse(maria, mine, { status: "submitted", values: { sentiment: "neg" } })).rejects.toBeInstanceOf(NotFoundError);

    // An audit record (accepted, sampled for a human check) is sent to people too.
    const audit = await db.record.findFirstOrThrow({ where: { datasetId, routingDecision: "auto" } });
    await pool().query(`UPDATE "Record" SET "routingDecision" = 'audit' WHERE id = $1`, [audit.id]);
    expect(await saveResponse(kwame, audit.id, { status: "submitted", values: { sentiment: "pos" } })).toMatchObject({ submittedCount: 1 });
  });

  it("lets only one of two concurrent submits complete a record that needs one more answer", async () => {
    const workspace: TestWorkspace = await createTestWorkspace(2);
    const [maria, kwame] = workspace.annotators as [Actor, Actor];
    const { id: datasetId } = await createSentimentDataset(workspace, { routing: { policy: "all_human" } });
    await importRecords(workspace.curator, datasetId, sentimentRecords(4));
    await recomputeDataset(datasetId);
    const records = await db.record.findMany({ where: { datasetId }, orderBy: { importOrder: "asc" } });
    for (const record of records) {
      const outcomes = await Promise.allSettled([
        saveResponse(maria, record.id, { status: "submitted", values: { sentiment: "pos" } }),
        saveResponse(kwame, record.id, { status: "submitted", values: { sentiment: "neg" } }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(NotFoundError);
      const after = await db.record.findUniqueOrThrow({ where: { id: record.id }, include: { finalValues: true } });
      // One answer for one required: no tie, a final value.
      expect(after.submittedCount).toBe(1);
      expect(after.finalValues).toHaveLength(1);
    }
  });
});

describe("final values an annotator reads", () => {
  it("never show another annotator's answer (human or curator), and show an accepted proposal only when not blind", async () => {
    const workspace = await createTestWorkspace(2);
    const [maria, kwame] = workspace.annotators as [Actor, Actor];
    const { id: datasetId } = await createSentimentDataset(workspace, {
      distribution: { minSubmitted: 1 },
      routing: { policy: "budget", humanShare: 0.5, auditRate: 1 },
    });
    await importRecords(workspace.curator, datasetId, sentimentRecords(6));
    await recomputeDataset(datasetId);
    const [answered, curated] = await db.record.findMany({ where: { datasetId, routingDecision: "human" }, orderBy: { importOrder: "asc" } });
    await saveResponse(kwame, answered!.id, { status: "submitted", values: { sentiment: "neg" } });
    await resolveRecord(workspace.curator, curated!.id, { values: { sentiment: "neg" } });
    for (const record of [answered!, curated!]) {
      const asCurator = await getRecord(workspace.curator, record.id);
      expect(asCurator.questions[0]!.finalValue).toMatchObject({ value: "neg" });
      const asMaria = await getRecord(maria, record.id);
      expect(asMaria.questions[0]!.finalValue).toBeNull();
    }
    // The audit sample's accepted proposal (provenance llm) is what the LLMs said: shown, except in blind mode.
    const audit = await db.record.findFirstOrThrow({ where: { datasetId, routingDecision: "audit" } });
    expect((await getRecord(maria, audit.id)).questions[0]!.finalValue).toMatchObject({ value: "pos", provenance: "llm" });
    await pool().query(`UPDATE "Dataset" SET distribution = '{"minSubmitted": 1, "blind": true}' WHERE id = $1`, [datasetId]);
    expect((await getRecord(maria, audit.id)).questions[0]!.finalValue).toBeNull();
  });
});
