// Finds the statements in source code that write the tables with one owner each (audit log, responses, final values,
// the records' submitted counts, background tasks' status): Prisma model calls and raw SQL. Reads are not writes:
// a SELECT, a `where: { submittedCount: 0 }` or `CASE WHEN r."submittedCount" = 0` are left alone.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export type OwnedTable = "AuditEvent" | "Response" | "FinalValue" | "Record.submittedCount" | "DatasetTask.status";

export interface TableWrite {
  table: OwnedTable;
  line: number;
  /** The statement as found, shortened, for the failure message. */
  how: string;
}

const PRISMA_WRITE = /\.\s*(auditEvent|response|finalValue|record|datasetTask)\s*\.\s*(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\s*\(/g;
// Table names are quoted (PostgreSQL folds unquoted names to lower case); the quotes may be escaped in a "…" string.
const SQL_WRITE = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO|COPY)\s+\\?"(AuditEvent|Response|FinalValue)\\?"/gi;
const SQL_UPDATE_OF = /\bUPDATE\s+\\?"(Record|DatasetTask)\\?"/gi;
const SQL_INSERT_RECORD = /\bINSERT\s+INTO\s+\\?"Record\\?"\s*\(([^)]*)\)/gi;

const modelTables: Record<string, OwnedTable> = { auditEvent: "AuditEvent", response: "Response", finalValue: "FinalValue" };

function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (source.charCodeAt(i) === 10) line += 1;
  return line;
}

/** The text from `open` (an opening bracket) to its matching close, or to the end. */
function balanced(source: string, open: number): string {
  const pairs: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const stack: string[] = [];
  for (let i = open; i < source.length; i += 1) {
    const char = source[i]!;
    if (pairs[char]) stack.push(pairs[char]);
    else if (char === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return source.slice(open, i + 1);
    }
  }
  return source.slice(open);
}

/** The objects a Prisma write call sets (`data`, and an upsert's `create` and `update`): its `where` is a read. */
function assignedObjects(args: string): string[] {
  const found: string[] = [];
  for (const match of args.matchAll(/\b(data|create|update)\s*:\s*\{/g)) found.push(balanced(args, match.index + match[0].length - 1));
  return found;
}

/** One SQL statement from `start`: SQL is written in template literals, so up to the closing backtick. */
function statementFrom(source: string, start: number): string {
  const end = source.indexOf("`", start);
  return source.slice(start, end < 0 ? start + 2_000 : end);
}

const shorten = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 80);

export function findWrites(source: string): TableWrite[] {
  const writes: TableWrite[] = [];
  for (const match of source.matchAll(PRISMA_WRITE)) {
    const [, model, method] = match;
    const call = `${model}.${method}`;
    const table = modelTables[model!];
    if (table) {
      writes.push({ table, line: lineAt(source, match.index), how: call });
      continue;
    }
    const args = balanced(source, match.index + match[0].length - 1);
    const sets = assignedObjects(args).join(" ");
    if (model === "datasetTask" && method !== "create" && method !== "createMany" && /\bstatus\s*:/.test(sets)) {
      writes.push({ table: "DatasetTask.status", line: lineAt(source, match.index), how: `${call}({ status })` });
    }
    if (model === "record" && /\bsubmittedCount\s*:/.test(sets)) {
      writes.push({ table: "Record.submittedCount", line: lineAt(source, match.index), how: `${call}({ submittedCount })` });
    }
  }
  for (const match of source.matchAll(SQL_WRITE)) {
    writes.push({ table: match[2] as OwnedTable, line: lineAt(source, match.index), how: shorten(match[0]) });
  }
  for (const match of source.matchAll(SQL_UPDATE_OF)) {
    const statement = statementFrom(source, match.index);
    // An assignment target follows SET or a comma; `r."submittedCount" = 0` in a condition does not.
    const column = match[1] === "Record" ? /(?:\bSET\b|,)\s*\\?"submittedCount\\?"\s*=/i : /(?:\bSET\b|,)\s*(?:\\?")?status(?:\\?")?\s*=/i;
    if (column.test(statement)) {
      const table: OwnedTable = match[1] === "Record" ? "Record.submittedCount" : "DatasetTask.status";
      writes.push({ table, line: lineAt(source, match.index), how: shorten(statement) });
    }
  }
  for (const match of source.matchAll(SQL_INSERT_RECORD)) {
    if (/\\?"submittedCount\\?"/.test(match[1]!)) {
      writes.push({ table: "Record.submittedCount", line: lineAt(source, match.index), how: shorten(match[0]) });
    }
  }
  return writes.sort((a, b) => a.line - b.line);
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function* sourceFiles(directory: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "generated") yield* sourceFiles(path);
    } else if (SOURCE.test(entry.name)) yield path;
  }
}

/** Every write of an owned table under `folders` of `root`, with the file's path relative to the root. */
export function scanTree(root: string, folders: readonly string[]): (TableWrite & { file: string })[] {
  return folders.flatMap((folder) =>
    [...sourceFiles(join(root, folder))].flatMap((path) =>
      findWrites(readFileSync(path, "utf8")).map((write) => ({ ...write, file: relative(root, path).split(sep).join("/") })),
    ),
  );
}
