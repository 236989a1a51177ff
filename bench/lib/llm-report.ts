// The LLM benchmark's figures: one table for the terminal and for bench/results/llm-latest.md, and the full result as
// JSON in bench/results/llm-<timestamp>.json (bench/io.ts keeps latest.md and io-*.json for itself).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export const LLM_TARGETS = { throughputRatio: 0.9 } as const;

export interface LlmRow {
  measure: string;
  value: string;
  reference: string;
  ratio: string;
  target: string;
  status: string;
}

/** A Markdown table (also readable as plain text in a terminal). */
export function llmTable(rows: LlmRow[]): string {
  const header: LlmRow = { measure: "Measure", value: "Sift", reference: "Ideal / reference", ratio: "Ratio", target: "Target", status: "Status" };
  const keys = Object.keys(header) as (keyof LlmRow)[];
  const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
  const line = (row: LlmRow) => `| ${keys.map((key, index) => row[key].padEnd(widths[index]!)).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export async function writeLlmResults(
  resultsDir: string,
  result: Record<string, unknown> & { startedAt: string },
  markdown: string,
): Promise<{ json: string; markdown: string }> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, "-");
  const jsonFile = path.join(resultsDir, `llm-${stamp}.json`);
  const markdownFile = path.join(resultsDir, "llm-latest.md");
  await writeFile(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(markdownFile, markdown);
  return { json: jsonFile, markdown: markdownFile };
}
