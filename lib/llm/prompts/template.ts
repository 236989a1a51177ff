/**
 * Prompt templates: the user message is a template whose placeholders are filled per record, question and variant.
 * A curator may replace the default template (`PromptContext.template`) with their own using the same placeholders:
 *
 *   {{guidelines}}      the dataset's guidelines under a "## Guidelines" heading (nothing when there are none)
 *   {{fields}}          every record field under a "## Record" heading, each as "### <title>" and its value
 *                       (judges: the fields that are not candidates, under "## Context")
 *   {{field.<name>}}    one field's value alone, rendered by its type (text as is, chat as "role: content" turns,
 *                       image as its URL, JSON pretty-printed)
 *   {{question}}        the question's title and description and the task ("Choose the one option…")
 *   {{options}}         the options as shown in this variant (shuffled, lettered); a judge's candidates as
 *                       "Response 1", "Response 2"…; nothing for types without options
 *   {{format}}          how to answer: the JSON keys and what each must hold
 *
 * Whitespace inside braces is allowed (`{{ fields }}`). Filling is one pass, so text from a record that happens
 * to contain "{{question}}" is never expanded. Unknown placeholders are left in the text as written, visible in the
 * prompt preview, and `checkTemplate` names them so the settings form can refuse to save. A line holding only a
 * placeholder that is empty (e.g. no guidelines) is dropped with its following blank line. When a template has no
 * `{{format}}`, the format is appended at the end: reading the answer must not depend on remembering it.
 */

export interface TemplateValues {
  guidelines: string;
  fields: string;
  question: string;
  options: string;
  format: string;
  /** One field's rendered value, or undefined for a name the dataset does not have. */
  field(name: string): string | undefined;
}

export const PLACEHOLDERS = ["guidelines", "fields", "field.<name>", "question", "options", "format"] as const;

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;
const WHOLE_LINE = /^\s*\{\{\s*([^{}\s]+)\s*\}\}\s*$/;

/** The instruction, then the input (the CoAnnotating `plain` order). */
export const DEFAULT_TEMPLATE = "{{guidelines}}\n\n{{question}}\n\n{{options}}\n\n{{fields}}\n\n{{format}}";

/** The input, then the instruction (`instruction_after`). */
export const INSTRUCTION_AFTER_TEMPLATE = "{{fields}}\n\n{{guidelines}}\n\n{{question}}\n\n{{options}}\n\n{{format}}";

/** Judges read the context, then the candidates, then what to decide. */
export const DEFAULT_JUDGE_TEMPLATE = "{{guidelines}}\n\n{{fields}}\n\n{{options}}\n\n{{question}}\n\n{{format}}";

function lookup(name: string, values: TemplateValues): string | undefined {
  if (name.startsWith("field.")) return values.field(name.slice("field.".length));
  switch (name) {
    case "guidelines":
    case "fields":
    case "question":
    case "options":
    case "format":
      return values[name];
    default:
      return undefined;
  }
}

function usesFormat(template: string): boolean {
  return [...template.matchAll(PLACEHOLDER)].some((m) => m[1] === "format");
}

/** The template with its placeholders filled; see the module comment for the rules. */
export function fillTemplate(template: string, values: TemplateValues): string {
  const out: string[] = [];
  let dropNextBlank = false;
  for (const line of template.split("\n")) {
    if (dropNextBlank && line.trim() === "") {
      dropNextBlank = false;
      continue;
    }
    dropNextBlank = false;
    const whole = WHOLE_LINE.exec(line);
    if (whole?.[1] !== undefined && lookup(whole[1], values) === "") {
      dropNextBlank = true;
      continue;
    }
    out.push(line.replace(PLACEHOLDER, (raw, name: string) => lookup(name, values) ?? raw));
  }
  const text = out.join("\n").trim();
  return usesFormat(template) ? text : `${text}\n\n${values.format}`;
}

/**
 * `instruction_after` for a curator's template: the line holding `{{fields}}` moves to the top. A template without
 * such a line has no record block to move and is used as it is (that variant then asks the same as `plain`).
 */
export function recordFirst(template: string): string {
  const lines = template.split("\n");
  const i = lines.findIndex((l) => WHOLE_LINE.exec(l)?.[1] === "fields");
  if (i < 0) return template;
  const [fieldsLine] = lines.splice(i, 1);
  return [fieldsLine, "", ...lines].join("\n");
}

export interface TemplateCheck {
  /** Placeholders that are not in the list above, or name a field the dataset does not have, as written. */
  unknown: string[];
  /** Readable sentences for the settings form, empty when the template is fine. */
  problems: string[];
}

/** What is wrong with a curator's template for a dataset with these field names. */
export function checkTemplate(template: string, fieldNames: readonly string[]): TemplateCheck {
  const unknown: string[] = [];
  const names = new Set(fieldNames);
  let showsRecord = false;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? "";
    const known = name.startsWith("field.") ? names.has(name.slice("field.".length)) : (PLACEHOLDERS as readonly string[]).includes(name);
    if (!known) {
      if (!unknown.includes(m[0])) unknown.push(m[0]);
      continue;
    }
    if (name === "fields" || name.startsWith("field.")) showsRecord = true;
  }
  const problems = unknown.map((u) =>
    u.includes("field.")
      ? `${u}: the dataset has no such field (fields: ${fieldNames.join(", ") || "none"})`
      : `${u}: unknown placeholder (use one of ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")})`,
  );
  if (template.trim() === "") problems.push("the template is empty");
  else if (!showsRecord) problems.push("the template shows no part of the record: add {{fields}} or {{field.<name>}}");
  return { unknown, problems };
}
