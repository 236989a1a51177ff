// CPU time of other processes, from /proc (Linux): a process's user + system time (`/proc/<pid>/stat` utime and
// stime, threads included), and the PostgreSQL backends serving one database (their pids from pg_stat_activity,
// sampled while a phase runs, since connections come and go). Used by bench/llm.ts to charge Sift's worker and the
// database with their CPU per LLM call.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type pg from "pg";

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU seconds of a process (all its threads) so far; null when it is gone or /proc is unavailable. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: fields are counted after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the name: state is field 3 of the man page, so utime (14) and stime (15) are at indexes 11 and 12.
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / clockTicks();
  } catch {
    return null;
  }
}

/** CPU seconds used by each of several processes between `begin` and `end`. */
export class ProcessCpu {
  private readonly start = new Map<number, number>();
  private readonly last = new Map<number, number>();

  constructor(private readonly pids: number[]) {}

  begin(): void {
    for (const pid of this.pids) {
      const seconds = processCpuSeconds(pid);
      if (seconds !== null) {
        this.start.set(pid, seconds);
        this.last.set(pid, seconds);
      }
    }
  }

  /** Reads the counters again (a process that exits later keeps its last reading). */
  sample(): void {
    for (const pid of this.pids) {
      const seconds = processCpuSeconds(pid);
      if (seconds !== null) this.last.set(pid, seconds);
    }
  }

  /** Seconds used since `begin`, summed over the processes. */
  used(): number {
    this.sample();
    let total = 0;
    for (const [pid, start] of this.start) total += (this.last.get(pid) ?? start) - start;
    return total;
  }
}

/**
 * The CPU time of the PostgreSQL backends connected to one database, when the server runs on this machine (its
 * backends are in our /proc): the backends are listed every `sample()`; a backend seen at `begin` counts from its
 * reading then, one that appears later from zero (it started during the phase). What a backend used after the last
 * sample before it disconnected is missed, as is the server's shared work (WAL writer, checkpointer, autovacuum).
 */
export class PostgresBackendCpu {
  private readonly start = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private available = true;

  constructor(private readonly client: pg.Client) {}

  private async backends(): Promise<number[]> {
    const result = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return result.rows.map((row) => row.pid);
  }

  async begin(): Promise<void> {
    const pids = await this.backends();
    const readings = pids.map((pid) => [pid, processCpuSeconds(pid)] as const);
    // A remote server's backends are not in our /proc.
    this.available = readings.length === 0 || readings.some(([, seconds]) => seconds !== null);
    for (const [pid, seconds] of readings) {
      if (seconds === null) continue;
      this.start.set(pid, seconds);
      this.last.set(pid, seconds);
    }
  }

  async sample(): Promise<void> {
    if (!this.available) return;
    for (const pid of await this.backends().catch(() => [] as number[])) {
      const seconds = processCpuSeconds(pid);
      if (seconds === null) continue;
      if (!this.start.has(pid)) this.start.set(pid, 0);
      this.last.set(pid, seconds);
    }
  }

  /** Seconds used since `begin`; null when the server is not on this machine. */
  async used(): Promise<{ seconds: number; backends: number } | null> {
    if (!this.available) return null;
    await this.sample();
    let total = 0;
    for (const [pid, start] of this.start) total += (this.last.get(pid) ?? start) - start;
    return { seconds: total, backends: this.start.size };
  }
}
