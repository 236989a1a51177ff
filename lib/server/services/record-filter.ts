// The records filters of the records list, shared by everything that acts on "the records matching these filters"
// (listing them, starting an LLM run on them): one SQL condition builder, so a filter means the same everywhere.
import { z } from "zod";
import { parseQuestionValue } from "@/lib/questions";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";
import { ValidationError, type ErrorDetail } from "@/lib/server/errors";

export const DECISIONS = ["pending", "auto", "audit", "human"] as const;
export const RESPONSE_STATUSES = ["none", "draft", "submitted", "discarded"] as const;

/** One metadata property's filter: equality (`metadata.<name>=`) and/or a numeric range (`.min`, `.max`). */
export interface MetadataFilter {
  name: string;
  equals?: string;
  min?: number;
  max?: number;
}

/** The record's proposal (the LLMs' aggregate) for `question` is `value`. */
export interface ProposalFilter {
  question: string;
  value: unknown;
}

export interface RecordFilter {
  decision?: (typeof DECISIONS)[number];
  uncertaintyMin?: number;
  uncertaintyMax?: number;
  responseStatus?: (typeof RESPONSE_STATUSES)[number];
  q?: string;
  metadata?: MetadataFilter[];
  proposal?: ProposalFilter;
}

/** The filters as a JSON body gives them (starting an LLM run on them, assigning them). */
export const recordFilterSchema = z
  .object({
    decision: z.enum(DECISIONS).optional(),
    uncertaintyMin: z.number().min(0).max(1).optional(),
    uncertaintyMax: z.number().min(0).max(1).optional(),
    responseStatus: z.enum(RESPONSE_STATUSES).optional(),
    q: z.string().trim().min(1).max(500).optional(),
    metadata: z
      .array(z.object({ name: z.string().min(1), equals: z.string().optional(), min: z.number().optional(), max: z.number().optional() }))
      .optional(),
    proposal: z
      .object({ question: z.string().min(1), value: z.unknown().refine((value) => value !== undefined, "give the proposal's value") })
      .strict()
      .optional(),
  })
  .strict() satisfies z.ZodType<RecordFilter>;

/** A number as a query string holds it: 3, -2.5, .5, 1e3. */
export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Checks metadata filters against the dataset's properties; the values become JSON of the property's type. */
function resolveMetadataFilters(config: DatasetConfig, filters: MetadataFilter[]) {
  const problems: ErrorDetail[] = [];
  const resolved: { name: string; equals?: string | number; min?: number; max?: number }[] = [];
  for (const filter of filters) {
    const property = config.metadata.find((candidate) => candidate.name === filter.name);
    const where = `metadata.${filter.name}`;
    if (!property) {
      const known = config.metadata.map((candidate) => candidate.name);
      problems.push({ where, message: `unknown metadata property (the dataset has ${known.length > 0 ? known.join(", ") : "none"})` });
      continue;
    }
    if (property.type === "terms") {
      for (const bound of ["min", "max"] as const) {
        if (filter[bound] !== undefined) {
          problems.push({ where: `${where}.${bound}`, message: `"${filter.name}" is a terms property: filter it with ${where}=<value>` });
        }
      }
      resolved.push({ name: filter.name, equals: filter.equals });
      continue;
    }
    let equals: number | undefined;
    if (filter.equals !== undefined) {
      const text = filter.equals.trim();
      equals = Number(text);
      if (!NUMBER.test(text) || (property.type === "integer" && !Number.isInteger(equals))) {
        problems.push({ where, message: `must be ${property.type === "integer" ? "an integer" : "a number"}` });
      }
    }
    if (filter.min !== undefined && filter.max !== undefined && filter.min > filter.max) {
      problems.push({ where: `${where}.min`, message: `must not be greater than ${where}.max` });
    }
    resolved.push({ name: filter.name, equals, min: filter.min, max: filter.max });
  }
  if (problems.length > 0) throw new ValidationError("Invalid query parameters.", problems);
  return resolved;
}

/**
 * The proposal filter's value as the question type reads it. A URL gives every value as text, so text that is not a
 * valid value is tried once more as JSON (`proposal.stars=4` means the number 4).
 */
function resolveProposalFilter(config: DatasetConfig, filter: ProposalFilter): { questionId: string; value: unknown } {
  const question = config.questions.find((candidate) => candidate.name === filter.question);
  if (!question) {
    const known = config.questions.map((candidate) => candidate.name).join(", ");
    throw new ValidationError("Invalid query parameters.", [{ where: "proposal.question", message: `unknown question (the dataset has ${known})` }]);
  }
  let parsed = parseQuestionValue(question.type, question.settings, filter.value);
  if (!parsed.ok && typeof filter.value === "string") {
    try {
      const json: unknown = JSON.parse(filter.value);
      const retried = parseQuestionValue(question.type, question.settings, json);
      if (retried.ok) parsed = retried;
    } catch {
      // Not JSON either: the first error stands.
    }
  }
  if (!parsed.ok) throw new ValidationError("Invalid query parameters.", [{ where: `proposal.${question.name}`, message: parsed.error }]);
  return { questionId: question.id, value: parsed.value };
}

/**
 * SQL conditions on `r` (a "Record" alias) for the dataset and the filters, combined with AND by the caller;
 * `param` adds a value to the statement's parameters and returns its placeholder. Throws a ValidationError naming
 * each bad metadata filter.
 */
export function recordFilterConditions(config: DatasetConfig, filter: RecordFilter, param: (value: unknown) => string): string[] {
  const metadata = resolveMetadataFilters(config, filter.metadata ?? []);
  const where = [`r."datasetId" = ${param(config.id)}::uuid`];
  if (filter.decision) where.push(`r."routingDecision" = ${param(filter.decision)}::"RoutingDecision"`);
  if (filter.uncertaintyMin !== undefined) where.push(`r.uncertainty >= ${param(filter.uncertaintyMin)}`);
  if (filter.uncertaintyMax !== undefined) where.push(`r.uncertainty <= ${param(filter.uncertaintyMax)}`);
  if (filter.responseStatus === "none") {
    where.push(`NOT EXISTS (SELECT 1 FROM "Response" s WHERE s."recordId" = r.id)`);
  } else if (filter.responseStatus) {
    where.push(
      `EXISTS (SELECT 1 FROM "Response" s WHERE s."recordId" = r.id AND s.status = ${param(filter.responseStatus)}::"ResponseStatus")`,
    );
  }
  for (const property of metadata) {
    if (property.equals !== undefined) where.push(`r.metadata @> ${param(JSON.stringify({ [property.name]: property.equals }))}::jsonb`);
    if (property.min !== undefined || property.max !== undefined) {
      const name = param(property.name);
      const value = `(CASE WHEN jsonb_typeof(r.metadata -> ${name}::text) = 'number' THEN (r.metadata ->> ${name}::text)::float8 END)`;
      if (property.min !== undefined) where.push(`${value} >= ${param(property.min)}`);
      if (property.max !== undefined) where.push(`${value} <= ${param(property.max)}`);
    }
  }
  if (filter.proposal) {
    const proposal = resolveProposalFilter(config, filter.proposal);
    where.push(
      `EXISTS (SELECT 1 FROM "Proposal" p WHERE p."recordId" = r.id AND p."questionId" = ${param(proposal.questionId)}::uuid
               AND p.value = ${param(JSON.stringify(proposal.value))}::jsonb)`,
    );
  }
  if (filter.q) where.push(`r."searchText" @@ websearch_to_tsquery('simple', ${param(filter.q)})`);
  return where;
}
