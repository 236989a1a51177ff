import { describe, expect, it } from "vitest";
import { db, pool } from "@/lib/server/db/client";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { assignRecords } from "@/lib/server/services/assignments";
import { listBulkRecords } from "@/lib/server/services/bulk-records";
import { submitBulkResponses } from "@/lib/server/services/bulk-responses";
import { claimNext } from "@/lib/server/services/queue";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { listRecords, listRecordsQuerySchema } from "@/lib/server/services/records";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace, sentimentRecords, sentimentSettings, type TestWorkspace } from "./fixtures";

/**
 * Every record goes to humans, and every one proposes "pos" (see sentimentRecords): r-0000, r-0003, r-0006, r-0009
 * unanimously (uncertainty 0); r-0001, r-0004, r-0007, r-0010 2 vs 1 (0.92); the rest are 2 vs 2 splits (1).
 */
async function bulkDataset(options: { blind?: boolean; minSubmitted?: number; withTopic?: boolean } = {}) {
  const workspace = await createTestWorkspace(2);
  const questions = [...sentimentSettings.questions];
  // A required question that only the records of even number have suggestions (so a proposal) for.
  if (options.withTopic) {
    questions.push({ name: "topic", title: "Topic", type: "label", required: true, settings: { options: [{ value: "food" }, { value: "travel" }] } });
  }
  const { id } = await createSentimentDataset(workspace, {
    questions,
    distribution: { minSubmitted: options.minSubmitted ?? 1, blind: options.blind ?? false },
    routing: { policy: "all_human" },
  });
  let ndjson = sentimentRecords(12);
  if (options.withTopic) {
    ndjson = ndjson
      .split("\n")
      .map((line, index) => {
        const record = JSON.parse(line) as { suggestions: unknown[] };
        if (index % 2 === 0) record.suggestions.push({ question: "topic", agent: "agent-0", value: "food" });
        return JSON.stringify(record);
      })
      .join("\n");
  }
  await importRecords(workspace.curator, id, ndjson);
  await recomputeDataset(id);
  return { workspace, datasetId: id };
}

function annotatorsOf(workspace: TestWorkspace) {
  return workspace.annotators as [TestWorkspace["curator"], TestWorkspace["curator"]];
}

async function recordsOf(datasetId: string) {
  return db.record.findMany({ where: { datasetId }, orderBy: { importOrder: "asc" }, include: { finalValues: true, responses: true } });
}

async function idOf(datasetId: string, externalId: string): Promise<string> {
  return (await db.record.findFirstOrThrow({ where: { datasetId, externalId } })).id;
}

async function validationDetails(promise: Promise<unknown>): Promise<{ where?: string; message: string }[]> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).details;
}

describe("bulk responses", () => {
  it("accepts the proposals of the records matching a filter: responses, counts, final values, assignments", async () => {
    const { workspace, datasetId } = await bulkDataset();
    const [maria, kwame] = annotatorsOf(workspace);
    // r-0003 is reserved for Kwame: never Maria's, even though it matches her filter.
    await assignRecords(workspace.curator, datasetId, { action: "assign", userIds: [kwame.userId], recordIds: [await idOf(datasetId, "r-0003")] });
    const filter = { proposal: { question: "sentiment", value: "pos" }, uncertaintyMax: 0.95 };
    const page = await listBulkRecords(maria, datasetId, filter, { page: 1, pageSize: 25 });
    // Every record proposes "pos"; the 2-vs-2 splits are fully uncertain (1), above the filter's 0.95.
    const matching = ["r-0000", "r-0001", "r-0004", "r-0006", "r-0007", "r-0009", "r-0010"];
    expect(page.records.map((record) => record.externalId).sort()).toEqual(matching);
    expect(page.total).toBe(7);
    expect(page.records.every((record) => record.proposals[0]?.value === "pos")).toBe(true);

    const result = await submitBulkResponses(maria, datasetId, { action: "accept_proposals", filter });
    expect(result).toEqual({ submitted: 7, skipped: [] });
    const records = await recordsOf(datasetId);
    for (const record of records) {
      const answered = matching.includes(record.externalId);
      expect(record.submittedCount, record.externalId).toBe(answered ? 1 : 0);
      expect(record.responses.filter((response) => response.userId === maria.userId).length, record.externalId).toBe(answered ? 1 : 0);
      if (answered) {
        expect(record.responses[0]).toMatchObject({ status: "submitted", values: { sentiment: "pos" }, timeSpentMs: 0 });
        // Accepted proposals are confirmations: the final value says so (issue 13).
        expect(record.finalValues.map((value) => [value.provenance, value.value])).toEqual([["human_confirmed", "pos"]]);
      }
    }
    // Nothing is left for Maria under that filter; the same call again submits nothing.
    expect((await listBulkRecords(maria, datasetId, filter, { page: 1, pageSize: 25 })).total).toBe(0);
    expect(await submitBulkResponses(maria, datasetId, { action: "accept_proposals", filter })).toEqual({ submitted: 0, skipped: [] });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "dataset.responses.bulk", targetId: datasetId } });
    expect(audit.details).toEqual({ action: "accept_proposals", submitted: 7, skipped: 0 });
  });

  it("skips, by id, records that are not the annotator's: assigned to others, held, answered, complete", async () => {
    const { workspace, datasetId } = await bulkDataset();
    const [maria, kwame] = annotatorsOf(workspace);
    const [assigned, held, answered, open] = await Promise.all(["r-0000", "r-0001", "r-0003", "r-0004"].map((id) => idOf(datasetId, id)));
    await assignRecords(workspace.curator, datasetId, { action: "assign", userIds: [kwame.userId], recordIds: [assigned!] });
    // Kwame's claim leases his assigned record first: take it back, then lease r-0001 for him.
    await saveResponse(kwame, assigned!, { status: "draft", values: {} });
    await pool().query(`UPDATE "Record" SET "leaseUserId" = $2, "leaseExpiresAt" = now() + interval '5 minutes' WHERE id = $1`, [held, kwame.userId]);
    await saveResponse(maria, answered!, { status: "submitted", values: { sentiment: "neg" } });
    const result = await submitBulkResponses(maria, datasetId, {
      action: "apply",
      values: { sentiment: "neg" },
      recordIds: [assigned, held, answered, open, "00000000-0000-4000-8000-000000000000"],
    });
    expect(result.submitted).toBe(1);
    expect(result.skipped).toEqual([
      { externalId: "00000000-0000-4000-8000-000000000000", reason: "not a record of this dataset" },
      { externalId: "r-0000", reason: "assigned to someone else" },
      { externalId: "r-0001", reason: "someone else is annotating it" },
      { externalId: "r-0003", reason: "you already answered it" },
    ]);
    const written = await db.response.findMany({ where: { userId: maria.userId, record: { datasetId } } });
    expect(written.map((response) => response.values)).toEqual([{ sentiment: "neg" }, { sentiment: "neg" }]);
    // Applying one answer completes r-0004 with a human final value.
    expect((await db.finalValue.findMany({ where: { recordId: open } })).map((value) => value.value)).toEqual(["neg"]);
    expect(await claimNext(maria, datasetId)).not.toBe(open);
  });

  it("skips a record lacking a proposal for a required question, and writes nothing half", async () => {
    const { workspace, datasetId } = await bulkDataset({ withTopic: true });
    const [maria] = annotatorsOf(workspace);
    const result = await submitBulkResponses(maria, datasetId, { action: "accept_proposals", filter: { q: "number" } });
    // Only the records of even number have a topic proposal.
    expect(result.skipped).toEqual(
      ["r-0001", "r-0003", "r-0005", "r-0007", "r-0009", "r-0011"].map((externalId) => ({
        externalId,
        reason: 'no proposal for the required question "Topic"',
      })),
    );
    expect(result.submitted).toBe(6);
    const responses = await db.response.findMany({ where: { userId: maria.userId, record: { datasetId } }, include: { record: true } });
    expect(responses.map((response) => [response.record.externalId, response.values]).sort()).toEqual([
      ["r-0000", { sentiment: "pos", topic: "food" }],
      ["r-0002", { sentiment: "pos", topic: "food" }],
      ["r-0004", { sentiment: "pos", topic: "food" }],
      ["r-0006", { sentiment: "pos", topic: "food" }],
      ["r-0008", { sentiment: "pos", topic: "food" }],
      ["r-0010", { sentiment: "pos", topic: "food" }],
    ]);
  });

  it("skips a record another annotator completes while the bulk write waits for its lock", async () => {
    const { workspace, datasetId } = await bulkDataset();
    const [maria, kwame] = annotatorsOf(workspace);
    const contested = await idOf(datasetId, "r-0004");
    // Kwame's submit is in flight: it holds the record's lock when Maria's bulk write starts.
    const kwameClient = await pool().connect();
    try {
      await kwameClient.query("BEGIN");
      await kwameClient.query(`SELECT 1 FROM "Record" WHERE id = $1 FOR UPDATE`, [contested]);
      const bulk = submitBulkResponses(maria, datasetId, { action: "apply", values: { sentiment: "pos" }, filter: { q: "number" } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await kwameClient.query(
        `INSERT INTO "Response" ("recordId", "userId", values, status, "submittedAt") VALUES ($1, $2, '{"sentiment":"neg"}', 'submitted', now())`,
        [contested, kwame.userId],
      );
      await kwameClient.query(`UPDATE "Record" SET "submittedCount" = 1 WHERE id = $1`, [contested]);
      await kwameClient.query("COMMIT");
      const result = await bulk;
      expect(result).toEqual({ submitted: 11, skipped: [{ externalId: "r-0004", reason: "already has the responses it needs" }] });
    } finally {
      kwameClient.release();
    }
    const record = await db.record.findUniqueOrThrow({ where: { id: contested }, include: { responses: true } });
    expect(record.submittedCount).toBe(1);
    expect(record.responses.map((response) => response.userId)).toEqual([kwame.userId]);
  });

  it("validates the answer to apply, naming values.<question>", async () => {
    const { workspace, datasetId } = await bulkDataset();
    const [maria] = annotatorsOf(workspace);
    expect(await validationDetails(submitBulkResponses(maria, datasetId, { action: "apply", values: { sentiment: "meh" }, filter: {} }))).toEqual([
      { where: "values.sentiment", message: expect.any(String) },
    ]);
    expect(await validationDetails(submitBulkResponses(maria, datasetId, { action: "apply", values: {}, filter: {} }))).toEqual([
      { where: "values.sentiment", message: '"Sentiment" is required to submit' },
    ]);
    expect(await validationDetails(submitBulkResponses(maria, datasetId, { action: "apply", filter: {} }))).toEqual([
      { where: "values", message: "give the answer to apply" },
    ]);
    expect(await validationDetails(submitBulkResponses(maria, datasetId, { action: "accept_proposals" }))).toEqual([
      { where: "recordIds", message: "give either recordIds or filter (not both)" },
    ]);
    expect(
      await validationDetails(submitBulkResponses(maria, datasetId, { action: "accept_proposals", filter: { proposal: { question: "mood", value: "x" } } })),
    ).toEqual([{ where: "proposal.question", message: "unknown question (the dataset has sentiment)" }]);
    expect(await db.response.count({ where: { record: { datasetId } } })).toBe(0);
  });

  it("refuses to accept proposals in blind mode, and shows no proposals there", async () => {
    const { workspace, datasetId } = await bulkDataset({ blind: true });
    const [maria] = annotatorsOf(workspace);
    expect(await validationDetails(submitBulkResponses(maria, datasetId, { action: "accept_proposals", filter: {} }))).toEqual([
      { where: "action", message: "blind mode: apply one answer instead of accepting proposals" },
    ]);
    expect(
      await validationDetails(listBulkRecords(maria, datasetId, { proposal: { question: "sentiment", value: "pos" } }, { page: 1, pageSize: 25 })),
    ).toEqual([{ where: "proposal", message: "the dataset is in blind mode: annotators see no proposals" }]);
    const page = await listBulkRecords(maria, datasetId, {}, { page: 1, pageSize: 25 });
    expect(page).toMatchObject({ blind: true, showsUncertainty: false, total: 12, proposalValues: [] });
    expect(page.records.every((record) => record.proposals.length === 0 && record.uncertainty === null)).toBe(true);
    expect(await submitBulkResponses(maria, datasetId, { action: "apply", values: { sentiment: "neg" }, filter: {} })).toEqual({ submitted: 12, skipped: [] });
  });

  // Every role annotates (records.annotate), so no member is refused with 403; other workspaces answer 404.
  it("answers 404 to other workspaces", async () => {
    const { datasetId } = await bulkDataset();
    const stranger = annotatorsOf(await createTestWorkspace(1))[0];
    await expect(submitBulkResponses(stranger, datasetId, { action: "accept_proposals", filter: {} })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listBulkRecords(stranger, datasetId, {}, { page: 1, pageSize: 25 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets annotators filter only on what they may see: not on metadata hidden from them", async () => {
    const { workspace, datasetId } = await bulkDataset();
    const [maria] = annotatorsOf(workspace);
    const bySource = { metadata: [{ name: "source", equals: "test" }] };
    expect(await validationDetails(listBulkRecords(maria, datasetId, bySource, { page: 1, pageSize: 25 }))).toEqual([
      { where: "metadata.source", message: "hidden from annotators" },
    ]);
    // A curator annotating sees every property, so may filter on it.
    expect((await listBulkRecords(workspace.curator, datasetId, bySource, { page: 1, pageSize: 25 })).total).toBe(12);
  });

  it("filters the records list by proposal, from the URL too", async () => {
    const { workspace, datasetId } = await bulkDataset();
    const query = listRecordsQuerySchema.parse({ "proposal.sentiment": "pos", uncertaintyMax: "0.1" });
    expect(query.proposal).toEqual({ question: "sentiment", value: "pos" });
    const page = await listRecords(workspace.curator, datasetId, query);
    expect(page.records.map((record) => record.externalId)).toEqual(["r-0000", "r-0003", "r-0006", "r-0009"]);
    expect(listRecordsQuerySchema.safeParse({ "proposal.sentiment": "pos", "proposal.other": "x" }).success).toBe(false);
  });
});

describe("the bulk view's proposal filter", () => {
  it("offers the values of label questions, never the distinct texts of a free-text question", async () => {
    const workspace = await createTestWorkspace(1);
    const [maria] = workspace.annotators as [TestWorkspace["curator"]];
    const { id: datasetId } = await createSentimentDataset(workspace, {
      questions: [...sentimentSettings.questions, { name: "critique", title: "Critique", type: "text", required: false, settings: {} }],
      routing: { policy: "all_human" },
    });
    // Every record has its own critique proposal: as filter values they would be one option per record.
    const ndjson = sentimentRecords(6)
      .split("\n")
      .map((line, index) => {
        const record = JSON.parse(line) as { suggestions: unknown[] };
        record.suggestions.push({ question: "critique", agent: "agent-0", value: `Critique number ${index}, in its own words` });
        return JSON.stringify(record);
      })
      .join("\n");
    await importRecords(workspace.curator, datasetId, ndjson);
    await recomputeDataset(datasetId);

    const page = await listBulkRecords(maria, datasetId, {}, { page: 1, pageSize: 25 });
    expect(page.total).toBe(6);
    expect(page.proposalValues.map((value) => value.question)).not.toContain("critique");
    expect(page.proposalValues).toEqual([expect.objectContaining({ question: "sentiment", value: "pos", records: 6 })]);
  });
});

