import { describe, expect, it } from "vitest";
import { flatColumns } from "@/lib/io/export-shapes/flat";
import {
  collectColumns,
  mappingProblems,
  mappingSchema,
  suggestMapping,
  unknownColumns,
  type Mapping,
} from "@/lib/io/mapping";
import { dataset } from "./formats/fixtures";

describe("suggestMapping", () => {
  it("maps rows already in Sift's record format as they are", () => {
    const columns = ["externalId", "fields", "metadata", "suggestions", "responses", "finalValues", "routingDecision"];
    const mapping = suggestMapping(columns, dataset);
    expect(mapping).toEqual({ kind: "record" });
    // Sift's derived keys are not read, and are reported.
    expect(unknownColumns(columns, mapping)).toEqual(["finalValues", "routingDecision"]);
  });

  it("maps plain columns by name: id, fields, metadata, and a question's column as a suggestion of agent 'import'", () => {
    const columns = ["ID", "prompt", "Response_A", "source", "turns", "sentiment", "sentiment.score", "quality", "notes"];
    expect(suggestMapping(columns, dataset)).toEqual({
      kind: "columns",
      externalId: "ID",
      fields: { prompt: "prompt", response_a: "Response_A" },
      metadata: { source: "source", turns: "turns" },
      suggestions: [
        { question: "sentiment", agent: "import", value: "sentiment", score: "sentiment.score" },
        { question: "quality", agent: "import", value: "quality" },
      ],
      responses: [],
    });
    expect(unknownColumns(columns, suggestMapping(columns, dataset))).toEqual(["notes"]);
  });

  it("leaves the external id to be generated when no column looks like one", () => {
    const mapping = suggestMapping(["prompt"], dataset);
    expect(mapping).toMatchObject({ kind: "columns", externalId: null });
  });

  it("maps every column of Sift's own flat export back, leaving out only the derived ones", () => {
    const columns = flatColumns(dataset, {
      includeSuggestions: true,
      includeResponses: true,
      agents: { sentiment: ["gpt-3.5-turbo/a.b", "judge:x/ab"], quality: ["gpt-3.5-turbo/a.b"] },
      annotators: ["maria.garcia"],
    }).map((column) => column.name);
    const mapping = suggestMapping(columns, dataset);
    if (mapping.kind !== "columns") throw new Error("expected a column mapping");
    expect(mapping.externalId).toBe("externalId");
    expect(Object.keys(mapping.fields)).toEqual(dataset.fields.map((field) => field.name));
    expect(mapping.metadata).toEqual({ source: "metadata.source", turns: "metadata.turns", temperature: "metadata.temperature" });
    // Agent names with dots and slashes are read back whole, with their score/rationale/model/distribution columns.
    expect(mapping.suggestions).toEqual([
      {
        question: "sentiment",
        agent: "gpt-3.5-turbo/a.b",
        value: "suggestion.sentiment.gpt-3.5-turbo/a.b",
        score: "suggestion.sentiment.gpt-3.5-turbo/a.b.score",
        rationale: "suggestion.sentiment.gpt-3.5-turbo/a.b.rationale",
        model: "suggestion.sentiment.gpt-3.5-turbo/a.b.model",
        distribution: "suggestion.sentiment.gpt-3.5-turbo/a.b.distribution",
      },
      expect.objectContaining({ question: "sentiment", agent: "judge:x/ab" }),
      expect.objectContaining({ question: "quality", agent: "gpt-3.5-turbo/a.b" }),
    ]);
    expect(mapping.responses).toEqual([
      {
        user: "maria.garcia",
        statusColumn: "response_status.maria.garcia",
        values: Object.fromEntries(dataset.questions.map((question) => [question.name, `response.${question.name}.maria.garcia`])),
        origins: Object.fromEntries(dataset.questions.map((question) => [question.name, `response_origin.${question.name}.maria.garcia`])),
      },
    ]);
    // Final values, provenance, uncertainty and routing are recomputed by Sift: reported as not imported.
    const unused = unknownColumns(columns, mapping);
    expect(unused).toContain("sentiment");
    expect(unused).toContain("sentiment.provenance");
    expect(unused).toContain("sentiment.uncertainty");
    expect(unused).toContain("record.routingDecision");
    expect(unused.every((column) => !column.startsWith("suggestion.") && !column.startsWith("response"))).toBe(true);
    expect(mappingProblems(mapping, dataset, columns)).toEqual([]);
    // The suggested mapping is a valid mapping.
    expect(mappingSchema.safeParse(mapping).success).toBe(true);
  });
});

describe("mapping checks", () => {
  it("collects the union of the rows' keys in first-seen order", () => {
    expect(collectColumns([{ a: 1, b: 2 }, { c: 3, a: 4 }])).toEqual(["a", "b", "c"]);
  });

  it("names missing columns, unknown targets and unmapped required fields", () => {
    const mapping: Mapping = {
      kind: "columns",
      externalId: "id",
      fields: { respons_a: "text" },
      metadata: { origin: "src" },
      suggestions: [{ question: "mood", agent: "a", value: "mood" }],
      responses: [],
    };
    expect(mappingProblems(mapping, dataset, ["id", "text", "src"])).toEqual([
      'column "mood" is not in the file',
      '"respons_a" is not a field of the dataset',
      '"origin" is not a metadata property of the dataset',
      'the required field "prompt" has no column',
      'suggestions for "mood": not a question of the dataset',
    ]);
    expect(mappingProblems({ kind: "record" }, dataset, ["text"])).toEqual([
      'the rows have no "fields" key, so they are not in Sift\'s record format',
    ]);
  });

  it("requires exactly one of agent and agentColumn, and of user and userColumn", () => {
    const base = { kind: "columns", externalId: null, fields: {} };
    expect(mappingSchema.safeParse({ ...base, suggestions: [{ question: "q", value: "v" }] }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...base, suggestions: [{ question: "q", agent: "a", agentColumn: "c", value: "v" }] }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...base, responses: [{ values: {} }] }).success).toBe(false);
    const parsed = mappingSchema.parse({ ...base, suggestions: [{ question: "q", agentColumn: "who", value: "v" }] });
    expect(parsed).toEqual({ ...base, metadata: {}, suggestions: [{ question: "q", agentColumn: "who", value: "v" }], responses: [] });
  });
});
