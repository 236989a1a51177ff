// Jobs of a dead worker process go back to the queue. graphile-worker leaves a job locked by a process that died
// without stopping (SIGKILL, OOM, a lost machine) for 4 hours before another worker may take it; an LLM run or a file
// import would sit still that long. So each worker process proclaims that it is alive: one dedicated connection holds
// a session advisory lock per graphile worker id of the process. The lock dies with the connection, hence with the
// process. Every worker process, at start and then every few seconds, unlocks the jobs whose locking worker has no
// such lock any more. The jobs are safe to run again: they are idempotent (job keys, upserts, resumable imports).
import pg from "pg";

/** The first key of the advisory locks (an arbitrary constant: "sift" in ASCII), the second is hashtext(workerId). */
const LIVENESS_KEY = 0x73696674;
/** A job locked more recently than this is left alone: its worker may still be taking its liveness lock. */
const GRACE_SECONDS = 5;
const SWEEP_EVERY_MS = 5_000;

export interface WorkerLiveness {
  /** Proclaims a graphile worker id of this process alive (its lock is taken before the next sweep). */
  add(workerId: string): void;
  stop(): Promise<void>;
}

/**
 * Holds the liveness locks of this process's workers and sweeps the jobs of dead ones. `checker` must be a pool or
 * client OTHER than the holder's connection (a session always gets its own advisory locks).
 */
export function startWorkerLiveness(connectionString: string, checker: pg.Pool, log: (message: string) => void): WorkerLiveness {
  const ids = new Set<string>();
  let holder: pg.Client | null = null;
  let stopped = false;
  let connecting: Promise<pg.Client> | null = null;
  let locking: Promise<void> = Promise.resolve();

  async function connection(): Promise<pg.Client> {
    if (holder) return holder;
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString, application_name: "sift-worker-liveness" });
      client.on("error", () => {
        // The server went away: the locks are gone with the session; they are taken again on the next use.
        if (holder === client) holder = null;
      });
      await client.connect();
      for (const id of ids) await client.query(`SELECT pg_advisory_lock($1, hashtext($2))`, [LIVENESS_KEY, id]);
      holder = client;
      return client;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  async function sweep(): Promise<void> {
    await connection();
    const locked = await checker.query<{ lockedBy: string }>(
      `SELECT DISTINCT locked_by AS "lockedBy" FROM graphile_worker._private_jobs
       WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)`,
      [GRACE_SECONDS],
    );
    const dead: string[] = [];
    for (const { lockedBy } of locked.rows) {
      if (ids.has(lockedBy)) continue;
      // Free means nobody holds it: its process is gone. Taken only for the test and released in the same statement,
      // hence on the same pooled connection (a session lock released elsewhere would stay held).
      const probe = await checker.query<{ free: boolean }>(
        `SELECT CASE WHEN pg_try_advisory_lock($1, hashtext($2)) THEN pg_advisory_unlock($1, hashtext($2)) ELSE false END AS free`,
        [LIVENESS_KEY, lockedBy],
      );
      if (probe.rows[0]?.free) dead.push(lockedBy);
    }
    if (dead.length > 0) {
      await checker.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [dead]);
      log(`released the jobs of ${dead.length} dead worker(s): ${dead.join(", ")}`);
    }
  }

  let timer: NodeJS.Timeout | null = null;
  const loop = () => {
    if (stopped) return;
    sweep()
      .catch((error: unknown) => log(`liveness sweep failed (retrying): ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, SWEEP_EVERY_MS);
      });
  };
  timer = setTimeout(loop, 0);

  return {
    add(workerId) {
      ids.add(workerId);
      // One statement at a time on the holder's connection: the locks are taken in turn.
      const client = holder;
      if (client) {
        locking = locking
          .then(() => client.query(`SELECT pg_advisory_lock($1, hashtext($2))`, [LIVENESS_KEY, workerId]))
          .then(() => undefined, () => undefined);
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await holder?.end().catch(() => undefined);
    },
  };
}
