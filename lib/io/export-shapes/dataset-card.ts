// README.md of a Hugging Face datasets folder: YAML front matter the Hub and `datasets` read (`configs` with the
// data files of each split, `dataset_info.features` from the flat columns), then a card people read: what the
// dataset is, how it was annotated, where each final value came from, the columns, and the attribution the
// curator gives.
//
// Every YAML string is written JSON-quoted (a JSON string is a valid YAML double-quoted scalar), so column names
// such as `suggestion.label.judge:gpt-4/ab` need no further escaping. List features are written as
// `sequence: string`, the spelling every `datasets` version reads.
import type { IoDataset } from "@/lib/io/formats/dataset";
import type { Provenance, RoutingDecision } from "./export-record";
import type { FlatColumn, FlatKind } from "./flat";
import { hfSplitGlob } from "./hf-files";

export interface CardDataset extends IoDataset {
  name: string;
  description?: string;
}

export interface CardStats {
  splits: { name: string; numExamples: number }[];
  /** Per question: how many exported records have a final value of each provenance, and how many have none. */
  provenance: Record<string, Partial<Record<Provenance | "none", number>>>;
  routing?: Partial<Record<RoutingDecision, number>>;
}

export interface CardOptions {
  /** The columns of the Parquet files, as `flatColumns` gave them. */
  columns: FlatColumn[];
  /** Who made the data and under which terms; written as given (markdown). */
  attribution: string;
  /** An SPDX-like id for the Hub's license tag, e.g. "cc-by-4.0". */
  license?: string;
}

const quote = (text: string): string => JSON.stringify(text);

const FEATURE: Record<FlatKind, string> = {
  string: "dtype: string",
  int64: "dtype: int64",
  float64: "dtype: float64",
  list: "sequence: string",
};

function frontMatter(dataset: CardDataset, stats: CardStats, options: CardOptions): string {
  const lines = ["---"];
  if (options.license) lines.push(`license: ${quote(options.license)}`);
  lines.push(`pretty_name: ${quote(dataset.name)}`, "configs:", "- config_name: default", "  data_files:");
  for (const split of stats.splits) lines.push(`  - split: ${quote(split.name)}`, `    path: ${quote(hfSplitGlob(split.name))}`);
  lines.push("dataset_info:", "  features:");
  for (const column of options.columns) lines.push(`  - name: ${quote(column.name)}`, `    ${FEATURE[column.kind]}`);
  lines.push("  splits:");
  for (const split of stats.splits) lines.push(`  - name: ${quote(split.name)}`, `    num_examples: ${split.numExamples}`);
  lines.push("---");
  return lines.join("\n");
}

/** A markdown table cell: no line breaks, pipes escaped. */
const cell = (text: string): string => text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");

function table(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.map(cell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map((value) => cell(String(value))).join(" | ")} |`),
  ].join("\n");
}

export function datasetCard(dataset: CardDataset, stats: CardStats, options: CardOptions): string {
  const total = stats.splits.reduce((sum, split) => sum + split.numExamples, 0);
  const sections: string[] = [frontMatter(dataset, stats, options), `# ${dataset.name.replace(/\r?\n/g, " ")}`];
  if (dataset.description?.trim()) sections.push(dataset.description.trim());
  sections.push(
    "## How it was annotated",
    "Annotated with Sift: language models proposed a value for every question of every record; Sift measured how " +
      "uncertain each proposal was, accepted the confident ones (provenance `llm`) and routed the uncertain ones to " +
      "human annotators (`human`, or `human_confirmed` where every annotator behind the answer left the LLM proposal " +
      "unchanged); curators resolved disagreements (`curator`). Each question's `<question>.provenance` " +
      "column says where its final value came from.",
    "## Splits",
    table(["split", "records"], [...stats.splits.map((split) => [split.name, split.numExamples]), ["total", total]]),
    "## Final values by provenance",
    table(
      ["question", "llm", "human", "curator", "none"],
      dataset.questions.map((question) => {
        const counts = stats.provenance[question.name] ?? {};
        return [question.name, counts.llm ?? 0, counts.human ?? 0, counts.curator ?? 0, counts.none ?? 0];
      }),
    ),
  );
  if (stats.routing) {
    const decisions: RoutingDecision[] = ["auto", "audit", "human", "pending"];
    sections.push("## Routing", table(["decision", "records"], decisions.map((decision) => [decision, stats.routing?.[decision] ?? 0])));
  }
  sections.push(
    "## Columns",
    table(["column", "type", "meaning"], options.columns.map((column) => [`\`${column.name}\``, column.kind, column.description])),
    "## Attribution",
    options.attribution.trim() === "" ? "No attribution was given." : options.attribution.trim(),
  );
  return `${sections.join("\n\n")}\n`;
}
