// A first mapping, proposed from the column names, for the curator to check and adjust:
// - a row in Sift's record format (a `fields` key) maps as is;
// - Sift's own flat export columns (column-names.ts) map back to fields, metadata, suggestions and responses, so a
//   Sift CSV or Parquet export re-imports with no manual mapping; its final values, provenance and uncertainty are
//   left out (Sift recomputes them);
// - otherwise by name: `externalId`/`external_id`/`id`, a field's or metadata property's name, and a question's name
//   as a suggestion of agent "import" (with `<question>.score` and `<question>.rationale` when present).
// Exact names win over case-insensitive ones.
import type { IoDataset } from "@/lib/io/formats/dataset";
import {
  fieldColumn,
  parseSiftColumn,
  provenanceColumn,
  type SuggestionPart,
} from "@/lib/io/export-shapes/column-names";
import type { ColumnMapping, Mapping, ResponseMapping, SuggestionMapping } from "./schema";

export const IMPORT_AGENT = "import";

const ID_COLUMNS = ["externalId", "external_id", "id"];

/** Finds a column by exact name, then by unique case-insensitive name, skipping columns already used. */
function finder(columns: readonly string[], used: ReadonlySet<string>): (name: string) => string | undefined {
  return (name) => {
    if (columns.includes(name) && !used.has(name)) return name;
    const matches = columns.filter((column) => column.toLowerCase() === name.toLowerCase() && !used.has(column));
    return matches.length === 1 ? matches[0] : undefined;
  };
}

function isRecordFormat(columns: readonly string[], dataset: IoDataset): boolean {
  return columns.includes("fields") && !dataset.fields.some((field) => field.name === "fields");
}

export function suggestMapping(columns: readonly string[], dataset: IoDataset): Mapping {
  if (isRecordFormat(columns, dataset)) return { kind: "record" };
  const all = new Set(columns);
  const used = new Set<string>();
  const mapping: ColumnMapping = { kind: "columns", externalId: null, fields: {}, metadata: {}, suggestions: [], responses: [] };
  const fieldNames = new Set(dataset.fields.map((field) => field.name));
  const metadataNames = new Set(dataset.metadata.map((property) => property.name));
  const agents = new Map<string, SuggestionMapping>();
  const annotators = new Map<string, ResponseMapping>();
  const annotator = (user: string): ResponseMapping => {
    const entry = annotators.get(user) ?? { user, values: {} };
    annotators.set(user, entry);
    return entry;
  };

  // Sift's own export columns first: they are unambiguous.
  for (const column of columns) {
    const parsed = parseSiftColumn(column, all, dataset);
    if (!parsed) continue;
    if (parsed.kind === "derived") used.add(column);
    else if (parsed.kind === "field" && fieldNames.has(parsed.name)) mapping.fields[parsed.name] = column;
    else if (parsed.kind === "metadata" && metadataNames.has(parsed.name)) mapping.metadata[parsed.name] = column;
    else if (parsed.kind === "suggestion") {
      const id = `${parsed.question}\u0000${parsed.agent}`;
      const entry = agents.get(id) ?? { question: parsed.question, agent: parsed.agent, value: column };
      if (parsed.part === "value") entry.value = column;
      else entry[parsed.part satisfies SuggestionPart] = column;
      agents.set(id, entry);
    } else if (parsed.kind === "response") annotator(parsed.user).values[parsed.question] = column;
    else if (parsed.kind === "responseOrigin") (annotator(parsed.user).origins ??= {})[parsed.question] = column;
    else if (parsed.kind === "responseStatus") annotator(parsed.user).statusColumn = column;
    else continue;
    used.add(column);
  }

  const find = finder(columns, used);
  const take = (name: string): string | undefined => {
    const column = find(name);
    if (column !== undefined) used.add(column);
    return column;
  };
  for (const name of ID_COLUMNS) {
    const column = take(name);
    if (column !== undefined) {
      mapping.externalId = column;
      break;
    }
  }
  for (const field of dataset.fields) {
    if (mapping.fields[field.name] !== undefined) continue;
    const column = take(fieldColumn(field.name));
    if (column !== undefined) mapping.fields[field.name] = column;
  }
  for (const property of dataset.metadata) {
    if (mapping.metadata[property.name] !== undefined) continue;
    const column = take(property.name);
    if (column !== undefined) mapping.metadata[property.name] = column;
  }
  for (const question of dataset.questions) {
    // In a Sift export, `<question>` is the final value (it comes with `<question>.provenance`): derived.
    if (all.has(provenanceColumn(question.name))) {
      if (all.has(question.name)) used.add(question.name);
      continue;
    }
    const value = take(question.name);
    if (value === undefined) continue;
    const entry: SuggestionMapping = { question: question.name, agent: IMPORT_AGENT, value };
    const score = take(`${question.name}.score`);
    const rationale = take(`${question.name}.rationale`);
    if (score !== undefined) entry.score = score;
    if (rationale !== undefined) entry.rationale = rationale;
    agents.set(`${question.name}\u0000${IMPORT_AGENT}`, entry);
  }

  // Suggestions in dataset question order, agents in column order: the order of the file's suggestions.
  const questionOrder = new Map(dataset.questions.map((question, index) => [question.name, index]));
  mapping.suggestions = [...agents.values()].sort(
    (a, b) => (questionOrder.get(a.question) ?? 0) - (questionOrder.get(b.question) ?? 0),
  );
  mapping.responses = [...annotators.values()];
  return mapping;
}
