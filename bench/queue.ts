// `npm run bench:queue -- [--records N] [--annotators A] [--seconds S]`: the human queue under load (issue 5,
// "Performance"): N records (30 % routed to people, a quarter of those needing two responses), A simulated annotators
// claiming and submitting for S seconds through the app's own code path (`claimNext` and `saveResponse`, the functions
// the API routes call, in-process with a connection pool of A + 10), then:
// - claims per second, p50 and p95 claim latency (target p95 < 20 ms), and their ratio to the bare claim statement run
//   alone on the same data, with the same parameters, in the same run;
// - SQL checks that no record was held by two annotators at once, none has more submitted responses than it needs,
//   and no annotator answered a record twice: violations = 0.
// Prints a table and writes bench/results/queue-<timestamp>.json and bench/results/queue-latest.md. Never a pass/fail
// test: the exit code is 0 whenever the measurement itself worked.
//
// The run: a throwaway database (`sift_bench_queue_<random>`) on TEST_DATABASE_ADMIN_URL, else the local PostgreSQL
// at 127.0.0.1:5432, else an embedded one, dropped at the end; the app's side in a child process
// (bench/lib/queue-load.ts), so that this process stays the orchestrator.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Cleanup, onStopSignal } from "../scripts/lib/cleanup";
import { appEnvironment } from "../scripts/lib/environment";
import { createLogger, errorMessage } from "../scripts/lib/log";
import { projectRoot, tsxArgs } from "../scripts/lib/paths";
import { openBenchDatabase } from "./lib/bench-database";
import { benchArguments, wholeArgument } from "./lib/run-benchmark";
import { serverFacts, withClient } from "./lib/postgres";
import { queueChecks, type QueueCheck } from "./lib/queue-checks";
import type { LatencySummary, LoadResult } from "./lib/queue-stats";
import { formatNumber, formatRate, markdownTable, writeBenchResults, type Row } from "./lib/report";

const RESULTS_DIR = path.join(projectRoot, "bench", "results");
const TARGET_P95_MS = 20;
/** Connections beyond one per annotator: the warm-up, the bare statement, Prisma's own needs. */
const POOL_HEADROOM = 10;

const log = createLogger("bench");
const cleanup = new Cleanup(log);

const USAGE = [
  "Usage: npm run bench:queue -- [--records N] [--annotators A] [--seconds S] [--think-ms T] [--assigned-percent P] [--keep-database]",
  "  --records N       records in the dataset (default 1,000,000; 30 % routed to people)",
  "  --annotators A    simulated annotators claiming and submitting at once (default 50)",
  "  --seconds S       length of the load (default 60)",
  "  --think-ms T      each annotator's mean pause between a claim and its submit, drawn from T/2 to 3T/2",
  "                    (default 1000: a simulated annotator far faster than a person; 0: none, the saturation test)",
  "  --assigned-percent P  deal P % of the queue to the annotators (equal weights) before the load, as a curator's",
  "                    \"distribute\" does (default 0: an open queue)",
  "  --keep-database   leave the benchmark database in place (its name is printed) to look into it",
].join("\n");

function options() {
  const values = benchArguments(
    {
      records: { type: "string", default: "1000000" },
      annotators: { type: "string", default: "50" },
      seconds: { type: "string", default: "60" },
      "think-ms": { type: "string", default: "1000" },
      "assigned-percent": { type: "string", default: "0" },
      "keep-database": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    USAGE,
  );
  return {
    records: wholeArgument("records", values.records, 100, 10_000_000),
    annotators: wholeArgument("annotators", values.annotators, 1, 80),
    seconds: wholeArgument("seconds", values.seconds, 1, 3_600),
    thinkMs: wholeArgument("think-ms", values["think-ms"], 0, 600_000),
    assignedPercent: wholeArgument("assigned-percent", values["assigned-percent"], 0, 100),
    keepDatabase: values["keep-database"],
  };
}

/** Runs bench/lib/queue-load.ts, relaying its progress lines, and returns its result. */
function runLoad(env: NodeJS.ProcessEnv, args: string[]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...tsxArgs("bench/lib/queue-load.ts"), ...args], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let result: LoadResult | undefined;
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.startsWith("BENCH_QUEUE ")) result = JSON.parse(line.slice("BENCH_QUEUE ".length)) as LoadResult;
      else console.log(line);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (result && code === 0) resolve(result);
      else reject(new Error(`bench/lib/queue-load.ts ended with code ${code}${signal ? `, signal ${signal}` : ""} and no result`));
    });
  });
}

const ms = (value: number) => `${formatNumber(value, 2)} ms`;

function latencyRow(measure: string, sift: number, bare: number, target?: number): Row {
  return {
    measure,
    sift: ms(sift),
    postgres: ms(bare),
    ratio: formatNumber(sift / bare, 1),
    target: target === undefined ? "" : `< ${target} ms`,
    status: target === undefined ? "" : sift < target ? "PASS" : "ABOVE target",
  };
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = new Date().toISOString();
  const runDir = await mkdtemp(path.join(os.tmpdir(), "sift-bench-queue-"));
  cleanup.add("removing the run's temporary files", () => rm(runDir, { recursive: true, force: true }));
  const load: Record<string, number> = { start: os.loadavg()[0]! };
  if (load.start! > os.cpus().length) {
    log.warn(`load average ${load.start!.toFixed(1)} on ${os.cpus().length} CPUs: other work competes; the figures will be noisy.`);
  }

  const server = await openBenchDatabase({ runDir, cleanup, log }, "sift_bench_queue", opts.keepDatabase);
  const { databaseUrl } = server;
  const postgres = await withClient(databaseUrl, serverFacts);

  const poolSize = opts.annotators + POOL_HEADROOM;
  const env: NodeJS.ProcessEnv = { ...appEnvironment(), DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(poolSize) };
  const loadPromise = runLoad(env, ["--records", String(opts.records), "--annotators", String(opts.annotators), "--seconds", String(opts.seconds), "--think-ms", String(opts.thinkMs), "--assigned-percent", String(opts.assignedPercent)]);
  // The load average while the load runs: sampled every second, the highest kept.
  let loadPeak = 0;
  const sampler = setInterval(() => (loadPeak = Math.max(loadPeak, os.loadavg()[0]!)), 1_000);
  let result: LoadResult;
  try {
    result = await loadPromise;
  } finally {
    clearInterval(sampler);
  }
  load.end = os.loadavg()[0]!;

  const checks: QueueCheck[] = await withClient(databaseUrl, (client) => queueChecks(client, result.datasetId));
  const violations = checks.reduce((sum, check) => sum + check.violations, 0);

  const claimsPerSecond = result.claims / result.loadSeconds;
  const rows: Row[] = [
    {
      measure: "Claims per second",
      sift: formatRate(claimsPerSecond),
      // The bare statement's rate back to back on one connection, for scale: no ratio, since the annotators' rate
      // is set by their think time (and, with none, by the whole claim-and-submit cycle).
      postgres: `${formatRate(1000 / result.bare.mean)} (1 conn.)`,
      ratio: "",
      target: "",
      status: "",
    },
    latencyRow("Claim latency p50", result.claim.p50, result.bare.p50),
    latencyRow("Claim latency p95", result.claim.p95, result.bare.p95, TARGET_P95_MS),
    latencyRow("Claim latency p99", result.claim.p99, result.bare.p99),
    {
      measure: "Bare claim during the load p50 / p95",
      sift: "",
      postgres: `${ms(result.bareDuringLoad.p50)} / ${ms(result.bareDuringLoad.p95)}`,
      ratio: "",
      target: "",
      status: "",
    },
    {
      measure: "Submit latency p50 / p95",
      sift: `${ms(result.submit.p50)} / ${ms(result.submit.p95)}`,
      postgres: "",
      ratio: "",
      target: "",
      status: "",
    },
    {
      measure: "Violations (all checks)",
      sift: String(violations),
      postgres: "",
      ratio: "",
      target: "0",
      status: violations === 0 ? "PASS" : "FAILED",
    },
  ];
  const table = markdownTable(rows);
  const describe = (summary: LatencySummary) =>
    `p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)}, mean ${ms(summary.mean)}, max ${ms(summary.max)} (${summary.count} runs)`;
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryBytes: os.totalmem(),
    node: process.version,
  };
  const context = [
    `${result.records.toLocaleString("en-US")} records: ${result.shape.human.toLocaleString("en-US")} routed to people, ${result.shape.audit.toLocaleString("en-US")} audited, ${result.shape.needTwo.toLocaleString("en-US")} of those needing 2 responses (${result.shape.responsesNeeded.toLocaleString("en-US")} responses in all); inserted set-based in ${formatNumber(result.insertSeconds, 1)} s.`,
    `${result.annotators} annotators (users, members of the workspace) in one process, each looping claimNext → ${result.thinkMs > 0 ? `a think time of ${result.thinkMs} ms on average →` : "(no think time)"} saveResponse for ${formatNumber(result.loadSeconds, 1)} s${opts.assignedPercent > 0 ? ` (${opts.assignedPercent} % of the queue dealt to them beforehand: assigned records first)` : ""}; a pg pool of ${result.poolSize} connections. ${result.claims.toLocaleString("en-US")} claims (${result.emptyClaims} found the queue empty), ${result.submits.toLocaleString("en-US")} submits, ${result.errorCount} errors${result.errorCount > 0 ? ` (first: ${result.errors[0]})` : ""}.`,
    `Claim latency: claimNext as the API route calls it (the dataset access check, the claim statement, which also hands back a record the annotator already holds). "PostgreSQL": the bare claim statement (CLAIM_SQL, same parameters) alone on one connection, rolled back each time, ${result.bare.count / 2} times before and ${result.bare.count / 2} after the load: before ${describe(result.bareBefore)}; after ${describe(result.bareAfter)}. Its claims/s is 1 ÷ its mean latency, one connection. During the load, the same statement every 50 ms on a connection of its own, for one more annotator who claims nothing: ${describe(result.bareDuringLoad)}.`,
    `Submit: saveResponse of a submit (access check, the dataset's configuration, the transaction that locks the record, writes the response, updates the counts and lease, and the human final value).`,
    `The annotators' process used ${formatNumber(result.loadCpuSeconds, 1)} s of CPU during the ${formatNumber(result.loadSeconds, 1)} s load (${formatNumber((result.loadCpuSeconds / result.loadSeconds) * 100, 0)} % of one core).`,
    ...checks.map((check) => `Check: ${check.name}: ${check.violations} violation(s).`),
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${formatNumber(machine.memoryBytes / 2 ** 30, 1)} GiB, Node ${machine.node}; ${postgres.version?.split(" on ")[0]}${server.embedded ? " (embedded, fsync off)" : ""} (shared_buffers ${postgres.shared_buffers}, synchronous_commit ${postgres.synchronous_commit}, fsync ${postgres.fsync}).`,
    `Load average (1 min): ${formatNumber(load.start!, 1)} at the start, peak ${formatNumber(loadPeak, 1)} during the run, ${formatNumber(load.end!, 1)} at its end, on ${machine.cpus} CPUs (the benchmark's own load counts: ${opts.thinkMs > 0 ? "well under one core with a think time" : "both cores without a think time"}).`,
  ];
  console.log(`\n${table}\n\n${context.map((line) => `- ${line}`).join("\n")}\n\nEXPLAIN (ANALYZE, BUFFERS) of the claim after the load:\n${result.plan}\n`);

  const markdown = [
    `# Queue benchmark: ${startedAt}`,
    "",
    "`npm run bench:queue` — the human queue under load: claims per second and claim latency through the app's code path, against the bare claim statement, and SQL checks of the claims and responses (see bench/README.md).",
    "",
    table,
    "",
    ...context.map((line) => `- ${line}`),
    "",
    "## EXPLAIN (ANALYZE, BUFFERS) of the claim after the load",
    "",
    "```",
    result.plan,
    "```",
    "",
  ].join("\n");
  const full = { startedAt, options: opts, machine, postgres, load: { ...load, peak: loadPeak }, claimsPerSecond, violations, checks, result };
  const files = await writeBenchResults(RESULTS_DIR, { name: "queue", latest: "queue-latest.md" }, full, markdown);
  log.info(`Results: ${path.relative(projectRoot, files.json)}, ${path.relative(projectRoot, files.markdown)}`);
}

onStopSignal(log, (signal) => {
  log.info(`${signal}: stopping.`);
  void cleanup.run().finally(() => process.exit(130));
});

try {
  await main();
} catch (error) {
  log.error(errorMessage(error));
  process.exitCode = 1;
} finally {
  await cleanup.run();
}
