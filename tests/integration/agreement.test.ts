import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { krippendorffAlpha, type RatedUnit } from "@/lib/quality/agreement";
import { wilsonInterval } from "@/lib/quality";
import { db, pool } from "@/lib/server/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { agreementAnswer, datasetAgreement } from "@/lib/server/services/agreement";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace, sentimentRecords, sentimentSettings } from "./fixtures";

// Three annotators (A, B, C) on six records. Sentiment (nominal) and a 1..5 quality rating (ordinal):
//
//   record  A    B    C   | consensus (final value)   | LLM proposal | rating A B C
//   r0      pos  pos  pos | pos (human)               | pos          | 1 2 1
//   r1      pos  pos  neg | pos (human)               | pos          | 5 5 4
//   r2      neg  neg  neg | neg (human)               | pos          | 3 3 3
//   r3      neg  neg  pos | neg (human)               | pos          | 2 1 2
//   r4      pos  neg  pos | pos (human)               | pos          | 4 5 4
//   r5      neg  neg  neg | pos (a curator's ruling)  | pos          | 1 1 5
//
// Fleiss' kappa (m = 3, N = 6): P_i = (Σ n_ic² − 3) / 6 → 1, 1/3, 1, 1/3, 1/3, 1; P̄ = 4/6 = 2/3.
//   Category totals pos 8, neg 10 of 18: P̄e = (8/18)² + (10/18)² = 41/81. κ = (2/3 − 41/81) / (1 − 41/81) = 13/40.
// Cohen's kappa, A–B: agree on 5 of 6 (po = 5/6); A has 3 pos 3 neg, B 2 pos 4 neg: pe = (3·2 + 3·4)/36 = 1/2;
//   κ = (5/6 − 1/2)/(1/2) = 2/3. A–C: po = 4/6, C 3/3: pe = 1/2, κ = 1/3. B–C: po = 3/6, pe = 1/2, κ = 0.
// Krippendorff's alpha (nominal): ordered pairs weighted 1/(m − 1) = 1/2 give o_pp = 3+1+1 = 5, o_nn = 3+1+3 = 7,
//   o_pn = o_np = 3; n_pos = 8, n_neg = 10, n = 18: α = 1 − 17·(3 + 3) / (8·10·2) = 1 − 102/160 = 29/80.
// With the consensus: A 5/6 (all but r5), B 4/6 (r4, r5 differ), C 3/6 (r1, r3, r5 differ).
// With the LLM (always pos): A 3/6 (r0, r1, r4), B 2/6 (r0, r1), C 3/6 (r0, r3, r4).
const sentiment = [
  ["pos", "pos", "pos"],
  ["pos", "pos", "neg"],
  ["neg", "neg", "neg"],
  ["neg", "neg", "pos"],
  ["pos", "neg", "pos"],
  ["neg", "neg", "neg"],
];
const ratings = [
  [1, 2, 1],
  [5, 5, 4],
  [3, 3, 3],
  [2, 1, 2],
  [4, 5, 4],
  [1, 1, 5],
];
const consensus = ["pos", "pos", "neg", "neg", "pos", "pos"];
// A's time per record: median 1000 ms, mean (5·1000 + 7000)/6 = 2000 ms.
const timesOfA = [1000, 1000, 1000, 1000, 1000, 7000];

async function setUp() {
  const workspace = await createTestWorkspace(3);
  const { id } = await createSentimentDataset(workspace, {
    questions: [
      ...sentimentSettings.questions!,
      { name: "quality", title: "Quality", type: "rating", required: true, settings: { min: 1, max: 5 } },
      { name: "comment", title: "Comment", type: "text", required: false, settings: {} },
    ],
    // Blind: the annotators answer without seeing the proposals, so every answer is their own (`written`) and counts;
    // response-origins.test.ts covers how confirmations are left out.
    distribution: { minSubmitted: 3, blind: true },
    // Every record goes to people, so that the three can answer each (the queue's rule).
    routing: { policy: "all_human" },
  });
  // Suggestions for the sentiment only: every proposal is pos (fixtures.sentimentRecords' majority or first vote).
  await importRecords(workspace.curator, id, sentimentRecords(6));
  await recomputeDataset(id);
  const records = await db.record.findMany({ where: { datasetId: id }, orderBy: { importOrder: "asc" } });
  for (let r = 0; r < 6; r += 1) {
    for (let a = 0; a < 3; a += 1) {
      await saveResponse(workspace.annotators[a]!, records[r]!.id, {
        status: "submitted",
        values: { sentiment: sentiment[r]![a], quality: ratings[r]![a], comment: "looks fine" },
        timeSpentMs: a === 0 ? timesOfA[r] : 500,
      });
    }
  }
  const question = await db.question.findFirstOrThrow({ where: { datasetId: id, name: "sentiment" } });
  for (let r = 0; r < 6; r += 1) {
    const provenance = r === 5 ? "curator" : "human";
    await pool().query(
      `INSERT INTO "FinalValue" ("recordId", "questionId", value, provenance) VALUES ($1, $2, $3, $4::"Provenance")
       ON CONFLICT ("recordId", "questionId") DO UPDATE SET value = EXCLUDED.value, provenance = EXCLUDED.provenance`,
      [records[r]!.id, question.id, JSON.stringify(consensus[r]), provenance],
    );
  }
  return { workspace, id, records };
}

describe("inter-annotator agreement", () => {
  it("computes kappa, alpha, pairwise kappa, agreement with the consensus and the LLM, and pace, as by hand", async () => {
    const { workspace, id, records } = await setUp();
    const proposals = await pool().query<{ value: unknown }>(
      `SELECT p.value FROM "Proposal" p JOIN "Question" q ON q.id = p."questionId" WHERE q."datasetId" = $1 AND q.name = 'sentiment'`,
      [id],
    );
    expect(proposals.rows.map((row) => row.value)).toEqual(Array(6).fill("pos"));

    const agreement = await datasetAgreement(workspace.curator, id);
    const [a, b, c] = workspace.annotators.map((x) => x.username) as [string, string, string];
    expect(agreement.sharedRecords).toBe(6);
    expect(agreement.annotators.map(({ username, submitted, medianTimeMs, meanTimeMs }) => ({ username, submitted, medianTimeMs, meanTimeMs }))).toEqual([
      { username: a, submitted: 6, medianTimeMs: 1000, meanTimeMs: 2000 },
      { username: b, submitted: 6, medianTimeMs: 500, meanTimeMs: 500 },
      { username: c, submitted: 6, medianTimeMs: 500, meanTimeMs: 500 },
    ]);

    const [s, q, comment] = agreement.questions;
    expect(comment).toMatchObject({ name: "comment", level: null, fleiss: null, alpha: null, pairwise: [], annotators: [] });
    expect(comment!.skipped).toMatch(/free-text/i);

    expect(s!.level).toBe("nominal");
    expect(s!.sharedRecords).toBe(6);
    expect(s!.fleiss).toMatchObject({ units: 6, raters: 3, excluded: 0 });
    expect(s!.fleiss!.kappa).toBeCloseTo(13 / 40, 12);
    expect(s!.alpha).toMatchObject({ units: 6, pairableValues: 18 });
    expect(s!.alpha!.alpha).toBeCloseTo(29 / 80, 12);
    expect(s!.pairwise.map((p) => [p.raterA, p.raterB, p.n])).toEqual([
      [a, b, 6],
      [a, c, 6],
      [b, c, 6],
    ]);
    expect(s!.pairwise.map((p) => p.kappa)).toEqual([expect.closeTo(2 / 3, 12), expect.closeTo(1 / 3, 12), expect.closeTo(0, 12)]);
    expect(s!.annotators.map((x) => [x.username, x.answered, x.withConsensus!.agreed, x.withConsensus!.n, x.withLlm!.agreed, x.withLlm!.n])).toEqual([
      [a, 6, 5, 6, 3, 6],
      [b, 6, 4, 6, 2, 6],
      [c, 6, 3, 6, 3, 6],
    ]);
    expect(s!.annotators[0]!.withConsensus!.rate).toEqual({ successes: 5, n: 6, value: 5 / 6, interval: wilsonInterval(5, 6) });

    // The rating is ordinal on its 1..5 scale: alpha weighs 4 vs 5 as closer than 1 vs 5, so it differs from nominal.
    const units: RatedUnit[] = records.map((record, r) => ({
      id: record.id,
      ratings: [a, b, c].map((rater, i) => ({ rater, value: ratings[r]![i] })),
    }));
    expect(q!.level).toBe("ordinal");
    expect(q!.alpha).toEqual(krippendorffAlpha(units, "ordinal", [1, 2, 3, 4, 5]));
    expect(q!.alpha!.alpha).not.toBeCloseTo(krippendorffAlpha(units, "nominal").alpha!, 3);
    // The rating's consensus is the app's own human majority (1, 5, 3, 2, 4, 1): A agrees 6/6, B 3/6, C 4/6. No LLM
    // suggested a rating, so agreement with the LLM is absent, not zero.
    expect(q!.annotators.map((x) => [x.withConsensus!.agreed, x.withConsensus!.n, x.withLlm])).toEqual([
      [6, 6, null],
      [3, 6, null],
      [4, 6, null],
    ]);
  });

  it("writes a tidy CSV with one measure per row", async () => {
    const { workspace, id } = await setUp();
    const [a, b] = workspace.annotators.map((x) => x.username) as [string, string];
    const answer = await agreementAnswer(workspace.admin, id, { format: "csv" });
    if (answer.format !== "csv") throw new Error("expected a CSV");
    expect(answer.fileName).toBe(`agreement-${id}.csv`);
    const rows = parse(answer.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(["question", "measure", "annotator", "other_annotator", "value", "successes", "n", "ci_low", "ci_high", "level"]);
    const find = (where: Record<string, string>) => rows.filter((row) => Object.entries(where).every(([k, v]) => row[k] === v));
    expect(find({ measure: "median_time_ms", annotator: a })).toEqual([expect.objectContaining({ question: "", value: "1000", n: "6" })]);
    expect(Number(find({ question: "sentiment", measure: "fleiss_kappa" })[0]!.value)).toBeCloseTo(13 / 40, 12);
    expect(find({ question: "quality", measure: "krippendorff_alpha" })[0]!.level).toBe("ordinal");
    const pair = find({ question: "sentiment", measure: "cohen_kappa", annotator: a, other_annotator: b });
    expect(pair).toHaveLength(1);
    expect(Number(pair[0]!.value)).toBeCloseTo(2 / 3, 12);
    const withConsensus = find({ question: "sentiment", measure: "agreement_with_consensus", annotator: b })[0]!;
    expect(withConsensus).toMatchObject({ successes: "4", n: "6" });
    expect(Number(withConsensus.ci_low)).toBeCloseTo(wilsonInterval(4, 6)!.low, 12);
    expect(find({ question: "sentiment", measure: "agreement_with_llm" }).map((row) => row.successes)).toEqual(["3", "2", "3"]);
    // LLM agreement with people (the proposal, always pos, against the consensus pos pos neg neg pos pos): 4 of 6.
    expect(find({ question: "sentiment", measure: "llm_agreement_with_people" })).toEqual([expect.objectContaining({ successes: "4", n: "6" })]);
    // Per question: fleiss + alpha + 3 pairs + LLM agreement with people + 3 with consensus + 3 with LLM (sentiment),
    // fleiss + alpha + 3 pairs + LLM agreement with people (n = 0) + 3 with consensus (quality); per annotator: 3 pace
    // rows; nothing for the free-text comment.
    expect(rows).toHaveLength(12 + 9 + 9);
    expect(find({ question: "comment" })).toEqual([]);

    const json = await agreementAnswer(workspace.admin, id, {});
    expect(json.format).toBe("json");
  });

  it("has nothing to compare with one annotator, names a bad format, refuses annotators, hides other workspaces", async () => {
    const workspace = await createTestWorkspace(1);
    const { id } = await createSentimentDataset(workspace, { routing: { policy: "all_human" } });
    await importRecords(workspace.curator, id, sentimentRecords(2));
    await recomputeDataset(id);
    const record = await db.record.findFirstOrThrow({ where: { datasetId: id } });
    await saveResponse(workspace.annotators[0]!, record.id, { status: "submitted", values: { sentiment: "pos" } });
    const lonely = await datasetAgreement(workspace.curator, id);
    expect(lonely.sharedRecords).toBe(0);
    expect(lonely.questions[0]).toMatchObject({ sharedRecords: 0, pairwise: [], fleiss: { kappa: null, units: 0 }, alpha: { alpha: null } });

    await expect(agreementAnswer(workspace.curator, id, { format: "xlsx" })).rejects.toMatchObject({
      constructor: ValidationError,
      details: [{ where: "format", message: "format must be json or csv" }],
    });
    await expect(datasetAgreement(workspace.annotators[0]!, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(agreementAnswer(workspace.annotators[0]!, id, { format: "xlsx" })).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createTestWorkspace(0);
    await expect(datasetAgreement(other.admin, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(agreementAnswer(other.curator, id, { format: "csv" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
