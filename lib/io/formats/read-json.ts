// JSON: an array of record objects, or an object with a `records` array. JSON.parse needs the whole text, so this
// reader buffers the file, up to a size limit. Why a limit rather than a streaming JSON parser: a streaming parser
// would be hand-written code or one more dependency, and JSONL already is the streaming format. Parsed objects
// take 2-4 times their text's size in memory, so the default 32 MiB keeps one upload well under the 300 MB a Node
// process may use; larger files are refused with a hint to convert them to JSONL (`jq -c '.[]' in.json`).
import { jsonTextTooDeep, MAX_JSON_DEPTH } from "@/lib/datasets/value-limits";
import { describeJsonKind, errorMessage, isPlainObject } from "./describe-value";
import { concatBytes, toBytes } from "./bytes";
import type { ByteSource, ReadItem } from "./types";

export interface JsonReadOptions {
  /** Largest file accepted, in bytes (default 32 MiB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_JSON_BYTES = 32 * 1024 * 1024;

/** Concatenates the chunks, or returns null as soon as the total passes `maxBytes`. */
async function collect(source: ByteSource, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source) {
    const bytes = toBytes(chunk);
    total += bytes.byteLength;
    if (total > maxBytes) return null;
    chunks.push(bytes);
  }
  return concatBytes(chunks);
}

/**
 * The physical line of a JSON.parse error, from the character position V8 puts in most of its messages
 * ("… in JSON at position 17"); line 1 for the few that have none ("Unexpected token …" quotes the text instead).
 */
function lineOfSyntaxError(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (!position?.[1]) return 1;
  const end = Math.min(Number(position[1]), text.length);
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < end; index = text.indexOf("\n", index + 1)) line += 1;
  return line;
}

function itemsOf(value: unknown): unknown[] | string {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value)) {
    if (Array.isArray(value.records)) return value.records;
    return 'expected a JSON array of records or an object with a "records" array; found an object without "records"';
  }
  return `expected a JSON array of records or an object with a "records" array; found ${describeJsonKind(value)}`;
}

export async function* readJson(source: ByteSource, options: JsonReadOptions = {}): AsyncGenerator<ReadItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_JSON_BYTES;
  const bytes = await collect(source, maxBytes);
  if (bytes === null) {
    const limit = `${Math.round(maxBytes / (1024 * 1024))} MiB`;
    yield {
      kind: "problem",
      line: 1,
      fatal: true,
      message: `a JSON file is read whole and may be at most ${limit}; save larger files as JSONL (one record per line)`,
    };
    return;
  }
  // TextDecoder drops a leading byte order mark, which JSON.parse would reject.
  const text = new TextDecoder("utf-8").decode(bytes);
  // The records sit one or two levels down (an array, or `{"records": [...]}`): their own nesting gets the usual limit.
  if (jsonTextTooDeep(text, MAX_JSON_DEPTH + 2)) {
    yield { kind: "problem", line: 1, fatal: true, message: `the file nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels inside a record` };
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = errorMessage(error);
    yield { kind: "problem", line: lineOfSyntaxError(text, message), fatal: true, message: `not valid JSON (${message})` };
    return;
  }
  const items = itemsOf(parsed);
  if (typeof items === "string") {
    yield { kind: "problem", line: 1, fatal: true, message: items };
    return;
  }
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    const line = index + 1;
    if (isPlainObject(item)) yield { kind: "row", line, row: item };
    else yield { kind: "problem", line, message: `item ${line}: expected a JSON object, found ${describeJsonKind(item)}` };
  }
}
