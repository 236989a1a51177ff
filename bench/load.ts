// `npm run bench:load -- [--seconds S] [--annotators A] [--records N] [--skip-build] [--keep-database]`: the built app
// under annotators' load (issue 7). A annotators (default 50), each signed in with an API key, loop POST queue/next →
// PUT response (a submit) with a think time of 50–250 ms for S seconds (default 120) against `next start` and the
// worker, on a throwaway database of N records (default 20,000; 30 % routed to people). Reports requests per second,
// latency p50/p95/p99 per route, 5xx answers, and checks in SQL that every submit answered 2xx is in the database
// exactly once (and that records' submittedCount agree with their responses). Prints the table, writes
// bench/results/load-<timestamp>.json and bench/results/load-latest.md. Exits 1 if a response was lost or a 5xx seen.
import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startWeb, startWorker } from "../scripts/lib/app-processes";
import { ensureProductionBuild } from "../scripts/lib/build";
import { Cleanup } from "../scripts/lib/cleanup";
import { appEnvironment, newSecret } from "../scripts/lib/environment";
import { waitForHttp } from "../scripts/lib/http";
import { createLogger } from "../scripts/lib/log";
import { projectRoot, tsxArgs } from "../scripts/lib/paths";
import { findFreePort } from "../scripts/lib/ports";
import { openBenchDatabase } from "./lib/bench-database";
import { simulateAnnotator, type AnnotatorOutcome, type RequestSample } from "./lib/load-annotator";
import { withClient } from "./lib/postgres";
import type { QueueShape } from "./lib/queue-data";
import { latencySummary } from "./lib/queue-stats";
import { formatNumber, tableOf, writeBenchResults } from "./lib/report";
import { benchArguments, runBenchmark, wholeArgument } from "./lib/run-benchmark";

const RESULTS_DIR = path.join(projectRoot, "bench", "results");
const THINK_MS: [number, number] = [50, 250];
const log = createLogger("bench");
const cleanup = new Cleanup(log);

const USAGE = [
  "Usage: npm run bench:load -- [--seconds S] [--annotators A] [--records N] [--skip-build] [--keep-database]",
  "  --seconds S       how long the annotators work (default 120)",
  "  --annotators A    simulated annotators working at once (default 50)",
  "  --records N       records in the dataset (default 20,000; 30 % routed to people)",
  "  --skip-build      use the production build in .next as it is",
  "  --keep-database   leave the benchmark database in place (its name is printed)",
].join("\n");

function options() {
  const values = benchArguments(
    {
      seconds: { type: "string", default: "120" },
      annotators: { type: "string", default: "50" },
      records: { type: "string", default: "20000" },
      "skip-build": { type: "boolean", default: false },
      "keep-database": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    USAGE,
  );
  return {
    seconds: wholeArgument("seconds", values.seconds, 5, 3_600),
    annotators: wholeArgument("annotators", values.annotators, 1, 500),
    records: wholeArgument("records", values.records, 1_000, 10_000_000),
    skipBuild: values["skip-build"],
    keepDatabase: values["keep-database"],
  };
}

interface Setup {
  datasetId: string;
  shape: QueueShape;
  annotators: { username: string; apiKey: string }[];
}

async function setUpData(env: NodeJS.ProcessEnv, records: number, annotators: number): Promise<Setup> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...tsxArgs("bench/lib/load-setup.ts"), "--records", String(records), "--annotators", String(annotators)],
    { env, cwd: projectRoot, maxBuffer: 10 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split("\n").pop() ?? "") as Setup;
}

interface DatabaseCheck {
  /** Distinct (annotator, record) submits answered 2xx. */
  acknowledged: number;
  /** Of those, how many are in the database as a submitted response. */
  found: number;
  /** Submitted responses in the dataset (none should exist beyond the acknowledged ones). */
  submittedInDatabase: number;
  /** Records whose submittedCount differs from their submitted responses. */
  miscounted: number;
}

/** Every 2xx submit must be in the database exactly once; and nothing else. */
async function checkDatabase(databaseUrl: string, datasetId: string, outcomes: AnnotatorOutcome[]): Promise<DatabaseCheck> {
  const pairs = [...new Set(outcomes.flatMap((outcome) => outcome.submitted.map((recordId) => `${outcome.username}\u0000${recordId}`)))].map((pair) => {
    const [username, recordId] = pair.split("\u0000");
    return { username, recordId };
  });
  return withClient(databaseUrl, async (client) => {
    const found = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM jsonb_to_recordset($1::jsonb) AS x(username text, "recordId" uuid)
       JOIN "User" u ON u.username = x.username
       JOIN "Response" s ON s."userId" = u.id AND s."recordId" = x."recordId" AND s.status = 'submitted'`,
      [JSON.stringify(pairs)],
    );
    const totals = await client.query<{ submitted: number; miscounted: number }>(
      `SELECT (SELECT count(*)::int FROM "Response" s JOIN "Record" r ON r.id = s."recordId"
               WHERE r."datasetId" = $1 AND s.status = 'submitted') AS submitted,
              (SELECT count(*)::int FROM "Record" r WHERE r."datasetId" = $1 AND r."submittedCount" <>
                 (SELECT count(*) FROM "Response" s WHERE s."recordId" = r.id AND s.status = 'submitted')) AS miscounted`,
      [datasetId],
    );
    return { acknowledged: pairs.length, found: found.rows[0]!.count, submittedInDatabase: totals.rows[0]!.submitted, miscounted: totals.rows[0]!.miscounted };
  });
}

function routeRows(samples: RequestSample[], seconds: number) {
  const routes = ["POST queue/next", "PUT response"] as const;
  const ms = (value: number) => `${formatNumber(value, 1)} ms`;
  const row = (name: string, list: RequestSample[]) => {
    const summary = latencySummary(list.map((sample) => sample.ms));
    return {
      route: name,
      requests: list.length.toLocaleString("en-US"),
      rps: formatNumber(list.length / seconds, 1),
      p50: ms(summary.p50),
      p95: ms(summary.p95),
      p99: ms(summary.p99),
      fivexx: String(list.filter((sample) => sample.status >= 500).length),
      other: String(list.filter((sample) => sample.status >= 400 && sample.status < 500).length),
    };
  };
  return [...routes.map((route) => row(route, samples.filter((sample) => sample.route === route))), row("all", samples)];
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = new Date().toISOString();
  const runDir = await mkdtemp(path.join(os.tmpdir(), "sift-bench-load-"));
  cleanup.add("removing the run's temporary files", () => rm(runDir, { recursive: true, force: true }));
  const env = appEnvironment();
  env.AUTH_SECRET ??= newSecret();
  env.SIFT_ENCRYPTION_KEY ||= newSecret();
  if (opts.skipBuild) log.info("--skip-build: using the production build in .next as it is.");
  else await ensureProductionBuild(env, log);

  const { databaseUrl, embedded } = await openBenchDatabase({ runDir, cleanup, log }, "sift_bench_load", opts.keepDatabase);
  const appEnv: NodeJS.ProcessEnv = { ...env, DATABASE_URL: databaseUrl };
  const setup = await setUpData(appEnv, opts.records, opts.annotators);
  log.info(`${opts.records.toLocaleString("en-US")} records (${setup.shape.human.toLocaleString("en-US")} routed to people), ${setup.annotators.length} annotators with API keys.`);

  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const output = createWriteStream(path.join(runDir, "app.log"));
  const web = startWeb("production", port, { env: appEnv, output, hostname: "127.0.0.1" });
  const worker = startWorker({ env: appEnv, output });
  cleanup.add("stopping the web server and the worker", async () => {
    await Promise.all([web.stop(), worker.stop()]);
  });
  await waitForHttp(`${baseUrl}/api/health`, { timeoutMs: 60_000, abandonIf: () => (web.isRunning() ? undefined : "the web server exited") });

  // Warm-up: each route's code is loaded and compiled once, outside the measured window.
  const warm = setup.annotators[0]!;
  const warmUp = await simulateAnnotator({ baseUrl, datasetId: setup.datasetId, ...warm, deadline: Date.now() + 2_000, thinkMs: [0, 0], label: "good" });

  log.info(`${setup.annotators.length} annotators at work for ${opts.seconds} s…`);
  const loadStarted = performance.now();
  const deadline = Date.now() + opts.seconds * 1_000;
  const outcomes = await Promise.all(
    setup.annotators.map((annotator, index) =>
      simulateAnnotator({ baseUrl, datasetId: setup.datasetId, ...annotator, deadline, thinkMs: THINK_MS, label: index % 3 ? "good" : "bad" }),
    ),
  );
  const seconds = (performance.now() - loadStarted) / 1000;
  const samples = outcomes.flatMap((outcome) => outcome.samples);
  // The warm-up's submits are in the database too: they are checked, not timed.
  const check = await checkDatabase(databaseUrl, setup.datasetId, [warmUp, ...outcomes]);
  const fivexx = samples.filter((sample) => sample.status >= 500).length;
  const networkErrors = outcomes.reduce((sum, outcome) => sum + outcome.networkErrors, 0);
  const lost = check.acknowledged - check.found;

  const header = { route: "Route", requests: "Requests", rps: "Req/s", p50: "p50", p95: "p95", p99: "p99", fivexx: "5xx", other: "4xx" };
  const table = tableOf(header, routeRows(samples, seconds));
  const notes = [
    `- ${setup.annotators.length} simulated annotators (API keys) for ${formatNumber(seconds, 1)} s against \`next start\` (production build) and the worker; ` +
      `each loops POST queue/next → PUT response (a submit) with ${THINK_MS[0]}–${THINK_MS[1]} ms of think time. ` +
      `${opts.records.toLocaleString("en-US")} records, ${setup.shape.human.toLocaleString("en-US")} routed to people; PostgreSQL ${embedded ? "embedded (started for the run)" : "the machine's"}.`,
    `- Submits answered 2xx: ${check.acknowledged.toLocaleString("en-US")}; in the database: ${check.found.toLocaleString("en-US")} ` +
      `(lost: ${lost}); submitted responses in the dataset: ${check.submittedInDatabase.toLocaleString("en-US")}; records with a wrong submittedCount: ${check.miscounted}.`,
    `- 5xx answers: ${fivexx}; requests without an answer (network errors): ${networkErrors}; annotators who emptied the queue: ${outcomes.filter((outcome) => outcome.queueEmpty).length}.`,
    `- Latency is the client's: from sending the request to the last byte of the answer. Machine: ${os.cpus().length} CPUs, load average ${formatNumber(os.loadavg()[0]!, 1)} at the end.`,
  ];
  console.log(`\n${table}\n\n${notes.join("\n")}\n`);
  const markdown = `# bench:load — ${startedAt}\n\n${table}\n\n${notes.join("\n")}\n`;
  const written = await writeBenchResults(
    RESULTS_DIR,
    { name: "load", latest: "load-latest.md" },
    {
      startedAt,
      seconds,
      annotators: setup.annotators.length,
      records: opts.records,
      shape: setup.shape,
      routes: routeRows(samples, seconds),
      check,
      fivexx,
      networkErrors,
    },
    markdown,
  );
  log.info(`Results: ${path.relative(projectRoot, written.json)}, ${path.relative(projectRoot, written.markdown)}`);
  if (lost > 0 || fivexx > 0 || check.miscounted > 0 || check.submittedInDatabase !== check.found) {
    throw new Error(`bench:load found ${lost} lost response(s), ${fivexx} 5xx answer(s), ${check.miscounted} miscounted record(s).`);
  }
}

runBenchmark(main, { cleanup, log, stopping: "stopping the server and the worker, dropping the database." });
