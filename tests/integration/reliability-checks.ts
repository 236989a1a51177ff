// What the reliability tests share: waiting for a background process (the worker, an LLM run) to bring something
// about, and counting an LLM run's suggestions per (record, question, agent).
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { getRun, type LlmRunView } from "@/lib/server/services/llm-runs";

/** Resolves with the first truthy value of `probe`, tried every 100 ms; throws naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for the run to complete; a run that pauses or stays running fails with its state. */
export async function runCompleted(actor: Actor, runId: string): Promise<LlmRunView> {
  let last: LlmRunView | null = null;
  const view = await until("the run to complete", async () => {
    last = await getRun(actor, runId);
    return last.status === "completed" || last.status === "paused" ? last : null;
  }).catch((error: Error) => {
    throw new Error(`${error.message}: ${JSON.stringify(last)}`);
  });
  if (view.status !== "completed") throw new Error(`the run paused instead of completing: ${JSON.stringify(view)}`);
  return view;
}

/** How many (record, question, agent) of the dataset have a suggestion, and how many of them have more than one. */
export async function suggestionGroups(datasetId: string): Promise<{ groups: number; duplicated: number }> {
  const result = await pool().query<{ groups: number; duplicated: number }>(
    `SELECT count(*)::int AS groups, count(*) FILTER (WHERE n > 1)::int AS duplicated FROM (
       SELECT count(*) AS n FROM "Suggestion" s JOIN "Record" r ON r.id = s."recordId" WHERE r."datasetId" = $1
       GROUP BY s."recordId", s."questionId", s.agent) g`,
    [datasetId],
  );
  return result.rows[0]!;
}
