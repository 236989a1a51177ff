// The flat shape of a record, one column per value, for CSV and Parquet (and so Hugging Face folders). Column names
// come from column-names.ts; their order is stable: the same dataset and options always give the same header.
//
//   externalId | <field>... | metadata.<name>... | per question: <question>, <question>.provenance,
//   [<question>.uncertainty] | record.routingDecision, [record.uncertainty] |
//   [per question, per agent: suggestion.<question>.<agent> (+ .score .rationale .model .distribution)] |
//   [per annotator: response_status.<user>, then per question response.<question>.<user> and
//    response_origin.<question>.<user> (confirmed, changed or written; empty where unknown)]
//
// Chat and json fields are JSON text. A suggestion's value is written as text (JSON unless it is a string) because
// an agent may have answered anything, valid or not. Final values and responses are valid values, so they keep
// their type: list questions give a list (a JSON list in CSV, a native list in Parquet), ratings an integer.
import { questionValueKind, type IoDataset } from "@/lib/io/formats/dataset";
import {
  EXTERNAL_ID_COLUMN,
  RECORD_UNCERTAINTY_COLUMN,
  ROUTING_DECISION_COLUMN,
  SUGGESTION_PARTS,
  fieldColumn,
  finalValueColumn,
  metadataColumn,
  provenanceColumn,
  responseColumn,
  responseOriginColumn,
  responseStatusColumn,
  suggestionColumn,
  uncertaintyColumn,
} from "./column-names";
import type { ExportRecord } from "./export-record";

export type FlatKind = "string" | "int64" | "float64" | "list";
export type FlatValue = string | number | string[] | null;
export type FlatRow = Record<string, FlatValue>;

export interface FlatColumn {
  name: string;
  kind: FlatKind;
  /** One line for the dataset card. */
  description: string;
}

export interface FlatOptions {
  /** Suggestion columns and the uncertainty columns. */
  includeSuggestions?: boolean;
  /** A status column and one value column per question for each annotator. */
  includeResponses?: boolean;
  /** Per question, the agents that get columns, in column order. Suggestions of other agents are left out. */
  agents?: Readonly<Record<string, readonly string[]>>;
  /** Usernames that get response columns, in column order. */
  annotators?: readonly string[];
}

interface ColumnSpec {
  column: FlatColumn;
  get(record: ExportRecord, index: RecordIndex): FlatValue;
}

/** Per-record lookups, built once per record rather than once per column. */
interface RecordIndex {
  suggestions: Map<string, ExportRecord["suggestions"][number]>;
  responses: Map<string, ExportRecord["responses"][number]>;
}

const asText = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value);
const asJsonText = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
const asFloat = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const asInt = (value: unknown): number | null => (typeof value === "number" && Number.isInteger(value) ? value : null);
const asList = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))) : null;

/** A valid question value in its column kind; questions of a type unknown here are JSON text. */
function questionValue(type: string): { kind: FlatKind; encode(value: unknown): FlatValue } {
  const kind = questionValueKind(type);
  if (kind === "list") return { kind, encode: asList };
  if (kind === "int64") return { kind, encode: asInt };
  if (kind === "string") return { kind, encode: asText };
  return { kind: "string", encode: asJsonText };
}

const key = (question: string, name: string) => `${question}\u0000${name}`;

function specs(dataset: IoDataset, options: FlatOptions): ColumnSpec[] {
  const out: ColumnSpec[] = [];
  const add = (name: string, kind: FlatKind, description: string, get: ColumnSpec["get"]) =>
    out.push({ column: { name, kind, description }, get });

  add(EXTERNAL_ID_COLUMN, "string", "the record's external id", (record) => record.externalId);
  for (const field of dataset.fields) {
    const json = field.type === "chat" || field.type === "json";
    add(fieldColumn(field.name), "string", json ? `field "${field.name}" (${field.type}, as JSON)` : `field "${field.name}"`, (record) =>
      json ? asJsonText(record.fields[field.name]) : asText(record.fields[field.name]),
    );
  }
  for (const property of dataset.metadata) {
    const kind: FlatKind = property.type === "integer" ? "int64" : property.type === "float" ? "float64" : "string";
    const encode = kind === "int64" ? asInt : kind === "float64" ? asFloat : asText;
    add(metadataColumn(property.name), kind, `metadata "${property.name}"`, (record) => encode(record.metadata[property.name]));
  }
  for (const question of dataset.questions) {
    const { kind, encode } = questionValue(question.type);
    add(finalValueColumn(question.name, dataset), kind, `final value of "${question.name}"`, (record) =>
      encode(record.finalValues[question.name]?.value),
    );
    add(provenanceColumn(question.name), "string", `where the final value of "${question.name}" comes from: llm, human, human_confirmed or curator`, (record) =>
      record.finalValues[question.name]?.provenance ?? null,
    );
    if (options.includeSuggestions) {
      add(uncertaintyColumn(question.name), "float64", `uncertainty of the LLM proposal for "${question.name}", 0..1`, (record) =>
        asFloat(record.proposals?.[question.name]?.normalized),
      );
    }
  }
  add(ROUTING_DECISION_COLUMN, "string", "routing decision: pending, auto, audit or human", (record) => record.routingDecision);
  if (options.includeSuggestions) {
    add(RECORD_UNCERTAINTY_COLUMN, "float64", "the record's uncertainty, 0..1", (record) => asFloat(record.uncertainty));
    for (const question of dataset.questions) {
      for (const agent of options.agents?.[question.name] ?? []) {
        const find = (index: RecordIndex) => index.suggestions.get(key(question.name, agent));
        const about = `"${agent}" for "${question.name}"`;
        add(suggestionColumn(question.name, agent), "string", `suggestion of ${about}`, (_, index) => asText(find(index)?.value));
        for (const part of SUGGESTION_PARTS) {
          const kind: FlatKind = part === "score" ? "float64" : "string";
          add(suggestionColumn(question.name, agent, part), kind, `${part} of the suggestion of ${about}`, (_, index) => {
            const suggestion = find(index);
            if (part === "score") return asFloat(suggestion?.score);
            if (part === "distribution") return asJsonText(suggestion?.distribution);
            return asText(suggestion?.[part]);
          });
        }
      }
    }
  }
  if (options.includeResponses) {
    for (const user of options.annotators ?? []) {
      add(responseStatusColumn(user), "string", `status of ${user}'s response: draft, submitted or discarded`, (_, index) =>
        index.responses.get(user)?.status ?? null,
      );
      for (const question of dataset.questions) {
        const { kind, encode } = questionValue(question.type);
        add(responseColumn(question.name, user), kind, `${user}'s answer to "${question.name}"`, (_, index) =>
          encode(index.responses.get(user)?.values[question.name]),
        );
        add(responseOriginColumn(question.name, user), "string", `whether ${user} confirmed the LLM proposal for "${question.name}", changed it or wrote the answer`, (_, index) =>
          index.responses.get(user)?.origins?.[question.name] ?? null,
        );
      }
    }
  }
  return out;
}

export function flatColumns(dataset: IoDataset, options: FlatOptions = {}): FlatColumn[] {
  return specs(dataset, options).map((spec) => spec.column);
}

/**
 * A function from record to flat row, with the column specs worked out once: what a streaming export calls per
 * record. `toFlatRow` is the one-off form.
 */
export function flatRowMaker(dataset: IoDataset, options: FlatOptions = {}): (record: ExportRecord) => FlatRow {
  const list = specs(dataset, options);
  return (record) => {
    const index: RecordIndex = {
      suggestions: new Map(record.suggestions.map((suggestion) => [key(suggestion.question, suggestion.agent), suggestion])),
      responses: new Map(record.responses.map((response) => [response.user, response])),
    };
    const row: FlatRow = {};
    for (const spec of list) row[spec.column.name] = spec.get(record, index);
    return row;
  };
}

export function toFlatRow(record: ExportRecord, dataset: IoDataset, options: FlatOptions = {}): FlatRow {
  return flatRowMaker(dataset, options)(record);
}

/** Agents per question and annotators, in first-seen order: the `FlatOptions` for records held in memory. */
export function flatOptionsFor(records: Iterable<ExportRecord>): Required<Pick<FlatOptions, "agents" | "annotators">> {
  const agents: Record<string, string[]> = {};
  const annotators: string[] = [];
  for (const record of records) {
    for (const suggestion of record.suggestions) {
      const list = (agents[suggestion.question] ??= []);
      if (!list.includes(suggestion.agent)) list.push(suggestion.agent);
    }
    for (const response of record.responses) if (!annotators.includes(response.user)) annotators.push(response.user);
  }
  return { agents, annotators };
}
