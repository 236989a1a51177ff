import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { getRouting, previewRouting, updateRouting } from "@/lib/server/services/routing";
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
    expect(preview).toEqual({ counts: { pending: 0, auto: 2, audit: 2, human: 8 }, humanResponsesNeeded: 14, overlapRecords: 4 });
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
});
