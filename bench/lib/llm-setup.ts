// Run as a child process by bench/llm.ts (`node --import tsx bench/lib/llm-setup.ts <mode> …`), with DATABASE_URL set
// to the benchmark's throwaway database, so that the benchmark process itself never loads the app's modules:
//
// - `setup --records N --variants a,b,… --base-url URL --api-key KEY --concurrency C`: a workspace, its owner, a label
//   dataset (bench/lib/generate.ts's settings: three text fields, one label question with three options) with N
//   records (through `importRecords`, 10,000 per call), an LLM provider pointing at the fake server (maxConcurrency C,
//   no rate limits, the key encrypted as the app does it) and a proposer with the given prompt variants. Prints
//   `BENCH_LLM_SETUP {"datasetId":…,"userId":…,"providerId":…}`.
// - `start --dataset ID --user ID`: `startRun` on every record, as the browser's "Start run" does. Prints
//   `BENCH_LLM_RUN {"runId":…,"totalRecords":…,"seconds":…}`.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import type { Actor } from "@/lib/server/auth/actor";
import { createUser } from "@/lib/server/auth/users";
import { db, disconnect } from "@/lib/server/db/client";
import { createDataset } from "@/lib/server/services/datasets";
import { createLlmProvider } from "@/lib/server/services/llm-providers";
import { startRun } from "@/lib/server/services/llm-runs";
import { importRecords } from "@/lib/server/services/record-import";
import { batchRanges, benchDatasetSettings, generateBatch, QUESTION_NAME } from "./generate";

const IMPORT_BATCH = 10_000; // the import's limit per call

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    records: { type: "string", default: "10000" },
    variants: { type: "string", default: "plain,instruction_after,shuffled_options,paraphrase,letters" },
    "base-url": { type: "string", default: "" },
    "api-key": { type: "string", default: "" },
    concurrency: { type: "string", default: "32" },
    dataset: { type: "string", default: "" },
    user: { type: "string", default: "" },
  },
});

async function actorOf(userId: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return { userId: user.id, username: user.username, name: user.name, email: user.email, isOwner: user.isOwner };
}

async function setup(): Promise<void> {
  const records = Number(values.records);
  const workspace = await db.workspace.create({ data: { slug: "bench-llm", name: "LLM benchmark" } });
  const user = await createUser({
    email: "bench-llm@example.invalid",
    username: "bench-llm",
    name: "LLM benchmark",
    password: randomBytes(18).toString("base64url"),
    isOwner: true,
  });
  await db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "admin" } });
  const actor = await actorOf(user.id);
  const dataset = await createDataset(actor, workspace.id, benchDatasetSettings("bench LLM"), { publish: true });
  for (const [start, count] of batchRanges(records, IMPORT_BATCH)) {
    // Records only: the suggestions measured are the LLM's.
    const body = generateBatch(start, count)
      .map((record) => JSON.stringify({ externalId: record.externalId, fields: record.fields, metadata: record.metadata }))
      .join("\n");
    await importRecords(actor, dataset.id, body);
  }
  const provider = await createLlmProvider(actor, workspace.id, {
    name: "fake-openai",
    baseUrl: values["base-url"],
    apiKey: values["api-key"] || undefined,
    models: [{ name: "fake-model", inputPricePerMillion: 0.15, outputPricePerMillion: 0.6 }],
    maxConcurrency: Number(values.concurrency),
    requestsPerMinute: null,
    tokensPerMinute: null,
    timeoutMs: 30_000,
  });
  const variants = values.variants.split(",").filter(Boolean);
  await db.dataset.update({
    where: { id: dataset.id },
    data: {
      llm: {
        proposers: [
          {
            providerId: provider.id,
            model: "fake-model",
            questions: [QUESTION_NAME],
            strategy: variants.length >= 2 ? { kind: "variants", variants } : { kind: "single" },
            selfEvaluate: false,
          },
        ],
      },
    },
  });
  console.log(`BENCH_LLM_SETUP ${JSON.stringify({ datasetId: dataset.id, userId: user.id, providerId: provider.id, variants })}`);
}

async function start(): Promise<void> {
  const actor = await actorOf(values.user);
  const started = performance.now();
  const run = await startRun(actor, values.dataset, {});
  const seconds = (performance.now() - started) / 1000;
  console.log(`BENCH_LLM_RUN ${JSON.stringify({ runId: run.id, totalRecords: run.totalRecords, seconds })}`);
}

const mode = positionals[0];
if (mode === "setup") await setup();
else if (mode === "start") await start();
else throw new Error(`bench/lib/llm-setup.ts: unknown mode ${mode ?? "(none)"}; use setup or start`);
await disconnect();
