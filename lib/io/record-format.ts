// The record format of DESIGN.md: one JSON object per record, the same in JSONL files, the API's bulk bodies and
// exports. Pure: parsing and validation against a dataset's configuration, with errors that name the line and path.
import { z } from "zod";
import type { FieldType } from "@/lib/datasets/settings";
import { jsonTextTooDeep, recordLimitProblems, tooDeepMessage, valueLimits, type ValueLimits } from "@/lib/datasets/value-limits";

export const suggestionInputSchema = z
  .object({
    question: z.string().min(1).max(64),
    agent: z.string().trim().min(1).max(200),
    value: z.unknown().optional(),
    score: z.number().min(0).max(1).nullable().optional(),
    // Its size is checked with the other values' (value-limits.ts), in bytes.
    rationale: z.string().nullable().optional(),
    distribution: z.record(z.string(), z.number().min(0)).nullable().optional(),
    model: z.string().max(200).nullable().optional(),
  })
  .strict();

export const recordInputSchema = z
  .object({
    externalId: z.string().trim().min(1).max(256),
    fields: z.record(z.string(), z.unknown()),
    metadata: z.record(z.string(), z.unknown()).default({}),
    suggestions: z.array(suggestionInputSchema).max(1000).default([]),
  })
  .strict();

export type SuggestionInput = z.infer<typeof suggestionInputSchema>;
export type RecordInput = z.infer<typeof recordInputSchema>;

export interface RecordProblem {
  line: number;
  externalId?: string;
  path: string;
  message: string;
}

/** What the validator needs to know of a dataset. */
export interface RecordSchemaContext {
  fields: { name: string; type: FieldType; required: boolean }[];
  metadata: { name: string; type: "terms" | "integer" | "float"; settings: Record<string, unknown> }[];
  questions: { name: string }[];
}

export interface NumberedItem {
  line: number;
  value: unknown;
}

export const MAX_RECORDS_PER_REQUEST = 10_000;

export interface BulkChunk {
  items: NumberedItem[];
  problems: RecordProblem[];
}

export interface BulkBody {
  /** How many items the body holds (valid or not), known before any is validated. */
  total: number;
  /** The items in chunks of at most `size`, in order. */
  chunks(size: number): Generator<BulkChunk>;
}

/** One item's text before parsing, or what makes the body unreadable at that item. */
type RawItem = { line: number; content: string } | { line: number; error: string };

/**
 * Reads a bulk body: a JSON array (item N is "line" N) or NDJSON (blank lines are skipped). Items are cut out of the
 * text first and parsed chunk by chunk, so a caller that writes each chunk before asking for the next holds only one
 * chunk's objects at a time: the web server's memory stays flat however large the request, for both formats.
 */
export function readBulkBody(text: string): BulkBody {
  const items = () => (text.trimStart().startsWith("[") ? jsonArrayElements(text) : ndjsonLines(text));
  let total = 0;
  for (const _ of items()) total += 1;
  return { total, chunks: (size) => parsedChunks(items(), size) };
}

function* parsedChunks(items: Iterable<RawItem>, size: number): Generator<BulkChunk> {
  let chunk: BulkChunk = { items: [], problems: [] };
  for (const item of items) {
    if ("error" in item) {
      chunk.problems.push({ line: item.line, path: "", message: item.error });
    } else if (jsonTextTooDeep(item.content)) {
      chunk.problems.push({ line: item.line, path: "", message: `the record ${tooDeepMessage()}` });
    } else {
      try {
        chunk.items.push({ line: item.line, value: JSON.parse(item.content) });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        chunk.problems.push({ line: item.line, path: "", message: `not valid JSON (${reason})` });
      }
    }
    if (chunk.items.length + chunk.problems.length >= size) {
      yield chunk;
      chunk = { items: [], problems: [] };
    }
  }
  if (chunk.items.length + chunk.problems.length > 0) yield chunk;
}

const QUOTE = 34; // "
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * The elements of a top-level JSON array as text, found by tracking strings and nesting; each is then parsed on its
 * own by JSON.parse (which judges its syntax). Structural problems (a missing `]`, an empty element, text after the
 * array) are reported at the element where they occur.
 */
function* jsonArrayElements(text: string): Generator<RawItem> {
  let start = text.indexOf("[") + 1;
  let index = 1;
  let depth = 0;
  let inString = false;
  const element = (end: number): RawItem => {
    const content = text.slice(start, end).trim();
    return content === "" ? { line: index, error: "empty element (two commas in a row, or a comma before `]`)" } : { line: index, content };
  };
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) depth--;
    else if (c === CLOSE_BRACKET) {
      // The end of the array: its last element, unless the array is empty.
      if (index > 1 || text.slice(start, i).trim() !== "") yield element(i);
      const rest = text.slice(i + 1).trim();
      if (rest !== "") yield { line: index + 1, error: `The body is not a valid JSON array: unexpected text after \`]\`: ${rest.slice(0, 40)}` };
      return;
    } else if (c === COMMA && depth === 0) {
      yield element(i);
      start = i + 1;
      index++;
    }
  }
  yield { line: index, error: "The body is not a valid JSON array: it ends before its closing `]` (truncated?)" };
}

/** Non-blank lines with their 1-based numbers, found without splitting the whole text at once. */
function* ndjsonLines(text: string): Generator<RawItem> {
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    line += 1;
    const content = text.slice(start, end).trim();
    if (content !== "") yield { line, content };
    if (newline === -1) break;
    start = newline + 1;
  }
}

/** The whole body as one chunk (small bodies, tests, the benchmark's stage timings). */
export function parseBulkBody(text: string): BulkChunk {
  const whole: BulkChunk = { items: [], problems: [] };
  for (const chunk of readBulkBody(text).chunks(Number.MAX_SAFE_INTEGER)) {
    whole.items.push(...chunk.items);
    whole.problems.push(...chunk.problems);
  }
  return whole;
}

function pathOf(path: PropertyKey[]): string {
  return path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").replace(/^\./, "");
}

const chatSchema = z.array(z.object({ role: z.string().min(1), content: z.string() })).min(1);

function fieldValueProblem(type: FieldType, value: unknown): string | null {
  switch (type) {
    case "text":
    case "markdown":
      return typeof value === "string" ? null : "must be a string";
    case "image":
      return typeof value === "string" && /^(https?:\/\/|data:image\/)/.test(value)
        ? null
        : "must be an http(s) or data:image URL";
    case "chat":
      return chatSchema.safeParse(value).success ? null : "must be a list of {role, content} messages";
    case "json":
      return null;
  }
}

function metadataValueProblem(
  property: RecordSchemaContext["metadata"][number],
  value: unknown,
): string | null {
  if (value === null) return null;
  if (property.type === "integer") return Number.isInteger(value) ? null : "must be an integer";
  if (property.type === "float") return typeof value === "number" && Number.isFinite(value) ? null : "must be a number";
  if (typeof value !== "string") return "must be a string";
  const allowed = property.settings.values;
  if (Array.isArray(allowed) && allowed.length > 0 && !allowed.includes(value)) {
    return `must be one of ${allowed.map((item) => JSON.stringify(item)).join(", ")}`;
  }
  return null;
}

/** Validates one item against the record format and the dataset; returns the record or the problems found. */
export function validateRecord(
  item: NumberedItem,
  context: RecordSchemaContext,
  limits: ValueLimits = valueLimits(),
): { record: RecordInput; problems: [] } | { record: null; problems: RecordProblem[] } {
  const parsed = recordInputSchema.safeParse(item.value);
  const externalId =
    typeof item.value === "object" && item.value !== null && "externalId" in item.value
      ? String((item.value as { externalId: unknown }).externalId)
      : undefined;
  if (!parsed.success) {
    return {
      record: null,
      problems: parsed.error.issues.map((issue) => ({
        line: item.line,
        externalId,
        path: pathOf(issue.path),
        message: issue.message,
      })),
    };
  }
  const record = parsed.data;
  const problems: RecordProblem[] = [];
  const add = (path: string, message: string) => problems.push({ line: item.line, externalId, path, message });
  // Sizes first: a value over its limit is refused as such, before its type or options are looked at.
  for (const problem of recordLimitProblems(record, limits)) add(problem.path, problem.message);
  if (problems.length > 0) return { record: null, problems };

  const fieldTypes = new Map(context.fields.map((field) => [field.name, field]));
  for (const [name, value] of Object.entries(record.fields)) {
    const field = fieldTypes.get(name);
    if (!field) add(`fields.${name}`, `unknown field (the dataset has ${[...fieldTypes.keys()].join(", ")})`);
    else if (value !== null && value !== undefined) {
      const problem = fieldValueProblem(field.type, value);
      if (problem) add(`fields.${name}`, problem);
    }
  }
  for (const field of context.fields) {
    const value = record.fields[field.name];
    if (field.required && (value === undefined || value === null || value === "")) {
      add(`fields.${field.name}`, "is required");
    }
  }
  const properties = new Map(context.metadata.map((property) => [property.name, property]));
  for (const [name, value] of Object.entries(record.metadata)) {
    const property = properties.get(name);
    if (!property) {
      add(`metadata.${name}`, "unknown metadata property");
      continue;
    }
    const problem = metadataValueProblem(property, value);
    if (problem) add(`metadata.${name}`, problem);
  }
  const questions = new Set(context.questions.map((question) => question.name));
  const seen = new Set<string>();
  record.suggestions.forEach((suggestion, index) => {
    if (!questions.has(suggestion.question)) {
      add(`suggestions[${index}].question`, `unknown question "${suggestion.question}"`);
    }
    const key = `${suggestion.question}\u0000${suggestion.agent}`;
    if (seen.has(key)) {
      add(`suggestions[${index}]`, `a second suggestion of agent "${suggestion.agent}" for "${suggestion.question}"`);
    }
    seen.add(key);
  });
  return problems.length > 0 ? { record: null, problems } : { record, problems: [] };
}

/** Validates a whole batch; duplicate external ids within the batch are an error too. */
export function validateBatch(
  items: NumberedItem[],
  context: RecordSchemaContext,
  /** External ids already seen, with their line: pass the same map for every chunk of one body. */
  seenIds = new Map<string, number>(),
): { records: RecordInput[]; problems: RecordProblem[] } {
  const records: RecordInput[] = [];
  const problems: RecordProblem[] = [];
  const limits = valueLimits();
  for (const item of items) {
    const result = validateRecord(item, context, limits);
    if (result.record === null) {
      problems.push(...result.problems);
      continue;
    }
    const firstLine = seenIds.get(result.record.externalId);
    if (firstLine !== undefined) {
      problems.push({
        line: item.line,
        externalId: result.record.externalId,
        path: "externalId",
        message: `duplicate of line ${firstLine}`,
      });
      continue;
    }
    seenIds.set(result.record.externalId, item.line);
    records.push(result.record);
  }
  return { records, problems };
}

/** Where a problem is: `line 3 (externalId "r-3")`, or `line 3` when the line has no readable external id. */
export function problemLocation(problem: RecordProblem): string {
  return problem.externalId ? `line ${problem.line} (externalId "${problem.externalId}")` : `line ${problem.line}`;
}

/** What is wrong, inside the record: `fields.text: is required`. */
export function problemMessage(problem: RecordProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

export function describeProblem(problem: RecordProblem): string {
  return `${problemLocation(problem)}: ${problemMessage(problem)}`;
}
