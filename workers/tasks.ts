// The worker's task list: one handler per job name of lib/jobs/contracts.ts (the type makes a missing one an error).
import type { Task } from "graphile-worker";
import type { JobName } from "@/lib/jobs/contracts";
import { exportFileTask } from "@/workers/export-file";
import { importFileTask } from "@/workers/import-file";
import { llmSuggestRecordTask } from "@/workers/llm-suggest-record";
import { recomputeDatasetTask } from "@/workers/recompute-dataset";

export const taskList: Record<JobName, Task> = {
  recompute_dataset: recomputeDatasetTask,
  export_file: exportFileTask,
  import_file: importFileTask,
  llm_suggest_record: llmSuggestRecordTask,
};

/**
 * LLM calls spend their time waiting on the endpoint, not on this process: they get a runner of their own with a
 * concurrency of its own, so a long run neither starves imports and recomputes nor is held to their concurrency.
 */
export const LLM_TASKS: readonly JobName[] = ["llm_suggest_record"];

export function tasksExcept(names: readonly JobName[]): Partial<Record<JobName, Task>> {
  return Object.fromEntries(Object.entries(taskList).filter(([name]) => !names.includes(name as JobName)));
}

export function tasksOnly(names: readonly JobName[]): Partial<Record<JobName, Task>> {
  return Object.fromEntries(Object.entries(taskList).filter(([name]) => names.includes(name as JobName)));
}
