// `npm run bench:ui -- [--records N] [--samples S] [--skip-build] [--keep-database]`: how fast the focus view moves
// on (issue 6). In a dataset of N records (default 100,000; 30 % routed to people), an annotator signed in to the
// production build in Chromium answers S records (default 200) with the keyboard: for each, the time from pressing
// Enter on the submit to the next record's text being visible (measured in the page: the Enter keydown's time to the
// first animation frame after the next record's fields are in the document), p50 and p95 (target p95 < 50 ms since
// issue 13: the next record is claimed ahead while the annotator works, and the answer saved in the background; the
// figures before that change are printed beside). Enter is pressed once the record claimed ahead is there (an annotator
// spends longer on a record than one claim's round trip).
// "Ideal": the same two requests the page makes for it (submit the response, claim the next record), made back to
// back from this process with the annotator's session, S times: the server's share; the ratio is the page's total over
// it. Prints a table, writes bench/results/ui-<timestamp>.json and bench/results/ui-latest.md. Never pass/fail.
import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { startWeb } from "../scripts/lib/app-processes";
import { ensureProductionBuild } from "../scripts/lib/build";
import { Cleanup } from "../scripts/lib/cleanup";
import { appEnvironment, newSecret } from "../scripts/lib/environment";
import { waitForHttp } from "../scripts/lib/http";
import { createLogger, errorMessage } from "../scripts/lib/log";
import { projectRoot, tsxArgs } from "../scripts/lib/paths";
import { findFreePort } from "../scripts/lib/ports";
import { openBenchDatabase } from "./lib/bench-database";
import { formatNumber, markdownTable, writeBenchResults, type Row } from "./lib/report";
import { benchArguments, runBenchmark, wholeArgument } from "./lib/run-benchmark";
import type { QueueShape } from "./lib/queue-data";

const RESULTS_DIR = path.join(projectRoot, "bench", "results");
const TARGET_P95_MS = 50;
// Issue 13's figures for the page before the claim ahead (it waited for the save, then for the claim): same machine.
const BEFORE_MS = { p50: 132, p95: 202 };
const log = createLogger("bench");
const cleanup = new Cleanup(log);

const USAGE = [
  "Usage: npm run bench:ui -- [--records N] [--samples S] [--skip-build] [--keep-database]",
  "  --records N       records in the dataset (default 100,000; 30 % routed to people)",
  "  --samples S       records answered in the browser, and request pairs timed alone (default 200)",
  "  --skip-build      use the production build in .next as it is",
  "  --keep-database   leave the benchmark database in place (its name is printed)",
].join("\n");

function options() {
  const values = benchArguments(
    {
      records: { type: "string", default: "100000" },
      samples: { type: "string", default: "200" },
      "skip-build": { type: "boolean", default: false },
      "keep-database": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    USAGE,
  );
  return {
    records: wholeArgument("records", values.records, 1_000, 10_000_000),
    samples: wholeArgument("samples", values.samples, 10, 10_000),
    skipBuild: values["skip-build"],
    keepDatabase: values["keep-database"],
  };
}

interface Setup {
  datasetId: string;
  workspaceSlug: string;
  login: string;
  password: string;
  shape: QueueShape;
}

async function setUpData(env: NodeJS.ProcessEnv, records: number): Promise<Setup> {
  const { stdout } = await promisify(execFile)(process.execPath, [...tsxArgs("bench/lib/ui-setup.ts"), "--records", String(records)], {
    env,
    cwd: projectRoot,
    maxBuffer: 10 * 1024 * 1024,
  });
  const last = stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as Setup;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index]!;
}

interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    mean: sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/**
 * Answers the record on screen and submits it with Enter; resolves with the milliseconds, measured in the page, from
 * the Enter keydown to the first frame after a different record's fields are in the document.
 */
async function answerAndTime(page: Page): Promise<number> {
  const previous = await page.getByTestId("record-fields").getAttribute("data-record-id");
  await page.keyboard.press("1");
  await page.locator('[role="radio"][aria-checked="true"]').first().waitFor({ timeout: 10_000 });
  await page.locator('[data-testid="focus-view"][data-ahead="ready"]').waitFor({ timeout: 10_000 });
  // A string, not a function: tsx's transform would add helpers (`__name`) that the page does not have.
  await page.evaluate(`window.__nextShown = new Promise((resolve, reject) => {
    let pressedAt = 0;
    setTimeout(() => reject(new Error("no next record 15 s after Enter")), 15000);
    document.addEventListener("keydown", (event) => { if (event.key === "Enter") pressedAt = event.timeStamp; },
      { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const fields = document.querySelector('[data-testid="record-fields"]');
      const id = fields ? fields.getAttribute("data-record-id") : null;
      if (!(pressedAt > 0 && id && id !== ${JSON.stringify(previous)} && fields.textContent.trim().length > 0)) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - pressedAt));
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  undefined`); // not the promise itself: evaluate would wait for it
  await page.keyboard.press("Enter");
  try {
    return await page.evaluate<number>("window.__nextShown");
  } catch (error) {
    const focused = await page.evaluate<string>("document.activeElement ? document.activeElement.outerHTML.slice(0, 300) : 'none'");
    throw new Error(`${errorMessage(error)}; the focus was on ${focused}`);
  }
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = new Date().toISOString();
  const runDir = await mkdtemp(path.join(os.tmpdir(), "sift-bench-ui-"));
  cleanup.add("removing the run's temporary files", () => rm(runDir, { recursive: true, force: true }));
  const env = appEnvironment();
  env.AUTH_SECRET ??= newSecret();
  env.SIFT_ENCRYPTION_KEY ||= newSecret();
  if (opts.skipBuild) log.info("--skip-build: using the production build in .next as it is.");
  else await ensureProductionBuild(env, log);

  const { databaseUrl } = await openBenchDatabase({ runDir, cleanup, log }, "sift_bench_ui", opts.keepDatabase);
  const appEnv: NodeJS.ProcessEnv = { ...env, DATABASE_URL: databaseUrl };
  const setupStarted = performance.now();
  const setup = await setUpData(appEnv, opts.records);
  log.info(
    `${opts.records.toLocaleString("en-US")} records written in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s: ` +
      `${setup.shape.human.toLocaleString("en-US")} routed to people, ${setup.shape.audit.toLocaleString("en-US")} audited.`,
  );

  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverLog = createWriteStream(path.join(runDir, "web.log"));
  const web = startWeb("production", port, { env: appEnv, output: serverLog, hostname: "127.0.0.1" });
  cleanup.add("stopping the web server", async () => {
    await web.stop();
  });
  await waitForHttp(`${baseUrl}/api/health`, { timeoutMs: 60_000, abandonIf: () => (web.isRunning() ? undefined : "the web server exited") });

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox"] });
  cleanup.add("closing Chromium", () => browser.close());
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => log.error(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") log.error(`page console: ${message.text()}`);
  });
  await page.goto("/signin");
  await page.getByLabel("Email or username").fill(setup.login);
  await page.getByLabel("Password").fill(setup.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/w\//);
  await page.goto(`/w/${setup.workspaceSlug}/d/${setup.datasetId}/annotate`);
  await page.getByTestId("record-fields").waitFor();
  cleanup.add("a screenshot of the page as it was", async () => {
    await page.screenshot({ path: path.join(projectRoot, "test-results", "bench-ui-last-page.png") }).catch(() => undefined);
  });

  // Warm-up: the first answers load the routes' code and the pool's connections; not measured.
  for (let i = 0; i < 5; i++) await answerAndTime(page);
  const loadBefore = os.loadavg()[0]!;
  const browserMs: number[] = [];
  for (let i = 0; i < opts.samples; i++) browserMs.push(await answerAndTime(page));
  log.info(`${opts.samples} records answered in the browser.`);

  // The server's share: the page's two requests back to back, from here, with the annotator's session (and the
  // Origin the page sends: cookie-authenticated writes without it are refused as cross-site).
  const serverMs: number[] = [];
  const ownOrigin = { origin: new URL(page.url()).origin };
  const next = async () =>
    ((await (await page.request.post(`/api/v1/datasets/${setup.datasetId}/queue/next`, { headers: ownOrigin, data: { skip: [], counts: false } })).json()) as { record: { id: string } | null })
      .record;
  let record = await next();
  for (let i = 0; i < opts.samples && record; i++) {
    const started = performance.now();
    const saved = await page.request.put(`/api/v1/records/${record.id}/response`, {
      headers: ownOrigin,
      data: { status: "submitted", values: { quality: "good" }, timeSpentMs: 1 },
    });
    if (!saved.ok()) throw new Error(`submit failed: ${saved.status()} ${await saved.text()}`);
    record = await next();
    serverMs.push(performance.now() - started);
  }
  const loadAfter = os.loadavg()[0]!;

  const ui = summarize(browserMs);
  const server = summarize(serverMs);
  const ms = (x: number) => `${formatNumber(x, 1)} ms`;
  const rows: Row[] = [
    { measure: "Enter → next record visible, p50", sift: ms(ui.p50), postgres: ms(server.p50), ratio: formatNumber(ui.p50 / server.p50, 2), target: "", status: "" },
    {
      measure: "Enter → next record visible, p95",
      sift: ms(ui.p95),
      postgres: ms(server.p95),
      ratio: formatNumber(ui.p95 / server.p95, 2),
      target: `< ${TARGET_P95_MS} ms`,
      status: ui.p95 < TARGET_P95_MS ? "PASS" : "ABOVE target",
    },
    {
      measure: "Before (issue 13: save, then claim), p50 / p95",
      sift: `${ms(BEFORE_MS.p50)} / ${ms(BEFORE_MS.p95)}`,
      postgres: "",
      ratio: "",
      target: "",
      status: "",
    },
    { measure: "Enter → next record visible, mean / max", sift: `${ms(ui.mean)} / ${ms(ui.max)}`, postgres: `${ms(server.mean)} / ${ms(server.max)}`, ratio: "", target: "", status: "" },
  ];
  const table = markdownTable(rows).replace("| PostgreSQL ", "| Ideal      ").replace("|------------|", "|------------|");
  const notes = [
    `- ${opts.records.toLocaleString("en-US")} records (${setup.shape.human.toLocaleString("en-US")} routed to people, ${setup.shape.audit.toLocaleString("en-US")} audited); ` +
      `${ui.n} records answered by one annotator in Chromium (1280×720, production build, \`next start\`), after 5 warm-up answers: ` +
      `press 1 (a label), wait until the record claimed ahead is there, then Enter; timed in the page from the Enter keydown to the first frame after the next record's fields are in the document.`,
    `- Ideal: the two requests the page made for it before issue 13 (PUT the response, POST queue/next) back to back from the benchmark process with the same session, ${server.n} times: the server's share of the old wait (now both run off the annotator's path).`,
    `- Load average (1 min): ${formatNumber(loadBefore, 1)} before the browser samples, ${formatNumber(loadAfter, 1)} after, on ${os.cpus().length} CPUs.`,
  ];
  const markdown = `# bench:ui — ${startedAt}\n\n${table}\n\n${notes.join("\n")}\n`;
  console.log(`\n${table}\n\n${notes.join("\n")}\n`);
  const written = await writeBenchResults(
    RESULTS_DIR,
    { name: "ui", latest: "ui-latest.md" },
    { startedAt, records: opts.records, samples: opts.samples, shape: setup.shape, browserMs, serverMs, ui, server, loadBefore, loadAfter },
    markdown,
  );
  log.info(`Results: ${path.relative(projectRoot, written.json)}, ${path.relative(projectRoot, written.markdown)}`);
}

runBenchmark(main, { cleanup, log, stopping: "stopping the server and the browser, dropping the database." });
