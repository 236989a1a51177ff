import { describe, expect, it } from "vitest";
import { flatColumns, flatOptionsFor, toFlatRow } from "@/lib/io/export-shapes/flat";
import { toRecordLine } from "@/lib/io/export-shapes/record-line";
import type { IoDataset } from "@/lib/io/formats/dataset";
import { dataset, records } from "../formats/fixtures";

const record = records[0]!;

describe("flatColumns", () => {
  it("orders columns stably: id, fields, metadata, per question final value and provenance, routing", () => {
    expect(flatColumns(dataset).map((column) => `${column.name}:${column.kind}`)).toEqual([
      "externalId:string",
      "prompt:string",
      "conversation:string",
      "response_a:string",
      "response_b:string",
      "response_c:string",
      "extra:string",
      "metadata.source:string",
      "metadata.turns:int64",
      "metadata.temperature:float64",
      "sentiment:string",
      "sentiment.provenance:string",
      "topics:list",
      "topics.provenance:string",
      "preference:list",
      "preference.provenance:string",
      "quality:int64",
      "quality.provenance:string",
      "critique:string",
      "critique.provenance:string",
      "record.routingDecision:string",
    ]);
  });

  it("adds uncertainty, suggestion and response columns on request, in the order given", () => {
    const names = flatColumns(dataset, {
      includeSuggestions: true,
      includeResponses: true,
      agents: { quality: ["b", "a"] },
      annotators: ["li"],
    }).map((column) => column.name);
    expect(names.slice(names.indexOf("record.routingDecision"))).toEqual([
      "record.routingDecision",
      "record.uncertainty",
      "suggestion.quality.b",
      "suggestion.quality.b.score",
      "suggestion.quality.b.rationale",
      "suggestion.quality.b.model",
      "suggestion.quality.b.distribution",
      "suggestion.quality.a",
      "suggestion.quality.a.score",
      "suggestion.quality.a.rationale",
      "suggestion.quality.a.model",
      "suggestion.quality.a.distribution",
      "response_status.li",
      "response.sentiment.li",
      "response_origin.sentiment.li",
      "response.topics.li",
      "response_origin.topics.li",
      "response.preference.li",
      "response_origin.preference.li",
      "response.quality.li",
      "response_origin.quality.li",
      "response.critique.li",
      "response_origin.critique.li",
    ]);
    expect(names).toContain("sentiment.uncertainty");
    // The same inputs give the same columns.
    expect(flatColumns(dataset, { includeSuggestions: true, agents: { quality: ["b", "a"] } })).toEqual(
      flatColumns(dataset, { includeSuggestions: true, agents: { quality: ["b", "a"] } }),
    );
  });

  it("renames a question's final value column when a field has the same name", () => {
    const clash: IoDataset = { ...dataset, fields: [{ name: "sentiment", type: "text", required: true }] };
    expect(flatColumns(clash).map((column) => column.name).slice(0, 4)).toEqual(["externalId", "sentiment", "metadata.source", "metadata.turns"]);
    expect(flatColumns(clash).map((column) => column.name)).toContain("final.sentiment");
  });
});

describe("toFlatRow", () => {
  it("writes chat and json fields as JSON, lists as lists, and final values with their provenance", () => {
    const row = toFlatRow(record, dataset, { includeSuggestions: true, includeResponses: true, ...flatOptionsFor(records) });
    expect(row).toMatchObject({
      externalId: "r-001",
      conversation: JSON.stringify(record.fields.conversation),
      extra: '{"nested":{"list":[1,"two",null],"ok":true}}',
      "metadata.turns": 2,
      "metadata.temperature": 0.7,
      sentiment: "positive",
      "sentiment.provenance": "human",
      "sentiment.uncertainty": 0.63,
      topics: ["chit-chat", "code"],
      quality: 5,
      critique: null,
      "critique.provenance": null,
      "record.routingDecision": "human",
      "record.uncertainty": 0.81,
      "suggestion.preference.judge:gpt-4/ab": '["response_a","response_b","response_c"]',
      "suggestion.preference.judge:gpt-4/ab.score": 0.8,
      "suggestion.quality.gpt-4o-mini/paraphrase": "4",
      "suggestion.quality.gpt-4o-mini/paraphrase.distribution": '{"4":0.7,"5":0.3}',
      "suggestion.sentiment.judge:llama-3.1-70b/swapped.model": "llama-3.1-70b",
      "response_status.maria.garcia": "submitted",
      "response.topics.maria.garcia": ["chit-chat", "code"],
      "response.quality.maria.garcia": 5,
      "response_status.li": "draft",
      "response.quality.li": null,
    });
    // Every column has a value (null when empty), and nothing else is in the row.
    expect(Object.keys(row)).toEqual(
      flatColumns(dataset, { includeSuggestions: true, includeResponses: true, ...flatOptionsFor(records) }).map((column) => column.name),
    );
  });

  it("collects agents per question and annotators in first-seen order", () => {
    expect(flatOptionsFor(records)).toEqual({
      agents: {
        sentiment: ["gpt-4o-mini/paraphrase", "judge:llama-3.1-70b/swapped"],
        topics: ["gpt-4o-mini/paraphrase"],
        preference: ["judge:gpt-4/ab", "judge:gpt-4/ba"],
        quality: ["gpt-4o-mini/paraphrase"],
        critique: ["gpt-4o-mini/paraphrase"],
      },
      annotators: ["maria.garcia", "li"],
    });
  });
});

describe("toRecordLine", () => {
  it("is the record format plus final values, with suggestions, uncertainty and responses on request", () => {
    expect(Object.keys(toRecordLine(record))).toEqual(["externalId", "fields", "metadata", "finalValues", "routingDecision"]);
    const full = toRecordLine(record, { includeSuggestions: true, includeResponses: true });
    expect(Object.keys(full)).toEqual([
      "externalId",
      "fields",
      "metadata",
      "suggestions",
      "responses",
      "finalValues",
      "routingDecision",
      "uncertainty",
      "proposals",
    ]);
    expect(full.suggestions).toBe(record.suggestions);
    expect(full.uncertainty).toBe(0.81);
  });
});
