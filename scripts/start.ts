// `npm start` (and `npm run dev`, which adds `--dev`): everything needed to use Sift on one machine, in one command.
//
// 1. The database: DATABASE_URL if set; otherwise an embedded PostgreSQL under .data/postgres (port SIFT_DB_PORT,
//    default 54329) with a database `sift`.
// 2. Sift's migrations and graphile-worker's schema, then the demo workspace (seeded once). On a database of your own
//    (DATABASE_URL) only with SIFT_SEED_DEMO=1: the demo users' passwords are public, so they never land in a real
//    database by accident.
// 3. A production build (`next build`) when the sources changed since the last one (see scripts/lib/build.ts), then
//    `next start` and the worker; with --dev, `next dev` instead of build and start.
// 4. Ctrl-C or SIGTERM stops the web server and the worker, then the embedded PostgreSQL. If either child dies, so
//    does everything else, and the exit code is 1.
import path from "node:path";
import { z } from "zod";
import { firstExit, runSeed, startWeb, startWorker, type WebMode } from "./lib/app-processes";
import { ensureProductionBuild } from "./lib/build";
import { Cleanup, onStopSignal } from "./lib/cleanup";
import { ensureDatabase, prepareSchema, redactUrl, whyUnreachable } from "./lib/databases";
import { assertNoServerRunningOn, PortInUseError, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { appEnvironment, persistentAuthSecret, persistentEncryptionKey } from "./lib/environment";
import { waitForHttp } from "./lib/http";
import { createLogger, errorMessage } from "./lib/log";
import { dataDir } from "./lib/paths";
import { describeExit, type ManagedProcess } from "./lib/processes";
import { findFreePort, isPortFree } from "./lib/ports";

const DEFAULT_WEB_PORT = 3000;
const DEFAULT_DB_PORT = 54329;
const DATABASE_NAME = "sift";
const READY_TIMEOUT_MS = { production: 90_000, development: 240_000 } as const;

const log = createLogger("start");
const cleanup = new Cleanup(log);
let stopping = false;

async function stopEverything(exitCode: number): Promise<never> {
  stopping = true;
  await cleanup.run();
  log.info(exitCode === 0 ? "Stopped." : "Stopped after a failure.");
  process.exit(exitCode);
}

function failAndStop(message: string): void {
  if (stopping) return;
  log.error(message);
  void stopEverything(1);
}

async function main(): Promise<void> {
  const mode: WebMode = process.argv.includes("--dev") ? "development" : "production";
  const env = appEnvironment();
  env.AUTH_SECRET ??= persistentAuthSecret();
  env.SIFT_ENCRYPTION_KEY ||= persistentEncryptionKey();
  const webPort = portFrom(env.PORT, "PORT") ?? DEFAULT_WEB_PORT;
  if (!(await isPortFree(webPort))) {
    throw new Error(`Port ${webPort} is already in use (another \`npm start\`?). Stop it, or set PORT to another port.`);
  }

  const ownDatabase = Boolean(env.DATABASE_URL);
  env.DATABASE_URL = await databaseUrl(env.DATABASE_URL);
  const schema = await prepareSchema(env.DATABASE_URL);
  log.info(`Database schema ready (${schema.migrationsApplied} new migration(s) applied).`);
  const seeded = shouldSeedDemo(ownDatabase);
  if (seeded) await runSeed({ env });
  else log.info("DATABASE_URL is set, so the demo workspace is not seeded (SIFT_SEED_DEMO=1 seeds it).");
  if (mode === "production") await ensureProductionBuild(env, log);

  const web = startWeb(mode, webPort, { env });
  const worker = startWorker({ env });
  void firstExit([web, worker]).then(({ process: child, status }) =>
    failAndStop(`The ${child.name} process ${describeExit(status)}; stopping everything.`),
  );
  await announceWhenReady(mode, webPort, web, seeded);
}

function shouldSeedDemo(ownDatabase: boolean): boolean {
  const choice = process.env.SIFT_SEED_DEMO;
  return choice === undefined || choice === "" ? !ownDatabase : choice === "1";
}

/** The URL given, after checking it answers; or the embedded server's, which it starts. */
async function databaseUrl(configured: string | undefined): Promise<string> {
  if (configured) {
    const problem = await whyUnreachable(configured);
    if (problem) throw new Error(`The database at DATABASE_URL (${redactUrl(configured)}) does not answer: ${problem}`);
    log.info(`Using the database at DATABASE_URL (${redactUrl(configured)}).`);
    return configured;
  }
  const clusterDir = path.join(dataDir, "postgres");
  assertNoServerRunningOn(clusterDir); // before choosing a port: a server still running there holds the usual one
  const port = await embeddedDatabasePort();
  log.info(`No DATABASE_URL: starting the embedded PostgreSQL on port ${port} (data in .data/postgres).`);
  const server = await startEmbeddedPostgres({
    dataDir: clusterDir,
    port,
    logFile: path.join(dataDir, "postgres.log"),
  }).catch((error: unknown) => {
    if (error instanceof PortInUseError) throw new Error(`${error.message} Set SIFT_DB_PORT to a free port.`);
    throw error;
  });
  cleanup.add("stopping the embedded PostgreSQL", () => server.stop());
  await ensureDatabase(server.adminUrl, DATABASE_NAME);
  return server.urlFor(DATABASE_NAME);
}

/** SIFT_DB_PORT is taken as given (a clear error if busy); the default gives way to a free port. */
async function embeddedDatabasePort(): Promise<number> {
  const requested = portFrom(process.env.SIFT_DB_PORT, "SIFT_DB_PORT");
  if (requested !== undefined) return requested;
  if (await isPortFree(DEFAULT_DB_PORT)) return DEFAULT_DB_PORT;
  const port = await findFreePort();
  log.warn(`port ${DEFAULT_DB_PORT} is taken, so the embedded PostgreSQL uses port ${port} this time (SIFT_DB_PORT sets it).`);
  return port;
}

function portFrom(value: string | undefined, variable: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${variable}=${value} is not a port number.`);
  return port;
}

async function announceWhenReady(mode: WebMode, port: number, web: ManagedProcess, seeded: boolean): Promise<void> {
  const url = `http://localhost:${port}`;
  try {
    // Any answer means the server listens; `next dev` compiles the route on this first request, hence the long wait.
    const status = await waitForHttp(`http://127.0.0.1:${port}/api/health`, {
      timeoutMs: READY_TIMEOUT_MS[mode],
      accept: () => true,
      abandonIf: () => (web.isRunning() ? undefined : "the web server exited"),
    });
    if (status !== 200) log.warn(`GET /api/health answered ${status}: the app may not work as expected.`);
  } catch (error) {
    if (stopping) return;
    log.warn(errorMessage(error));
  }
  if (stopping) return;
  console.log(banner(url, seeded ? await demoLoginsTable() : "  (No demo workspace: sign in with your own users.)"));
}

function banner(url: string, logins: string): string {
  const rule = "─".repeat(64);
  return ["", rule, `  Sift is running at ${url}`, "", logins, "", "  Press Ctrl-C to stop.", rule, ""].join("\n");
}

const demoLoginsSchema = z.array(z.object({ role: z.string(), email: z.string(), password: z.string() }));

async function demoLoginsTable(): Promise<string> {
  try {
    const { demoLogins } = await import("@/lib/server/seed/demo-users");
    return formatTable(["role", "email", "password"], demoLoginsSchema.parse(demoLogins).map((login) => [login.role, login.email, login.password]));
  } catch (error) {
    return `  (The demo logins could not be read from lib/server/seed/demo-users.ts: ${errorMessage(error)})`;
  }
}

function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("   ")}`.trimEnd();
  return ["  Demo logins:", "", line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

onStopSignal(log, (signal) => {
  log.info(`${signal} received: stopping everything (web server, worker, build, database)...`);
  void stopEverything(0);
});
process.on("uncaughtException", (error) => failAndStop(`unexpected error: ${error.stack ?? error.message}`));
process.on("unhandledRejection", (reason) => failAndStop(`unexpected error: ${errorMessage(reason)}`));

main().catch((error: unknown) => failAndStop(errorMessage(error)));
