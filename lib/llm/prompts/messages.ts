/**
 * The messages of one call: a system message (the role, in the variant's wording) and the user message filled from
 * the dataset's template (or the default one). Shared by question prompts and judge prompts.
 */
import type { Wording } from "../../questions/llm-types";
import type { ChatMessage, OutputSchema, PromptContext } from "../contracts";
import { renderFieldByName } from "./fields";
import { formatSection } from "./envelope";
import { DEFAULT_TEMPLATE, fillTemplate, INSTRUCTION_AFTER_TEMPLATE, recordFirst, type TemplateValues } from "./template";

const SYSTEM: Record<Wording, string> = {
  plain:
    "You are a careful annotator of datasets. Follow the annotation guidelines, read the record, and answer the " +
    "question exactly as asked. Reply with a single JSON object and nothing else.",
  paraphrase:
    "You label data for a dataset. Apply the guidelines to the record and give your answer in the requested " +
    "format: one JSON object, with no text around it.",
};

export const JUDGE_SYSTEM =
  "You are an impartial judge of responses. Judge them by the guidelines and the question only: do not let the order " +
  "in which they are presented, their length or their style sway you. Reply with a single JSON object and nothing else.";

export interface UserMessageParts {
  /** The user message blocks except `format`, which comes from the output schema. */
  blocks: Omit<TemplateValues, "format" | "field">;
  output: OutputSchema;
  /** The template when the curator has none. */
  defaultTemplate: string;
  /** `instruction_after`: the record before the instruction. */
  recordFirst: boolean;
}

export function guidelinesBlock(ctx: PromptContext): string {
  return ctx.guidelines.trim() === "" ? "" : `## Guidelines\n${ctx.guidelines.trim()}`;
}

export function questionBlock(ctx: PromptContext, task: string): string {
  const { title, description, name } = ctx.question;
  const heading = ["## Question", title || name, ...(description.trim() === "" ? [] : [description.trim()])];
  return `${heading.join("\n")}\n\n${task}`;
}

export function userMessage(ctx: PromptContext, parts: UserMessageParts): string {
  // A blank template is "no template": saving an emptied text box must not blank the prompt.
  const custom = ctx.template !== undefined && ctx.template.trim() !== "" ? ctx.template : null;
  const template =
    custom === null ? (parts.recordFirst ? INSTRUCTION_AFTER_TEMPLATE : parts.defaultTemplate) : parts.recordFirst ? recordFirst(custom) : custom;
  return fillTemplate(template, {
    ...parts.blocks,
    format: formatSection(parts.output),
    field: (name) => renderFieldByName(ctx, name),
  });
}

export function messages(system: string, user: string): ChatMessage[] {
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}

export function systemMessage(wording: Wording): string {
  return SYSTEM[wording];
}

/** Default template for ordinary questions (exported for the prompt preview). */
export { DEFAULT_TEMPLATE };
