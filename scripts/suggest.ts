// `npm run suggest -- --dataset <id> [--limit N] [--filter-decision D] [--q text] [--workspace slug] [--as email]`:
// the browser's "Start run" from a terminal. Starts an LLM run with the dataset's LLM settings on all its records or
// the filtered ones (`startRun`, as the curator's button does), then works on it in this process with a
// graphile-worker runner on the LLM task list only (worker processes that are running help, as they would for a run
// started in the browser), printing progress every couple of seconds.
//
// Exit codes: 0 the run completed (records whose calls failed after retries are counted and named in the summary:
// resuming the run asks again for what is missing); 1 it paused (the endpoint kept failing: the reason is printed) or
// was cancelled, or an unexpected error; 2 the command cannot start (bad arguments, no database, unknown dataset or
// user, no proposers, a provider whose key cannot be read); 130 Ctrl-C, which pauses the run before exiting.
//
// Who starts the run: the instance owner (the user `npm start`'s seed or the first sign-up made owner), or the user
// `--as <email or username>`; the run is theirs in the audit log and the runs list, and their role must allow
// managing runs on the dataset (owner, admin or curator of its workspace).
//
// The database: DATABASE_URL; unset, the embedded PostgreSQL that `npm start` runs (found through the lock file in
// .data/postgres, database `sift`), if it is running. SIFT_ENCRYPTION_KEY (to read the providers' API keys): the
// environment's, else the one `npm start` keeps in .data/encryption-key.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { run, type Runner, type TaskList } from "graphile-worker";
import { jobLogger } from "@/workers/logger";
import type { LlmRunView } from "@/lib/server/services/llm-runs";
import { parseCommandLine, UsageError } from "./lib/cli";
import { dataDir } from "./lib/paths";

const USAGE = `Usage: npm run suggest -- --dataset <id> [options]
  --dataset ID             the dataset (the id in its URL, /w/<workspace>/d/<id>); with --workspace, its name works too
  --workspace SLUG         the dataset's workspace (checked; lets --dataset be a name)
  --limit N                at most N of the matching records, in import order (a trial run)
  --filter-decision D      only records whose routing decision is D: pending, auto, audit or human
  --q TEXT                 only records whose fields match TEXT (the records list's search)
  --as EMAIL               start the run as this user (email or username); default: the instance owner
  --resume RUN_ID          resume a paused run (e.g. after Ctrl-C) instead of starting one; --dataset is not needed
  --concurrency J          records in progress at once in this process (default LLM_WORKER_CONCURRENCY, else 16);
                           the provider's own maxConcurrency still holds across every process
  --interval MS            progress every MS milliseconds (default 2000)
  --help                   this text
Exit codes: 0 completed, 1 paused or cancelled (the reason is printed), 2 cannot start, 130 Ctrl-C (the run is paused).
Database: DATABASE_URL, else the embedded PostgreSQL of a running \`npm start\`.`;

/** A problem that means the command cannot start: printed as is, exit code 2. */

const DECISIONS = ["pending", "auto", "audit", "human"] as const;
type Decision = (typeof DECISIONS)[number];

interface Options {
  dataset: string | null;
  workspace: string | null;
  limit: number | undefined;
  decision: Decision | undefined;
  q: string | undefined;
  as: string | null;
  resume: string | null;
  concurrency: number;
  intervalMs: number;
}

function parseOptions(argv: string[]): Options {
  const values = parseCommandLine(
    argv,
    {
      dataset: { type: "string" },
      workspace: { type: "string" },
      limit: { type: "string" },
      "filter-decision": { type: "string" },
      q: { type: "string" },
      as: { type: "string" },
      resume: { type: "string" },
      concurrency: { type: "string" },
      interval: { type: "string" },
      help: { type: "boolean", default: false },
    },
    USAGE,
  );
  const whole = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const value = Number(raw.replace(/[_,]/g, ""));
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max.toLocaleString("en-US")} (got ${raw}).`);
    }
    return value;
  };
  const decision = values["filter-decision"];
  if (decision !== undefined && !(DECISIONS as readonly string[]).includes(decision)) {
    throw new UsageError(`--filter-decision must be one of ${DECISIONS.join(", ")} (got ${decision}).`);
  }
  if (!values.dataset && !values.resume) throw new UsageError(`--dataset is required.\n\n${USAGE}`);
  const q = values.q?.trim();
  return {
    dataset: values.dataset ?? null,
    workspace: values.workspace ?? null,
    limit: whole("limit", values.limit, 1, 10_000_000),
    decision: decision as Decision | undefined,
    q: q ? q : undefined,
    as: values.as ?? null,
    resume: values.resume ?? null,
    concurrency: whole("concurrency", values.concurrency, 1, 1_000) ?? (Number(process.env.LLM_WORKER_CONCURRENCY) || 16),
    intervalMs: whole("interval", values.interval, 200, 600_000) ?? 2_000,
  };
}

// ── the environment ───────────────────────────────────────────────────────────────────────────────────────────────

// The embedded server's fixed superuser and password (scripts/lib/embedded-postgres.ts: it listens on 127.0.0.1 only)
// and the database `npm start` creates in it (scripts/start.ts).
const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "sift-local";
const EMBEDDED_DATABASE = "sift";

/** The embedded PostgreSQL of a running `npm start`: its port from the lock file, if its process is alive. */
function embeddedDatabaseUrl(): string | null {
  const lockFile = path.join(dataDir, "postgres", "postmaster.pid");
  if (!existsSync(lockFile)) return null;
  const lines = readFileSync(lockFile, "utf8").split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10); // postmaster.pid: pid, data directory, start time, port, …
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null; // a stale lock file: the server is not running
  }
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

function prepareEnvironment(): void {
  if (!process.env.DATABASE_URL) {
    const embedded = embeddedDatabaseUrl();
    if (!embedded) {
      throw new UsageError(
        "DATABASE_URL is not set, and the embedded PostgreSQL of `npm start` is not running (no live .data/postgres/postmaster.pid).\n" +
          "Start Sift with `npm start` in another terminal and run this again, or point the command at your database:\n" +
          "  DATABASE_URL=postgresql://user:password@host:5432/sift npm run suggest -- --dataset <id>",
      );
    }
    process.env.DATABASE_URL = embedded;
    console.log(`[suggest] DATABASE_URL is not set: using the embedded PostgreSQL of \`npm start\` (${embedded.replace(/:[^:@/]*@/, ":***@")}).`);
  }
  const keyFile = path.join(dataDir, "encryption-key");
  if (!process.env.SIFT_ENCRYPTION_KEY && existsSync(keyFile)) {
    process.env.SIFT_ENCRYPTION_KEY = readFileSync(keyFile, "utf8").trim();
  }
}

// ── the run ───────────────────────────────────────────────────────────────────────────────────────────────────────

const number = (value: number) => value.toLocaleString("en-US");

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  prepareEnvironment();
  // The app's modules after the environment is settled (the database client reads DATABASE_URL when it connects).
  const { db, disconnect, databaseUrl } = await import("@/lib/server/db/client");
  const { getRun, pauseRun, resumeRun, startRun } = await import("@/lib/server/services/llm-runs");
  const { readDatasetLlmSettings } = await import("@/lib/llm/dataset-llm-settings");
  const { providerForCalls } = await import("@/lib/server/services/llm-providers");
  const { closeProviderConnections } = await import("@/lib/server/llm/connections");
  const { isUuid } = await import("@/lib/server/services/access");
  const { AppError, ValidationError } = await import("@/lib/server/errors");
  const { LLM_TASKS, tasksOnly } = await import("@/workers/tasks");

  let runner: Runner | null = null;
  /** Stops this process's runner (it waits for the jobs in progress) and gives the provider slots back. */
  const stopWorking = async () => {
    await runner?.stop().catch(() => undefined);
    runner = null;
    await closeProviderConnections().catch(() => undefined);
  };
  const shutdown = async () => {
    await stopWorking();
    await disconnect().catch(() => undefined);
  };

  try {
    await db.$queryRaw`SELECT 1`.catch((error: unknown) => {
      throw new UsageError(`The database does not answer (${error instanceof Error ? error.message : String(error)}).`);
    });

    // Who.
    const user = options.as
      ? await db.user.findFirst({ where: { OR: [{ email: options.as.toLowerCase() }, { username: options.as.toLowerCase() }] } })
      : await db.user.findFirst({ where: { isOwner: true }, orderBy: { createdAt: "asc" } });
    if (!user) {
      throw new UsageError(
        options.as
          ? `No user with the email or username "${options.as}".`
          : "This instance has no owner yet (the first account made becomes it): name the user with --as <email>.",
      );
    }
    const actor = { userId: user.id, username: user.username, name: user.name, email: user.email, isOwner: user.isOwner };

    // What: a new run, or a paused one again.
    let view: LlmRunView;
    if (options.resume) {
      view = await resumeRun(actor, options.resume);
      console.log(`[suggest] Resumed run ${view.id} as ${user.email}: ${number(view.totalRecords - view.doneRecords)} record(s) to go.`);
    } else {
      const datasetId = await resolveDataset(options.dataset!, options.workspace);
      const dataset = await db.dataset.findUnique({ where: { id: datasetId }, select: { name: true, llm: true } });
      if (!dataset) throw new UsageError(`No dataset with the id ${datasetId}.`);
      // A key that cannot be read would fail every call of the run; say so before starting it.
      const settings = readDatasetLlmSettings(dataset.llm);
      for (const providerId of new Set(settings.proposers.map((proposer) => proposer.providerId))) {
        await providerForCalls(providerId).catch((error: unknown) => {
          if (error instanceof AppError && error.status === 404) return; // startRun names it
          throw new UsageError(`The LLM provider ${providerId} cannot be used: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
      const filter = { ...(options.decision ? { decision: options.decision } : {}), ...(options.q ? { q: options.q } : {}) };
      view = await startRun(actor, datasetId, { filter, ...(options.limit ? { limit: options.limit } : {}) }).catch((error: unknown) => {
        if (error instanceof ValidationError) {
          const details = (error.details ?? []).map((detail) => `\n  - ${detail.where}: ${detail.message}`).join("");
          throw new UsageError(`${error.message}${details}`);
        }
        throw error;
      });
      console.log(
        `[suggest] Run ${view.id} started on "${dataset.name}" as ${user.email}: ${number(view.totalRecords)} record(s), ` +
          view.proposers.map((proposer) => `${proposer.model} (${proposer.strategy}) on ${proposer.questions.join(", ")}`).join("; "),
      );
    }
    const runId = view.id;

    // Ctrl-C: pause the run (what is in flight finishes and is kept), then leave.
    let interrupted = false;
    const onInterrupt = () => {
      if (interrupted) {
        console.log("[suggest] Second Ctrl-C: leaving now; the run stays paused, jobs in progress are retried later.");
        process.exit(130);
      }
      interrupted = true;
      console.log("[suggest] Ctrl-C: pausing the run; calls in progress finish first (Ctrl-C again to leave at once).");
    };
    process.on("SIGINT", onInterrupt);
    process.on("SIGTERM", onInterrupt);

    runner = await run({
      connectionString: databaseUrl(),
      concurrency: options.concurrency,
      // Each job holds a connection only to take and to finish it; a smaller pool only makes graphile-worker warn.
      maxPoolSize: Math.max(10, options.concurrency),
      noHandleSignals: true,
      pollInterval: 1_000,
      taskList: tasksOnly(LLM_TASKS) as TaskList,
      // graphile-worker's own info lines (job started, completed) would drown the progress; warnings and errors stay.
      logger: jobLogger(() => false),
    });

    const started = performance.now();
    const callsAtStart = view.calls;
    for (;;) {
      await sleepUnless(options.intervalMs, () => interrupted);
      if (interrupted) {
        if ((await getRun(actor, runId)).status === "running") await pauseRun(actor, runId);
        await stopWorking();
        console.log(`[suggest] ${progressLine(await getRun(actor, runId), started, callsAtStart)}`);
        await shutdown();
        console.log(`[suggest] Run ${runId} paused. Resume it in the browser or with: npm run suggest -- --resume ${runId}`);
        return 130;
      }
      view = await getRun(actor, runId);
      console.log(`[suggest] ${progressLine(view, started, callsAtStart)}`);
      if (view.status === "running") continue;
      await shutdown();
      if (view.status === "completed") {
        console.log(`[suggest] ${summary(view, started)}`);
        return 0;
      }
      if (view.status === "paused") {
        console.log(`[suggest] Run ${runId} paused: ${view.pauseReason ?? "no reason given"}`);
        if (view.lastError) console.log(`[suggest] Last error: ${view.lastError}`);
        console.log(`[suggest] Resume it once the endpoint works: npm run suggest -- --resume ${runId}`);
        return 1;
      }
      console.log(`[suggest] Run ${runId} was cancelled (from the browser or the API).`);
      return 1;
    }

    async function resolveDataset(given: string, workspace: string | null): Promise<string> {
      if (workspace) {
        const found = await db.workspace.findFirst({ where: isUuid(workspace) ? { id: workspace } : { slug: workspace } });
        if (!found) throw new UsageError(`No workspace "${workspace}".`);
        const dataset = await db.dataset.findFirst({
          where: { workspaceId: found.id, ...(isUuid(given) ? { id: given } : { name: given }) },
          select: { id: true },
        });
        if (!dataset) throw new UsageError(`No dataset "${given}" in the workspace "${found.slug}".`);
        return dataset.id;
      }
      if (!isUuid(given)) {
        throw new UsageError(`--dataset takes a dataset's id (the one in its URL, /w/<workspace>/d/<id>), or its name together with --workspace <slug>; "${given}" is neither.`);
      }
      return given;
    }
  } catch (error) {
    await shutdown();
    if (error instanceof UsageError) {
      console.error(`[suggest] ${error.message}`);
      return 2;
    }
    if (error instanceof AppError) {
      // Not found, forbidden, conflicts (resuming a run that is not paused): the service's own words.
      console.error(`[suggest] ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function progressLine(view: LlmRunView, started: number, callsAtStart: number): string {
  const seconds = (performance.now() - started) / 1000;
  const rate = seconds > 0 ? (view.calls - callsAtStart) / seconds : 0;
  return [
    `records ${number(view.doneRecords)}/${number(view.totalRecords)}${view.failedRecords ? ` (${number(view.failedRecords)} failed)` : ""}`,
    `calls ${number(view.calls)}${view.failedCalls ? ` (${number(view.failedCalls)} failed)` : ""}, ${rate.toFixed(1)}/s`,
    `suggestions ${number(view.suggestions)}${view.unparseable ? ` (${number(view.unparseable)} unparseable)` : ""}`,
    `tokens ${number(view.inputTokens)} in, ${number(view.outputTokens)} out`,
    `$${view.costUsd.toFixed(4)}`,
  ].join(" · ");
}

function summary(view: LlmRunView, started: number): string {
  const seconds = (performance.now() - started) / 1000;
  const lines = [
    `Run ${view.id} completed in ${seconds.toFixed(1)} s: ${number(view.doneRecords)}/${number(view.totalRecords)} records, ` +
      `${number(view.suggestions)} suggestions (${number(view.unparseable)} unparseable), ${number(view.calls)} calls ` +
      `(${number(view.failedCalls)} failed), ${number(view.inputTokens)} input + ${number(view.outputTokens)} output tokens, $${view.costUsd.toFixed(4)}.`,
  ];
  if (view.failedRecords > 0) {
    lines.push(
      `${number(view.failedRecords)} record(s) have calls that failed after retries${view.lastError ? ` (last error: ${view.lastError})` : ""}; ` +
        `resuming the run asks again for what is missing: npm run suggest -- --resume ${view.id}`,
    );
  }
  return lines.join("\n[suggest] ");
}

function sleepUnless(ms: number, stop: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = setInterval(() => {
      if (stop() || Date.now() - started >= ms) {
        clearInterval(tick);
        resolve();
      }
    }, Math.min(100, ms));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`[suggest] ${error.message}`);
      process.exit(2);
    }
    console.error(`[suggest] error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
