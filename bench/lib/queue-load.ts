// Run as a child process by bench/queue.ts (`node --import tsx bench/lib/queue-load.ts --records N --annotators A
// --seconds S`), with DATABASE_URL set to the benchmark's throwaway database and DATABASE_POOL_SIZE large enough for
// every annotator at once. Everything that loads the app's modules happens here:
//
// 1. a workspace, its admin and A annotators (members, role annotator) with `createUser`, and a published dataset with
//    bench:io's settings through `createDataset`;
// 2. N records in set-based INSERT … SELECT FROM generate_series (bench/lib/queue-data.ts), then VACUUM (ANALYZE)
//    and a CHECKPOINT;
// 3. the bare claim statement (`CLAIM_SQL`, the one `claimNext` runs) alone on one connection, rolled back each time;
// 4. the load: A simulated annotators in this process, each looping `claimNext` → `saveResponse` (the functions the
//    API routes `POST /datasets/{id}/queue/next` and `PUT /records/{id}/response` call) for S seconds, with a think
//    time of --think-ms on average between a claim and its submit (uniform from half to one and a half of it; 0: none);
//    meanwhile the bare statement every 50 ms on a connection of its own (rolled back): the statement under the load;
// 5. the bare statement again, on the data the load left behind, and EXPLAIN (ANALYZE, BUFFERS) of it;
// 6. every claim with the window in which it was certainly held (from claimNext's return to the call of saveResponse)
//    into the table bench_claim, for bench/queue.ts's overlap check.
// Prints `BENCH_QUEUE {…}` (bench/lib/queue-stats.ts's LoadResult) on its last line.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import type { Actor } from "@/lib/server/auth/actor";
import { createUser } from "@/lib/server/auth/users";
import { db, disconnect, pool } from "@/lib/server/db/client";
import { distributeQueue } from "@/lib/server/services/assignments";
import { createDataset } from "@/lib/server/services/datasets";
import { CLAIM_SQL, claimNext, LEASE_MINUTES } from "@/lib/server/services/queue";
import { saveResponse } from "@/lib/server/services/responses";
import { benchDatasetSettings, LABELS, QUESTION_NAME } from "./generate";
import { insertQueueRecords, queueShape } from "./queue-data";
import { latencySummary, type ClaimWindow, type LoadResult } from "./queue-stats";

const { values } = parseArgs({
  options: {
    records: { type: "string", default: "1000000" },
    annotators: { type: "string", default: "50" },
    seconds: { type: "string", default: "60" },
    "think-ms": { type: "string", default: "0" },
    "bare-runs": { type: "string", default: "200" },
    "assigned-percent": { type: "string", default: "0" },
  },
});
const records = Number(values.records);
const annotatorCount = Number(values.annotators);
const seconds = Number(values.seconds);
const thinkMs = Number(values["think-ms"]);
const bareRuns = Number(values["bare-runs"]);
const assignedPercent = Number(values["assigned-percent"]);

const now = () => performance.timeOrigin + performance.now();
const say = (message: string) => console.log(`[bench] ${message}`);

async function setUp(): Promise<{ datasetId: string; admin: Actor; annotators: Actor[]; prober: Actor }> {
  const workspace = await db.workspace.create({ data: { slug: "bench-queue", name: "Queue benchmark" } });
  const password = randomBytes(18).toString("base64url");
  const admin = await createUser({ email: "bench-queue@example.invalid", username: "bench-queue", name: "Queue benchmark", password });
  await db.membership.create({ data: { workspaceId: workspace.id, userId: admin.id, role: "admin" } });
  const adminActor: Actor = { userId: admin.id, username: "bench-queue", name: admin.name, email: admin.email, isOwner: false };
  const dataset = await createDataset(adminActor, workspace.id, benchDatasetSettings("bench queue"), { publish: true });
  const annotators: Actor[] = [];
  for (let index = 0; index < annotatorCount; index++) {
    const username = `annotator-${String(index).padStart(3, "0")}`;
    const user = await createUser({ email: `${username}@example.invalid`, username, name: `Annotator ${index}`, password });
    await db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "annotator" } });
    annotators.push({ userId: user.id, username, name: user.name, email: user.email, isOwner: false });
  }
  // One more annotator for the probe during the load: a member who claims nothing, so that the probe's statement never
  // waits on the row lock of a record it holds while that record's submit is in flight.
  const probe = await createUser({ email: "probe@example.invalid", username: "annotator-probe", name: "Probe", password });
  await db.membership.create({ data: { workspaceId: workspace.id, userId: probe.id, role: "annotator" } });
  const prober: Actor = { userId: probe.id, username: "annotator-probe", name: probe.name, email: probe.email, isOwner: false };
  return { datasetId: dataset.id, admin: adminActor, annotators, prober };
}

/** The claim statement alone, `runs` times on one connection, each in a transaction rolled back (the data stays). */
async function timeBareClaim(datasetId: string, annotators: Actor[], runs: number): Promise<number[]> {
  const client = await pool().connect();
  const durations: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const actor = annotators[run % annotators.length]!;
      await client.query("BEGIN");
      const started = performance.now();
      await client.query(CLAIM_SQL, [datasetId, actor.userId, [], LEASE_MINUTES]);
      durations.push(performance.now() - started);
      await client.query("ROLLBACK");
    }
  } finally {
    client.release();
  }
  return durations;
}

async function explainClaim(datasetId: string, actor: Actor): Promise<string> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const plan = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${CLAIM_SQL}`, [
      datasetId,
      actor.userId,
      [],
      LEASE_MINUTES,
    ]);
    await client.query("ROLLBACK");
    return plan.rows.map((row) => row["QUERY PLAN"]).join("\n");
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  const setupStarted = performance.now();
  const { datasetId, admin, annotators, prober } = await setUp();
  const usersSeconds = (performance.now() - setupStarted) / 1000;
  say(`workspace, dataset and ${annotatorCount} annotators made in ${usersSeconds.toFixed(1)} s; inserting ${records.toLocaleString("en-US")} records…`);
  const insertStarted = performance.now();
  await insertQueueRecords(pool(), datasetId, records);
  // As a dataset that has been in the database for a while: vacuumed (the insert-triggered autovacuum of a million
  // fresh rows, and the GIN index's pending list, would otherwise run in the middle of the load) and checkpointed.
  await pool().query(`VACUUM (ANALYZE) "Record"`);
  await pool().query(`CHECKPOINT`);
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  const shape = await queueShape(pool(), datasetId);
  say(
    `records inserted and analysed in ${insertSeconds.toFixed(1)} s: ${shape.human.toLocaleString("en-US")} human, ` +
      `${shape.audit.toLocaleString("en-US")} audit, ${shape.needTwo.toLocaleString("en-US")} of them need 2 responses.`,
  );

  if (assignedPercent > 0) {
    const dealStarted = performance.now();
    const dealt = await distributeQueue(admin, datasetId, { annotators: annotators.map((actor) => ({ userId: actor.userId })), sharePercent: assignedPercent });
    say(`${dealt.dealt.toLocaleString("en-US")} of ${dealt.openRecords.toLocaleString("en-US")} queue records dealt to the annotators in ${((performance.now() - dealStarted) / 1000).toFixed(1)} s.`);
    await pool().query(`VACUUM (ANALYZE) "RecordAssignment"`);
  }

  // Warm-up: the app's modules, Prisma's query plans and the pool's connections, outside the measurement.
  for (const actor of annotators.slice(0, 4)) {
    const id = await claimNext(actor, datasetId);
    if (id) await pool().query(`UPDATE "Record" SET "leaseUserId" = NULL, "leaseExpiresAt" = NULL WHERE id = $1`, [id]);
  }
  const bareBefore = await timeBareClaim(datasetId, annotators, bareRuns);

  // ── the load ──
  const claimMs: number[] = [];
  const submitMs: number[] = [];
  const windows: ClaimWindow[] = [];
  const errors: string[] = [];
  let emptyClaims = 0;
  const startedAt = now();
  const endsAt = performance.now() + seconds * 1000;
  let progressAt = performance.now() + 10_000;
  let lastCount = 0;
  const sleep = (duration: number) => new Promise((resolve) => setTimeout(resolve, duration));
  const loop = async (actor: Actor, index: number) => {
    // A small generator per annotator: think times differ between annotators and runs repeat.
    let state = (index + 1) * 2_654_435_761;
    const think = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return thinkMs * (0.5 + state / 2_147_483_648);
    };
    // Staggered starts, so that the annotators do not all claim in the same millisecond.
    if (thinkMs > 0) await sleep((index / annotatorCount) * thinkMs);
    while (performance.now() < endsAt) {
      try {
        const claimStarted = performance.now();
        const recordId = await claimNext(actor, datasetId);
        const claimedAt = now();
        claimMs.push(performance.now() - claimStarted);
        if (!recordId) {
          emptyClaims += 1;
          await sleep(50);
          continue;
        }
        const label = LABELS[(index + claimMs.length) % LABELS.length]!;
        if (thinkMs > 0) await sleep(think());
        const submitStarted = performance.now();
        windows.push({ user: actor.userId, record: recordId, from: claimedAt, to: now() });
        await saveResponse(actor, recordId, { status: "submitted", values: { [QUESTION_NAME]: label }, timeSpentMs: 1000 });
        submitMs.push(performance.now() - submitStarted);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
        if (errors.length > 100) throw error;
      }
      if (performance.now() >= progressAt) {
        progressAt += 10_000;
        say(`  ${claimMs.length.toLocaleString("en-US")} claims so far (${((claimMs.length - lastCount) / 10).toFixed(0)}/s in the last 10 s)`);
        lastCount = claimMs.length;
      }
    }
  };
  // A probe: the bare claim statement every 50 ms during the load, on a connection of its own (outside the app's
  // pool), for an annotator who takes no part in the load, rolled back: how long the statement itself takes under the
  // load, against the whole of claimNext.
  const probe = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await probe.connect();
  const probeMs: number[] = [];
  const probing = (async () => {
    while (performance.now() < endsAt) {
      await probe.query("BEGIN");
      const started = performance.now();
      await probe.query(CLAIM_SQL, [datasetId, prober.userId, [], LEASE_MINUTES]);
      probeMs.push(performance.now() - started);
      await probe.query("ROLLBACK");
      await sleep(50);
    }
  })();
  const cpuBefore = process.cpuUsage();
  const loadStarted = performance.now();
  await Promise.all(annotators.map((actor, index) => loop(actor, index)));
  await probing;
  await probe.end();
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  say(`load done: ${claimMs.length.toLocaleString("en-US")} claims in ${loadSeconds.toFixed(1)} s.`);

  const bareAfter = await timeBareClaim(datasetId, annotators, bareRuns);
  const plan = await explainClaim(datasetId, annotators[0]!);

  // The claims and their windows, for the overlap check.
  await pool().query(
    `CREATE TABLE bench_claim (user_id uuid NOT NULL, record_id uuid NOT NULL, held_from float8 NOT NULL, held_to float8 NOT NULL)`,
  );
  for (let start = 0; start < windows.length; start += 20_000) {
    const chunk = windows.slice(start, start + 20_000);
    await pool().query(
      `INSERT INTO bench_claim SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::float8[], $4::float8[])`,
      [chunk.map((w) => w.user), chunk.map((w) => w.record), chunk.map((w) => w.from), chunk.map((w) => w.to)],
    );
  }
  await pool().query(`CREATE INDEX ON bench_claim (record_id)`);

  const result: LoadResult = {
    datasetId,
    records,
    annotators: annotatorCount,
    thinkMs,
    poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    shape,
    setupSeconds: usersSeconds,
    insertSeconds,
    loadSeconds,
    startedAt,
    claims: claimMs.length,
    emptyClaims,
    submits: submitMs.length,
    errors: errors.slice(0, 10),
    errorCount: errors.length,
    claim: latencySummary(claimMs),
    submit: latencySummary(submitMs),
    bareBefore: latencySummary(bareBefore),
    bareAfter: latencySummary(bareAfter),
    bare: latencySummary([...bareBefore, ...bareAfter]),
    bareDuringLoad: latencySummary(probeMs),
    loadCpuSeconds: (cpu.user + cpu.system) / 1e6,
    plan,
  };
  console.log(`BENCH_QUEUE ${JSON.stringify(result)}`);
}

try {
  await main();
} finally {
  await disconnect();
}
