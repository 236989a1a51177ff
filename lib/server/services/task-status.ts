// The one writer of a background task's status (DatasetTask.status): imports and exports move their tasks only
// through these functions, so every transition is one the table below allows and a finished task stays finished
// (a late failure cannot overwrite a success, a second run cannot restart a succeeded import). An architecture test
// (tests/unit/server/one-writer.test.ts) fails when code elsewhere writes the status.
import type { Queryable } from "@/lib/jobs/queryable";
import { pool } from "@/lib/server/db/client";
import type { TaskStatus } from "@/lib/server/services/tasks";

/** For each status, the statuses a task may be in before it moves there. */
const ALLOWED_FROM: Record<TaskStatus, readonly TaskStatus[]> = {
  // A draft import is (re)queued when it starts; nothing else goes back to the queue.
  queued: ["queued"],
  // A retry or a restarted worker resumes a running task; an export's job may run again after a failed attempt.
  running: ["queued", "running", "failed"],
  succeeded: ["running"],
  // A task can fail before it ever ran (its file is gone, its mapping no longer fits).
  failed: ["queued", "running"],
  cancelled: ["queued", "running"],
};

export function canMoveTask(from: TaskStatus, to: TaskStatus): boolean {
  return ALLOWED_FROM[to].includes(from);
}

interface Moved {
  rowCount: number | null;
}

/** What a transition may set besides the status (null keeps the stored value). */
export interface TaskChanges {
  error?: string | null;
  processed?: number;
  total?: number;
  result?: object;
  file?: string;
  options?: object;
}

/**
 * Moves the task to `to` if its current status allows it, in the caller's transaction or on the pool; `finishedAt`
 * is set when the task ends. Returns whether it moved (false: no such task, or a transition the table forbids).
 */
async function moveTask(client: Queryable, taskId: string, to: TaskStatus, changes: TaskChanges): Promise<boolean> {
  const finished = to === "succeeded" || to === "failed" || to === "cancelled";
  const moved = (await client.query(
    `UPDATE "DatasetTask" SET status = $2::"TaskStatus",
       error = CASE WHEN $3::boolean THEN $4 ELSE error END,
       processed = coalesce($5::int, processed),
       total = coalesce($6::int, total),
       result = coalesce($7::jsonb, result),
       file = coalesce($8, file),
       options = coalesce($9::jsonb, options),
       "finishedAt" = CASE WHEN $10::boolean THEN now() ELSE "finishedAt" END,
       "updatedAt" = now()
     WHERE id = $1 AND status = ANY($11::"TaskStatus"[])`,
    [
      taskId,
      to,
      changes.error !== undefined,
      changes.error ?? null,
      changes.processed ?? null,
      changes.total ?? null,
      changes.result === undefined ? null : JSON.stringify(changes.result),
      changes.file ?? null,
      changes.options === undefined ? null : JSON.stringify(changes.options),
      finished,
      ALLOWED_FROM[to],
    ],
  )) as Moved;
  return (moved.rowCount ?? 0) > 0;
}

/** A started import goes (back) to the queue with its options; false when it is no longer queued. */
export function queueTask(client: Queryable, taskId: string, changes: TaskChanges): Promise<boolean> {
  return moveTask(client, taskId, "queued", changes);
}

/** The worker took the task: its earlier error is cleared. */
export function markTaskRunning(taskId: string, client: Queryable = pool()): Promise<boolean> {
  return moveTask(client, taskId, "running", { error: null });
}

export function completeTask(taskId: string, changes: TaskChanges, client: Queryable = pool()): Promise<boolean> {
  return moveTask(client, taskId, "succeeded", { error: null, ...changes });
}

export function failTask(taskId: string, error: string, changes: TaskChanges = {}, client: Queryable = pool()): Promise<boolean> {
  return moveTask(client, taskId, "failed", { ...changes, error });
}
