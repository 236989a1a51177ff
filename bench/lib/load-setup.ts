// Run as a child process by bench/load.ts (`node --import tsx bench/lib/load-setup.ts --records N --annotators A`),
// with DATABASE_URL set to the benchmark's database: a workspace, A annotators (members, each with an API key, as a
// script or a labelling tool signs in) and a published dataset of N records written set-based (bench/lib/queue-data.ts:
// 30 % routed to people), then VACUUM (ANALYZE). Prints one JSON line: { datasetId, annotators: [{ username, apiKey }] }.
import { parseArgs } from "node:util";
import type { Actor } from "@/lib/server/auth/actor";
import { createUser } from "@/lib/server/auth/users";
import { db, pool } from "@/lib/server/db/client";
import { createOwnApiKey } from "@/lib/server/services/api-keys";
import { createDataset } from "@/lib/server/services/datasets";
import { benchDatasetSettings } from "./generate";
import { insertQueueRecords, queueShape } from "./queue-data";
import { runChildMain } from "./child-main";

const { values } = parseArgs({ options: { records: { type: "string", default: "20000" }, annotators: { type: "string", default: "50" } } });

function actorOf(user: { id: string; name: string; email: string }, username: string): Actor {
  return { userId: user.id, username, name: user.name, email: user.email, isOwner: false };
}

async function main(): Promise<void> {
  const workspace = await db.workspace.create({ data: { slug: "bench-load", name: "Load benchmark" } });
  const admin = await createUser({ email: "bench-load-admin@example.invalid", username: "bench-load-admin", name: "Admin", password: "bench-load-admin-pw" });
  await db.membership.create({ data: { workspaceId: workspace.id, userId: admin.id, role: "admin" } });
  const dataset = await createDataset(actorOf(admin, "bench-load-admin"), workspace.id, benchDatasetSettings("bench load"), { publish: true });
  await insertQueueRecords(pool(), dataset.id, Number(values.records));
  await pool().query(`UPDATE "Dataset" SET "routedAt" = now() WHERE id = $1`, [dataset.id]);
  const annotators: { username: string; apiKey: string }[] = [];
  for (let i = 0; i < Number(values.annotators); i++) {
    const username = `load-${String(i).padStart(2, "0")}`;
    const user = await createUser({ email: `${username}@example.invalid`, username, name: `Load annotator ${i}`, password: `${username}-pw-unused` });
    await db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "annotator" } });
    annotators.push({ username, apiKey: await createOwnApiKey(actorOf(user, username), "bench:load") });
  }
  await pool().query(`VACUUM (ANALYZE) "Record"`);
  const shape = await queueShape(pool(), dataset.id);
  console.log(JSON.stringify({ datasetId: dataset.id, shape, annotators }));
}

runChildMain(main);
