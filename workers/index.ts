// The worker process: runs the background jobs (graphile-worker on the same PostgreSQL: LISTEN/NOTIFY for
// pick-up, SKIP LOCKED for claiming, so any number of workers can run side by side). Two runners share the process:
// one for imports, exports and recomputes (CPU and database work: a small concurrency), one for LLM calls (mostly
// waiting on endpoints: a large concurrency; the providers' own limits are held by their gates).
import { run, type TaskList } from "graphile-worker";
import { databaseUrl, disconnect } from "@/lib/server/db/client";
import { closeProviderConnections } from "@/lib/server/llm/connections";
import { LLM_TASKS, tasksExcept, tasksOnly } from "@/workers/tasks";

const common = { connectionString: databaseUrl(), noHandleSignals: true, pollInterval: 2_000 } as const;
const runners = await Promise.all([
  run({ ...common, concurrency: Number(process.env.WORKER_CONCURRENCY ?? 2), taskList: tasksExcept(LLM_TASKS) as TaskList }),
  run({ ...common, concurrency: Number(process.env.LLM_WORKER_CONCURRENCY ?? 16), taskList: tasksOnly(LLM_TASKS) as TaskList }),
]);
console.log("[worker] ready");

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing running jobs, then stopping`);
  await Promise.all(runners.map((runner) => runner.stop()));
  await closeProviderConnections();
  await disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
await Promise.all(runners.map((runner) => runner.promise));
