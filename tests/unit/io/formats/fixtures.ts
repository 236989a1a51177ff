// A dataset with every field, metadata and question type, and records with awkward values, shared by the io tests.
import type { ExportRecord } from "@/lib/io/export-shapes/export-record";
import type { IoDataset } from "@/lib/io/formats/dataset";

const options = (...values: string[]) => ({ options: values.map((value) => ({ value })) });

export const dataset: IoDataset = {
  fields: [
    { name: "prompt", type: "text", required: true },
    { name: "conversation", type: "chat", required: false },
    { name: "response_a", type: "markdown", required: false },
    { name: "response_b", type: "markdown", required: false },
    { name: "response_c", type: "markdown", required: false },
    { name: "extra", type: "json", required: false },
  ],
  metadata: [
    { name: "source", type: "terms", settings: {} },
    { name: "turns", type: "integer", settings: {} },
    { name: "temperature", type: "float", settings: {} },
  ],
  questions: [
    { name: "sentiment", type: "label", settings: options("positive", "negative", "neutral") },
    { name: "topics", type: "multi_label", settings: options("code", "math", "chit-chat") },
    { name: "preference", type: "ranking", settings: options("response_a", "response_b", "response_c") },
    { name: "quality", type: "rating", settings: { min: 1, max: 5 } },
    { name: "critique", type: "text", settings: {} },
  ],
};

export const records: ExportRecord[] = [
  {
    externalId: "r-001",
    fields: {
      prompt: 'Say "hello", then a comma, and a\nnew line 👋🏽',
      conversation: [
        { role: "user", content: "مرحبا، كيف حالك؟" },
        { role: "assistant", content: "بخير, شكرا 🙂" },
      ],
      response_a: "=HYPERLINK(\"http://evil\", \"click\")",
      response_b: "-1 is less than 0",
      response_c: "@SUM(A1:A2) and \"quotes\" and ; semicolons\r\nand CRLF",
      extra: { nested: { list: [1, "two", null], ok: true } },
    },
    metadata: { source: "mt-bench", turns: 2, temperature: 0.7 },
    suggestions: [
      { question: "sentiment", agent: "gpt-4o-mini/paraphrase", value: "positive", score: 0.9, rationale: "Friendly, with an emoji." },
      { question: "sentiment", agent: "judge:llama-3.1-70b/swapped", value: "neutral", model: "llama-3.1-70b" },
      { question: "topics", agent: "gpt-4o-mini/paraphrase", value: ["chit-chat"] },
      { question: "preference", agent: "judge:gpt-4/ab", value: ["response_a", "response_b", "response_c"], score: 0.8 },
      { question: "preference", agent: "judge:gpt-4/ba", value: ["response_b", "response_a", "response_c"] },
      { question: "quality", agent: "gpt-4o-mini/paraphrase", value: 4, distribution: { "4": 0.7, "5": 0.3 } },
      { question: "critique", agent: "gpt-4o-mini/paraphrase", value: "+ Clear.\n- Could be shorter, \"really\"." },
    ],
    responses: [
      {
        user: "maria.garcia",
        status: "submitted",
        values: {
          sentiment: "positive",
          topics: ["chit-chat", "code"],
          preference: ["response_b", "response_a", "response_c"],
          quality: 5,
          critique: "=not a formula",
        },
        origins: { sentiment: "confirmed", topics: "changed", preference: "written", quality: "confirmed", critique: "written" },
      },
      { user: "li", status: "draft", values: { sentiment: "neutral" }, origins: { sentiment: "changed" } },
    ],
    finalValues: {
      sentiment: { value: "positive", provenance: "human" },
      topics: { value: ["chit-chat", "code"], provenance: "human" },
      preference: { value: ["response_b", "response_a", "response_c"], provenance: "curator" },
      quality: { value: 5, provenance: "human" },
    },
    routingDecision: "human",
    uncertainty: 0.81,
    proposals: {
      sentiment: { value: "positive", uncertainty: 1, normalized: 0.63, method: "vote_entropy", votes: 2 },
      preference: { value: ["response_a", "response_b", "response_c"], uncertainty: 0.33, normalized: 0.33, method: "borda_disagreement", votes: 2 },
    },
  },
  {
    externalId: "r-002",
    fields: { prompt: "- starts with a dash", response_a: "Only A", extra: "just a string" },
    metadata: { source: "alpaca" },
    suggestions: [
      { question: "sentiment", agent: "gpt-4o-mini/paraphrase", value: "negative", score: 0.55 },
      { question: "quality", agent: "gpt-4o-mini/paraphrase", value: 2 },
    ],
    responses: [{ user: "li", status: "discarded", values: {} }],
    finalValues: { sentiment: { value: "negative", provenance: "llm" } },
    routingDecision: "auto",
    uncertainty: 0.2,
  },
  {
    externalId: "r-003 ünïcödé",
    fields: { prompt: "שלום עולם — RTL text, then ‏emoji 🎉 and a tab\tinside" },
    metadata: {},
    suggestions: [],
    responses: [],
    finalValues: {},
    routingDecision: "pending",
    uncertainty: null,
  },
];
