// How large a stored value may be, and how deep a JSON document may nest: one place owns the limits and the checks,
// so every write path (the bulk API, file imports, the folder import, responses, resolutions, LLM suggestions)
// refuses the same values with the same words. Pure: no Prisma, no Next; sizes are the UTF-8 bytes of the value's
// JSON text, measured without recursion so that a hostile nesting cannot overflow the stack while being measured.

const KiB = 1024;
const MiB = 1024 * KiB;

/** Deepest nesting of objects and arrays accepted in any JSON the server reads (not configurable: it guards parsing). */
export const MAX_JSON_DEPTH = 64;

export interface ValueLimits {
  /** One field value of a record (a text, a chat transcript, a markdown document, a JSON value). */
  fieldBytes: number;
  /** One metadata value. */
  metadataBytes: number;
  /** One suggestion's value. */
  suggestionBytes: number;
  /** One suggestion's rationale (and an unparseable LLM answer's raw text). */
  rationaleBytes: number;
  /** One answer to one question: a response's value, a curator's resolution. */
  responseBytes: number;
  /** A whole record: its fields, metadata and suggestions together. */
  recordBytes: number;
}

export type LimitName = keyof ValueLimits;

interface LimitSpec {
  env: string;
  fallback: number;
  /** How a refusal names what the limit applies to: "… bytes per field value". */
  per: string;
}

export const LIMIT_SPECS: Record<LimitName, LimitSpec> = {
  fieldBytes: { env: "SIFT_MAX_FIELD_BYTES", fallback: 1 * MiB, per: "field value" },
  metadataBytes: { env: "SIFT_MAX_METADATA_BYTES", fallback: 64 * KiB, per: "metadata value" },
  suggestionBytes: { env: "SIFT_MAX_SUGGESTION_BYTES", fallback: 256 * KiB, per: "suggestion value" },
  rationaleBytes: { env: "SIFT_MAX_RATIONALE_BYTES", fallback: 64 * KiB, per: "rationale" },
  responseBytes: { env: "SIFT_MAX_RESPONSE_VALUE_BYTES", fallback: 256 * KiB, per: "answer to one question" },
  recordBytes: { env: "SIFT_MAX_RECORD_BYTES", fallback: 4 * MiB, per: "record" },
};

/** Above this an override is refused: a single value of more than 64 MiB cannot even arrive in a bulk request. */
const MAX_OVERRIDE = 64 * MiB;

/**
 * The limits in force: the defaults, raised or lowered by the environment (`SIFT_MAX_FIELD_BYTES=4194304`). A value
 * that is not a whole number of bytes between 1 KiB and 64 MiB is a configuration error, said at once.
 */
export function readValueLimits(env: Record<string, string | undefined> = process.env): ValueLimits {
  const limits = {} as ValueLimits;
  for (const [name, spec] of Object.entries(LIMIT_SPECS) as [LimitName, LimitSpec][]) {
    const raw = env[spec.env]?.trim();
    if (raw === undefined || raw === "") {
      limits[name] = spec.fallback;
      continue;
    }
    const bytes = Number(raw);
    if (!Number.isInteger(bytes) || bytes < KiB || bytes > MAX_OVERRIDE) {
      throw new Error(`${spec.env} must be a whole number of bytes between ${KiB} and ${MAX_OVERRIDE} (got "${raw}").`);
    }
    limits[name] = bytes;
  }
  // A record holds at least one field: a record limit below the field limit would make the field limit a lie.
  limits.recordBytes = Math.max(limits.recordBytes, limits.fieldBytes);
  return limits;
}

/** The limits of this process's environment (read on each call: cheap, and tests may change the environment). */
export function valueLimits(): ValueLimits {
  return readValueLimits(process.env);
}

const formatBytes = (bytes: number) => bytes.toLocaleString("en");

/** The words of a refusal: `is 10,485,762 bytes; at most 1,048,576 bytes per field value (SIFT_MAX_FIELD_BYTES)`. */
export function overLimitMessage(name: LimitName, bytes: number, limits: ValueLimits): string {
  const spec = LIMIT_SPECS[name];
  return `is ${formatBytes(bytes)} bytes; at most ${formatBytes(limits[name])} bytes per ${spec.per} (${spec.env})`;
}

export function tooDeepMessage(): string {
  return `is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`;
}

/** The size and nesting of a JSON-compatible value. `depth` counts objects and arrays: `{"a": [1]}` is 2. */
export interface JsonMeasure {
  bytes: number;
  depth: number;
}

function scalarBytes(value: unknown): number {
  if (typeof value === "string") return utf8Bytes(JSON.stringify(value));
  if (typeof value === "number") return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === "boolean") return value ? 4 : 5;
  return 4; // null; undefined inside arrays is written as null too
}

/** UTF-8 length of a string, counted without encoding it (no copy, and no Node Buffer: the module runs anywhere). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one character outside the Basic Multilingual Plane
      i++;
    } else bytes += 3; // the rest of the BMP, and a lone surrogate (encoded as U+FFFD)
  }
  return bytes;
}

/**
 * Measures the JSON text `JSON.stringify(value)` would produce (UTF-8 bytes, no whitespace) and its nesting, walking
 * the value with an explicit stack. Stops early, with the size so far, once `stopAbove` bytes or `MAX_JSON_DEPTH`
 * levels are passed: a caller that only needs to know "too big" pays for no more than the limit.
 */
export function measureJson(value: unknown, stopAbove = Number.POSITIVE_INFINITY): JsonMeasure {
  let bytes = 0;
  let depth = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const current = item.value;
    if (typeof current !== "object" || current === null) {
      bytes += scalarBytes(current);
    } else {
      const level = item.depth + 1;
      depth = Math.max(depth, level);
      if (level > MAX_JSON_DEPTH) return { bytes, depth };
      if (Array.isArray(current)) {
        bytes += 2 + Math.max(0, current.length - 1);
        for (const element of current) stack.push({ value: element, depth: level });
      } else {
        const entries = Object.entries(current).filter(([, member]) => member !== undefined && typeof member !== "function");
        bytes += 2 + Math.max(0, entries.length - 1);
        for (const [key, member] of entries) {
          bytes += utf8Bytes(JSON.stringify(key)) + 1;
          stack.push({ value: member, depth: level });
        }
      }
    }
    if (bytes > stopAbove) return { bytes, depth };
  }
  return { bytes, depth };
}

/** The size of a value's JSON text in UTF-8 bytes (`measureJson(...).bytes`). */
export function jsonBytes(value: unknown): number {
  return measureJson(value).bytes;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;

/**
 * Whether JSON text nests objects and arrays deeper than `MAX_JSON_DEPTH`, found by scanning the text once (strings
 * skipped) before it is parsed: `JSON.parse` and `JSON.stringify` are never handed a document that could blow the
 * stack. Malformed text is not judged here; the parser does that.
 */
export function jsonTextTooDeep(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** One value over its limit: where it is, inside the record or body (`fields.text`), and what is wrong. */
export interface LimitProblem {
  path: string;
  message: string;
}

/** The problem of one value against one limit, or null when it fits (too deep counts as a problem too). */
export function valueProblem(path: string, value: unknown, name: LimitName, limits: ValueLimits): LimitProblem | null {
  const measure = measureJson(value, limits[name]);
  if (measure.depth > MAX_JSON_DEPTH) return { path, message: tooDeepMessage() };
  if (measure.bytes > limits[name]) return { path, message: overLimitMessage(name, jsonBytes(value), limits) };
  return null;
}

/** The parts of a record whose sizes are limited (the record format's, and the folder's). */
export interface RecordParts {
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  suggestions: readonly { value?: unknown; rationale?: string | null }[];
}

/** Every value of a record over its limit, and the whole record when it is over the record limit. */
export function recordLimitProblems(record: RecordParts, limits: ValueLimits = valueLimits()): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const add = (problem: LimitProblem | null) => {
    if (problem) problems.push(problem);
  };
  for (const [name, value] of Object.entries(record.fields)) add(valueProblem(`fields.${name}`, value, "fieldBytes", limits));
  for (const [name, value] of Object.entries(record.metadata)) add(valueProblem(`metadata.${name}`, value, "metadataBytes", limits));
  record.suggestions.forEach((suggestion, index) => {
    if (suggestion.value !== undefined) add(valueProblem(`suggestions[${index}].value`, suggestion.value, "suggestionBytes", limits));
    if (typeof suggestion.rationale === "string") add(valueProblem(`suggestions[${index}].rationale`, suggestion.rationale, "rationaleBytes", limits));
  });
  if (problems.length === 0) {
    const total = jsonBytes(record.fields) + jsonBytes(record.metadata) + jsonBytes(record.suggestions);
    if (total > limits.recordBytes) problems.push({ path: "", message: `the record ${overLimitMessage("recordBytes", total, limits)}` });
  }
  return problems;
}

/** Each answer of a response (or resolution) over the answer limit, named `values.<question>`. */
export function answerLimitProblems(values: Record<string, unknown>, limits: ValueLimits = valueLimits()): LimitProblem[] {
  return Object.entries(values).flatMap(([name, value]) => valueProblem(`values.${name}`, value, "responseBytes", limits) ?? []);
}

/** A string cut to at most `maxBytes` UTF-8 bytes (never splitting a character), and whether it was cut. */
export function truncateUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short strings fit without being measured.
  if (text.length * 3 <= maxBytes || utf8Bytes(text) <= maxBytes) return { text, truncated: false };
  // The longest prefix that fits, by bisection (each probe measures at most `maxBytes` units).
  let low = 0;
  let high = Math.min(text.length, maxBytes);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (utf8Bytes(text.slice(0, middle)) <= maxBytes) low = middle;
    else high = middle - 1;
  }
  // Do not leave half of a surrogate pair at the end.
  const code = text.charCodeAt(low - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? low - 1 : low;
  return { text: text.slice(0, end), truncated: true };
}

/** What an LLM's answer becomes as a stored suggestion (lib/llm/contracts.ts `SuggestionDraft`, restated to stay pure). */
export interface DraftValues {
  value: unknown;
  rationale: string | null;
  rawOutput: string | null;
}

const CUT_MARK = "\n[… cut: over the size limit]";

/**
 * An LLM's answer within the limits before it is stored: a value over the suggestion limit is an unparseable vote
 * (value null; its text, cut to the rationale limit, kept as the raw output), and a rationale or raw text over the
 * rationale limit is cut. Nothing an endpoint answers is ever stored whole when it is too large.
 */
export function boundedDraft<T extends DraftValues>(draft: T, limits: ValueLimits = valueLimits()): T {
  const cut = (text: string | null) => {
    if (text === null) return null;
    const bounded = truncateUtf8(text, limits.rationaleBytes - utf8Bytes(CUT_MARK));
    return bounded.truncated ? bounded.text + CUT_MARK : text;
  };
  const oversize = draft.value !== undefined && draft.value !== null && valueProblem("value", draft.value, "suggestionBytes", limits) !== null;
  const rawOutput = oversize ? (draft.rawOutput ?? (typeof draft.value === "string" ? draft.value : JSON.stringify(draft.value))) : draft.rawOutput;
  return { ...draft, value: oversize ? null : draft.value, rationale: cut(draft.rationale), rawOutput: cut(rawOutput) };
}
