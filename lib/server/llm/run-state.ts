// The state changes of an LLM run that both the service (start, pause, resume, cancel) and the worker make.
import type pg from "pg";
import type { Queryable } from "@/lib/jobs/queryable";

/** A running run whose records are all done becomes completed (in the caller's transaction). */
export async function finishRunIfDone(client: Queryable, runId: string): Promise<void> {
  await client.query(
    `UPDATE "LlmRun" SET status = 'completed', "finishedAt" = now(), "updatedAt" = now()
     WHERE id = $1 AND status = 'running'
       AND NOT EXISTS (SELECT 1 FROM "LlmRunItem" WHERE "runId" = $1 AND status = 'pending')`,
    [runId],
  );
}

/**
 * One `llm_suggest_record` job per pending record of the run, added in one statement. The job key
 * `llm:<run>:<record>` makes adding them again (a resume, a retried request) replace rather than duplicate a job.
 */
export async function enqueuePendingItems(client: pg.ClientBase, runId: string): Promise<number> {
  const added = await client.query<{ count: string }>(
    `SELECT count(*) AS count FROM graphile_worker.add_jobs(ARRAY(
       SELECT ROW('llm_suggest_record', json_build_object('runId', i."runId", 'recordId', i."recordId"), NULL, NULL, 5,
                  'llm:' || i."runId" || ':' || i."recordId", NULL, NULL)::graphile_worker.job_spec
       FROM "LlmRunItem" i JOIN "Record" r ON r.id = i."recordId"
       WHERE i."runId" = $1 AND i.status = 'pending'
       ORDER BY r."importOrder"))`,
    [runId],
  );
  return Number(added.rows[0]?.count ?? 0);
}
