// Command-line options of the scripts (npm run simulate, npm run suggest): parsed strictly, `--help` prints the
// usage and exits 0, and a bad option is a UsageError whose message ends with the usage (the scripts exit 2 on it).
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

type Values<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; strict: true; options: O }>>["values"];

export function parseCommandLine<O extends Options>(argv: string[], options: O, usage: string): Values<O> {
  let values: Values<O>;
  try {
    values = parseArgs({ args: argv, strict: true, options }).values as Values<O>;
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  }
  if ((values as { help?: unknown }).help === true) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}
