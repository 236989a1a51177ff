// The throwaway database every benchmark runs in: the local PostgreSQL (or TEST_DATABASE_ADMIN_URL), else an embedded
// one started for the run; a fresh database with Sift's schema, dropped at the end unless asked to keep it.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Cleanup } from "../../scripts/lib/cleanup";
import { createDatabase, dropDatabase, prepareSchema, redactUrl, whyUnreachable, withDatabase } from "../../scripts/lib/databases";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import type { Logger } from "../../scripts/lib/log";
import { findFreePort } from "../../scripts/lib/ports";

export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  adminUrl: string;
  /** Whether the server was started for this run (its figures are then not the machine's own PostgreSQL's). */
  embedded: boolean;
  databaseName: string;
  databaseUrl: string;
}

export interface BenchContext {
  runDir: string;
  cleanup: Cleanup;
  log: Logger;
}

/** The PostgreSQL server to use: the configured one when it answers, else an embedded one for this run. */
export async function choosePostgres({ runDir, cleanup, log }: BenchContext): Promise<{ adminUrl: string; embedded: boolean }> {
  const candidate = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_ADMIN_URL;
  const problem = await whyUnreachable(candidate);
  if (!problem) return { adminUrl: candidate, embedded: false };
  log.info(`PostgreSQL at ${redactUrl(candidate)} does not answer (${problem}); starting an embedded one for this run.`);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(runDir, "postgres"),
    port: await findFreePort(),
    logFile: path.join(runDir, "postgres.log"),
    throwaway: true,
  });
  cleanup.add("stopping the embedded PostgreSQL", () => server.stop());
  return { adminUrl: server.adminUrl, embedded: true };
}

/** A fresh database named `<prefix>_<random>` with Sift's schema, dropped at the end unless `keep`. */
export async function openBenchDatabase(context: BenchContext, prefix: string, keep: boolean): Promise<BenchDatabase> {
  const { adminUrl, embedded } = await choosePostgres(context);
  const databaseName = `${prefix}_${randomBytes(4).toString("hex")}`;
  await createDatabase(adminUrl, databaseName);
  if (keep) context.log.info(`--keep-database: ${databaseName} stays; drop it with DROP DATABASE ${databaseName}.`);
  else context.cleanup.add(`dropping the database ${databaseName}`, () => dropDatabase(adminUrl, databaseName));
  const databaseUrl = withDatabase(adminUrl, databaseName);
  await prepareSchema(databaseUrl);
  context.log.info(`Database ${databaseName} ready on ${redactUrl(adminUrl)}.`);
  return { adminUrl, embedded, databaseName, databaseUrl };
}
