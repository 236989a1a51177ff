// How a benchmark process ends, whatever happens: its cleanup (stopping what it started, dropping its database) runs
// once, then the process exits 0 when the run completed, 1 on an error, 130 on Ctrl-C.
import type { ParseArgsConfig } from "node:util";
import { onStopSignal, type Cleanup } from "../../scripts/lib/cleanup";
import { parseCommandLine, UsageError } from "../../scripts/lib/cli";
import type { Logger } from "../../scripts/lib/log";

export function runBenchmark(main: () => Promise<void>, context: { cleanup: Cleanup; log: Logger; stopping: string }): void {
  const { cleanup, log } = context;
  const finish = async (code: number): Promise<never> => {
    await cleanup.run(); // runs its steps once, however often it is called
    process.exit(code);
  };
  onStopSignal(log, (signal) => {
    log.info(`${signal} received: ${context.stopping}`);
    void finish(130);
  });
  main().then(
    () => finish(0),
    (error: unknown) => {
      log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      void finish(1);
    },
  );
}

/** A whole-number command-line value in [min, max] ("1_000" and "1,000" read as 1000); exits 2 naming the option otherwise. */
export function wholeArgument(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw.replace(/[_,]/g, ""));
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max.toLocaleString("en-US")} (got ${raw}).`);
    process.exit(2);
  }
  return value;
}

/**
 * The benchmark's command line, parsed strictly: `--help` prints the usage and exits 0; an unknown or malformed option
 * prints what is wrong and the usage, and exits 2.
 */
export function benchArguments<O extends NonNullable<ParseArgsConfig["options"]>>(options: O, usage: string) {
  try {
    return parseCommandLine(process.argv.slice(2), options, usage);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
