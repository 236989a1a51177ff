import { describe, expect, it } from "vitest";
import { describeProblem, parseBulkBody, readBulkBody, validateBatch, type RecordSchemaContext } from "@/lib/io/record-format";

const context: RecordSchemaContext = {
  fields: [
    { name: "prompt", type: "text", required: true },
    { name: "chat", type: "chat", required: false },
    { name: "picture", type: "image", required: false },
  ],
  metadata: [
    { name: "turns", type: "integer", settings: {} },
    { name: "source", type: "terms", settings: { values: ["mt-bench", "alpaca"] } },
  ],
  questions: [{ name: "preference" }],
};

describe("parseBulkBody", () => {
  it("reads NDJSON with line numbers, skipping blank lines", () => {
    const { items, problems } = parseBulkBody('{"a":1}\n\n{"b":2}\n');
    expect(problems).toEqual([]);
    expect(items).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { b: 2 } },
    ]);
  });

  it("reads a JSON array, numbering items from 1", () => {
    expect(parseBulkBody('  [{"a":1},{"b":2}]').items.map((item) => item.line)).toEqual([1, 2]);
  });

  it("names the line of invalid JSON", () => {
    const { problems } = parseBulkBody('{"a":1}\n{"b":\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(2);
  });

  it("splits a JSON array element by element, whatever its strings and nesting hold", () => {
    const tricky = [
      { text: 'commas, "quotes", ] and } inside', nested: [[1, 2], { deep: ["]", "[", "{"] }] },
      { text: "back\\slash at the end\\", emoji: "naïve 🙂 \u2028 line" },
      "not an object",
      null,
      [],
    ];
    const { items, problems } = parseBulkBody(`\n [ ${tricky.map((value) => JSON.stringify(value, null, 2)).join(" ,\n")} ]\n`);
    expect(problems).toEqual([]);
    expect(items.map((item) => item.value)).toEqual(tricky);
    expect(items.map((item) => item.line)).toEqual([1, 2, 3, 4, 5]);
    expect(parseBulkBody("[]")).toEqual({ items: [], problems: [] });
  });

  it("names the element of a broken JSON array: bad syntax, an empty element, a missing bracket, trailing text", () => {
    expect(parseBulkBody('[{"a":1}, {"b":}, {"c":3}]').problems.map((p) => p.line)).toEqual([2]);
    expect(parseBulkBody('[{"a":1},,{"c":3}]').problems).toEqual([{ line: 2, path: "", message: expect.stringContaining("empty element") }]);
    expect(parseBulkBody('[{"a":1},]').problems).toEqual([{ line: 2, path: "", message: expect.stringContaining("empty element") }]);
    const truncated = parseBulkBody('[{"a":1},{"b":"cut off');
    expect(truncated.items).toHaveLength(1);
    expect(truncated.problems).toEqual([{ line: 2, path: "", message: expect.stringContaining("ends before its closing") }]);
    expect(parseBulkBody('[{"a":1}] trailing').problems[0]!.message).toContain("unexpected text after");
  });

  it("hands out chunks of the requested size with the total known up front", () => {
    const body = readBulkBody(Array.from({ length: 25 }, (_, i) => JSON.stringify({ i })).join("\n"));
    expect(body.total).toBe(25);
    expect([...body.chunks(10)].map((chunk) => chunk.items.length)).toEqual([10, 10, 5]);
    const array = readBulkBody(JSON.stringify(Array.from({ length: 7 }, (_, i) => ({ i }))));
    expect(array.total).toBe(7);
    expect([...array.chunks(3)].map((chunk) => chunk.items.map((item) => item.line))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });
});

describe("validateBatch", () => {
  const good = {
    externalId: "r-1",
    fields: { prompt: "Hi", chat: [{ role: "user", content: "Hi" }] },
    metadata: { turns: 1, source: "mt-bench" },
    suggestions: [{ question: "preference", agent: "judge:a", value: ["x", "y"], score: 0.9 }],
  };

  it("accepts a valid record", () => {
    const { records, problems } = validateBatch([{ line: 1, value: good }], context);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(1);
  });

  it("names line, external id and path of every problem", () => {
    const bad = {
      externalId: "r-2",
      fields: { prompt: 42, chat: "not a list", picture: "javascript:alert(1)", extra: "?" },
      metadata: { turns: 1.5, source: "reddit", unknown: 1 },
      suggestions: [
        { question: "nope", agent: "a", value: 1 },
        { question: "preference", agent: "b", value: 1 },
        { question: "preference", agent: "b", value: 2 },
      ],
    };
    const { records, problems } = validateBatch([{ line: 7, value: bad }], context);
    expect(records).toEqual([]);
    const messages = problems.map(describeProblem);
    expect(messages).toEqual(
      expect.arrayContaining([
        'line 7 (externalId "r-2"): fields.prompt: must be a string',
        'line 7 (externalId "r-2"): fields.chat: must be a list of {role, content} messages',
        'line 7 (externalId "r-2"): fields.picture: must be an http(s) or data:image URL',
        expect.stringContaining('line 7 (externalId "r-2"): fields.extra: unknown field'),
        'line 7 (externalId "r-2"): metadata.turns: must be an integer',
        expect.stringContaining("metadata.source: must be one of"),
        'line 7 (externalId "r-2"): metadata.unknown: unknown metadata property',
        'line 7 (externalId "r-2"): suggestions[0].question: unknown question "nope"',
        expect.stringContaining('suggestions[2]: a second suggestion of agent "b"'),
      ]),
    );
  });

  it("requires required fields and rejects scores outside 0..1 and unknown keys", () => {
    const { problems } = validateBatch(
      [
        { line: 1, value: { externalId: "a", fields: {} } },
        { line: 2, value: { externalId: "b", fields: { prompt: "x" }, suggestions: [{ question: "preference", agent: "a", score: 2 }] } },
        { line: 3, value: { externalId: "c", fields: { prompt: "x" }, colour: "red" } },
      ],
      context,
    );
    expect(problems.map((problem) => [problem.line, problem.path])).toEqual([
      [1, "fields.prompt"],
      [2, "suggestions[0].score"],
      [3, ""],
    ]);
  });

  it("rejects a duplicate external id within one batch", () => {
    const { records, problems } = validateBatch(
      [
        { line: 1, value: { externalId: "same", fields: { prompt: "x" } } },
        { line: 2, value: { externalId: "same", fields: { prompt: "y" } } },
      ],
      context,
    );
    expect(records).toHaveLength(1);
    expect(describeProblem(problems[0]!)).toBe('line 2 (externalId "same"): externalId: duplicate of line 1');
  });
});
