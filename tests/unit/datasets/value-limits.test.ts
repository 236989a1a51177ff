import { describe, expect, it } from "vitest";
import {
  boundedDraft,
  type DraftValues,
  jsonBytes,
  jsonTextTooDeep,
  MAX_JSON_DEPTH,
  measureJson,
  readValueLimits,
  recordLimitProblems,
  answerLimitProblems,
  truncateUtf8,
} from "@/lib/datasets/value-limits";
import { parseFolderRecord, parseFolderSettings } from "@/lib/io/folder";
import { readJson, readJsonl } from "@/lib/io/formats";
import { parseBulkBody, validateBatch, type RecordSchemaContext } from "@/lib/io/record-format";
import { parseJsonOutput } from "@/lib/llm/json-output";

const MiB = 1024 * 1024;
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("readValueLimits", () => {
  it("has defaults that fit a long chat transcript or markdown document", () => {
    expect(readValueLimits({})).toEqual({
      fieldBytes: MiB,
      metadataBytes: 64 * 1024,
      suggestionBytes: 256 * 1024,
      rationaleBytes: 64 * 1024,
      responseBytes: 256 * 1024,
      recordBytes: 4 * MiB,
    });
  });

  it("takes overrides from the environment and refuses nonsense naming the variable", () => {
    expect(readValueLimits({ SIFT_MAX_FIELD_BYTES: "8388608", SIFT_MAX_METADATA_BYTES: " 2048 " })).toMatchObject({
      fieldBytes: 8 * MiB,
      metadataBytes: 2048,
      // The record limit follows a field limit raised above it.
      recordBytes: 8 * MiB,
    });
    expect(() => readValueLimits({ SIFT_MAX_FIELD_BYTES: "1mb" })).toThrow(/SIFT_MAX_FIELD_BYTES/);
    expect(() => readValueLimits({ SIFT_MAX_RECORD_BYTES: "12" })).toThrow(/SIFT_MAX_RECORD_BYTES/);
  });
});

describe("measureJson", () => {
  it("measures the UTF-8 bytes of the JSON text JSON.stringify would write", () => {
    const values: unknown[] = [
      "plain",
      "é ü 日本 😀 \"quoted\" \n",
      { a: [1, 2.5, -3e21, true, false, null], "ké": { nested: "x" }, skipped: undefined },
      [],
      {},
      [[["deep"]]],
      "lone \ud800 surrogate, pair \ud83d\ude00, " + "ü".repeat(5_000),
    ];
    for (const value of values) expect(jsonBytes(value)).toBe(Buffer.byteLength(JSON.stringify(value), "utf8"));
  });

  it("counts nesting without recursion, even far past any stack", () => {
    let value: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) value = [value];
    const measure = measureJson(value);
    expect(measure.depth).toBe(MAX_JSON_DEPTH + 1);
  });
});

describe("jsonTextTooDeep", () => {
  it("finds nesting deeper than the limit in text, ignoring brackets inside strings", () => {
    expect(jsonTextTooDeep(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonTextTooDeep(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonTextTooDeep(nested(5_000))).toBe(true);
    expect(jsonTextTooDeep(JSON.stringify({ text: "[".repeat(500) + '\\"' + "{".repeat(500) }))).toBe(false);
  });
});

describe("record limits in the record format", () => {
  const context: RecordSchemaContext = {
    fields: [{ name: "text", type: "text", required: true }],
    metadata: [{ name: "source", type: "terms", settings: {} }],
    questions: [{ name: "label" }],
  };

  it("refuses an oversize field, metadata value, suggestion value and rationale, naming each and its limit", () => {
    const big = "x".repeat(MiB + 1);
    const body = [
      { externalId: "a", fields: { text: big } },
      { externalId: "b", fields: { text: "ok" }, metadata: { source: "y".repeat(70_000) } },
      { externalId: "c", fields: { text: "ok" }, suggestions: [{ question: "label", agent: "g", value: "v".repeat(300_000), rationale: "r".repeat(70_000) }] },
      { externalId: "d", fields: { text: "fits" }, metadata: { source: "small" } },
    ]
      .map((record) => JSON.stringify(record))
      .join("\n");
    const { items } = parseBulkBody(body);
    const { records, problems } = validateBatch(items, context);
    expect(records.map((record) => record.externalId)).toEqual(["d"]);
    expect(problems.map((problem) => [problem.externalId, problem.path])).toEqual([
      ["a", "fields.text"],
      ["b", "metadata.source"],
      ["c", "suggestions[0].value"],
      ["c", "suggestions[0].rationale"],
    ]);
    expect(problems[0]!.message).toBe("is 1,048,579 bytes; at most 1,048,576 bytes per field value (SIFT_MAX_FIELD_BYTES)");
    expect(problems[1]!.message).toMatch(/at most 65,536 bytes per metadata value \(SIFT_MAX_METADATA_BYTES\)/);
  });

  it("refuses a record whose values fit one by one but not together", () => {
    const limits = readValueLimits({ SIFT_MAX_RECORD_BYTES: "4096", SIFT_MAX_FIELD_BYTES: "3000" });
    const problems = recordLimitProblems({ fields: { a: "x".repeat(2500), b: "y".repeat(2500) }, metadata: {}, suggestions: [] }, limits);
    expect(problems).toEqual([{ path: "", message: expect.stringMatching(/^the record is 5,0\d\d bytes; at most 4,096 bytes per record/) }]);
  });

  it("refuses a record nested deeper than the limit before parsing it, in NDJSON and in a JSON array", () => {
    const deep = `{"externalId":"deep","fields":{"text":"t"},"metadata":{"source":${nested(5_000)}}}`;
    for (const body of [deep, `[${deep}]`]) {
      const { items, problems } = parseBulkBody(body);
      expect(items).toEqual([]);
      expect(problems).toEqual([{ line: 1, path: "", message: `the record is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays` }]);
    }
  });

  it("limits each answer of a response", () => {
    expect(answerLimitProblems({ note: "n".repeat(300_000), label: "pos" }).map((problem) => problem.path)).toEqual(["values.note"]);
  });
});

describe("LLM answers", () => {
  it("stores an oversize value as an unparseable vote with its text cut, and cuts long rationales", () => {
    const limits = readValueLimits({});
    const answer: DraftValues = { value: "v".repeat(300_000), rationale: "r".repeat(100_000), rawOutput: null };
    const draft = boundedDraft(answer, limits);
    expect(draft.value).toBeNull();
    expect(Buffer.byteLength(draft.rawOutput!)).toBeLessThanOrEqual(limits.rationaleBytes);
    expect(draft.rawOutput!.endsWith("[… cut: over the size limit]")).toBe(true);
    expect(Buffer.byteLength(draft.rationale!)).toBeLessThanOrEqual(limits.rationaleBytes);
    const small = { value: "pos", score: 0.9, rationale: "fine", distribution: null, rawOutput: null };
    expect(boundedDraft(small, limits)).toEqual(small);
  });

  it("reads a deeply nested answer as unparseable instead of parsing it", () => {
    const output = parseJsonOutput(`{"label": ${nested(5_000)}}`);
    expect(output).toEqual({ ok: false, error: expect.stringMatching(/nested deeper than 64/) });
  });
});

describe("truncateUtf8", () => {
  it("cuts to the byte budget without splitting a character", () => {
    const cut = truncateUtf8("😀".repeat(1000), 3001);
    expect(cut.truncated).toBe(true);
    expect(Buffer.byteLength(cut.text)).toBe(3000);
    expect(cut.text).toMatch(/^(😀)+$/u);
    expect(truncateUtf8("short", 100)).toEqual({ text: "short", truncated: false });
  });
});

describe("depth in every reader of JSON text", () => {
  async function* source(text: string): AsyncGenerator<string> {
    yield text;
  }
  async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
    const all: T[] = [];
    for await (const item of items) all.push(item);
    return all;
  }
  const deepRecord = `{"externalId":"d","fields":{"text":${nested(5_000)}}}`;

  it("reports a deep JSONL line as a problem of its line, and reads on", async () => {
    const items = await collect(readJsonl(source(`{"externalId":"a"}\n${deepRecord}\n{"externalId":"b"}\n`)));
    expect(items.map((item) => item.kind)).toEqual(["row", "problem", "row"]);
    expect(items[1]).toEqual({ kind: "problem", line: 2, message: "the record is nested deeper than 64 levels of objects and arrays" });
  });

  it("refuses a deep JSON file before parsing it, but not records nested up to the limit", async () => {
    const [item] = await collect(readJson(source(`[${deepRecord}]`)));
    expect(item).toMatchObject({ kind: "problem", fatal: true, message: expect.stringMatching(/deeper than 64 levels/) });
    const fits = await collect(readJson(source(`{"records": [{"externalId":"a","fields":{"v":${nested(62)}}}]}`)));
    expect(fits.map((row) => row.kind)).toEqual(["row"]);
  });

  it("refuses a deep line of a folder's records.jsonl and a deep settings.json", () => {
    expect(parseFolderRecord(deepRecord, 3)).toEqual({ ok: false, problems: [{ where: "records.jsonl:3", message: "is nested deeper than 64 levels of objects and arrays" }] });
    expect(parseFolderSettings(`{"dataset": ${nested(100)}}`)).toMatchObject({ ok: false, problems: [{ where: "settings.json" }] });
  });
});
