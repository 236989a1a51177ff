// "My queue" in the top bar: how many records of a workspace the actor could be served now, summed over its datasets.
// Its own small read (no progress sums), so the bar can poll it while people work without loading the dataset list.
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { workspaceAccess } from "@/lib/server/services/access";
import { recordsWaitingFor } from "@/lib/server/services/queue";

export interface MyQueue {
  /** Records waiting for the actor across the workspace's datasets (open to everyone or assigned to them). */
  waiting: number;
}

export async function myQueue(actor: Actor, workspaceIdOrSlug: string): Promise<MyQueue> {
  const access = await workspaceAccess(actor, workspaceIdOrSlug, "records.annotate");
  const datasets = await pool().query<{ id: string }>(`SELECT id FROM "Dataset" WHERE "workspaceId" = $1`, [access.workspaceId]);
  if (datasets.rows.length === 0) return { waiting: 0 };
  const waiting = await recordsWaitingFor(
    actor.userId,
    datasets.rows.map((row) => row.id),
  );
  let total = 0;
  for (const count of waiting.values()) total += count;
  return { waiting: total };
}
