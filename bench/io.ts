// `npm run bench:io -- [--records N] [--concurrency C] [...]`: Sift's import and export against PostgreSQL's own
// fastest path (COPY), on the same machine, in the same run, on the same rows (issue 3, "Performance"):
// - import of N records (three ~100-byte text fields, two metadata values, one suggestion each) through
//   `PUT /api/v1/datasets/{id}/records` versus COPY … FROM STDIN into the same tables: records/s and ratio (≥ 0.5);
// - the JSONL export of those records (with their suggestions) through `POST /api/v1/datasets/{id}/exports` versus
//   COPY (SELECT …) TO STDOUT producing the same lines: records/s, MB/s and ratio (≥ 0.5);
// - peak memory of the Node processes (the web server with its children, a fresh server for each of the two phases;
//   the benchmark's own process for the record) during both: under 300 MB whatever N.
// Prints a table and writes bench/results/io-<timestamp>.json and bench/results/latest.md. Never a pass/fail test:
// the exit code is 0 whenever the measurement itself worked.
//
// The run: a throwaway database (`sift_bench_<random>`) on TEST_DATABASE_ADMIN_URL, else the local PostgreSQL at
// 127.0.0.1:5432, else an embedded one, dropped at the end; a production build (`next build` when the sources
// changed; --skip-build uses .next as it is); `next start` on a free port with SIFT_DIRECT_EXPORT_MAX_RECORDS raised
// so the export streams instead of becoming a task. The worker is NOT started: the import measured is the API's write
// path, and the recompute job it enqueues (proposals and routing) would compete for the same CPUs in the middle of the
// measurement and change what the export reads; the jobs stay queued and go with the database.
import { execFile } from "node:child_process";
import { createWriteStream, existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, copyFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual, parseArgs, promisify } from "node:util";
import { startWeb } from "../scripts/lib/app-processes";
import { ensureProductionBuild } from "../scripts/lib/build";
import { Cleanup } from "../scripts/lib/cleanup";
import { tailOfFile } from "../scripts/lib/embedded-postgres";
import { appEnvironment, newSecret } from "../scripts/lib/environment";
import { waitForHttp } from "../scripts/lib/http";
import { createLogger, errorMessage } from "../scripts/lib/log";
import { localBin, projectRoot, tsxArgs } from "../scripts/lib/paths";
import { findFreePort } from "../scripts/lib/ports";
import { startProcess, type ManagedProcess } from "../scripts/lib/processes";
import { openBenchDatabase } from "./lib/bench-database";
import { runBenchmark, wholeArgument } from "./lib/run-benchmark";
import { apiExport, apiImport, type ApiExportResult, type ApiImportResult } from "./lib/api";
import { summariseProfiles, type ProfileSummary } from "./lib/cpu-profile";
import { batchRanges, generateBatch, toNdjson } from "./lib/generate";
import { MemorySampler, residentSplit, type ResidentSplit, type TreePeak } from "./lib/memory";
import {
  copyExport,
  copyImport,
  datasetDigest,
  serverFacts,
  withClient,
  type CopyImportResult,
  type DatasetDigest,
  type StreamCount,
} from "./lib/postgres";
import {
  formatNumber,
  formatRate,
  markdownTable,
  MB,
  memoryStatus,
  ratioStatus,
  TARGETS,
  writeBenchResults,
  type Row,
} from "./lib/report";

const MAX_BATCH = 10_000; // the API's limit per request
const SERVER_READY_TIMEOUT_MS = 90_000;
const RESULTS_DIR = path.join(projectRoot, "bench", "results");

const log = createLogger("bench");
const cleanup = new Cleanup(log);
const execFileAsync = promisify(execFile);

interface Options {
  records: number;
  concurrency: number;
  batch: number;
  order: "copy-first" | "api-first";
  skipBuild: boolean;
  profile: boolean;
  breakdown: boolean;
  keepDatabase: boolean;
  webNodeFlags: string[];
  serverLog: string;
}

const ARGUMENTS = {
  records: { type: "string", default: "1000000" },
  concurrency: { type: "string", default: "2" },
  batch: { type: "string", default: String(MAX_BATCH) },
  order: { type: "string", default: "copy-first" },
  "skip-build": { type: "boolean", default: process.env.SIFT_SKIP_BUILD === "1" },
  profile: { type: "boolean", default: false },
  "no-breakdown": { type: "boolean", default: false },
  "keep-database": { type: "boolean", default: false },
  "web-node-flags": { type: "string", default: "" },
  "server-log": { type: "string", default: "" },
  help: { type: "boolean", default: false },
} as const;

function parseArguments() {
  try {
    return parseArgs({ options: ARGUMENTS, strict: true }).values;
  } catch (error) {
    console.error(`${errorMessage(error)}\nSee \`npm run bench:io -- --help\`.`);
    process.exit(2);
  }
}

function options(): Options {
  const values = parseArguments();
  if (values.help) {
    console.log(
      [
        "Usage: npm run bench:io -- [--records N] [--concurrency C] [--batch B] [--order copy-first|api-first]",
        "                           [--skip-build] [--profile] [--no-breakdown] [--keep-database]",
        "                           [--web-node-flags=\"--max-old-space-size=… --trace-gc\"] [--server-log FILE]",
        "  --records N       records to import and export (default 1,000,000; e.g. 100000 for a quick run)",
        "  --concurrency C   API requests in flight during the import (default 2)",
        "  --batch B         records per API request, at most 10,000 (default 10,000)",
        "  --order           which import runs first, into the still smaller tables (default copy-first)",
        "  --skip-build      use the production build in .next as it is (also SIFT_SKIP_BUILD=1)",
        "  --profile         CPU-profile the web server (node --cpu-prof) and summarise where its time goes",
        "  --no-breakdown    skip the in-process timing of the import and export stages",
        "  --keep-database   leave the benchmark database in place (its name is printed) to look into it",
        "  --web-node-flags  node flags for the web server (e.g. a heap limit, to see its effect on memory; --trace-gc)",
        "  --server-log FILE keep the web servers' output in FILE",
      ].join("\n"),
    );
    process.exit(0);
  }
  const positive = (name: string, raw: string, max = Number.MAX_SAFE_INTEGER) => wholeArgument(name, raw, 1, max);
  if (values.order !== "copy-first" && values.order !== "api-first") {
    console.error(`--order must be copy-first or api-first (got ${values.order}).`);
    process.exit(2);
  }
  return {
    records: positive("records", values.records),
    concurrency: positive("concurrency", values.concurrency, 64),
    batch: positive("batch", values.batch, MAX_BATCH),
    order: values.order,
    skipBuild: values["skip-build"],
    profile: values.profile,
    breakdown: !values["no-breakdown"],
    keepDatabase: values["keep-database"],
    webNodeFlags: values["web-node-flags"].split(/\s+/).filter(Boolean),
    serverLog: values["server-log"],
  };
}

interface SetupResult {
  apiKey: string;
  apiDatasetId: string;
  copyDatasetId: string;
  warmupDatasetId: string;
  questionId: string;
  minSubmitted: number;
}

/** Creates the workspace, user, API key and datasets with the app's own services, in a child process. */
async function setUpDatasets(env: NodeJS.ProcessEnv): Promise<SetupResult> {
  const { stdout } = await execFileAsync(process.execPath, tsxArgs("bench/lib/setup-datasets.ts"), {
    cwd: projectRoot,
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split("\n").find((candidate) => candidate.startsWith("BENCH_SETUP "));
  if (!line) throw new Error(`bench/lib/setup-datasets.ts printed no BENCH_SETUP line:\n${stdout}`);
  return JSON.parse(line.slice("BENCH_SETUP ".length)) as SetupResult;
}

/** The in-process stage timings (bench/lib/breakdown.ts), in a child process with the app's modules. */
async function runBreakdown(env: NodeJS.ProcessEnv, args: string[]): Promise<unknown> {
  const { stdout } = await execFileAsync(process.execPath, [...tsxArgs("bench/lib/breakdown.ts"), ...args], {
    cwd: projectRoot,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = stdout.split("\n").find((candidate) => candidate.startsWith("BENCH_BREAKDOWN "));
  if (!line) throw new Error(`bench/lib/breakdown.ts printed no BENCH_BREAKDOWN line:\n${stdout}`);
  return JSON.parse(line.slice("BENCH_BREAKDOWN ".length));
}

/** Makes PostgreSQL start each timed phase from the same state: dirty pages written out, statistics fresh. */
async function settle(databaseUrl: string, vacuum: boolean): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    if (vacuum) await client.query(`VACUUM (ANALYZE) "Record", "Suggestion"`);
    await client.query("CHECKPOINT").catch((error: unknown) => log.warn(`CHECKPOINT refused (${errorMessage(error)}).`));
  });
}

function generatorOnly(total: number, batch: number): { seconds: number; bytes: number } {
  const started = performance.now();
  let bytes = 0;
  for (const [start, count] of batchRanges(total, batch)) bytes += Buffer.byteLength(toNdjson(generateBatch(start, count)));
  return { seconds: (performance.now() - started) / 1000, bytes };
}

function sameExportLine(siftLine: string, postgresLine: string): { equivalent: boolean; detail?: string } {
  try {
    const sift: unknown = JSON.parse(siftLine);
    const postgres: unknown = JSON.parse(postgresLine);
    return isDeepStrictEqual(sift, postgres)
      ? { equivalent: true }
      : { equivalent: false, detail: `Sift: ${siftLine.slice(0, 600)}\nPostgreSQL: ${postgresLine.slice(0, 600)}` };
  } catch (error) {
    return { equivalent: false, detail: `unparseable first line: ${errorMessage(error)}` };
  }
}

function mb(bytes: number): string {
  return `${formatNumber(bytes / MB, 0)} MB`;
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = new Date().toISOString();
  const runDir = await mkdtemp(path.join(os.tmpdir(), "sift-bench-"));
  cleanup.add("removing the run's temporary files", () => rm(runDir, { recursive: true, force: true }));
  log.info(
    `I/O benchmark: ${opts.records.toLocaleString("en-US")} records, ${opts.concurrency} request(s) in flight, ` +
      `${opts.batch.toLocaleString("en-US")} records per request, ${opts.order}.`,
  );

  const env = appEnvironment();
  env.AUTH_SECRET ??= newSecret();
  env.SIFT_ENCRYPTION_KEY ||= newSecret();
  if (opts.skipBuild) {
    if (!existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) throw new Error("--skip-build, but there is no build in .next.");
    log.info("--skip-build: using the production build in .next as it is.");
  } else {
    await ensureProductionBuild(env, log);
  }

  const { databaseUrl } = await openBenchDatabase({ runDir, cleanup, log }, "sift_bench", opts.keepDatabase);
  const appEnv: NodeJS.ProcessEnv = { ...env, DATABASE_URL: databaseUrl };
  const setup = await setUpDatasets(appEnv);
  const postgres = await withClient(databaseUrl, serverFacts);

  // ── the web server: one for the import, a fresh one for the export, so each phase's memory is its own ──
  const profileDir = path.join(runDir, "profiles");
  const webEnv: NodeJS.ProcessEnv = { ...appEnv, SIFT_DIRECT_EXPORT_MAX_RECORDS: "100000000" };
  const nodeFlags = [...opts.webNodeFlags, ...(opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])];
  if (opts.profile) await mkdir(profileDir, { recursive: true });
  const serverLogFile = path.join(runDir, "web.log");
  const serverLog = createWriteStream(serverLogFile);
  cleanup.add("closing the server log", async () => {
    await new Promise<void>((resolve) => serverLog.end(resolve));
    if (opts.serverLog) await copyFile(serverLogFile, path.resolve(opts.serverLog));
  });
  const splits: Record<string, ResidentSplit> = {};
  const memory: Record<string, Record<string, TreePeak>> = {};
  const atRest: Record<string, number> = {};

  async function startServer(purpose: "import" | "export"): Promise<{ web: ManagedProcess; baseUrl: string; sampler: MemorySampler }> {
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // `next start` as scripts/lib/app-processes.ts starts it, with node flags when asked for (NODE_OPTIONS refuses some).
    const web =
      nodeFlags.length === 0
        ? startWeb("production", port, { env: webEnv, output: serverLog, hostname: "127.0.0.1" })
        : startProcess({
            name: "web",
            command: process.execPath,
            args: [...nodeFlags, localBin("next"), "start", "--port", String(port), "--hostname", "127.0.0.1"],
            env: { ...webEnv, PORT: String(port) },
            cwd: projectRoot,
            output: serverLog,
          });
    try {
      await waitForHttp(`${baseUrl}/api/health`, {
        timeoutMs: SERVER_READY_TIMEOUT_MS,
        abandonIf: () => (web.isRunning() ? undefined : "the web server exited"),
      });
    } catch (error) {
      console.log(`[bench] Last lines of the web server's output:\n${tailOfFile(serverLogFile, 40)}`);
      throw error;
    }
    splits[`${purpose}AfterStart`] = residentSplit(web.pid);
    // The first request to each route loads its code: done on the empty warm-up dataset, outside the measurement.
    await fetch(`${baseUrl}/api/v1/datasets/${setup.warmupDatasetId}/records?limit=1`, {
      headers: { authorization: `Bearer ${setup.apiKey}` },
    }).then((response) => response.text());
    await apiExport(baseUrl, setup.apiKey, setup.warmupDatasetId);
    const sampler = new MemorySampler();
    sampler.watch("web", web.pid);
    sampler.watch("bench", process.pid, { descendants: false });
    const rest = residentSplit(web.pid);
    splits[`${purpose}AtRest`] = rest;
    atRest[purpose] = rest.rssBytes;
    log.info(
      `next start for the ${purpose} at ${baseUrl} (pid ${web.pid}): ${mb(splits[`${purpose}AfterStart`]!.rssBytes)} resident ` +
        `after start-up, ${mb(rest.rssBytes)} after the first requests (${mb(rest.anonymousBytes)} anonymous, ` +
        `${mb(rest.fileBytes)} file-backed).`,
    );
    return { web, baseUrl, sampler };
  }

  let server = await startServer("import");
  // Other work on the machine (builds, test runs) skews both sides of a ratio, though not equally: noted per phase.
  const load: Record<string, { before: number; after: number }> = {};
  const begin = (phase: string) => {
    const before = os.loadavg()[0]!;
    if (before > os.cpus().length) {
      log.warn(`load average ${before.toFixed(1)} on ${os.cpus().length} CPUs before "${phase}": other work competes; figures are noisy.`);
    }
    load[phase] = { before, after: before };
    server.sampler.begin();
  };
  const end = (phase: string) => {
    memory[phase] = server.sampler.end();
    splits[phase] = residentSplit(server.web.pid);
    load[phase]!.after = os.loadavg()[0]!;
  };

  const generated = generatorOnly(Math.min(opts.records, 100_000), opts.batch);
  const generatorRate = Math.min(opts.records, 100_000) / generated.seconds;
  log.info(`The benchmark's record generator alone: ${formatRate(generatorRate)} records/s as NDJSON (its share of both paths).`);

  // ── import ──
  let copyIn: CopyImportResult | undefined;
  let apiIn: ApiImportResult | undefined;
  const runCopyImport = async () => {
    await settle(databaseUrl, false);
    log.info("Import through COPY FROM STDIN ...");
    begin("copyImport");
    copyIn = await copyImport(
      databaseUrl,
      { datasetId: setup.copyDatasetId, questionId: setup.questionId, minSubmitted: setup.minSubmitted },
      opts.records,
    );
    end("copyImport");
    log.info(`  COPY: ${formatRate(opts.records / copyIn.seconds)} records/s (${formatNumber(copyIn.seconds)} s).`);
  };
  const runApiImport = async () => {
    await settle(databaseUrl, false);
    log.info("Import through PUT /api/v1/datasets/{id}/records ...");
    let nextReport = opts.records / 10;
    const started = performance.now();
    begin("apiImport");
    apiIn = await apiImport(server.baseUrl, setup.apiKey, setup.apiDatasetId, opts.records, opts.batch, opts.concurrency, (done) => {
      if (done < nextReport) return;
      nextReport += opts.records / 10;
      const seconds = (performance.now() - started) / 1000;
      log.info(`  ${done.toLocaleString("en-US")} records, ${formatRate(done / seconds)} records/s so far`);
    });
    end("apiImport");
    log.info(`  API: ${formatRate(opts.records / apiIn.seconds)} records/s (${formatNumber(apiIn.seconds)} s).`);
  };
  if (opts.order === "copy-first") {
    await runCopyImport();
    await runApiImport();
  } else {
    await runApiImport();
    await runCopyImport();
  }
  if (!copyIn || !apiIn) throw new Error("an import phase did not run");

  const digests = await withClient(databaseUrl, async (client) => ({
    api: await datasetDigest(client, setup.apiDatasetId),
    copy: await datasetDigest(client, setup.copyDatasetId),
  }));
  const sameRows = isDeepStrictEqual({ ...digests.api, importOrders: null }, { ...digests.copy, importOrders: null });
  if (!sameRows) log.warn(`The two datasets differ: API ${JSON.stringify(digests.api)}, COPY ${JSON.stringify(digests.copy)}.`);
  else log.info(`Both datasets hold the same ${digests.api.records.toLocaleString("en-US")} records and suggestions.`);

  // ── export (both read the dataset the API wrote), on a fresh web server ──
  server.sampler.stop();
  await server.web.stop();
  server = await startServer("export");
  await settle(databaseUrl, true);
  log.info("Export through COPY (SELECT …) TO STDOUT ...");
  begin("copyExport");
  const copyOut: StreamCount = await copyExport(databaseUrl, setup.apiDatasetId);
  end("copyExport");
  log.info(`  COPY: ${formatRate(copyOut.lines / copyOut.seconds)} records/s (${formatNumber(copyOut.seconds)} s).`);
  await settle(databaseUrl, false);
  log.info("Export through POST /api/v1/datasets/{id}/exports (JSONL, with suggestions) ...");
  begin("apiExport");
  const apiOut: ApiExportResult = await apiExport(server.baseUrl, setup.apiKey, setup.apiDatasetId);
  end("apiExport");
  log.info(`  API: ${formatRate(apiOut.lines / apiOut.seconds)} records/s (${formatNumber(apiOut.seconds)} s).`);
  const exportCheck = sameExportLine(apiOut.firstLine, copyOut.firstLine);
  if (!exportCheck.equivalent) log.warn(`The first exported lines differ:\n${exportCheck.detail}`);

  // ── where the time goes ──
  let breakdown: unknown;
  if (opts.breakdown) {
    log.info("Stage timings in-process (same functions as the routes, instrumented from outside) ...");
    breakdown = await runBreakdown(appEnv, [
      "--export-dataset",
      setup.apiDatasetId,
      "--export-records",
      String(Math.min(opts.records, 100_000)),
      "--import-records",
      String(Math.min(opts.records, 50_000)),
      "--batch",
      String(opts.batch),
    ]).catch((error: unknown) => {
      log.warn(`The stage timings failed: ${errorMessage(error)}`);
      return undefined;
    });
  }

  server.sampler.stop();
  await server.web.stop();
  let profile: ProfileSummary | undefined;
  if (opts.profile) {
    const files = existsSync(profileDir) ? readdirSync(profileDir).filter((file) => file.endsWith(".cpuprofile")) : [];
    if (files.length === 0) log.warn("--profile: the web server wrote no CPU profile.");
    else {
      profile = await summariseProfiles(files.map((file) => path.join(profileDir, file)));
      const keptDir = path.join(RESULTS_DIR, "profiles", startedAt.replace(/[:.]/g, "-"));
      await mkdir(keptDir, { recursive: true });
      for (const file of files) await copyFile(path.join(profileDir, file), path.join(keptDir, file));
      profile.keptIn = path.relative(projectRoot, keptDir);
    }
  }

  // ── figures ──
  const importSift = apiIn.records / apiIn.seconds;
  const importCopy = copyIn.records / copyIn.seconds;
  const exportSift = apiOut.lines / apiOut.seconds;
  const exportCopy = copyOut.lines / copyOut.seconds;
  const importRatio = importSift / importCopy;
  const exportRatio = exportSift / exportCopy;
  const webImportPeak = memory.apiImport!.web!.peakBytes;
  const webExportPeak = memory.apiExport!.web!.peakBytes;
  const benchPeak = Math.max(...Object.values(memory).map((phase) => phase.bench!.peakBytes));
  const rows: Row[] = [
    {
      measure: "Import, records/s",
      sift: formatRate(importSift),
      postgres: formatRate(importCopy),
      ratio: formatNumber(importRatio),
      target: `≥ ${TARGETS.importRatio}`,
      status: ratioStatus(importRatio, TARGETS.importRatio),
    },
    {
      measure: "Import, wall time",
      sift: `${formatNumber(apiIn.seconds, 1)} s`,
      postgres: `${formatNumber(copyIn.seconds, 1)} s`,
      ratio: "",
      target: "",
      status: "",
    },
    {
      measure: "Export (JSONL), records/s",
      sift: formatRate(exportSift),
      postgres: formatRate(exportCopy),
      ratio: formatNumber(exportRatio),
      target: `≥ ${TARGETS.exportRatio}`,
      status: ratioStatus(exportRatio, TARGETS.exportRatio),
    },
    {
      measure: "Export, MB/s",
      sift: formatNumber(apiOut.bytes / MB / apiOut.seconds, 1),
      postgres: formatNumber(copyOut.bytes / MB / copyOut.seconds, 1),
      ratio: formatNumber(apiOut.bytes / apiOut.seconds / (copyOut.bytes / copyOut.seconds)),
      target: "",
      status: "",
    },
    {
      measure: "Export, wall time",
      sift: `${formatNumber(apiOut.seconds, 1)} s`,
      postgres: `${formatNumber(copyOut.seconds, 1)} s`,
      ratio: "",
      target: "",
      status: "",
    },
    {
      measure: "Peak RSS, web server, import",
      sift: mb(webImportPeak),
      postgres: "",
      ratio: "",
      target: "< 300 MB",
      status: memoryStatus(webImportPeak),
    },
    {
      measure: "Peak RSS, web server, export",
      sift: mb(webExportPeak),
      postgres: "",
      ratio: "",
      target: "< 300 MB",
      status: memoryStatus(webExportPeak),
    },
    {
      measure: "RSS, web server at rest",
      sift: `${mb(atRest.import ?? 0)} / ${mb(atRest.export ?? 0)}`,
      postgres: "",
      ratio: "",
      target: "(import / export server, before)",
      status: "",
    },
    {
      measure: "Peak RSS, benchmark process",
      sift: mb(benchPeak),
      postgres: "",
      ratio: "",
      target: "(load generator)",
      status: "",
    },
  ];
  const table = markdownTable(rows);
  const checks = [
    `same rows written by both imports: ${sameRows ? "yes" : "NO"} (${digests.api.records.toLocaleString("en-US")} records, ${digests.api.suggestions.toLocaleString("en-US")} suggestions each)`,
    `same first exported line from both exports: ${exportCheck.equivalent ? "yes" : "NO"}`,
    `records exported: Sift ${apiOut.lines.toLocaleString("en-US")}, COPY ${copyOut.lines.toLocaleString("en-US")}`,
  ];
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  const context = [
    `${opts.records.toLocaleString("en-US")} records, ${opts.batch.toLocaleString("en-US")} per request, ${opts.concurrency} in flight; ${opts.order}; worker not running.`,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${formatNumber(machine.memoryBytes / 2 ** 30, 1)} GiB, Node ${machine.node}; ${postgres.version?.split(" on ")[0]} (shared_buffers ${postgres.shared_buffers}, fsync ${postgres.fsync}, synchronous_commit ${postgres.synchronous_commit}).`,
    `API import requests: median ${formatNumber(apiIn.requestSeconds.median)} s, p95 ${formatNumber(apiIn.requestSeconds.p95)} s; COPY: records ${formatNumber(copyIn.recordSeconds, 1)} s + suggestions ${formatNumber(copyIn.suggestionSeconds, 1)} s.`,
    `Web server resident after start-up ${mb(splits.importAfterStart!.rssBytes)}, after the first requests ${mb(splits.importAtRest!.rssBytes)} (${mb(splits.importAtRest!.anonymousBytes)} anonymous: heap and buffers; ${mb(splits.importAtRest!.fileBytes)} file-backed: node binary and libraries); at the end of the import ${mb(splits.apiImport!.rssBytes)} (${mb(splits.apiImport!.anonymousBytes)} anonymous).`,
    ...(opts.webNodeFlags.length > 0 ? [`Web server node flags: ${opts.webNodeFlags.join(" ")}`] : []),
    ...(process.env.MALLOC_ARENA_MAX ? [`MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX}`] : []),
    `Load average (1 min) before → after: ${Object.entries(load).map(([phase, value]) => `${phase} ${value.before.toFixed(1)} → ${value.after.toFixed(1)}`).join(", ")}.`,
    `Export first byte after ${formatNumber(apiOut.firstByteSeconds)} s; ${formatNumber(apiOut.bytes / MB, 1)} MB from Sift, ${formatNumber(copyOut.bytes / MB, 1)} MB from COPY (jsonb text has spaces after ':' and ',').`,
  ];
  console.log(`\n${table}\n\n${[...context, ...checks].map((line) => `- ${line}`).join("\n")}\n`);
  if (breakdown) console.log(`Stage timings (in-process, see the JSON for all figures):\n${describeBreakdown(breakdown)}\n`);
  if (profile) console.log(`CPU profile of the web server (self time):\n${profile.text}\n`);

  const markdown = [
    `# I/O benchmark: ${startedAt}`,
    "",
    "`npm run bench:io` — Sift's API against PostgreSQL's COPY on the same machine, in the same run (see bench/README.md).",
    "",
    table,
    "",
    ...[...context, ...checks].map((line) => `- ${line}`),
    "",
    ...(breakdown ? ["## Stage timings (in-process)", "", "```", describeBreakdown(breakdown), "```", ""] : []),
    ...(profile ? ["## CPU profile of the web server (self time)", "", "```", profile.text, "```", ""] : []),
  ].join("\n");
  const result = {
    startedAt,
    options: opts,
    machine,
    postgres,
    // Settings inherited by the web server that change its memory use.
    environment: { NODE_OPTIONS: process.env.NODE_OPTIONS ?? null, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? null },
    targets: TARGETS,
    import: {
      sift: { ...apiIn, recordsPerSecond: importSift },
      copy: { ...copyIn, recordsPerSecond: importCopy },
      ratio: importRatio,
      status: ratioStatus(importRatio, TARGETS.importRatio),
    },
    export: {
      sift: { ...apiOut, recordsPerSecond: exportSift, bytesPerSecond: apiOut.bytes / apiOut.seconds, firstLine: undefined },
      copy: { ...copyOut, recordsPerSecond: exportCopy, bytesPerSecond: copyOut.bytes / copyOut.seconds, firstLine: undefined },
      ratio: exportRatio,
      status: ratioStatus(exportRatio, TARGETS.exportRatio),
    },
    load,
    memory: {
      phases: memory,
      webAtRestBytes: atRest,
      webResidentSplits: splits,
      webImportPeakBytes: webImportPeak,
      webExportPeakBytes: webExportPeak,
      benchPeakBytes: benchPeak,
      status: memoryStatus(Math.max(webImportPeak, webExportPeak)),
    },
    generator: { recordsPerSecond: generatorRate },
    checks: { sameRows, digests: digests as { api: DatasetDigest; copy: DatasetDigest }, exportLinesEquivalent: exportCheck.equivalent },
    breakdown,
    profile,
  };
  const files = await writeBenchResults(RESULTS_DIR, { name: "io", latest: "latest.md" }, result, `${markdown}\n`);
  log.info(`Wrote ${path.relative(projectRoot, files.json)} and ${path.relative(projectRoot, files.markdown)}.`);
}

function describeBreakdown(raw: unknown): string {
  const breakdown = raw as { text?: string };
  return breakdown.text ?? JSON.stringify(raw, null, 2);
}

runBenchmark(main, { cleanup, log, stopping: "stopping the server and dropping the benchmark database..." });
