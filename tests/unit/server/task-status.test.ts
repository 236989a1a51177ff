// The transitions task-status.ts allows: a task goes forward, and a finished one stays finished.
import { describe, expect, it } from "vitest";
import { canMoveTask } from "@/lib/server/services/task-status";
import type { TaskStatus } from "@/lib/server/services/tasks";

const statuses: TaskStatus[] = ["queued", "running", "succeeded", "failed", "cancelled"];

describe("task status transitions", () => {
  it("queued → running → succeeded or failed; a retry resumes a running or failed task", () => {
    const allowed = statuses.flatMap((from) => statuses.filter((to) => canMoveTask(from, to)).map((to) => `${from} → ${to}`));
    expect(allowed).toEqual([
      "queued → queued",
      "queued → running",
      "queued → failed",
      "queued → cancelled",
      "running → running",
      "running → succeeded",
      "running → failed",
      "running → cancelled",
      "failed → running",
    ]);
  });

  it("nothing leaves succeeded or cancelled", () => {
    for (const to of statuses) {
      expect(canMoveTask("succeeded", to)).toBe(false);
      expect(canMoveTask("cancelled", to)).toBe(false);
    }
  });
});
