// The LLM benchmark's figures: one table for the terminal and for bench/results/llm-latest.md, and the full result as
// JSON in bench/results/llm-<timestamp>.json (written by writeBenchResults; bench/io.ts keeps latest.md and io-*.json).
import { tableOf } from "./report";

export const LLM_TARGETS = { throughputRatio: 0.9 } as const;

export interface LlmRow {
  measure: string;
  value: string;
  reference: string;
  ratio: string;
  target: string;
  status: string;
}

/** The LLM benchmark's table: Sift against the ideal. */
export function llmTable(rows: LlmRow[]): string {
  return tableOf({ measure: "Measure", value: "Sift", reference: "Ideal / reference", ratio: "Ratio", target: "Target", status: "Status" }, rows);
}
