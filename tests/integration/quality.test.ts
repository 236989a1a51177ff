import { describe, expect, it } from "vitest";
import { questionQuality, wilsonInterval, type QualityItem } from "@/lib/quality";
import { db, pool } from "@/lib/server/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { datasetQuality } from "@/lib/server/services/quality";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace, sentimentRecords, sentimentSettings } from "./fixtures";

// Seven records whose proposals are all "pos" (fixtures.sentimentRecords): uncertainties 0, 0.918, 1 repeating.
// Human answers: r0 pos, r1 neg (two annotators), r2 neg, r3 pos, r4 pos, r5 neg from an annotator but a curator
// resolved it as pos (the curator wins), r6 none. Every answered record is complete (one response needed, two for r1), so
// each has a human consensus. The LLM agrees on r0, r3, r4, r5: 4 of 6.
async function setUp() {
  const workspace = await createTestWorkspace(2);
  const { id } = await createSentimentDataset(workspace, {
    questions: [
      ...sentimentSettings.questions!,
      { name: "comment", title: "Comment", type: "text", required: false, settings: {} },
    ],
    // People answer every record first (the queue's rule); the routing under test is set below.
    routing: { policy: "all_human" },
  });
  await importRecords(workspace.curator, id, sentimentRecords(7));
  await recomputeDataset(id);
  const records = await db.record.findMany({ where: { datasetId: id }, orderBy: { importOrder: "asc" } });
  // r1 asks two people (as adaptive overlap would).
  await pool().query(`UPDATE "Record" SET "requiredResponses" = 2 WHERE id = $1`, [records[1]!.id]);
  const [a0, a1] = workspace.annotators as [(typeof workspace.annotators)[0], (typeof workspace.annotators)[0]];
  const answer = (annotator: typeof a0, index: number, value: string, comment?: string) =>
    saveResponse(annotator, records[index]!.id, { status: "submitted", values: { sentiment: value, ...(comment ? { comment } : {}) } });
  await answer(a0, 0, "pos", "fine");
  await answer(a0, 1, "neg");
  await answer(a1, 1, "neg");
  await answer(a0, 2, "neg");
  await answer(a0, 3, "pos");
  await answer(a0, 4, "pos");
  await answer(a0, 5, "neg");
  const question = await db.question.findFirstOrThrow({ where: { datasetId: id, name: "sentiment" } });
  await db.finalValue.upsert({
    where: { recordId_questionId: { recordId: records[5]!.id, questionId: question.id } },
    create: { recordId: records[5]!.id, questionId: question.id, value: "pos", provenance: "curator", resolvedById: workspace.curator.userId },
    update: { value: "pos", provenance: "curator", resolvedById: workspace.curator.userId },
  });
  // The audit sample: r0 (agrees), r1 (disagrees) and r6 (no human answer yet); the others accepted or human.
  await pool().query(
    `UPDATE "Record" SET "routingDecision" = CASE WHEN "importOrder" IN ($2, $3, $4) THEN 'audit'::"RoutingDecision"
       WHEN "importOrder" IN ($5, $6) THEN 'human'::"RoutingDecision" ELSE 'auto'::"RoutingDecision" END
     WHERE "datasetId" = $1`,
    [id, records[0]!.importOrder, records[1]!.importOrder, records[6]!.importOrder, records[2]!.importOrder, records[5]!.importOrder],
  );
  return { workspace, id, records };
}

describe("dataset quality", () => {
  it("measures the proposals against the human answers exactly as questionQuality does, and as computed by hand", async () => {
    const { workspace, id, records } = await setUp();
    const quality = await datasetQuality(workspace.curator, id, { target: "0.95" });

    expect(quality.records).toEqual({ total: 7, withProposal: 7, withHumanAnswer: 6, withConsensus: 6, measured: 6, accepted: 5, audited: 3 });
    // The dataset's method (the default, auto) first; every record has several votes, so it measures vote entropy.
    expect(quality.estimators).toEqual(["auto", "vote_entropy"]);
    expect(quality.method).toBe("auto");
    expect(quality.target).toBe(0.95);
    const [sentiment, comment] = quality.questions;
    expect(comment).toMatchObject({ name: "comment", type: "text", quality: null, audit: null });
    expect(comment!.skipped).toMatch(/free-text/i);
    expect(sentiment!.skipped).toBeNull();
    const q = sentiment!.quality!;

    // The same items, built by hand: the app's own record uncertainties (0, 0.918…, 1 repeating), proposals all pos.
    const u = records.map((r) => r.uncertainty!);
    expect(u[0]).toBe(0);
    expect(u[1]).toBeCloseTo(-(2 / 3) * Math.log2(2 / 3) - (1 / 3) * Math.log2(1 / 3), 12);
    expect(u[2]).toBe(1);
    const references = ["pos", "neg", "neg", "pos", "pos", "pos"];
    const items: QualityItem[] = references.map((reference, i) => ({
      id: records[i]!.id,
      importOrder: records[i]!.importOrder,
      proposal: "pos",
      uncertainty: { auto: u[i]!, vote_entropy: u[i]! },
      reference,
    }));
    expect(q).toEqual(questionQuality(items, { target: 0.95, seed: quality.seed, estimators: ["auto", "vote_entropy"] }));

    // By hand: 4 of 6 agree.
    expect(q.n).toBe(6);
    expect(q.llm.accuracy).toEqual({ successes: 4, n: 6, value: 4 / 6, interval: wilsonInterval(4, 6) });
    // Calibration: bin 0 holds r0 and r3 (both agree); bin 9 holds r1, r2, r4, r5 (r4 and r5 agree); the rest empty.
    const bins = q.calibration[0]!.bins;
    expect(bins[0]!.agreement).toMatchObject({ successes: 2, n: 2 });
    expect(bins[9]!.agreement).toMatchObject({ successes: 2, n: 4 });
    expect(bins.slice(1, 9).every((b) => b.agreement.n === 0 && b.agreement.interval === null)).toBe(true);
    // Frontier (vote entropy): at 0 % the LLM alone; at 50 % the 3 most uncertain (r2, r5 at 1, then r1) go to humans
    // and every wrong proposal is fixed.
    const entropy = q.frontier.find((c) => c.policy.name === "budget:vote_entropy")!;
    expect(entropy.points[0]!.accuracy.value).toBeCloseTo(4 / 6, 12);
    expect(entropy.points[5]).toMatchObject({ share: 0.5, humans: 3, n: 6, accuracy: { successes: 6, n: 6, value: 1 } });
    expect(q.frontier.map((c) => c.policy.name)).toEqual(["budget:auto", "budget:vote_entropy", "random"]);
    // Threshold advice for 95 %: only t = 0 (4 records above it to humans) fixes r1 and r2.
    expect(q.advice[0]).toMatchObject({ reached: true, threshold: 0, humans: 4, n: 6, humanShare: 4 / 6 });
    // Audit: r0 agrees, r1 does not, r6 has no human answer yet: 1 of 2.
    expect(sentiment!.audit).toEqual({ accepted: 5, audited: 3, accuracy: { successes: 1, n: 2, value: 0.5, interval: wilsonInterval(1, 2) } });

    // One question only; the advice follows the target.
    const one = await datasetQuality(workspace.admin, id, { question: "sentiment", target: "0.8" });
    expect(one.questions.map((x) => x.name)).toEqual(["sentiment"]);
    expect(one.questions[0]!.quality!.advice[0]).toMatchObject({ reached: true, humans: 2, humanShare: 2 / 6 });
  });

  it("says nothing is measured yet before human answers, names bad parameters, refuses annotators, hides other workspaces", async () => {
    const workspace = await createTestWorkspace(1);
    const { id } = await createSentimentDataset(workspace);
    await importRecords(workspace.curator, id, sentimentRecords(3));
    await recomputeDataset(id);
    const empty = await datasetQuality(workspace.curator, id);
    expect(empty.target).toBe(0.95);
    expect(empty.records).toMatchObject({ total: 3, withProposal: 3, withHumanAnswer: 0, measured: 0 });
    expect(empty.questions[0]!.quality!.n).toBe(0);
    expect(empty.questions[0]!.quality!.llm.accuracy.value).toBeNull();

    for (const [query, where] of [
      [{ target: "1.5" }, "target"],
      [{ target: "abc" }, "target"],
      [{ question: "nope" }, "question"],
    ] as const) {
      const error = (await datasetQuality(workspace.curator, id, query).catch((e: unknown) => e)) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.details.map((d) => d.where)).toContain(where);
    }
    await expect(datasetQuality(workspace.annotators[0]!, id)).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createTestWorkspace(0);
    await expect(datasetQuality(other.curator, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(datasetQuality(workspace.curator, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
  });
});
