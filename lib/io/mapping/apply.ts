// One row of a file through a mapping: a record in Sift's record format (to be checked by `validateBatch` from
// record-format.ts, like any API body) and its responses (checked here, see responses.ts). Cells are converted by
// their target's type; a cell that cannot be converted is a problem that names the row, the target and the column.
import type { IoDataset } from "@/lib/io/formats/dataset";
import { RESPONSE_STATUSES } from "@/lib/io/export-shapes/export-record";
import type { RecordProblem } from "@/lib/io/record-format";
import {
  isEmpty,
  toChat,
  toInteger,
  toJsonValue,
  toNumber,
  toObject,
  toQuestionValue,
  toText,
  type Converted,
} from "./convert";
import { validateResponses, type ProblemPlace, type ResponseInput } from "./responses";
import { RECORD_FORMAT_KEYS, type ColumnMapping, type Mapping, type ResponseMapping, type SuggestionMapping } from "./schema";

export interface SourceRow {
  line: number;
  row: Record<string, unknown>;
}

export type MappedRow =
  | {
      ok: true;
      line: number;
      /** The record-format object; pass `{ line, value: record }` to validateBatch. */
      record: Record<string, unknown>;
      responses: ResponseInput[];
    }
  | { ok: false; line: number; problems: RecordProblem[] };

/** Generated when the mapping has no external id column: stable for the same file, so re-imports upsert. */
export function generatedExternalId(line: number): string {
  return `row-${line}`;
}

class Collector {
  readonly problems: RecordProblem[] = [];
  constructor(readonly place: ProblemPlace) {}

  /** The converted value, or undefined when the cell is empty or could not be converted (then a problem is kept). */
  take(converted: Converted, path: string, column: string): unknown {
    if (converted === null) return undefined;
    if ("error" in converted) {
      this.problems.push({ ...this.place, path, message: `column "${column}": ${converted.error}` });
      return undefined;
    }
    return converted.value;
  }
}

function fieldConverter(type: string | undefined): (value: unknown) => Converted {
  if (type === "chat") return toChat;
  if (type === "json") return toJsonValue;
  return toText;
}

function metadataConverter(type: string | undefined): (value: unknown) => Converted {
  if (type === "integer") return toInteger;
  if (type === "float") return toNumber;
  return toText;
}

function mapSuggestion(
  entry: SuggestionMapping,
  row: Record<string, unknown>,
  questionType: string,
  collect: Collector,
  path: string,
): Record<string, unknown> | null {
  const agent = entry.agent ?? collect.take(toText(row[entry.agentColumn ?? ""]), `${path}.agent`, entry.agentColumn ?? "");
  const parts = [entry.value, entry.score, entry.rationale, entry.model, entry.distribution];
  // No agent or no cell at all: this agent made no suggestion for this record.
  if (agent === undefined || parts.every((column) => column === undefined || isEmpty(row[column]))) return null;
  const suggestion: Record<string, unknown> = { question: entry.question, agent };
  const raw = row[entry.value];
  if (!isEmpty(raw)) {
    // An agent's answer may be anything; one that does not convert stays as given and counts as an unparseable
    // vote (DESIGN.md), rather than failing the record.
    const converted = toQuestionValue(questionType, raw);
    suggestion.value = converted !== null && "value" in converted ? converted.value : raw;
  }
  const optional: [keyof SuggestionMapping & string, (value: unknown) => Converted][] = [
    ["score", toNumber],
    ["rationale", toText],
    ["model", toText],
    ["distribution", toObject],
  ];
  for (const [part, convert] of optional) {
    const column = entry[part];
    if (typeof column !== "string") continue;
    const value = collect.take(convert(row[column]), `${path}.${part}`, column);
    if (value !== undefined) suggestion[part] = value;
  }
  return suggestion;
}

function mapResponse(
  entry: ResponseMapping,
  row: Record<string, unknown>,
  questionTypes: ReadonlyMap<string, string>,
  collect: Collector,
  path: string,
): Record<string, unknown> | null {
  const user = entry.user ?? collect.take(toText(row[entry.userColumn ?? ""]), `${path}.user`, entry.userColumn ?? "");
  if (user === undefined) return null;
  const values: Record<string, unknown> = {};
  for (const [question, column] of Object.entries(entry.values)) {
    const value = collect.take(toQuestionValue(questionTypes.get(question) ?? "", row[column]), `${path}.values.${question}`, column);
    if (value !== undefined) values[question] = value;
  }
  const status =
    entry.statusColumn === undefined ? undefined : collect.take(toStatus(row[entry.statusColumn]), `${path}.status`, entry.statusColumn);
  // Nothing in this row for this annotator: no response.
  if (Object.keys(values).length === 0 && status === undefined) return null;
  const origins: Record<string, unknown> = {};
  for (const [question, column] of Object.entries(entry.origins ?? {})) {
    const origin = toText(row[column]);
    if (values[question] !== undefined && origin !== null && "value" in origin && origin.value !== "") origins[question] = origin.value;
  }
  return { user, status: status ?? entry.status ?? "submitted", values, origins };
}

function toStatus(value: unknown): Converted {
  const text = toText(value);
  if (text === null || "error" in text) return text;
  const status = String(text.value).trim().toLowerCase();
  return (RESPONSE_STATUSES as readonly string[]).includes(status)
    ? { value: status }
    : { error: `expected ${RESPONSE_STATUSES.join(", ")}, found ${JSON.stringify(text.value)}` };
}

function applyColumns(source: SourceRow, mapping: ColumnMapping, dataset: IoDataset): MappedRow {
  const { line, row } = source;
  let externalId: string | undefined;
  if (mapping.externalId === null) externalId = generatedExternalId(line);
  else {
    const id = toText(row[mapping.externalId]);
    if (id !== null && "value" in id && typeof id.value === "string") externalId = id.value.trim();
  }
  const collect = new Collector({ line, externalId });
  if (externalId === undefined && mapping.externalId !== null) {
    collect.problems.push({ line, path: "externalId", message: `column "${mapping.externalId}" is empty or not text` });
  }

  const fieldTypes = new Map(dataset.fields.map((field) => [field.name, field.type]));
  const fields: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(mapping.fields)) {
    const value = collect.take(fieldConverter(fieldTypes.get(name))(row[column]), `fields.${name}`, column);
    if (value !== undefined) fields[name] = value;
  }
  const metadataTypes = new Map(dataset.metadata.map((property) => [property.name, property.type]));
  const metadata: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(mapping.metadata)) {
    const value = collect.take(metadataConverter(metadataTypes.get(name))(row[column]), `metadata.${name}`, column);
    if (value !== undefined) metadata[name] = value;
  }
  const questionTypes = new Map(dataset.questions.map((question) => [question.name, question.type]));
  const suggestions: Record<string, unknown>[] = [];
  mapping.suggestions.forEach((entry, index) => {
    const suggestion = mapSuggestion(entry, row, questionTypes.get(entry.question) ?? "", collect, `suggestions[${index}]`);
    if (suggestion) suggestions.push(suggestion);
  });
  const responses: Record<string, unknown>[] = [];
  mapping.responses.forEach((entry, index) => {
    const response = mapResponse(entry, row, questionTypes, collect, `responses[${index}]`);
    if (response) responses.push(response);
  });
  // Converted by type above; checked for validity like the responses of a record-format row.
  const checked = validateResponses(responses, dataset, collect.place);
  collect.problems.push(...checked.problems);

  if (collect.problems.length > 0) return { ok: false, line, problems: collect.problems };
  return { ok: true, line, record: { externalId, fields, metadata, suggestions }, responses: checked.responses };
}

function applyRecordFormat(source: SourceRow, dataset: IoDataset): MappedRow {
  const { line, row } = source;
  const record: Record<string, unknown> = {};
  for (const key of RECORD_FORMAT_KEYS) if (key !== "responses" && key in row) record[key] = row[key];
  const externalId = typeof row.externalId === "string" ? row.externalId : undefined;
  const checked = validateResponses(row.responses, dataset, { line, externalId });
  if (checked.problems.length > 0) return { ok: false, line, problems: checked.problems };
  return { ok: true, line, record, responses: checked.responses };
}

export function applyMapping(source: SourceRow, mapping: Mapping, dataset: IoDataset): MappedRow {
  return mapping.kind === "record" ? applyRecordFormat(source, dataset) : applyColumns(source, mapping, dataset);
}
