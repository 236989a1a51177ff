// How Sift names the columns of its flat exports (CSV, Parquet, Hugging Face folders), in one place, so that the
// export (flat.ts) and the import's mapping suggestion (mapping/suggest.ts) cannot disagree.
//
// Field, metadata and question names cannot contain a dot (lib/datasets/settings.ts), so a dotted column is always
// Sift's: `metadata.<name>`, `<question>.provenance`, `suggestion.<question>.<agent>`... Agent and user names may
// contain dots (`gpt-3.5-turbo`, `maria.garcia`); they come last, and a suggestion's parts are suffixes
// (`suggestion.<question>.<agent>.score`) recognised only when the value column `suggestion.<question>.<agent>`
// exists too.
import type { IoDataset } from "@/lib/io/formats/dataset";

export const EXTERNAL_ID_COLUMN = "externalId";
export const ROUTING_DECISION_COLUMN = "record.routingDecision";
export const RECORD_UNCERTAINTY_COLUMN = "record.uncertainty";

export const SUGGESTION_PARTS = ["score", "rationale", "model", "distribution"] as const;
export type SuggestionPart = (typeof SUGGESTION_PARTS)[number];

/** A field's column: its name, or `field.<name>` in the unlikely case the field is called "externalId". */
export function fieldColumn(name: string): string {
  return name === EXTERNAL_ID_COLUMN ? `field.${name}` : name;
}

export function metadataColumn(name: string): string {
  return `metadata.${name}`;
}

/** A question's final value: its name, or `final.<name>` when a field has the same name. */
export function finalValueColumn(question: string, dataset: Pick<IoDataset, "fields">): string {
  return question === EXTERNAL_ID_COLUMN || dataset.fields.some((field) => fieldColumn(field.name) === question)
    ? `final.${question}`
    : question;
}

export function provenanceColumn(question: string): string {
  return `${question}.provenance`;
}

export function uncertaintyColumn(question: string): string {
  return `${question}.uncertainty`;
}

export function suggestionColumn(question: string, agent: string, part?: SuggestionPart): string {
  return part ? `suggestion.${question}.${agent}.${part}` : `suggestion.${question}.${agent}`;
}

export function responseColumn(question: string, user: string): string {
  return `response.${question}.${user}`;
}

export function responseStatusColumn(user: string): string {
  return `response_status.${user}`;
}

/** Whether `user` confirmed the LLMs' proposal for `question`, changed it or wrote the answer. */
export function responseOriginColumn(question: string, user: string): string {
  return `response_origin.${question}.${user}`;
}

/** What a column of a Sift export holds, read back from its name. */
export type SiftColumn =
  | { kind: "externalId" }
  | { kind: "field"; name: string }
  | { kind: "metadata"; name: string }
  /** Final values, provenance, uncertainty, routing: Sift recomputes them, so they are not imported. */
  | { kind: "derived" }
  | { kind: "suggestion"; question: string; agent: string; part: SuggestionPart | "value" }
  | { kind: "response"; question: string; user: string }
  | { kind: "responseOrigin"; question: string; user: string }
  | { kind: "responseStatus"; user: string };

/** Splits `<question>.<rest>` where the question is one of the dataset's (question names have no dots). */
function questionAndRest(text: string, questions: ReadonlySet<string>): { question: string; rest: string } | null {
  const dot = text.indexOf(".");
  if (dot <= 0) return null;
  const question = text.slice(0, dot);
  const rest = text.slice(dot + 1);
  return questions.has(question) && rest !== "" ? { question, rest } : null;
}

function suggestionOf(rest: string, question: string, columns: ReadonlySet<string>): SiftColumn {
  for (const part of SUGGESTION_PARTS) {
    const suffix = `.${part}`;
    if (rest.endsWith(suffix)) {
      const agent = rest.slice(0, -suffix.length);
      if (agent !== "" && columns.has(suggestionColumn(question, agent))) return { kind: "suggestion", question, agent, part };
    }
  }
  return { kind: "suggestion", question, agent: rest, part: "value" };
}

/**
 * Reads a column name as Sift's export naming; null when it is not one (a plain field or question name is left
 * to the caller, which knows whether the file is a Sift export). `columns` is every column of the file.
 */
export function parseSiftColumn(column: string, columns: ReadonlySet<string>, dataset: IoDataset): SiftColumn | null {
  const questions = new Set(dataset.questions.map((question) => question.name));
  if (column === EXTERNAL_ID_COLUMN) return { kind: "externalId" };
  if (column === ROUTING_DECISION_COLUMN || column === RECORD_UNCERTAINTY_COLUMN) return { kind: "derived" };
  if (column.startsWith("field.")) return { kind: "field", name: column.slice("field.".length) };
  if (column.startsWith("metadata.")) return { kind: "metadata", name: column.slice("metadata.".length) };
  if (column.startsWith("final.") && questions.has(column.slice("final.".length))) return { kind: "derived" };
  if (column.startsWith("suggestion.")) {
    const split = questionAndRest(column.slice("suggestion.".length), questions);
    return split ? suggestionOf(split.rest, split.question, columns) : null;
  }
  if (column.startsWith("response.")) {
    const split = questionAndRest(column.slice("response.".length), questions);
    return split ? { kind: "response", question: split.question, user: split.rest } : null;
  }
  if (column.startsWith("response_origin.")) {
    const split = questionAndRest(column.slice("response_origin.".length), questions);
    return split ? { kind: "responseOrigin", question: split.question, user: split.rest } : null;
  }
  if (column.startsWith("response_status.") && column.length > "response_status.".length) {
    return { kind: "responseStatus", user: column.slice("response_status.".length) };
  }
  const split = questionAndRest(column, questions);
  if (split && (split.rest === "provenance" || split.rest === "uncertainty")) return { kind: "derived" };
  return null;
}
