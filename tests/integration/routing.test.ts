import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { getRouting, previewRouting, updateRouting } from "@/lib/server/services/routing";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace, sentimentRecords } from "./fixtures";

describe("routing policy", () => {
  it("previews exactly what saving and recomputing then decide, adaptive overlap included", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createSentimentDataset(workspace);
    // Uncertainties repeat 0, 0.918, 1 (see fixtures.sentimentRecords).
    await importRecords(workspace.curator, id, sentimentRecords(12));
    await recomputeDataset(id);
    const before = await getRouting(workspace.curator, id);
    // The default budget of 30 %: round(0.3 · 12) = 4 records to humans.
    expect(before.current).toEqual({ pending: 0, auto: 8, audit: 0, human: 4 });

    const policy = { policy: "threshold", threshold: 0.5, auditRate: 0.5, overlapThreshold: 0.95, overlapExtra: 1 };
    const preview = await previewRouting(workspace.curator, id, policy);
    // Uncertainties 0, 0.918, 1 repeating: 8 above 0.5 go to humans; half of the 4 accepted are audited;
    // the 4 records at 1 need 2 answers, the other 4 human and 2 audit records need 1: 8 + 4 + 2 = 14.
    expect(preview).toMatchObject({ counts: { pending: 0, auto: 2, audit: 2, human: 8 }, humanResponsesNeeded: 14, overlapRecords: 4 });
    // No human answers yet: nothing to estimate the accuracy on.
    expect(preview.expected).toEqual([
      { name: "sentiment", title: "Sentiment", n: 0, accuracy: { successes: 0, n: 0, value: null, interval: null }, macroF1: null, accepted: { successes: 0, n: 0, value: null, interval: null } },
    ]);
    // Nothing was saved by the preview.
    expect((await getRouting(workspace.curator, id)).current).toEqual(before.current);

    const saved = await updateRouting(workspace.curator, id, policy);
    expect(saved.settings).toMatchObject(policy);
    expect(saved.routedAt).toBeNull();
    await recomputeDataset(id);
    const after = await getRouting(workspace.curator, id);
    expect(after.current).toEqual(preview.counts);
    const needed = await db.record.aggregate({
      where: { datasetId: id, routingDecision: { in: ["human", "audit"] } },
      _sum: { requiredResponses: true },
    });
    expect(needed._sum.requiredResponses).toBe(preview.humanResponsesNeeded);
  });

  it("names the field of a bad policy, refuses annotators, and hides other workspaces' datasets", async () => {
    const workspace = await createTestWorkspace(1);
    const { id } = await createSentimentDataset(workspace);
    const bad = (await previewRouting(workspace.curator, id, { policy: "budget" }).catch((error: unknown) => error)) as ValidationError;
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.details.map((detail) => detail.where)).toContain("humanShare");
    await expect(updateRouting(workspace.annotators[0]!, id, { policy: "all_human" })).rejects.toMatchObject({ status: 403 });
    const other = await createTestWorkspace(0);
    await expect(getRouting(other.curator, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("estimates the accuracy a policy would give from the records that have human answers", async () => {
    const workspace = await createTestWorkspace();
    // Every record goes to people for now, so that any of them can be answered (the queue's rule).
    const { id } = await createSentimentDataset(workspace, { routing: { policy: "all_human" } });
    await importRecords(workspace.curator, id, sentimentRecords(12));
    await recomputeDataset(id);
    // Every proposal is "pos" (the 2-vs-2 splits go to the option voted first). Humans say: r-0000 pos (uncertainty
    // 0), r-0001 neg (0.918), r-0002 and r-0005 neg (1).
    const answers: [string, string][] = [["r-0000", "pos"], ["r-0001", "neg"], ["r-0002", "neg"], ["r-0005", "neg"]];
    for (const [externalId, value] of answers) {
      const record = await db.record.findFirstOrThrow({ where: { datasetId: id, externalId } });
      await saveResponse(workspace.curator, record.id, { status: "submitted", values: { sentiment: value } });
    }
    const llmOnly = await previewRouting(workspace.curator, id, { policy: "all_llm" });
    expect(llmOnly.expected[0]).toMatchObject({ n: 4, accuracy: { successes: 1, n: 4 }, accepted: { successes: 1, n: 4 } });
    // Above 0.5 to humans: the three wrong proposals are replaced by the human answers, the one accepted is right.
    const threshold = await previewRouting(workspace.curator, id, { policy: "threshold", threshold: 0.5 });
    expect(threshold.expected[0]).toMatchObject({ n: 4, accuracy: { successes: 4, n: 4, value: 1 }, macroF1: 1, accepted: { successes: 1, n: 1 } });
    // Only the 1s to humans: r-0001's wrong proposal stays.
    const strict = await previewRouting(workspace.curator, id, { policy: "threshold", threshold: 0.95 });
    expect(strict.expected[0]).toMatchObject({ accuracy: { successes: 3, n: 4 }, accepted: { successes: 1, n: 2 } });
  });
});
