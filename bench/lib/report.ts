// The benchmark's figures: one table for the terminal and for bench/results/latest.md, and the full result as JSON
// in bench/results/io-<timestamp>.json, so that runs can be compared over time.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export const TARGETS = {
  importRatio: 0.5,
  exportRatio: 0.5,
  peakMemoryBytes: 300 * 1000 * 1000,
} as const;

export interface Row {
  measure: string;
  sift: string;
  postgres: string;
  ratio: string;
  target: string;
  status: string;
}

export const MB = 1000 * 1000;

export function formatRate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

export function formatNumber(value: number, digits = 2): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ratioStatus(ratio: number, target: number): string {
  return ratio >= target ? "PASS" : "BELOW target";
}

export function memoryStatus(bytes: number): string {
  return bytes < TARGETS.peakMemoryBytes ? "PASS" : "ABOVE target";
}

/** A Markdown table (also readable as plain text in a terminal): the header row's keys are the columns. */
export function tableOf<R extends { [K in keyof R]: string }>(header: R, rows: R[]): string {
  const keys = Object.keys(header) as (keyof R)[];
  const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key]!.length)));
  const line = (row: R) => `| ${keys.map((key, index) => row[key]!.padEnd(widths[index]!)).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** The table of bench:io and bench:queue: Sift against PostgreSQL. */
export function markdownTable(rows: Row[]): string {
  return tableOf({ measure: "Measure", sift: "Sift", postgres: "PostgreSQL", ratio: "Ratio", target: "Target", status: "Status" }, rows);
}

/**
 * Writes a run's full result as `<name>-<timestamp>.json` and its table as `<latest>` in the results folder, so runs
 * can be compared over time and the newest is always at the same place.
 */
export async function writeBenchResults(
  resultsDir: string,
  files: { name: string; latest: string },
  result: Record<string, unknown> & { startedAt: string },
  markdown: string,
): Promise<{ json: string; markdown: string }> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, "-");
  const jsonFile = path.join(resultsDir, `${files.name}-${stamp}.json`);
  const markdownFile = path.join(resultsDir, files.latest);
  await writeFile(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(markdownFile, markdown);
  return { json: jsonFile, markdown: markdownFile };
}
