// `npm run bench:llm -- [--records N] [--variants K] [--latency MS] [--concurrency C] [--workers W] [...]`: how close
// Sift's LLM runs come to what an endpoint allows (issue 4, "Performance"): N records × K prompt variants against the
// fake OpenAI-compatible server at a fixed latency, the provider limited to C calls at once:
// - achieved calls per second, from the first call to the last, over the ideal C ÷ latency (target ≥ 0.9);
// - Sift's own CPU time per call: the worker process(es), and the PostgreSQL backends serving them when the server
//   runs on this machine. The recompute jobs that an LLM run throttles to one every few seconds (proposals and
//   routing follow the suggestions as they arrive) run in the same worker during the run: their CPU is part of it.
// Prints a table and writes bench/results/llm-<timestamp>.json and bench/results/llm-latest.md. Never a pass/fail
// test: the exit code is 0 whenever the measurement itself worked.
//
// The run: a throwaway database (`sift_bench_llm_<random>`) on TEST_DATABASE_ADMIN_URL, else the local PostgreSQL
// at 127.0.0.1:5432, else an embedded one, dropped at the end; the fake server as a process of its own
// (tests/fixtures/fake-openai-server.ts --latency MS); the setup and `startRun` with the app's own services in a child
// process (bench/lib/llm-setup.ts); the real worker (workers/index.ts, as `npm start` runs it), W processes.
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readdirSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { startWorker } from "../scripts/lib/app-processes";
import { Cleanup } from "../scripts/lib/cleanup";
import { pendingJobCount } from "../scripts/lib/databases";
import { tailOfFile } from "../scripts/lib/embedded-postgres";
import { appEnvironment, newSecret } from "../scripts/lib/environment";
import { sleep } from "../scripts/lib/http";
import { createLogger, errorMessage } from "../scripts/lib/log";
import { projectRoot, tsxArgs } from "../scripts/lib/paths";
import { startProcess, type ManagedProcess } from "../scripts/lib/processes";
import { summariseProfiles, type ProfileSummary } from "./lib/cpu-profile";
import { PostgresBackendCpu, ProcessCpu } from "./lib/llm-cpu";
import { LineTap, startFakeServerProcess } from "./lib/llm-fake";
import { LLM_TARGETS, llmTable, type LlmRow } from "./lib/llm-report";
import { openBenchDatabase } from "./lib/bench-database";
import { benchArguments, runBenchmark, wholeArgument } from "./lib/run-benchmark";
import { serverFacts, withClient } from "./lib/postgres";
import { formatNumber, formatRate, writeBenchResults } from "./lib/report";

const RESULTS_DIR = path.join(projectRoot, "bench", "results");
/** The variants of issue 4's benchmark, in the order `--variants K` takes them. */
const VARIANTS = ["plain", "instruction_after", "shuffled_options", "paraphrase", "letters"] as const;
const WORKER_READY_TIMEOUT_MS = 60_000;
const QUEUE_IDLE_TIMEOUT_MS = 300_000;
const POLL_MS = 100;

const log = createLogger("bench");
const cleanup = new Cleanup(log);
const execFileAsync = promisify(execFile);

interface Options {
  records: number;
  variants: number;
  latencyMs: number;
  concurrency: number;
  workers: number;
  workerConcurrency: number;
  profile: boolean;
  keepDatabase: boolean;
  workerLog: string;
}

const ARGUMENTS = {
  records: { type: "string", default: "10000" },
  variants: { type: "string", default: "5" },
  latency: { type: "string", default: "200" },
  concurrency: { type: "string", default: "32" },
  workers: { type: "string", default: "1" },
  "worker-concurrency": { type: "string", default: "" },
  profile: { type: "boolean", default: false },
  "keep-database": { type: "boolean", default: false },
  "worker-log": { type: "string", default: "" },
  help: { type: "boolean", default: false },
} as const;

const USAGE = [
  "Usage: npm run bench:llm -- [--records N] [--variants K] [--latency MS] [--concurrency C] [--workers W]",
  "                            [--worker-concurrency J] [--profile] [--keep-database] [--worker-log FILE]",
  "  --records N             records in the run (default 10,000)",
  `  --variants K            prompt variants per record, one call each, 1 to ${VARIANTS.length} (default 5: ${VARIANTS.join(", ")})`,
  "  --latency MS            the fake server's latency per call (default 200)",
  "  --concurrency C         the provider's maxConcurrency (default 32); the ideal is C ÷ latency calls/s",
  "  --workers W             worker processes (default 1); the limit C must hold across them",
  "  --worker-concurrency J  LLM_WORKER_CONCURRENCY of each worker (records in progress at once); default: enough",
  "                          records for about twice C calls, in each worker (so any one of them can use every slot)",
  "  --profile               CPU-profile the worker(s) (node --cpu-prof) and print where their time goes; profiles",
  "                          are kept in bench/results/profiles/ (git-ignored)",
  "  --keep-database         leave the benchmark database in place (its name is printed) to look into it",
  "  --worker-log FILE       keep the workers' output",
].join("\n");

function options(): Options {
  const values = benchArguments(ARGUMENTS, USAGE);
  const records = wholeArgument("records", values.records, 1, 1_000_000);
  const variants = wholeArgument("variants", values.variants, 1, VARIANTS.length);
  const concurrency = wholeArgument("concurrency", values.concurrency, 1, 512);
  const workers = wholeArgument("workers", values.workers, 1, 16);
  const wanted = Math.max(8, 2 * Math.ceil(concurrency / variants) + 4);
  return {
    records,
    variants,
    latencyMs: wholeArgument("latency", values.latency, 1, 60_000),
    concurrency,
    workers,
    workerConcurrency: values["worker-concurrency"]
      ? wholeArgument("worker-concurrency", values["worker-concurrency"], 1, 1_000)
      : wanted,
    profile: values.profile,
    keepDatabase: values["keep-database"],
    workerLog: values["worker-log"],
  };
}

/** Runs bench/lib/llm-setup.ts in a child process and returns the JSON of its `<tag> {…}` line. */
async function setupChild<T>(env: NodeJS.ProcessEnv, args: string[], tag: string): Promise<T> {
  const { stdout } = await execFileAsync(process.execPath, [...tsxArgs("bench/lib/llm-setup.ts"), ...args], {
    cwd: projectRoot,
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split("\n").find((candidate) => candidate.startsWith(`${tag} `));
  if (!line) throw new Error(`bench/lib/llm-setup.ts ${args[0]} printed no ${tag} line:\n${stdout}`);
  return JSON.parse(line.slice(tag.length + 1)) as T;
}

async function waitForIdleQueue(databaseUrl: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if ((await pendingJobCount(databaseUrl)) === 0) return (performance.now() - started) / 1000;
    await sleep(250);
  }
  throw new Error(`the job queue was still busy after ${timeoutMs / 1000} s`);
}

interface RunRow {
  status: string;
  pauseReason: string | null;
  totalRecords: number;
  doneRecords: number;
  calls: number;
  failedCalls: number;
  suggestions: number;
  unparseable: number;
  inputTokens: string;
  outputTokens: string;
  costUsd: string;
  lastError: string | null;
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = new Date().toISOString();
  const runDir = await mkdtemp(path.join(os.tmpdir(), "sift-bench-llm-"));
  cleanup.add("removing the run's temporary files", () => rm(runDir, { recursive: true, force: true }));
  const load: Record<string, number> = { start: os.loadavg()[0]! };
  if (load.start! > os.cpus().length) {
    log.warn(`load average ${load.start!.toFixed(1)} on ${os.cpus().length} CPUs: other work competes; the figures will be noisy.`);
  }

  // ── database ──
  const server = await openBenchDatabase({ runDir, cleanup, log }, "sift_bench_llm", opts.keepDatabase);
  const { databaseUrl } = server;
  const postgres = await withClient(databaseUrl, serverFacts);

  // ── the fake endpoint ──
  const logFile = path.join(runDir, "processes.log");
  const processLog = createWriteStream(logFile);
  cleanup.add("closing the process log", async () => {
    await new Promise<void>((resolve) => processLog.end(resolve));
    if (opts.workerLog) await copyFile(logFile, path.resolve(opts.workerLog));
  });
  const apiKey = `sk-bench-${randomBytes(8).toString("hex")}`;
  const fake = await startFakeServerProcess({ latencyMs: opts.latencyMs, apiKey, log: processLog });
  log.info(`Fake OpenAI server at ${fake.baseUrl} (pid ${fake.process.pid}), ${opts.latencyMs} ms per call.`);

  // ── workspace, dataset, records, provider, proposer ──
  const env: NodeJS.ProcessEnv = {
    ...appEnvironment(),
    DATABASE_URL: databaseUrl,
    SIFT_ENCRYPTION_KEY: newSecret(),
    LLM_WORKER_CONCURRENCY: String(opts.workerConcurrency),
  };
  const variants = VARIANTS.slice(0, opts.variants);
  const setupStarted = performance.now();
  const setup = await setupChild<{ datasetId: string; userId: string; providerId: string }>(
    env,
    [
      "setup",
      "--records",
      String(opts.records),
      "--variants",
      variants.join(","),
      "--base-url",
      fake.baseUrl,
      "--api-key",
      apiKey,
      "--concurrency",
      String(opts.concurrency),
    ],
    "BENCH_LLM_SETUP",
  );
  log.info(
    `${opts.records.toLocaleString("en-US")} records and the proposer (${variants.join(", ")}) set up in ` +
      `${formatNumber((performance.now() - setupStarted) / 1000, 1)} s.`,
  );

  // ── the worker(s) ──
  const profileDir = path.join(runDir, "profiles");
  if (opts.profile) await mkdir(profileDir, { recursive: true });
  let recomputesSeen = 0;
  const workers: ManagedProcess[] = [];
  const ready: Promise<void>[] = [];
  for (let index = 0; index < opts.workers; index++) {
    let markReady: () => void = () => undefined;
    ready.push(new Promise<void>((resolve) => (markReady = resolve)));
    const tap = new LineTap((line) => {
      if (line.includes("[worker] ready")) markReady();
      if (line.includes("recomputed dataset")) recomputesSeen += 1;
    }, processLog);
    // The worker as scripts/lib/app-processes.ts starts it; with --profile, with node's profiler flags (NODE_OPTIONS
    // refuses --cpu-prof).
    workers.push(
      opts.profile
        ? startProcess({
            name: "worker",
            command: process.execPath,
            args: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, ...tsxArgs("workers/index.ts")],
            env,
            cwd: projectRoot,
            output: tap,
          })
        : startWorker({ env, output: tap }),
    );
  }
  try {
    await Promise.race([
      Promise.all(ready),
      sleep(WORKER_READY_TIMEOUT_MS).then(() => {
        throw new Error(`the worker(s) did not say "ready" within ${WORKER_READY_TIMEOUT_MS / 1000} s`);
      }),
      ...workers.map((worker) =>
        worker.exited.then((status) => {
          throw new Error(`a worker exited while starting (code ${status.code}, signal ${status.signal})`);
        }),
      ),
    ]);
  } catch (error) {
    console.log(`[bench] Last lines of the processes' output:\n${tailOfFile(logFile, 40)}`);
    throw error;
  }
  const settled = await waitForIdleQueue(databaseUrl, QUEUE_IDLE_TIMEOUT_MS);
  log.info(
    `${opts.workers} worker process(es) ready (pids ${workers.map((worker) => worker.pid).join(", ")}), LLM_WORKER_CONCURRENCY ` +
      `${opts.workerConcurrency} each; the import's recompute done after ${formatNumber(settled, 1)} s.`,
  );

  // ── the run ──
  await fake.reset();
  const monitor = new pg.Client({ connectionString: databaseUrl });
  await monitor.connect();
  cleanup.add("closing the monitoring connection", () => monitor.end().catch(() => undefined));
  const workerCpu = new ProcessCpu(workers.map((worker) => worker.pid));
  const fakeCpu = new ProcessCpu([fake.process.pid]);
  const postgresCpu = new PostgresBackendCpu(monitor);
  workerCpu.begin();
  fakeCpu.begin();
  await postgresCpu.begin();
  const benchCpuStart = process.cpuUsage();
  recomputesSeen = 0;
  load.run = os.loadavg()[0]!;

  let firstCallAt: number | null = null;
  let lastSeen = { requests: -1, completed: -1, at: 0 };
  const marks: Record<string, number> = {};
  const inFlightSamples: number[] = [];
  let peakInFlight = 0;
  let runId: string | null = null;
  let run: RunRow | null = null;
  let runStartSeconds = 0;
  let finished = false;
  const startChild = setupChild<{ runId: string; totalRecords: number; seconds: number }>(
    env,
    ["start", "--dataset", setup.datasetId, "--user", setup.userId],
    "BENCH_LLM_RUN",
  ).then((started) => {
    runId = started.runId;
    runStartSeconds = started.seconds;
    log.info(`startRun: ${started.totalRecords.toLocaleString("en-US")} records enqueued in ${formatNumber(started.seconds, 2)} s.`);
  });
  const expectedCalls = opts.records * opts.variants;
  const idealRate = opts.concurrency / (opts.latencyMs / 1000);
  const deadline = performance.now() + Math.max(120_000, (expectedCalls / idealRate) * 4_000 + 120_000);
  let nextProgress = performance.now() + 10_000;
  let nextSlowSample = 0;
  let startError: unknown = null;
  startChild.catch((error: unknown) => (startError = error));
  while (!finished) {
    if (startError) throw startError;
    if (performance.now() > deadline) throw new Error(`the run did not finish in time: ${JSON.stringify(run)}`);
    const stats = await fake.stats();
    const now = performance.now();
    if (firstCallAt === null && stats.chatRequests > 0) firstCallAt = now;
    if (stats.chatRequests !== lastSeen.requests || stats.completed !== lastSeen.completed) {
      lastSeen = { requests: stats.chatRequests, completed: stats.completed, at: now };
    }
    for (const share of [0.1, 0.5, 0.9]) {
      if (marks[share] === undefined && stats.chatRequests >= expectedCalls * share) marks[share] = now;
    }
    peakInFlight = Math.max(peakInFlight, stats.peakInFlight);
    if (firstCallAt !== null) inFlightSamples.push(stats.inFlight);
    if (now >= nextSlowSample && runId) {
      nextSlowSample = now + 1_000;
      run = (await monitor.query<RunRow>(`SELECT * FROM "LlmRun" WHERE id = $1`, [runId])).rows[0] ?? null;
      workerCpu.sample();
      await postgresCpu.sample();
      if (run && run.status !== "running") finished = true;
      if (now >= nextProgress && run) {
        nextProgress = now + 10_000;
        const seconds = firstCallAt === null ? 0 : (now - firstCallAt) / 1000;
        log.info(
          `  ${run.doneRecords.toLocaleString("en-US")} / ${run.totalRecords.toLocaleString("en-US")} records, ` +
            `${stats.chatRequests.toLocaleString("en-US")} calls, ${formatRate(seconds > 0 ? stats.chatRequests / seconds : 0)} calls/s so far, ` +
            `${stats.inFlight} in flight (peak ${stats.peakInFlight})`,
        );
      }
    }
    if (!finished) await sleep(POLL_MS);
  }
  await startChild;
  const finalStats = await fake.stats();
  const workerSeconds = workerCpu.used();
  const fakeSeconds = fakeCpu.used();
  const postgresUsed = await postgresCpu.used();
  const benchUsage = process.cpuUsage(benchCpuStart);
  const recomputesDuringRun = recomputesSeen;
  load.end = os.loadavg()[0]!;
  if (!run || firstCallAt === null) throw new Error("the run made no call");
  const finalRun: RunRow = run;
  peakInFlight = Math.max(peakInFlight, finalStats.peakInFlight);

  // The final recompute (after the last suggestion) and the slots going back: Sift's cost too, after the window.
  const tailCpu = new ProcessCpu(workers.map((worker) => worker.pid));
  tailCpu.begin();
  const tailSeconds = await waitForIdleQueue(databaseUrl, QUEUE_IDLE_TIMEOUT_MS);
  const tailWorkerSeconds = tailCpu.used();
  const suggestionCount = Number(
    (
      await monitor.query<{ count: string }>(
        `SELECT count(*) AS count FROM "Suggestion" s JOIN "Record" r ON r.id = s."recordId" WHERE r."datasetId" = $1`,
        [setup.datasetId],
      )
    ).rows[0]!.count,
  );

  // The workers stop (their profiles are written on exit).
  await Promise.all(workers.map((worker) => worker.stop()));
  let profile: ProfileSummary | undefined;
  if (opts.profile) {
    const files = existsSync(profileDir) ? readdirSync(profileDir).filter((file) => file.endsWith(".cpuprofile")) : [];
    if (files.length === 0) log.warn("--profile: the worker wrote no CPU profile.");
    else {
      profile = await summariseProfiles(files.map((file) => path.join(profileDir, file)));
      const keptDir = path.join(RESULTS_DIR, "profiles", `llm-${startedAt.replace(/[:.]/g, "-")}`);
      await mkdir(keptDir, { recursive: true });
      for (const file of files) await copyFile(path.join(profileDir, file), path.join(keptDir, file));
      profile.keptIn = path.relative(projectRoot, keptDir);
    }
  }

  // ── figures ──
  const calls = finalStats.chatRequests;
  const windowSeconds = (lastSeen.at - firstCallAt) / 1000;
  const callsPerSecond = calls / windowSeconds;
  const ratio = callsPerSecond / idealRate;
  const steadySeconds = marks[0.1] !== undefined && marks[0.9] !== undefined ? (marks[0.9]! - marks[0.1]!) / 1000 : null;
  const steadyRate = steadySeconds ? (expectedCalls * 0.8) / steadySeconds : null;
  const meanInFlight = inFlightSamples.length > 0 ? inFlightSamples.reduce((sum, value) => sum + value, 0) / inFlightSamples.length : 0;
  const perCallMs = (seconds: number) => (seconds / calls) * 1000;
  const status = (value: number) => (value >= LLM_TARGETS.throughputRatio ? "PASS" : "BELOW target");
  const rows: LlmRow[] = [
    {
      measure: "Calls/s, first call to last",
      value: formatNumber(callsPerSecond, 1),
      reference: `${formatNumber(idealRate, 1)} (${opts.concurrency} ÷ ${formatNumber(opts.latencyMs / 1000, 3)} s)`,
      ratio: formatNumber(ratio),
      target: `≥ ${LLM_TARGETS.throughputRatio}`,
      status: status(ratio),
    },
    {
      measure: "Calls/s, 10 % → 90 % of calls",
      value: steadyRate ? formatNumber(steadyRate, 1) : "n/a",
      reference: formatNumber(idealRate, 1),
      ratio: steadyRate ? formatNumber(steadyRate / idealRate) : "",
      target: "",
      status: "",
    },
    {
      measure: "Calls at the endpoint at once",
      value: `mean ${formatNumber(meanInFlight, 1)}, peak ${peakInFlight}`,
      reference: `limit ${opts.concurrency}`,
      ratio: formatNumber(meanInFlight / opts.concurrency),
      target: `peak ≤ ${opts.concurrency}`,
      status: peakInFlight <= opts.concurrency ? "PASS" : "LIMIT EXCEEDED",
    },
    {
      measure: "Wall time, first call to last",
      value: `${formatNumber(windowSeconds, 1)} s`,
      reference: `${formatNumber(calls / idealRate, 1)} s`,
      ratio: "",
      target: "",
      status: "",
    },
    {
      measure: "Worker CPU per call",
      value: `${formatNumber(perCallMs(workerSeconds), 2)} ms`,
      reference: `${formatNumber(workerSeconds, 1)} s in all`,
      ratio: "",
      target: "",
      status: "",
    },
    {
      measure: "PostgreSQL CPU per call",
      value: postgresUsed ? `${formatNumber(perCallMs(postgresUsed.seconds), 2)} ms` : "n/a",
      reference: postgresUsed ? `${formatNumber(postgresUsed.seconds, 1)} s, ${postgresUsed.backends} backends` : "server not on this machine",
      ratio: "",
      target: "",
      status: "",
    },
    {
      measure: "Sift CPU per call (worker + PostgreSQL)",
      value: `${formatNumber(perCallMs(workerSeconds + (postgresUsed?.seconds ?? 0)), 2)} ms`,
      reference: `${formatNumber((workerSeconds + (postgresUsed?.seconds ?? 0)) / windowSeconds * 100, 0)} % of one core`,
      ratio: "",
      target: "",
      status: "",
    },
    {
      measure: "Fake server CPU per call (not Sift)",
      value: `${formatNumber(perCallMs(fakeSeconds), 2)} ms`,
      reference: `${formatNumber(fakeSeconds, 1)} s in all`,
      ratio: "",
      target: "",
      status: "",
    },
  ];
  const table = llmTable(rows);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  const context = [
    `${opts.records.toLocaleString("en-US")} records × ${opts.variants} prompt variants (${variants.join(", ")}) = ${expectedCalls.toLocaleString("en-US")} calls expected, ${calls.toLocaleString("en-US")} made (Sift counted ${finalRun.calls.toLocaleString("en-US")}, ${finalRun.failedCalls} failed); fake server at ${opts.latencyMs} ms; provider maxConcurrency ${opts.concurrency}, no rate limits.`,
    `${opts.workers} worker process(es), LLM_WORKER_CONCURRENCY ${opts.workerConcurrency} each; run ${finalRun.status}${finalRun.pauseReason ? ` (${finalRun.pauseReason})` : ""}: ${finalRun.doneRecords.toLocaleString("en-US")} / ${finalRun.totalRecords.toLocaleString("en-US")} records, ${finalRun.suggestions.toLocaleString("en-US")} suggestions (${suggestionCount.toLocaleString("en-US")} in the table), ${finalRun.unparseable} unparseable, ${Number(finalRun.inputTokens).toLocaleString("en-US")} + ${Number(finalRun.outputTokens).toLocaleString("en-US")} tokens, $${Number(finalRun.costUsd).toFixed(4)}.`,
    `Worker CPU includes the ${recomputesDuringRun} recompute job(s) (proposals and routing over the whole dataset, throttled to one every 3 s while suggestions arrive) that ran during the run; the final recompute after it took ${formatNumber(tailWorkerSeconds, 1)} s of worker CPU more (${formatNumber(tailSeconds, 1)} s until the queue was idle), not counted above.`,
    `startRun (items and jobs for every record, one transaction) took ${formatNumber(runStartSeconds, 2)} s, before the first call.`,
    `Window: from the first request the fake server saw to the poll (every ${POLL_MS} ms) that saw the last one answered: ±${POLL_MS} ms at each end. The mean in-flight is the fake server's count, sampled at each poll.`,
    postgresUsed
      ? `PostgreSQL CPU: the backends of the benchmark database (pg_stat_activity, read from /proc every second); the server's shared processes (WAL writer, checkpointer, autovacuum) are not counted.`
      : "PostgreSQL CPU: not measured (the server is not on this machine).",
    `The benchmark's own process (polling the fake server and the run) used ${formatNumber((benchUsage.user + benchUsage.system) / 1e6, 1)} s of CPU.`,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${formatNumber(machine.memoryBytes / 2 ** 30, 1)} GiB, Node ${machine.node}; ${postgres.version?.split(" on ")[0]}${server.embedded ? " (embedded, fsync off)" : ""} (shared_buffers ${postgres.shared_buffers}, synchronous_commit ${postgres.synchronous_commit}, fsync ${postgres.fsync}).`,
    `Load average (1 min): ${formatNumber(load.start!, 1)} at the start, ${formatNumber(load.run!, 1)} when the run started, ${formatNumber(load.end!, 1)} at its end, on ${machine.cpus} CPUs: a ratio is only as good as the quiet it was measured in.`,
  ];
  console.log(`\n${table}\n\n${context.map((line) => `- ${line}`).join("\n")}\n`);
  if (profile) console.log(`CPU profile of the worker(s) (self time, the whole life of the process):\n${profile.text}\n`);

  const markdown = [
    `# LLM benchmark: ${startedAt}`,
    "",
    "`npm run bench:llm` — LLM calls per second against the fake OpenAI-compatible server, over the ideal concurrency ÷ latency, and Sift's CPU per call (see bench/README.md).",
    "",
    table,
    "",
    ...context.map((line) => `- ${line}`),
    "",
    ...(profile ? ["## CPU profile of the worker(s) (self time)", "", "```", profile.text, "```", ""] : []),
  ].join("\n");
  const result = {
    startedAt,
    options: opts,
    variants,
    machine,
    postgres: { ...postgres, embedded: server.embedded },
    targets: LLM_TARGETS,
    throughput: {
      calls,
      siftCalls: finalRun.calls,
      expectedCalls,
      windowSeconds,
      callsPerSecond,
      idealCallsPerSecond: idealRate,
      ratio,
      status: status(ratio),
      steadyCallsPerSecond: steadyRate,
      steadyRatio: steadyRate ? steadyRate / idealRate : null,
      meanInFlight,
      peakInFlight,
      marksSecondsAfterFirstCall: Object.fromEntries(Object.entries(marks).map(([share, at]) => [share, (at - firstCallAt!) / 1000])),
    },
    cpu: {
      workerSeconds,
      workerMsPerCall: perCallMs(workerSeconds),
      postgresSeconds: postgresUsed?.seconds ?? null,
      postgresBackends: postgresUsed?.backends ?? null,
      postgresMsPerCall: postgresUsed ? perCallMs(postgresUsed.seconds) : null,
      fakeServerSeconds: fakeSeconds,
      benchSeconds: (benchUsage.user + benchUsage.system) / 1e6,
      recomputesDuringRun,
      tailRecomputeWorkerSeconds: tailWorkerSeconds,
    },
    run: { ...finalRun, startRunSeconds: runStartSeconds, suggestionsInTable: suggestionCount },
    fakeServer: finalStats,
    load,
    profile,
  };
  const files = await writeBenchResults(RESULTS_DIR, { name: "llm", latest: "llm-latest.md" }, result, `${markdown}\n`);
  log.info(`Wrote ${path.relative(projectRoot, files.json)} and ${path.relative(projectRoot, files.markdown)}.`);
}

runBenchmark(main, { cleanup, log, stopping: "stopping the worker and the fake server, dropping the benchmark database..." });
