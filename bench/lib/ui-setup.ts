// Run as a child process by bench/ui.ts (`node --import tsx bench/lib/ui-setup.ts --records N`), with DATABASE_URL set
// to the benchmark's database: a workspace, one annotator (a member who signs in with a password, as a person does)
// and a published dataset of N records written set-based (bench/lib/queue-data.ts: 30 % routed to people), then
// VACUUM (ANALYZE). Prints one JSON line: { datasetId, workspaceSlug, login, password, shape }.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import type { Actor } from "@/lib/server/auth/actor";
import { createUser } from "@/lib/server/auth/users";
import { db, pool } from "@/lib/server/db/client";
import { createDataset } from "@/lib/server/services/datasets";
import { benchDatasetSettings } from "./generate";
import { insertQueueRecords, queueShape } from "./queue-data";
import { runChildMain } from "./child-main";

const { values } = parseArgs({ options: { records: { type: "string", default: "100000" } } });
const records = Number(values.records);

async function main(): Promise<void> {
  const workspace = await db.workspace.create({ data: { slug: "bench-ui", name: "UI benchmark" } });
  const password = randomBytes(18).toString("base64url");
  const admin = await createUser({ email: "bench-ui-admin@example.invalid", username: "bench-ui-admin", name: "Admin", password });
  await db.membership.create({ data: { workspaceId: workspace.id, userId: admin.id, role: "admin" } });
  const adminActor: Actor = { userId: admin.id, username: "bench-ui-admin", name: admin.name, email: admin.email, isOwner: false };
  const annotator = await createUser({ email: "bench-ui@example.invalid", username: "bench-ui", name: "Bench Annotator", password });
  await db.membership.create({ data: { workspaceId: workspace.id, userId: annotator.id, role: "annotator" } });
  const dataset = await createDataset(adminActor, workspace.id, benchDatasetSettings("bench ui"), { publish: true });
  await insertQueueRecords(pool(), dataset.id, records);
  await pool().query(`UPDATE "Dataset" SET "routedAt" = now() WHERE id = $1`, [dataset.id]);
  await pool().query(`VACUUM (ANALYZE) "Record"`);
  const shape = await queueShape(pool(), dataset.id);
  console.log(JSON.stringify({ datasetId: dataset.id, workspaceSlug: workspace.slug, login: "bench-ui", password, shape }));
}

runChildMain(main);
