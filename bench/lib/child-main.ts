// How the benchmarks' child processes (which load the app's modules against the benchmark's database) end: the
// database pool is closed either way, and a failure prints its stack and exits 1 for the parent to report.
import { disconnect } from "@/lib/server/db/client";

export function runChildMain(main: () => Promise<void>): void {
  main()
    .then(() => disconnect())
    .catch(async (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      await disconnect().catch(() => undefined);
      process.exit(1);
    });
}
