// The audit page's one-line details: numbers are formatted and nested counts spelled out, never "records: …".
import { describe, expect, it } from "vitest";
import { describeAuditDetails } from "@/lib/ui/audit-details";

describe("describeAuditDetails", () => {
  it("spells out an import's nested counts with thousands separators", () => {
    const text = describeAuditDetails({ records: { created: 1200, updated: 3, unchanged: 0 }, suggestions: { created: 40, updated: 0, unchanged: 0 } });
    expect(text).toBe("records: 1,200 created, 3 updated, 0 unchanged · suggestions: 40 created, 0 updated, 0 unchanged");
    expect(text).not.toContain("…");
  });

  it("formats plain numbers, booleans and short lists; counts long lists", () => {
    expect(describeAuditDetails({ deleted: 25000, apiKey: true, models: ["a", "b"] })).toBe("deleted: 25,000 · apiKey: yes · models: a, b");
    expect(describeAuditDetails({ changed: ["guidelines", "routing", "questions", "fields"] })).toBe("changed: 4 items");
  });

  it("leaves out what the row already names (the target's name, the dataset id) and ids nobody reads", () => {
    expect(describeAuditDetails({ name: "Support tickets", datasetId: "f4b95bab-0000-4000-8000-000000000000", records: 12 })).toBe("records: 12");
    expect(describeAuditDetails({})).toBe("");
    expect(describeAuditDetails(null)).toBe("");
  });
});
