// Enqueues jobs through graphile-worker's own SQL function, so a job can be added in the same transaction as the
// data it is about: if the transaction rolls back, no job is left behind; if it commits, the job is there.
import type { Queryable } from "@/lib/jobs/queryable";
import { jobContracts, type JobName, type JobPayload } from "@/lib/jobs/contracts";

export interface EnqueueOptions {
  /** Jobs with the same key are merged: a newer one replaces a pending one (debouncing bursts of imports). */
  jobKey?: string;
  /** Delay before the job may run, in milliseconds. */
  delayMs?: number;
  maxAttempts?: number;
  /**
   * `replace` (default): a newer job with the key pushes the pending one's run time out (debounce: runs once the
   * burst is over). `preserve_run_at`: the pending one keeps its run time (throttle: runs every `delayMs` during a
   * steady stream, e.g. while an LLM run writes suggestions).
   */
  jobKeyMode?: "replace" | "preserve_run_at";
}

export async function enqueueJob<N extends JobName>(
  client: Queryable,
  name: N,
  payload: JobPayload<N>,
  options: EnqueueOptions = {},
): Promise<void> {
  const checked = jobContracts[name].parse(payload);
  await client.query(
    `SELECT graphile_worker.add_job(
       identifier := $1::text, payload := $2::json, run_at := now() + ($3::int * interval '1 millisecond'),
       max_attempts := $4::int, job_key := $5::text, job_key_mode := $6::text)`,
    [name, JSON.stringify(checked), options.delayMs ?? 0, options.maxAttempts ?? 10, options.jobKey ?? null, options.jobKeyMode ?? "replace"],
  );
}

/** The job that recomputes a dataset's proposals and routing, debounced per dataset. */
export function enqueueRecompute(client: Queryable, datasetId: string, delayMs = 500): Promise<void> {
  return enqueueJob(client, "recompute_dataset", { datasetId }, { jobKey: `recompute_dataset:${datasetId}`, delayMs });
}

/**
 * The same job while suggestions keep arriving (an LLM run): throttled rather than debounced, so proposals and
 * routing update every few seconds during the run instead of only after it.
 */
export function enqueueRecomputeWhileStreaming(client: Queryable, datasetId: string, everyMs = 3_000): Promise<void> {
  return enqueueJob(
    client,
    "recompute_dataset",
    { datasetId },
    { jobKey: `recompute_dataset:${datasetId}`, delayMs: everyMs, jobKeyMode: "preserve_run_at" },
  );
}
