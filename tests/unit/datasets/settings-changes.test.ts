import { describe, expect, it } from "vitest";
import { datasetSettingsSchema, type DatasetSettings, type DatasetSettingsInput } from "@/lib/datasets/settings";
import {
  PUBLISHED_REASONS,
  addQuestionLock,
  changedParts,
  describeRefusal,
  fieldLocks,
  formatChangePath,
  metadataLocks,
  needsRecompute,
  questionLocks,
  refusedChanges,
  sameJson,
  type ChangeContext,
} from "@/lib/datasets/settings-changes";

type Input = DatasetSettingsInput & { metadata: NonNullable<DatasetSettingsInput["metadata"]> };

const base: Input = {
  name: "Reviews",
  description: "Product reviews",
  guidelines: "# Label the sentiment",
  fields: [
    { name: "text", title: "Text", type: "text", required: true },
    { name: "context", title: "Context", type: "markdown", required: false },
  ],
  questions: [
    {
      name: "sentiment",
      title: "Sentiment",
      type: "label",
      settings: { options: [{ value: "pos", text: "Positive" }, { value: "neg", text: "Negative" }] },
    },
    { name: "topics", type: "multi_label", settings: { options: [{ value: "price" }, { value: "quality" }] } },
    { name: "best", type: "ranking", settings: { options: [{ value: "a" }, { value: "b" }] } },
    { name: "stars", type: "rating", settings: { min: 1, max: 5 } },
    { name: "why", type: "text", required: false, settings: { useMarkdown: false, companion: "stars" } },
  ],
  metadata: [
    { name: "source", type: "terms", settings: { values: ["web", "app"] } },
    { name: "free", type: "terms" },
    { name: "length", type: "integer", visibleForAnnotators: false },
  ],
  distribution: { minSubmitted: 1 },
};

const draft: ChangeContext = { status: "draft", recordCount: 0 };
const draftWithRecords: ChangeContext = { status: "draft", recordCount: 12 };
const published: ChangeContext = { status: "published", recordCount: 12 };
const publishedEmpty: ChangeContext = { status: "published", recordCount: 0 };

function parse(input: DatasetSettingsInput): DatasetSettings {
  return datasetSettingsSchema.parse(input);
}

/** The base settings changed by `edit` (on a deep copy of the input). */
function changed(edit: (settings: Input) => void): DatasetSettings {
  const copy = structuredClone(base);
  edit(copy);
  return parse(copy);
}

function refused(after: DatasetSettings, context: ChangeContext) {
  return refusedChanges(parse(base), after, context).map((change) => ({ where: formatChangePath(change.path), reason: change.reason, subject: change.subject }));
}

const question = (settings: DatasetSettingsInput, name: string) => settings.questions.find((item) => item.name === name)!;
const optionsOf = (settings: DatasetSettingsInput, name: string) =>
  (question(settings, name).settings as { options: { value: string; text?: string }[] }).options;

describe("settings changes: safe everywhere", () => {
  const safe: [string, (settings: Input) => void][] = [
    ["the dataset's name, description and guidelines", (s) => Object.assign(s, { name: "Reviews v2", description: "", guidelines: "New" })],
    ["a field title", (s) => (s.fields[0]!.title = "Review text")],
    ["a question title and description", (s) => Object.assign(question(s, "sentiment"), { title: "Tone", description: "How does it sound?" })],
    ["an option's text", (s) => (optionsOf(s, "sentiment")[0]!.text = "Good")],
    ["a ranking option's text", (s) => (optionsOf(s, "best")[1]!.text = "Response B")],
    ["a new label option at the end", (s) => optionsOf(s, "sentiment").push({ value: "mixed", text: "Mixed" })],
    ["a new label option in the middle", (s) => optionsOf(s, "sentiment").splice(1, 0, { value: "neutral" })],
    ["a new multi-label option", (s) => optionsOf(s, "topics").push({ value: "delivery" })],
    ["the order of existing options", (s) => optionsOf(s, "sentiment").reverse()],
    ["a text question's useMarkdown", (s) => (question(s, "why").settings = { useMarkdown: true, companion: "stars" })],
    // Whether a free text starts from the proposal changes how answers start, never which answers are valid.
    ["a text question's prefill", (s) => (question(s, "why").settings = { useMarkdown: false, companion: "stars", prefill: true })],
    ["minSubmitted", (s) => (s.distribution = { minSubmitted: 3 })],
    ["the routing policy", (s) => (s.routing = { policy: "threshold", threshold: 0.4 })],
    ["the uncertainty method", (s) => (s.uncertainty = { method: "self_eval" })],
    ["the order of fields and questions", (s) => (s.fields.reverse(), s.questions.reverse())],
    ["a metadata title and visibility", (s) => Object.assign(s.metadata[2]!, { title: "Length", visibleForAnnotators: true })],
    ["a new metadata property", (s) => s.metadata.push({ name: "lang", type: "terms" })],
    ["a new allowed terms value", (s) => (s.metadata[0]!.settings = { values: ["web", "app", "email"] })],
    ["a new optional field", (s) => s.fields.push({ name: "notes", type: "text", required: false })],
  ];
  for (const context of [draft, draftWithRecords, published, publishedEmpty]) {
    for (const [what, edit] of safe) {
      it(`allows ${what} (${context.status}, ${context.recordCount} records)`, () => {
        expect(refused(changed(edit), context)).toEqual([]);
      });
    }
  }

  it("finds nothing when nothing changed", () => {
    expect(refusedChanges(parse(base), parse(structuredClone(base)), published)).toEqual([]);
  });
});

describe("settings changes: a draft without records", () => {
  it("allows anything: removals, renames, new types, new questions, new required fields", () => {
    const after = changed((s) => {
      s.fields = [{ name: "body", type: "chat", required: true }];
      s.questions = [{ name: "stars", type: "label", settings: { options: [{ value: "x" }, { value: "y" }] } }];
      s.questions.push({ name: "extra", type: "rating", settings: { min: 0, max: 10 } });
      s.metadata = [{ name: "source", type: "float" }];
    });
    expect(refused(after, draft)).toEqual([]);
  });
});

describe("settings changes: a draft with records", () => {
  it("refuses removing a field, a question or a metadata property, saying how many records", () => {
    const after = changed((s) => {
      s.fields.splice(1, 1);
      s.questions.splice(2, 1);
      s.metadata.splice(0, 1);
    });
    const result = refused(after, draftWithRecords);
    expect(result.map((change) => change.where)).toEqual(["fields", "questions", "metadata"]);
    expect(result[0]!.subject).toBe('field "context"');
    expect(result[0]!.reason).toMatch(/12 records exist: removing the field would orphan their values/);
    expect(result[1]!.subject).toBe('question "best"');
    expect(result[1]!.reason).toMatch(/delete its suggestions and responses/);
    expect(result[2]!.subject).toBe('metadata property "source"');
  });

  it("refuses renaming a field (a removal of the old name)", () => {
    const result = refused(changed((s) => (s.fields[1]!.name = "ctx")), draftWithRecords);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ where: "fields", subject: 'field "context"' });
  });

  it("refuses a new required field but allows an optional one", () => {
    const required = refused(changed((s) => s.fields.push({ name: "notes", type: "text", required: true })), draftWithRecords);
    expect(required).toEqual([{ where: "fields[2].required", subject: 'field "notes"', reason: expect.stringMatching(/add it as optional/) }]);
    expect(refused(changed((s) => s.fields.push({ name: "notes", type: "text", required: false })), draftWithRecords)).toEqual([]);
  });

  it("allows field types whose values still fit, and refuses the others", () => {
    expect(refused(changed((s) => (s.fields[0]!.type = "markdown")), draftWithRecords)).toEqual([]);
    expect(refused(changed((s) => (s.fields[0]!.type = "json")), draftWithRecords)).toEqual([]);
    const result = refused(changed((s) => (s.fields[0]!.type = "chat")), draftWithRecords);
    expect(result).toEqual([{ where: "fields[0].type", subject: 'field "text"', reason: expect.stringContaining('"text" values, which don\'t fit "chat"') }]);
  });

  it("refuses a question type change and skips comparing its settings", () => {
    const result = refused(
      changed((s) => Object.assign(question(s, "best"), { type: "label", settings: { options: [{ value: "x" }, { value: "y" }] } })),
      draftWithRecords,
    );
    expect(result).toEqual([{ where: "questions[2].type", subject: 'question "best"', reason: expect.stringMatching(/values of the current type/) }]);
  });

  it("allows option and scale changes (old suggestions become unparseable votes), and required changes", () => {
    const after = changed((s) => {
      optionsOf(s, "sentiment").splice(0, 1, { value: "positive" });
      question(s, "stars").settings = { min: 0, max: 10 };
      question(s, "sentiment").required = false;
      s.fields[0]!.required = false;
    });
    expect(refused(after, draftWithRecords)).toEqual([]);
  });

  it("allows integer to float metadata, refuses float to terms", () => {
    expect(refused(changed((s) => (s.metadata[2]!.type = "float")), draftWithRecords)).toEqual([]);
    const result = refused(changed((s) => (s.metadata[2]!.type = "terms")), draftWithRecords);
    expect(result).toEqual([{ where: "metadata[2].type", subject: 'metadata property "length"', reason: expect.stringContaining("integer values, which don't fit terms") }]);
  });
});

describe("settings changes: a published dataset", () => {
  it("refuses a field type change with the reason the screen shows", () => {
    const result = refused(changed((s) => (s.fields[0]!.type = "markdown")), published);
    expect(result).toEqual([{ where: "fields[0].type", subject: 'field "text"', reason: PUBLISHED_REASONS.fieldType }]);
    expect(PUBLISHED_REASONS.fieldType).toBe("Published: field types can't change, because records already use them.");
  });

  it("refuses the same even without records: publishing is the promise", () => {
    expect(refused(changed((s) => (s.fields[0]!.type = "markdown")), publishedEmpty)).toHaveLength(1);
  });

  it("refuses required changes on fields and questions, both ways", () => {
    const result = refused(
      changed((s) => {
        s.fields[0]!.required = false;
        s.fields[1]!.required = true;
        question(s, "why").required = true;
      }),
      published,
    );
    expect(result.map((change) => change.where)).toEqual(["fields[0].required", "fields[1].required", "questions[4].required"]);
    expect(result[2]!.reason).toBe(PUBLISHED_REASONS.questionRequired);
  });

  it("refuses removing a field, a question, a metadata property", () => {
    const result = refused(
      changed((s) => {
        s.fields.pop();
        s.questions.pop();
        s.metadata.shift();
      }),
      published,
    );
    expect(result).toEqual([
      { where: "fields", subject: 'field "context"', reason: PUBLISHED_REASONS.fieldRemove },
      { where: "questions", subject: 'question "why"', reason: PUBLISHED_REASONS.questionRemove },
      { where: "metadata", subject: 'metadata property "source"', reason: PUBLISHED_REASONS.metadataRemove },
    ]);
  });

  it("refuses new questions and new required fields", () => {
    const result = refused(
      changed((s) => {
        s.questions.push({ name: "new", type: "text" });
        s.fields.push({ name: "extra", type: "text", required: true });
      }),
      published,
    );
    expect(result).toEqual([
      { where: "fields[2].required", subject: 'field "extra"', reason: PUBLISHED_REASONS.fieldAddRequired },
      { where: "questions[5].name", subject: 'question "new"', reason: PUBLISHED_REASONS.questionAdd },
    ]);
  });

  it("refuses renaming a question: the old one is removed and a new one added", () => {
    const result = refused(changed((s) => (question(s, "sentiment").name = "tone")), published);
    expect(result.map((change) => change.reason)).toEqual([PUBLISHED_REASONS.questionRemove, PUBLISHED_REASONS.questionAdd]);
  });

  it("refuses a question type change", () => {
    const result = refused(
      changed((s) => Object.assign(question(s, "topics"), { type: "label", settings: { options: [{ value: "price" }, { value: "quality" }] } })),
      published,
    );
    expect(result).toEqual([{ where: "questions[1].type", subject: 'question "topics"', reason: PUBLISHED_REASONS.questionType }]);
  });

  it("refuses removing or renaming a label option, naming the option", () => {
    const removedOption = refused(changed((s) => optionsOf(s, "sentiment").splice(1, 1, { value: "mixed" })), published);
    expect(removedOption).toEqual([
      { where: "questions[0].settings.options", subject: 'question "sentiment", option "neg"', reason: PUBLISHED_REASONS.optionValue },
    ]);
    const renamed = refused(changed((s) => (optionsOf(s, "sentiment")[0]!.value = "positive")), published);
    expect(renamed).toEqual([
      { where: "questions[0].settings.options", subject: 'question "sentiment", option "pos"', reason: PUBLISHED_REASONS.optionValue },
    ]);
  });

  it("refuses any change to ranking option values, new ones included, pointing at the new option", () => {
    const added = refused(changed((s) => optionsOf(s, "best").push({ value: "c" })), published);
    expect(added).toEqual([
      { where: "questions[2].settings.options[2].value", subject: 'question "best", option "c"', reason: PUBLISHED_REASONS.optionsFixed },
    ]);
    const removedOption = refused(changed((s) => optionsOf(s, "best").splice(0, 1, { value: "z" })), published);
    expect(removedOption.map((change) => change.where)).toEqual(["questions[2].settings.options", "questions[2].settings.options[0].value"]);
  });

  it("refuses a new rating scale on min and max", () => {
    const result = refused(changed((s) => (question(s, "stars").settings = { min: 0, max: 10 })), published);
    expect(result).toEqual([
      { where: "questions[3].settings.min", subject: 'question "stars"', reason: PUBLISHED_REASONS.ratingScale },
      { where: "questions[3].settings.max", subject: 'question "stars"', reason: PUBLISHED_REASONS.ratingScale },
    ]);
  });

  it("refuses a text question's new companion but not its display setting", () => {
    const result = refused(changed((s) => (question(s, "why").settings = { useMarkdown: true })), published);
    expect(result).toEqual([{ where: "questions[4].settings.companion", subject: 'question "why"', reason: PUBLISHED_REASONS.setting }]);
  });

  it("refuses metadata type changes, even integer to float", () => {
    const result = refused(changed((s) => (s.metadata[2]!.type = "float")), published);
    expect(result).toEqual([{ where: "metadata[2].type", subject: 'metadata property "length"', reason: PUBLISHED_REASONS.metadataType }]);
  });

  it("refuses removing allowed terms values and restricting a free terms property", () => {
    const removedValue = refused(changed((s) => (s.metadata[0]!.settings = { values: ["web"] })), published);
    expect(removedValue).toEqual([
      { where: "metadata[0].settings.values", subject: 'metadata property "source"', reason: PUBLISHED_REASONS.metadataValues },
    ]);
    const restricted = refused(changed((s) => (s.metadata[1]!.settings = { values: ["x"] })), published);
    expect(restricted.map((change) => change.where)).toEqual(["metadata[1].settings.values"]);
    const other = refused(changed((s) => (s.metadata[2]!.settings = { unit: "words" })), published);
    expect(other).toEqual([{ where: "metadata[2].settings.unit", subject: 'metadata property "length"', reason: PUBLISHED_REASONS.metadataSettings }]);
  });

  it("lists every refused change of one request, in settings order", () => {
    const result = refused(
      changed((s) => {
        s.fields[0]!.type = "json";
        optionsOf(s, "sentiment").splice(0, 1, { value: "mixed" });
        question(s, "stars").settings = { min: 1, max: 4 };
        s.metadata[2]!.type = "float";
        s.guidelines = "fine";
      }),
      published,
    );
    expect(result.map((change) => change.where)).toEqual([
      "fields[0].type",
      "questions[0].settings.options",
      "questions[3].settings.max",
      "metadata[2].type",
    ]);
  });
});

describe("settings changes: helpers", () => {
  it("describe a refusal with its subject", () => {
    expect(describeRefusal({ path: ["fields", 0, "type"], subject: 'field "text"', reason: "no" })).toBe('field "text": no');
    expect(formatChangePath(["questions", 1, "settings", "options", 0, "value"])).toBe("questions[1].settings.options[0].value");
  });

  it("compare JSON regardless of key order", () => {
    expect(sameJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });

  it("need a recompute when questions, routing or uncertainty change, not for texts", () => {
    const before = parse(base);
    expect(needsRecompute(before, changed((s) => (s.guidelines = "x")))).toBe(false);
    expect(needsRecompute(before, changed((s) => (question(s, "sentiment").title = "x")))).toBe(false);
    expect(needsRecompute(before, changed((s) => optionsOf(s, "sentiment").push({ value: "mixed" })))).toBe(true);
    expect(needsRecompute(before, changed((s) => (s.routing = { policy: "all_human" })))).toBe(true);
    expect(needsRecompute(before, changed((s) => (s.uncertainty = { method: "self_eval" })))).toBe(true);
  });

  it("name the changed top-level parts", () => {
    expect(changedParts(parse(base), changed((s) => ((s.guidelines = "x"), (s.fields[0]!.title = "T"))))).toEqual(["guidelines", "fields"]);
  });

  it("lock saved items of a published dataset with the same sentences", () => {
    expect(fieldLocks(published, true)).toEqual({
      name: PUBLISHED_REASONS.fieldName,
      type: PUBLISHED_REASONS.fieldType,
      required: PUBLISHED_REASONS.fieldRequired,
      remove: PUBLISHED_REASONS.fieldRemove,
    });
    expect(fieldLocks(published, false)).toEqual({ required: PUBLISHED_REASONS.fieldAddRequired });
    expect(fieldLocks(draft, true)).toEqual({});
    expect(fieldLocks(draftWithRecords, true).remove).toMatch(/12 records exist/);
    expect(questionLocks(published, true, "label")).toMatchObject({ optionValues: PUBLISHED_REASONS.optionValue, addOption: undefined });
    expect(questionLocks(published, true, "ranking")).toMatchObject({ addOption: PUBLISHED_REASONS.optionsFixed });
    expect(questionLocks(published, false, "ranking")).toEqual({});
    expect(questionLocks(draftWithRecords, true, "label")).toMatchObject({ type: expect.any(String), remove: expect.any(String) });
    expect(questionLocks(draft, true, "label")).toEqual({});
    expect(metadataLocks(published, true).type).toBe(PUBLISHED_REASONS.metadataType);
    expect(metadataLocks(published, false)).toEqual({});
    expect(addQuestionLock(published)).toBe(PUBLISHED_REASONS.questionAdd);
    expect(addQuestionLock(draftWithRecords)).toBeUndefined();
  });
});
