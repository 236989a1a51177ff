// "Which records": the ids a caller picked, or every record matching the records page's filter. One shape for every
// request body that acts on a selection of a dataset's records (assigning them, deleting them), and one SQL condition
// builder, so a selection means the same everywhere.
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { datasetAccess } from "@/lib/server/services/access";
import { statementParams } from "@/lib/server/services/bulk-records";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { recordFilterConditions, recordFilterSchema, type RecordFilter } from "@/lib/server/services/record-filter";

/** Record ids one request may name (a filter has no such bound). */
export const MAX_SELECTED_IDS = 10_000;

/** The body fields of a selection; spread into a request's z.object and check with `refineSelection`. */
export const recordSelectionShape = {
  /** These records (each must be a record of the dataset). */
  recordIds: z.array(z.uuid("each record must be a record id")).min(1).max(MAX_SELECTED_IDS).optional(),
  /** Every record matching the records page's filter (`{}`: every record of the dataset). */
  filter: recordFilterSchema.optional(),
};

export interface RecordSelection {
  recordIds?: string[];
  filter?: RecordFilter;
}

/** Exactly one of `recordIds` and `filter`. */
export function refineSelection(input: RecordSelection, context: z.RefinementCtx): void {
  if ((input.recordIds === undefined) === (input.filter === undefined))
    context.addIssue({ code: "custom", path: ["recordIds"], message: "give either recordIds or filter (not both)" });
}

/**
 * SQL conditions on `r` (a "Record" alias) for the selection within the dataset, combined with AND by the caller;
 * `param` adds a value to the statement's parameters and returns its placeholder.
 */
export function selectionConditions(config: DatasetConfig, selection: RecordSelection, param: (value: unknown) => string): string[] {
  return selection.filter
    ? recordFilterConditions(config, selection.filter, param)
    : [`r."datasetId" = ${param(config.id)}::uuid`, `r.id = ANY(${param(selection.recordIds ?? [])}::uuid[])`];
}

/** How many records of the dataset match the records page's filter (what "all matching" stands for): one SQL count. */
export async function countMatchingRecords(actor: Actor, datasetId: string, filter: RecordFilter): Promise<number> {
  const access = await datasetAccess(actor, datasetId, "records.view");
  const config = await loadDatasetConfig(access.datasetId);
  const { params, param } = statementParams();
  const where = recordFilterConditions(config, filter, param);
  const found = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM "Record" r WHERE ${where.join(" AND ")}`, params);
  return found.rows[0]!.n;
}
