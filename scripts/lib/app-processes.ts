// The processes that make up a running Sift: the seed (once), the web server and the worker.
import type { Writable } from "node:stream";
import { localBin, projectRoot, tsxArgs } from "./paths";
import { describeExit, runProcess, startProcess, type ExitStatus, type ManagedProcess } from "./processes";

export type WebMode = "production" | "development";

export interface AppProcessOptions {
  env: NodeJS.ProcessEnv;
  /** Where the children's prefixed output goes; by default our terminal. */
  output?: Writable;
}

/**
 * Node flags of the production web server. V8 sizes its heap for the machine (gigabytes here) and lets garbage pile
 * up to that size before collecting it in earnest, so under a stream of bulk imports the server's resident memory
 * grew past 500 MB although what it holds at any moment is a few megabytes (bench:io, issue 3). A smaller young
 * generation and an old-space cap make it collect sooner: about 280 MB peak during a 1M-record import at the same
 * throughput. The cap leaves room for the largest body the API accepts (64 MB), which is parsed chunk by chunk.
 * Docker's CMD (Dockerfile, docker-compose.yml) passes the same flags.
 */
export const WEB_NODE_FLAGS = ["--max-semi-space-size=4", "--max-old-space-size=160"];

/** `next start` (a production build must exist) or `next dev`. */
export function startWeb(mode: WebMode, port: number, options: AppProcessOptions & { hostname?: string }): ManagedProcess {
  const hostArgs = options.hostname ? ["--hostname", options.hostname] : [];
  return startProcess({
    name: "web",
    command: process.execPath,
    args: [...(mode === "production" ? WEB_NODE_FLAGS : []), localBin("next"), mode === "production" ? "start" : "dev", "--port", String(port), ...hostArgs],
    env: { ...options.env, PORT: String(port) },
    cwd: projectRoot,
    output: options.output,
  });
}

/** The graphile-worker process: the same as `npm run worker`, without npm and the tsx CLI in between. */
export function startWorker(options: AppProcessOptions): ManagedProcess {
  return startProcess({
    name: "worker",
    command: process.execPath,
    args: tsxArgs("workers/index.ts"),
    env: options.env,
    cwd: projectRoot,
    output: options.output,
  });
}

/**
 * The demo workspace, seeded by the same CLI as `npm run seed` in a process of its own, so its database
 * connections end with it. Idempotent: it seeds once per database.
 */
export async function runSeed(options: AppProcessOptions): Promise<void> {
  const status = await runProcess({
    name: "seed",
    command: process.execPath,
    args: tsxArgs("scripts/seed.ts"),
    env: options.env,
    cwd: projectRoot,
    output: options.output,
  });
  if (status.code !== 0) throw new Error(`Seeding the demo data failed: scripts/seed.ts ${describeExit(status)}.`);
}

export interface UnexpectedExit {
  process: ManagedProcess;
  status: ExitStatus;
}

/** Resolves when the first of the processes exits; a server that exits on its own has failed. */
export function firstExit(processes: ManagedProcess[]): Promise<UnexpectedExit> {
  return Promise.race(processes.map((child) => child.exited.then((status) => ({ process: child, status }))));
}

/** Stops them all at once, each with its own grace period, so one that hangs cannot hold up the others. */
export async function stopAll(processes: ManagedProcess[]): Promise<void> {
  await Promise.all(processes.map((child) => child.stop()));
}
