// Which columns a file has, which of them a mapping leaves out (reported to the curator, never dropped silently),
// and what is wrong with a mapping before any row goes through it.
import type { IoDataset } from "@/lib/io/formats/dataset";
import { RECORD_FORMAT_KEYS, type Mapping } from "./schema";

/** The union of the rows' keys, in first-seen order (JSONL rows need not all have the same keys). */
export function collectColumns(rows: Iterable<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** Every column the mapping reads. */
export function mappedColumns(mapping: Mapping): Set<string> {
  if (mapping.kind === "record") return new Set(RECORD_FORMAT_KEYS);
  const used = new Set<string>();
  const add = (column: string | null | undefined) => {
    if (column) used.add(column);
  };
  add(mapping.externalId);
  Object.values(mapping.fields).forEach(add);
  Object.values(mapping.metadata).forEach(add);
  for (const entry of mapping.suggestions) {
    [entry.agentColumn, entry.value, entry.score, entry.rationale, entry.model, entry.distribution].forEach(add);
  }
  for (const entry of mapping.responses) {
    [entry.userColumn, entry.statusColumn, ...Object.values(entry.values), ...Object.values(entry.origins ?? {})].forEach(add);
  }
  return used;
}

/**
 * Columns of the file that the mapping does not read, in file order. In a Sift export these include the derived
 * columns (final values, provenance, uncertainty, routing), which import recomputes.
 */
export function unknownColumns(columns: readonly string[], mapping: Mapping): string[] {
  const used = mappedColumns(mapping);
  return columns.filter((column) => !used.has(column));
}

/** Problems that make a mapping unusable for this dataset and file, each naming the target and the column. */
export function mappingProblems(mapping: Mapping, dataset: IoDataset, columns: readonly string[]): string[] {
  if (mapping.kind === "record") {
    return columns.includes("fields") ? [] : ['the rows have no "fields" key, so they are not in Sift\'s record format'];
  }
  const problems: string[] = [];
  const present = new Set(columns);
  for (const column of mappedColumns(mapping)) {
    if (!present.has(column)) problems.push(`column "${column}" is not in the file`);
  }
  const fields = new Set(dataset.fields.map((field) => field.name));
  const metadata = new Set(dataset.metadata.map((property) => property.name));
  const questions = new Set(dataset.questions.map((question) => question.name));
  for (const name of Object.keys(mapping.fields)) if (!fields.has(name)) problems.push(`"${name}" is not a field of the dataset`);
  for (const name of Object.keys(mapping.metadata)) {
    if (!metadata.has(name)) problems.push(`"${name}" is not a metadata property of the dataset`);
  }
  for (const field of dataset.fields) {
    if (field.required && mapping.fields[field.name] === undefined) problems.push(`the required field "${field.name}" has no column`);
  }
  for (const entry of mapping.suggestions) {
    if (!questions.has(entry.question)) problems.push(`suggestions for "${entry.question}": not a question of the dataset`);
  }
  for (const entry of mapping.responses) {
    for (const question of Object.keys(entry.values)) {
      if (!questions.has(question)) problems.push(`responses for "${question}": not a question of the dataset`);
    }
  }
  return problems;
}
