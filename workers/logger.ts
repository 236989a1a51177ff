// graphile-worker's log lines, filtered: warnings and errors always; its per-job info lines ("Completed task …")
// only for the jobs where one line per job is worth reading — an LLM run has one job per record, thousands of them,
// and reports its own progress instead.
import { Logger } from "graphile-worker";

export function jobLogger(keepInfo: (taskIdentifier: string | undefined) => boolean): Logger {
  return new Logger((scope) => (level, message) => {
    const task = scope.taskIdentifier;
    if (level === "error" || level === "warning") {
      console.error(`[worker] ${level}: ${message}${task ? ` (${task})` : ""}`);
    } else if (level === "info" && keepInfo(task)) {
      console.log(`[worker] ${message}`);
    }
  });
}
