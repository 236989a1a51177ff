import { describe, expect, it } from "vitest";
import { ADVICE_MIN_RECORDS, wilsonInterval } from "@/lib/quality";
import { db, pool } from "@/lib/server/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { datasetAgreement } from "@/lib/server/services/agreement";
import { datasetAgents } from "@/lib/server/services/llm-agents";
import { datasetOverview } from "@/lib/server/services/overview";
import { datasetQuality } from "@/lib/server/services/quality";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { saveResponse } from "@/lib/server/services/responses";
import { resolveRecord } from "@/lib/server/services/review";
import { createSentimentDataset, createTestWorkspace, sentimentRecords } from "./fixtures";

// "LLM agreement with people" (lib/quality/llm-agreement.ts) is one figure with one definition on every tab. Six
// records (fixtures.sentimentRecords: every proposal "pos"), two responses needed per record:
//
//   record  a0   a1   | human consensus              | proposal | agents' votes (agent-0 … agent-3)
//   r0      pos  pos  | pos                          | pos      | pos pos pos pos (+ "judge/x" unreadable)
//   r1      neg  neg  | neg                          | pos      | pos pos neg
//   r2      pos  neg  | none: a tie                  | pos      | pos neg neg pos
//   r3      pos  –    | none: incomplete             | pos      | pos pos pos pos
//   r4      neg  –    | pos: a curator's ruling      | pos      | pos pos neg
//   r5      –    –    | none                         | pos      | pos neg neg pos
//
// The figure: r0, r1, r4 → the proposal agrees on r0 and r4: 2 of 3. Before this rule the Quality tab took the
// majority of any submitted answers (ties to the first), so it said 4 of 5 (r0, r2, r3, r4 of r0–r4) while the
// Overview said 2 of 3, the Agreement tab had no such figure and the LLM tab none at all.
// Per agent, its own suggestion against the consensus: agent-0 and agent-1 pos, pos, pos vs pos, neg, pos → 2 of 3;
// agent-2 pos, neg, neg → 2 of 3; agent-3 (r0 only) 1 of 1; judge/x (unreadable, r0) 0 of 1.
async function setUp() {
  const workspace = await createTestWorkspace(2);
  // Blind: the annotators write their answers (no confirmation of a proposal they saw), so the per-answer figure below
  // counts every answer whatever the Agreement tab's confirmations setting.
  const { id } = await createSentimentDataset(workspace, { distribution: { minSubmitted: 2, blind: true }, routing: { policy: "all_human" } });
  await importRecords(workspace.curator, id, sentimentRecords(6));
  // A judge pushed through the API with one unreadable verdict, and a price for agent-0's suggestions.
  await importRecords(
    workspace.curator,
    id,
    JSON.stringify({
      externalId: "r-0000",
      fields: { text: "Record number 0" },
      metadata: { source: "test" },
      suggestions: [
        { question: "sentiment", agent: "agent-0", value: "pos" },
        { question: "sentiment", agent: "agent-1", value: "pos" },
        { question: "sentiment", agent: "agent-2", value: "pos" },
        { question: "sentiment", agent: "agent-3", value: "pos" },
        { question: "sentiment", agent: "judge/x", value: "maybe", model: "judge-model" },
      ],
    }),
  );
  await pool().query(
    `UPDATE "Suggestion" g SET model = 'small-model', "inputTokens" = 100, "outputTokens" = 10, "costUsd" = 0.001
     FROM "Record" r WHERE r.id = g."recordId" AND r."datasetId" = $1 AND g.agent = 'agent-0'`,
    [id],
  );
  await recomputeDataset(id);
  const records = await db.record.findMany({ where: { datasetId: id }, orderBy: { importOrder: "asc" } });
  const [a0, a1] = workspace.annotators as [(typeof workspace.annotators)[0], (typeof workspace.annotators)[0]];
  const answer = (who: typeof a0, index: number, value: string) =>
    saveResponse(who, records[index]!.id, { status: "submitted", values: { sentiment: value } });
  await answer(a0, 0, "pos");
  await answer(a1, 0, "pos");
  await answer(a0, 1, "neg");
  await answer(a1, 1, "neg");
  await answer(a0, 2, "pos");
  await answer(a1, 2, "neg");
  await answer(a0, 3, "pos");
  await answer(a0, 4, "neg");
  await resolveRecord(workspace.curator, records[4]!.id, { values: { sentiment: "pos" } });
  return { workspace, id };
}

describe("LLM agreement with people: one figure on every tab", () => {
  it("Overview, Quality, Agreement and the LLM tab give the same figure with the same n and interval", async () => {
    const { workspace, id } = await setUp();
    const expected = { successes: 2, n: 3, value: 2 / 3, interval: wilsonInterval(2, 3) };

    const overview = await datasetOverview(workspace.curator, id);
    const quality = await datasetQuality(workspace.curator, id);
    const agreement = await datasetAgreement(workspace.curator, id);
    const agents = await datasetAgents(workspace.curator, id);

    expect(overview.llmAgreement[0]!.accuracy).toEqual(expected);
    expect(quality.questions[0]!.llmAgreement).toEqual(expected);
    // Everything else on the Quality tab is measured on the same records.
    expect(quality.questions[0]!.quality!.llm.accuracy).toEqual(expected);
    expect(quality.questions[0]!.quality!.n).toBe(3);
    expect(quality.records).toMatchObject({ total: 6, withHumanAnswer: 5, withConsensus: 3, measured: 3 });
    expect(agreement.questions[0]!.llmAgreement).toEqual(expected);
    expect(agents.proposal).toEqual([{ name: "sentiment", title: "Sentiment", agreement: expected }]);

    // The per-answer figure of the Agreement tab is a different one, under its own name: a0's four answers on
    // records with a proposal against "pos": r0, r2, r3 agree (r1 and r4 do not): 3 of 5.
    const a0 = agreement.questions[0]!.annotators.find((a) => a.username === workspace.annotators[0]!.username)!;
    expect(a0.withLlm).toMatchObject({ agreed: 3, n: 5 });
  });

  it("advice from a handful of records says it is not reliable yet, with n and the minimum", async () => {
    const { workspace, id } = await setUp();
    const quality = await datasetQuality(workspace.curator, id);
    const advice = quality.questions[0]!.quality!.advice[0]!;
    expect(ADVICE_MIN_RECORDS).toBe(93);
    expect(advice.reliability).toEqual({ reliable: false, n: 3, minimum: 93 });
  });

  it("the LLM tab lists every agent that made suggestions, pushed or imported, with counts, cost and agreement", async () => {
    const { workspace, id } = await setUp();
    const agents = await datasetAgents(workspace.curator, id);
    expect(agents.suggestions).toBe(23);
    const figure = (successes: number, n: number) => [
      { name: "sentiment", title: "Sentiment", agreement: { successes, n, value: successes / n, interval: wilsonInterval(successes, n) } },
    ];
    expect(agents.agents).toEqual([
      {
        agent: "agent-0",
        models: ["small-model"],
        suggestions: 6,
        records: 6,
        questions: ["sentiment"],
        fromRuns: 0,
        inputTokens: 600,
        outputTokens: 60,
        costUsd: 0.006,
        costKnown: 6,
        agreement: figure(2, 3),
      },
      { agent: "agent-1", models: [], suggestions: 6, records: 6, questions: ["sentiment"], fromRuns: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, costKnown: 0, agreement: figure(2, 3) },
      { agent: "agent-2", models: [], suggestions: 6, records: 6, questions: ["sentiment"], fromRuns: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, costKnown: 0, agreement: figure(2, 3) },
      { agent: "agent-3", models: [], suggestions: 4, records: 4, questions: ["sentiment"], fromRuns: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, costKnown: 0, agreement: figure(1, 1) },
      { agent: "judge/x", models: ["judge-model"], suggestions: 1, records: 1, questions: ["sentiment"], fromRuns: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, costKnown: 0, agreement: figure(0, 1) },
    ]);

    await expect(datasetAgents(workspace.annotators[0]!, id)).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createTestWorkspace(0);
    await expect(datasetAgents(other.curator, id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
