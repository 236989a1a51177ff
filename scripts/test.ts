// `npm test [-- unit|integration|e2e ...]`: the unit, integration and browser tests, in that order, and one closing
// line `N passed, N failed[, N skipped]` that sums them (CI reads it).
//
// Databases are throwaway, one per run and stage, and never the one `npm start` uses: `sift_test_<random>` for the
// integration tests and `sift_e2e_<random>` for the browser tests, on TEST_DATABASE_ADMIN_URL, else on the local
// PostgreSQL at 127.0.0.1:5432 if it answers, else on an embedded PostgreSQL started in a temporary directory. They
// are dropped at the end, whatever happened.
//
// The browser tests run against a production build (`next build` when the sources changed, see scripts/lib/build.ts;
// SIFT_SKIP_BUILD=1 uses .next as it is), served by `next start` on a free port, with the worker, on the demo data.
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, type WriteStream } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runSeed, startWeb, startWorker } from "./lib/app-processes";
import { ensureProductionBuild } from "./lib/build";
import { Cleanup, onStopSignal } from "./lib/cleanup";
import {
  createDatabase,
  dropDatabase,
  pendingJobCount,
  prepareSchema,
  redactUrl,
  whyUnreachable,
  withDatabase,
} from "./lib/databases";
import { startEmbeddedPostgres, tailOfFile } from "./lib/embedded-postgres";
import { appEnvironment, newSecret } from "./lib/environment";
import { sleep, waitForHttp } from "./lib/http";
import { createLogger, errorMessage } from "./lib/log";
import { localBin, projectRoot } from "./lib/paths";
import { findFreePort } from "./lib/ports";
import { runProcess, type ManagedProcess } from "./lib/processes";
import {
  countPlaywrightReport,
  countVitestReport,
  crashedStage,
  describeOutcome,
  stageOutcome,
  sumCounts,
  summaryLine,
  type StageOutcome,
} from "./lib/test-reports";

const STAGES = ["unit", "integration", "e2e"] as const;
type Stage = (typeof STAGES)[number];

const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const DEFAULT_CHROMIUM = "/usr/bin/chromium";
// The demo admin's API key in the browser-test database; specs read it from SIFT_DEMO_API_KEY.
const DEFAULT_E2E_API_KEY = "sift_e2e_demo_api_key_0123456789abcdef";
const SERVER_READY_TIMEOUT_MS = 90_000;
const JOB_QUEUE_IDLE_TIMEOUT_MS = 120_000;

const log = createLogger("test");
const cleanup = new Cleanup(log);
const outcomes: StageOutcome[] = [];
let currentStage: Stage | undefined;
let finishing: Promise<never> | undefined;

async function main(): Promise<void> {
  const stages = selectedStages(process.argv.slice(2));
  const runDir = await mkdtemp(path.join(os.tmpdir(), "sift-test-"));
  cleanup.add("removing the run's temporary files", () => rm(runDir, { recursive: true, force: true }));
  const env = appEnvironment();
  env.AUTH_SECRET ??= newSecret();
  env.SIFT_ENCRYPTION_KEY ||= newSecret();
  const databases = new TestDatabases(runDir);
  const runners: Record<Stage, () => Promise<StageOutcome>> = {
    unit: () => runUnitTests(env, runDir),
    integration: () => runIntegrationTests(env, runDir, databases),
    e2e: () => runBrowserTests(env, runDir, databases),
  };
  for (const stage of stages) {
    if (finishing) return;
    currentStage = stage;
    log.info(`── ${stage} tests ──`);
    const outcome = await runners[stage]().catch((error: unknown) => crashedStage(stage, errorMessage(error)));
    if (finishing) return;
    outcomes.push(outcome);
    log.info(describeOutcome(outcome));
  }
  currentStage = undefined;
  await finish();
}

function selectedStages(args: string[]): Stage[] {
  const isStage = (arg: string): arg is Stage => (STAGES as readonly string[]).includes(arg);
  const unknown = args.filter((arg) => !isStage(arg));
  if (unknown.length > 0) {
    console.error(`Unknown test stage(s): ${unknown.join(", ")}. Usage: npm test [-- ${STAGES.join("|")} ...]`);
    process.exit(2);
  }
  const chosen = args.filter(isStage);
  return chosen.length === 0 ? [...STAGES] : STAGES.filter((stage) => chosen.includes(stage));
}

/**
 * Releases everything, then prints the per-stage results and, as the very last line, the summed counts. Exits with
 * `exitCode` if given (a signal), else 1 if anything failed, else 0.
 */
function finish(exitCode?: number): Promise<never> {
  finishing ??= (async () => {
    await cleanup.run();
    log.info("Summary:");
    for (const outcome of outcomes) log.info(`  ${describeOutcome(outcome)}`);
    const total = sumCounts(outcomes);
    console.log(summaryLine(total));
    process.exit(exitCode ?? (total.failed > 0 ? 1 : 0));
  })();
  return finishing;
}

// ── unit ──────────────────────────────────────────────────────────────────────────────────────────────────────────

async function runUnitTests(env: NodeJS.ProcessEnv, runDir: string): Promise<StageOutcome> {
  // No database for unit tests: without DATABASE_URL, one that reaches for it fails instead of touching a real one.
  const { DATABASE_URL: _ignored, ...unitEnv } = env;
  return runVitestProject("unit", unitEnv, runDir);
}

async function runVitestProject(project: "unit" | "integration", env: NodeJS.ProcessEnv, runDir: string): Promise<StageOutcome> {
  const report = path.join(runDir, `${project}.json`);
  const status = await runProcess({
    name: project,
    command: process.execPath,
    args: [
      localBin("vitest"),
      "run",
      "--project",
      project,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
      "--passWithNoTests",
      // TEST_ONLY="tests/integration/queue.test.ts …" runs only the matching test files (while working on them).
      ...(process.env.TEST_ONLY?.split(/\s+/).filter(Boolean) ?? []),
    ],
    env,
    cwd: projectRoot,
    inheritOutput: true,
  });
  return stageOutcome(project, report, countVitestReport, status.code);
}

// ── integration ───────────────────────────────────────────────────────────────────────────────────────────────────

async function runIntegrationTests(env: NodeJS.ProcessEnv, runDir: string, databases: TestDatabases): Promise<StageOutcome> {
  const databaseUrl = await databases.create("test");
  return runVitestProject("integration", { ...env, DATABASE_URL: databaseUrl }, runDir);
}

/** The server the throwaway databases live on, chosen once per run, and the databases made on it. */
class TestDatabases {
  private adminUrl: Promise<string> | undefined;

  constructor(private readonly runDir: string) {}

  /** A new database with Sift's schema and the job queue's, dropped when the run ends. */
  async create(purpose: "test" | "e2e"): Promise<string> {
    this.adminUrl ??= this.chooseServer();
    const adminUrl = await this.adminUrl;
    const name = `sift_${purpose}_${randomBytes(4).toString("hex")}`;
    await createDatabase(adminUrl, name);
    cleanup.add(`dropping the database ${name}`, () => dropDatabase(adminUrl, name));
    const url = withDatabase(adminUrl, name);
    await prepareSchema(url);
    log.info(`Database ${name} ready on ${redactUrl(adminUrl)}.`);
    return url;
  }

  private async chooseServer(): Promise<string> {
    const candidate = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_ADMIN_URL;
    const problem = await whyUnreachable(candidate);
    if (!problem) return candidate;
    log.info(`PostgreSQL at ${redactUrl(candidate)} does not answer (${problem}); starting an embedded one for this run.`);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(this.runDir, "postgres"),
      port: await findFreePort(),
      logFile: path.join(this.runDir, "postgres.log"),
      throwaway: true,
    });
    cleanup.add("stopping the embedded PostgreSQL", () => server.stop());
    return server.adminUrl;
  }
}

// ── e2e ───────────────────────────────────────────────────────────────────────────────────────────────────────────

async function runBrowserTests(env: NodeJS.ProcessEnv, runDir: string, databases: TestDatabases): Promise<StageOutcome> {
  const chromium = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(chromium)) {
    throw new Error("Chromium not found: install it with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH");
  }
  await ensureBuildForBrowserTests(env);
  const e2eEnv: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: await databases.create("e2e"),
    SIFT_DEMO_API_KEY: env.SIFT_DEMO_API_KEY || DEFAULT_E2E_API_KEY,
    CHROMIUM_PATH: chromium,
  };
  // The servers' output would interleave with Playwright's report; it goes to a file, shown when something failed.
  const serverLogFile = path.join(runDir, "e2e-servers.log");
  const serverLog = createWriteStream(serverLogFile);
  let outcome: StageOutcome | undefined;
  try {
    outcome = await runPlaywrightAgainstServers(e2eEnv, runDir, serverLog);
    return outcome;
  } finally {
    await new Promise<void>((resolve) => serverLog.end(resolve));
    if (!outcome || outcome.failed > 0) {
      console.log(`\n[test] Last lines of the seed's, web server's and worker's output:\n${tailOfFile(serverLogFile, 60)}\n`);
    }
    await keepServerLog(serverLogFile);
  }
}

async function ensureBuildForBrowserTests(env: NodeJS.ProcessEnv): Promise<void> {
  if (process.env.SIFT_SKIP_BUILD !== "1") {
    await ensureProductionBuild(env, log);
    return;
  }
  if (!existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
    throw new Error("SIFT_SKIP_BUILD=1, but there is no production build in .next: run `npm run build` first.");
  }
  log.info("SIFT_SKIP_BUILD=1: using the build in .next as it is.");
}

async function runPlaywrightAgainstServers(env: NodeJS.ProcessEnv, runDir: string, serverLog: WriteStream): Promise<StageOutcome> {
  await runSeed({ env, output: serverLog });
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const servers = [
    startWeb("production", port, { env, output: serverLog, hostname: "127.0.0.1" }),
    startWorker({ env, output: serverLog }),
  ];
  try {
    await waitForHttp(`${baseUrl}/api/health`, { timeoutMs: SERVER_READY_TIMEOUT_MS, abandonIf: () => deadServer(servers) });
    await waitForIdleJobQueue(env.DATABASE_URL ?? "", () => deadServer(servers));
    log.info(`App ready at ${baseUrl}; running Playwright.`);
    const report = path.join(runDir, "e2e.json");
    const status = await runProcess({
      name: "e2e",
      command: process.execPath,
      // E2E_ONLY="e2e/routing.spec.ts …" runs only those specs (while working on them; CI runs all).
      args: [localBin("playwright"), "test", "--pass-with-no-tests", ...(process.env.E2E_ONLY?.split(/\s+/).filter(Boolean) ?? [])],
      env: { ...env, E2E_BASE_URL: baseUrl, SIFT_PLAYWRIGHT_JSON: report },
      cwd: projectRoot,
      inheritOutput: true,
    });
    const outcome = await stageOutcome("e2e", report, countPlaywrightReport, status.code);
    // A server that died mid-run fails the stage even if no test noticed (a worker crash, typically).
    const died = deadServer(servers);
    return died ? { ...outcome, failed: outcome.failed + 1, crash: died } : outcome;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/**
 * The seed enqueues work (proposals and routing of the demo datasets); the specs start once the worker has done it,
 * so that they see the same settled demo on every run rather than whatever the worker got to so far.
 */
async function waitForIdleJobQueue(databaseUrl: string, abandonIf: () => string | undefined): Promise<void> {
  const deadline = Date.now() + JOB_QUEUE_IDLE_TIMEOUT_MS;
  let pending = await pendingJobCount(databaseUrl);
  while (pending > 0) {
    const abandoned = abandonIf();
    if (abandoned) throw new Error(abandoned);
    if (Date.now() > deadline) {
      log.warn(`${pending} job(s) still pending after ${JOB_QUEUE_IDLE_TIMEOUT_MS / 1000} s; running the browser tests anyway.`);
      return;
    }
    await sleep(250);
    pending = await pendingJobCount(databaseUrl);
  }
}

function deadServer(servers: ManagedProcess[]): string | undefined {
  const dead = servers.find((server) => !server.isRunning());
  return dead ? `the ${dead.name} process exited during the browser tests` : undefined;
}

/** test-results/ is where Playwright leaves screenshots; the servers' log joins them for a post-mortem. */
async function keepServerLog(file: string): Promise<void> {
  if (!existsSync(file)) return;
  const target = path.join(projectRoot, "test-results", "e2e-servers.log");
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(file, target).catch(() => undefined);
}

// ── lifecycle ─────────────────────────────────────────────────────────────────────────────────────────────────────

onStopSignal(log, (signal) => {
  log.info(`${signal} received: stopping and dropping the test databases...`);
  if (currentStage) outcomes.push(crashedStage(currentStage, `interrupted by ${signal}`));
  void finish(130);
});
function failUnexpectedly(error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  outcomes.push(crashedStage(currentStage ?? "setup", `unexpected error: ${detail}`));
  void finish();
}
process.on("uncaughtException", failUnexpectedly);
process.on("unhandledRejection", failUnexpectedly);

main().catch((error: unknown) => {
  outcomes.push(crashedStage(currentStage ?? "setup", errorMessage(error)));
  void finish();
});
