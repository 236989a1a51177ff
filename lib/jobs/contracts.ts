// Every background job's name and payload contract, in one place, so that producers (web, API, seed) and the
// worker's handlers cannot disagree about either.
import { z } from "zod";

export const jobContracts = {
  /** Recompute the proposals of every (record, question) of a dataset, then its routing decisions. */
  recompute_dataset: z.object({ datasetId: z.string().uuid() }),
  /** Import an uploaded file (a DatasetTask of kind import) in batches, resuming after the last committed batch. */
  import_file: z.object({ taskId: z.string().uuid() }),
  /** Write a large export (a DatasetTask of kind export) to a file that the browser then downloads. */
  export_file: z.object({ taskId: z.string().uuid() }),
  /** Ask the run's proposers about one record and store their suggestions (job key `llm:<run>:<record>`). */
  llm_suggest_record: z.object({ runId: z.string().uuid(), recordId: z.string().uuid() }),
} as const;

export type JobName = keyof typeof jobContracts;
export type JobPayload<N extends JobName> = z.infer<(typeof jobContracts)[N]>;

export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  const result = jobContracts[name].safeParse(payload);
  if (!result.success) {
    throw new Error(`Job ${name} got an invalid payload: ${z.prettifyError(result.error)}`);
  }
  return result.data as JobPayload<N>;
}
