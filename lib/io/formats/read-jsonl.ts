// JSONL (NDJSON): one JSON object per line, read as a stream so that a file of any size passes through a bounded
// amount of memory. Blank lines are skipped; a line that is not a JSON object is reported with its number and
// reading goes on.
import { jsonTextTooDeep, tooDeepMessage } from "@/lib/datasets/value-limits";
import { describeJsonKind, errorMessage, isPlainObject } from "./describe-value";
import { decodeText } from "./bytes";
import type { ByteSource, ReadItem } from "./types";

export interface JsonlReadOptions {
  /**
   * Longest line accepted, in characters (default 32 MiB). Without a cap, a file with no newline (a JSON array
   * saved as .jsonl, a binary file) would be buffered whole; with it, the line is reported and skipped.
   */
  maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 32 * 1024 * 1024;

function parseLine(text: string, line: number): ReadItem | null {
  if (text.trim() === "") return null;
  if (jsonTextTooDeep(text)) return { kind: "problem", line, message: `the record ${tooDeepMessage()}` };
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value)
      ? { kind: "row", line, row: value }
      : { kind: "problem", line, message: `expected a JSON object, found ${describeJsonKind(value)}` };
  } catch (error) {
    return { kind: "problem", line, message: `not valid JSON (${errorMessage(error)})` };
  }
}

/** One line of text with its 1-based number, or the number of a line longer than the cap (its text is not kept). */
export type TextLine = { line: number; text: string } | { line: number; tooLong: true };

/**
 * The lines of a byte stream (without their `\n` or `\r\n`), holding at most `maxLineLength` characters of one line
 * at a time: a longer line is reported as `tooLong` and the rest of it is skipped, never buffered.
 */
export async function* readLines(source: ByteSource, maxLineLength: number): AsyncGenerator<TextLine> {
  let pending = "";
  let line = 1;
  // Set while the rest of an over-long line is being discarded.
  let skipping = false;
  const strip = (text: string) => (text.endsWith("\r") ? text.slice(0, -1) : text);

  for await (const text of decodeText(source)) {
    let start = 0;
    let newline = text.indexOf("\n", start);
    while (newline !== -1) {
      if (!skipping) {
        const full = pending + text.slice(start, newline);
        yield full.length > maxLineLength ? { line, tooLong: true } : { line, text: strip(full) };
      }
      pending = "";
      skipping = false;
      line += 1;
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    if (!skipping) {
      pending += text.slice(start);
      if (pending.length > maxLineLength) {
        yield { line, tooLong: true };
        pending = "";
        skipping = true;
      }
    }
  }
  if (!skipping) yield { line, text: strip(pending) };
}

export async function* readJsonl(source: ByteSource, options: JsonlReadOptions = {}): AsyncGenerator<ReadItem> {
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  for await (const read of readLines(source, maxLineLength)) {
    if ("tooLong" in read) {
      yield { kind: "problem", line: read.line, message: `line is longer than ${maxLineLength} characters; records must be one per line` };
      continue;
    }
    const item = parseLine(read.text, read.line);
    if (item) yield item;
  }
}
