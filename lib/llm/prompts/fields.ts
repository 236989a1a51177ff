/**
 * A record's field values as prompt text: what an annotator would read, in a form a model reads well.
 */
import type { PromptContext } from "../contracts";

function isChat(value: unknown): value is { role: unknown; content: unknown }[] {
  return Array.isArray(value) && value.every((m) => typeof m === "object" && m !== null && "role" in m && "content" in m);
}

function asText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value, null, 2) ?? "");
}

/**
 * One field value: text and markdown as is; chat as "role: content" turns separated by blank lines; an image as
 * its URL (the prompt is text only); JSON pretty-printed. A value that does not have its field type's shape is
 * shown as JSON rather than dropped, and a missing value as "(empty)" so the model is not left guessing.
 */
export function renderFieldValue(type: string, value: unknown): string {
  if (value === undefined || value === null || value === "") return "(empty)";
  if (type === "chat" && isChat(value)) return value.map((m) => `${asText(m.role)}: ${asText(m.content)}`).join("\n\n");
  if (type === "json") return JSON.stringify(value, null, 2) ?? "(empty)";
  return asText(value);
}

/** The fields named, in dataset order, each under its title; `except` leaves some out (a judge's candidates). */
export function renderFields(ctx: PromptContext, except: ReadonlySet<string> = new Set()): string {
  return ctx.fields
    .filter((f) => !except.has(f.name))
    .map((f) => `### ${f.title || f.name}\n${renderFieldValue(f.type, ctx.recordFields[f.name])}`)
    .join("\n\n");
}

/** One field by name, rendered by its type; undefined when the dataset has no such field. */
export function renderFieldByName(ctx: PromptContext, name: string): string | undefined {
  const field = ctx.fields.find((f) => f.name === name);
  return field ? renderFieldValue(field.type, ctx.recordFields[name]) : undefined;
}
