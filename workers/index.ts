// The worker process: runs the background jobs (graphile-worker on the same PostgreSQL: LISTEN/NOTIFY for
// pick-up, SKIP LOCKED for claiming, so any number of workers can run side by side). Two runners share the process:
// one for imports, exports and recomputes (CPU and database work: a small concurrency), one for LLM calls (mostly
// waiting on endpoints: a large concurrency; the providers' own limits are held by their gates).
import { EventEmitter } from "node:events";
import pg from "pg";
import { run, type TaskList, type WorkerEvents } from "graphile-worker";
import { startWorkerLiveness } from "@/lib/jobs/worker-liveness";
import { databaseUrl, disconnect } from "@/lib/server/db/client";
import { closeProviderConnections } from "@/lib/server/llm/connections";
import { jobLogger } from "@/workers/logger";
import { LLM_TASKS, tasksExcept, tasksOnly } from "@/workers/tasks";

const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 2);
const llmConcurrency = Number(process.env.LLM_WORKER_CONCURRENCY ?? 16);
// Each record job of an LLM run queries through the app's pool while its calls are out: one connection per job in
// progress, plus a few for the gate and the other runner (the pool is created on first use, after this line).
process.env.DATABASE_POOL_SIZE ??= String(Math.max(10, concurrency + llmConcurrency + 4));
// Jobs left locked by a worker process that was killed are released (lib/jobs/worker-liveness.ts).
const livenessPool = new pg.Pool({ connectionString: databaseUrl(), max: 2 });
livenessPool.on("error", () => undefined);
const liveness = startWorkerLiveness(databaseUrl(), livenessPool, (message) => console.log(`[worker] ${message}`));
const events = new EventEmitter() as WorkerEvents;
events.on("worker:create", ({ worker }) => liveness.add(worker.workerId));
const common = { connectionString: databaseUrl(), noHandleSignals: true, pollInterval: 2_000, events } as const;
const runners = await Promise.all([
  run({ ...common, concurrency, taskList: tasksExcept(LLM_TASKS) as TaskList, logger: jobLogger(() => true) }),
  run({
    ...common,
    concurrency: llmConcurrency,
    // graphile-worker's own connections: one per job it holds, so that claiming and completing jobs never wait.
    maxPoolSize: Math.max(10, llmConcurrency + 2),
    taskList: tasksOnly(LLM_TASKS) as TaskList,
    logger: jobLogger((task) => task === undefined),
  }),
]);
console.log("[worker] ready");

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing running jobs, then stopping`);
  await Promise.all(runners.map((runner) => runner.stop()));
  await liveness.stop();
  await livenessPool.end();
  await closeProviderConnections();
  await disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
await Promise.all(runners.map((runner) => runner.promise));
