import { describe, expect, it } from "vitest";
import { checkTemplate, fillTemplate, planVotes, renderFieldValue, type TemplateCheck } from "@/lib/llm/prompts";
import type { TemplateValues } from "@/lib/llm/prompts/template";
import { ctxFor, sentiment, userText } from "./prompt-fixtures";

const values: TemplateValues = {
  guidelines: "## Guidelines\nBe kind.",
  fields: "## Record\n### Text\nhello",
  question: "## Question\nSentiment",
  options: "## Options\n- \"pos\"",
  format: "## Answer format\n- \"answer\": …",
  field: (name) => (name === "text" ? "hello {{question}}" : undefined),
};

describe("fillTemplate", () => {
  it("fills every placeholder, with or without spaces inside the braces", () => {
    expect(fillTemplate("{{ guidelines }}|{{question}}|{{options}}|{{fields}}|{{format}}", values)).toBe(
      `${values.guidelines}|${values.question}|${values.options}|${values.fields}|${values.format}`,
    );
  });
  it("does not expand placeholders that come from the record", () => {
    expect(fillTemplate("Text: {{field.text}}\n{{format}}", values)).toBe(`Text: hello {{question}}\n${values.format}`);
  });
  it("leaves unknown placeholders visible", () => {
    expect(fillTemplate("{{fields}} {{colour}} {{field.nope}}\n{{format}}", values)).toContain("{{colour}} {{field.nope}}");
  });
  it("drops a line whose only placeholder is empty, with its blank line", () => {
    expect(fillTemplate("{{guidelines}}\n\n{{question}}\n\n{{format}}", { ...values, guidelines: "" })).toBe(
      `${values.question}\n\n${values.format}`,
    );
  });
  it("appends the answer format when the template forgets it", () => {
    expect(fillTemplate("Label this: {{field.text}}", values)).toBe(`Label this: hello {{question}}\n\n${values.format}`);
  });
});

describe("checkTemplate", () => {
  const check = (t: string): TemplateCheck => checkTemplate(t, ["prompt", "response_a"]);
  it("accepts the documented placeholders and known fields", () => {
    expect(check("{{guidelines}} {{fields}} {{field.prompt}} {{question}} {{options}} {{format}}")).toEqual({ unknown: [], problems: [] });
  });
  it("names unknown placeholders and unknown fields, once each", () => {
    const r = check("{{fields}} {{instructions}} {{field.answer}} {{instructions}}");
    expect(r.unknown).toEqual(["{{instructions}}", "{{field.answer}}"]);
    expect(r.problems[0]).toMatch(/^\{\{instructions\}\}: unknown placeholder/);
    expect(r.problems[1]).toBe("{{field.answer}}: the dataset has no such field (fields: prompt, response_a)");
  });
  it("requires the template to show the record", () => {
    expect(check("{{question}} {{options}}").problems).toEqual([
      "the template shows no part of the record: add {{fields}} or {{field.<name>}}",
    ]);
    expect(check("Is {{field.response_a}} right?").problems).toEqual([]);
  });
});

describe("record fields in prompts", () => {
  it("renders text as is, chat as turns, images as URLs, JSON pretty-printed, missing as (empty)", () => {
    expect(renderFieldValue("markdown", "# Title\n\n*x*")).toBe("# Title\n\n*x*");
    expect(
      renderFieldValue("chat", [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello!" },
      ]),
    ).toBe("user: Hi\n\nassistant: Hello!");
    expect(renderFieldValue("image", "https://x.test/cat.png")).toBe("https://x.test/cat.png");
    expect(renderFieldValue("json", { a: [1, 2] })).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(renderFieldValue("chat", "not a chat")).toBe("not a chat");
    expect(renderFieldValue("text", undefined)).toBe("(empty)");
  });
  it("the default prompt holds guidelines, question, options and every field under its title", () => {
    const [plan] = planVotes(ctxFor(sentiment), { kind: "single" }, "m");
    if (!plan) throw new Error("no plan");
    const user = userText(plan);
    expect(user).toContain("## Guidelines\nLabel the review as the customer meant it.");
    expect(user).toContain("## Question\nSentiment\nThe overall tone of the review.\n\nChoose the one option");
    expect(user).toContain('- "pos": Positive\n- "neg": Negative\n- "neu": Neutral');
    expect(user).toContain("### Response B\n**Five**, obviously.");
    expect(user.indexOf("## Question")).toBeLessThan(user.indexOf("## Record"));
    expect(user.endsWith('- "answer": exactly one of: "pos", "neg", "neu"')).toBe(true);
    expect(plan.calls[0]?.messages[0]?.role).toBe("system");
  });
  it("a curator's template replaces the default and is filled per record", () => {
    const [plan] = planVotes(ctxFor(sentiment, { template: "Prompt: {{field.prompt}}\n{{options}}\n{{format}}" }), { kind: "single" }, "m");
    if (!plan) throw new Error("no plan");
    expect(userText(plan)).toMatch(/^Prompt: What is 2\+2\?\n## Options\n- "pos": Positive/);
    expect(userText(plan)).not.toContain("## Guidelines");
  });
});
