import { describe, expect, it } from "vitest";
import {
  fromPortableLlm,
  parseFolderRecord,
  parseFolderSettings,
  recordLine,
  settingsFileText,
  toPortableLlm,
  type FolderSettings,
} from "@/lib/io/folder";
import type { DatasetLlmSettings } from "@/lib/llm/dataset-llm-settings";

const PROVIDER_ID = "6f1c2a1e-8d33-4c1e-9a77-0c1f3b9a5e21";

const llm: DatasetLlmSettings = {
  proposers: [{ providerId: PROVIDER_ID, model: "gpt", questions: ["topic"], strategy: { kind: "single" }, selfEvaluate: false }],
  templates: { topic: "Classify {{text}}" },
  temperature: 0.3,
};

describe("dataset folder files", () => {
  it("names providers instead of pointing at their rows, and finds them again by name elsewhere", () => {
    const portable = toPortableLlm(llm, new Map([[PROVIDER_ID, "team-endpoint"]]));
    expect(portable.proposers[0]).toEqual({ provider: "team-endpoint", model: "gpt", questions: ["topic"], strategy: { kind: "single" }, selfEvaluate: false });
    expect(JSON.stringify(portable)).not.toContain(PROVIDER_ID);
    const elsewhere = "0b7e3f55-1111-4a2b-8c3d-222233334444";
    expect(fromPortableLlm(portable, new Map([["team-endpoint", elsewhere]]))).toEqual({
      settings: { ...llm, proposers: [{ ...llm.proposers[0]!, providerId: elsewhere }] },
      unknownProviders: [],
    });
  });

  it("leaves out the proposers of providers the importing workspace lacks, and names those providers once", () => {
    const portable = toPortableLlm({ ...llm, proposers: [llm.proposers[0]!, { ...llm.proposers[0]!, model: "other" }] }, new Map([[PROVIDER_ID, "gone"]]));
    const back = fromPortableLlm(portable, new Map());
    expect(back.settings.proposers).toEqual([]);
    expect(back.unknownProviders).toEqual(["gone"]);
    expect(back.settings.templates).toEqual(llm.templates);
  });

  it("reads back what it writes", () => {
    const settings: FolderSettings = {
      format: "sift-dataset-folder",
      version: 1,
      published: true,
      dataset: { name: "D", fields: [], questions: [] },
      llm: toPortableLlm(llm, new Map([[PROVIDER_ID, "p"]])),
    };
    const text = settingsFileText(settings);
    expect(text.endsWith("}\n")).toBe(true);
    expect(parseFolderSettings(text)).toEqual({ ok: true, value: settings });
    const record = {
      externalId: "r-1",
      fields: { text: "hi" },
      metadata: {},
      suggestions: [
        {
          question: "topic", agent: "a", value: "x", score: 0.5, rationale: null, distribution: null, model: null,
          promptVariant: null, inputTokens: 3, outputTokens: 1, costUsd: "0.000120", rawOutput: null,
        },
      ],
      responses: [{ user: "maria", status: "draft" as const, values: { topic: "x" }, origins: { topic: "confirmed" as const }, timeSpentMs: 5, submittedAt: null }],
      finalValues: { topic: { value: "x", provenance: "curator" as const, resolvedBy: "curator" } },
    };
    const line = recordLine(record);
    expect(line.endsWith("\n")).toBe(true);
    expect(parseFolderRecord(line.trim(), 1)).toEqual({ ok: true, value: record });
  });

  it("names the file, line and path of what is wrong", () => {
    expect(parseFolderSettings("{")).toEqual({ ok: false, problems: [{ where: "settings.json", message: "is not valid JSON" }] });
    const wrongVersion = parseFolderSettings(JSON.stringify({ format: "sift-dataset-folder", version: 2, dataset: {} }));
    expect(wrongVersion.ok ? [] : wrongVersion.problems).toEqual([{ where: "settings.json.version", message: "version must be 1" }]);
    const badLine = parseFolderRecord(JSON.stringify({ externalId: "r", fields: {}, responses: [{ user: "x", status: "maybe" }] }), 7);
    expect(badLine.ok ? [] : badLine.problems.map((problem) => problem.where)).toEqual(["records.jsonl:7.responses.0.status"]);
    expect(parseFolderRecord(JSON.stringify({ externalId: "r", fields: {}, costUsd: 1 }), 2).ok).toBe(false);
  });
});
