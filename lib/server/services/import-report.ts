// The rejected-rows report of a task: every stored problem with its line, external id, path, message and the row as
// it was read, as CSV (`line,externalId,path,message,row`, cells a spreadsheet would run neutralised) or JSONL. The task keeps the first
// MAX_STORED_PROBLEMS; when there were more, a last entry says how many are missing.
import type { Actor } from "@/lib/server/auth/actor";
import { writeCsv, writeJsonl } from "@/lib/io/formats";
import { NotFoundError } from "@/lib/server/errors";
import { taskAccess } from "@/lib/server/services/tasks";

export type ReportFormat = "csv" | "jsonl";

interface ReportProblem {
  line: number | null;
  externalId?: string;
  path: string;
  message: string;
  row?: string;
}

export interface TaskReport {
  fileName: string;
  contentType: string;
  body: AsyncIterable<string>;
}

function problemsOf(result: unknown): { problems: ReportProblem[]; total: number } | null {
  if (typeof result !== "object" || result === null) return null;
  const { problems, problemsTotal } = result as { problems?: unknown; problemsTotal?: unknown };
  if (!Array.isArray(problems)) return null;
  const list = problems.filter((problem): problem is ReportProblem => typeof problem === "object" && problem !== null);
  return { problems: list, total: typeof problemsTotal === "number" ? problemsTotal : list.length };
}

function baseName(fileName: string | null): string {
  const base = (fileName ?? "import").replace(/\.[^.]+$/, "").replace(/[^\w.-]+/g, "_").slice(0, 100);
  return base || "import";
}

export async function taskReport(actor: Actor, taskId: string, format: ReportFormat): Promise<TaskReport> {
  const task = await taskAccess(actor, taskId);
  const found = problemsOf(task.result);
  if (!found) throw new NotFoundError("Report");
  const entries: ReportProblem[] = [...found.problems];
  const missing = found.total - found.problems.length;
  if (missing > 0) {
    entries.push({
      line: null,
      path: "",
      message: `${missing} more problem(s) were found but not kept (the report keeps the first ${found.problems.length}); fix these and import again to see the rest`,
    });
  }
  const fileName = `${baseName(task.fileName)}-problems.${format}`;
  if (format === "jsonl") {
    return { fileName, contentType: "application/x-ndjson; charset=utf-8", body: writeJsonl(entries) };
  }
  const rows = entries.map((entry) => ({
    line: entry.line === null ? "" : String(entry.line),
    externalId: entry.externalId ?? "",
    path: entry.path,
    message: entry.message,
    row: typeof entry.row === "string" ? entry.row : "",
  }));
  const columns = (["line", "externalId", "path", "message", "row"] as const).map((name) => ({ name, kind: "string" as const, description: "" }));
  return { fileName, contentType: "text/csv; charset=utf-8", body: writeCsv(rows, columns) };
}
