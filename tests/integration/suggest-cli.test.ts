// `npm run suggest` (scripts/suggest.ts) as a user runs it: a child process (node + tsx) against the test database
// and the in-process fake OpenAI server; its exit code, what it prints and the suggestions it leaves behind.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { encryptSecret } from "@/lib/server/crypto/secret-box";
import { importRecords } from "@/lib/server/services/record-import";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/tests/fixtures/fake-openai-server";
import { createSentimentDataset, createTestWorkspace, type TestWorkspace } from "./fixtures";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
let fake: FakeOpenAiServer;
// Each test starts the CLI (node + tsx + the app's modules) up to five times; a busy machine makes that slow.
const CLI_TEST_TIMEOUT_MS = 120_000;

beforeAll(async () => {
  fake = await startFakeOpenAiServer({ apiKey: "sk-cli-key", latencyMs: 5, retryAfterMs: 10, retryAfterSeconds: 0 });
});

afterAll(async () => {
  await fake?.close();
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `onLine` may act on the output as it comes (e.g. send Ctrl-C). */
function runCli(args: string[], env: Record<string, string> = {}, onLine?: (line: string, child: ReturnType<typeof spawn>) => void): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/suggest.ts", ...args], {
      cwd: root,
      env: { ...process.env, SIFT_LLM_RETRY_BASE_MS: "5", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      pending += chunk.toString();
      let newline = pending.indexOf("\n");
      while (newline >= 0) {
        onLine?.(pending.slice(0, newline), child);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf("\n");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function datasetWithProposer(workspace: TestWorkspace, records: number, variants: string[] | null) {
  const { id } = await createSentimentDataset(workspace);
  const lines = Array.from({ length: records }, (_, i) =>
    JSON.stringify({ externalId: `c-${String(i).padStart(3, "0")}`, fields: { text: `CLI record ${i}: ${i % 3 ? "lovely" : "dreadful"}` } }),
  );
  await importRecords(workspace.curator, id, lines.join("\n"));
  if (!variants) return { datasetId: id };
  const provider = await db.llmProvider.create({
    data: {
      workspaceId: workspace.workspaceId,
      name: `fake-cli-${id.slice(0, 6)}`,
      baseUrl: fake.baseUrl,
      apiKeyEncrypted: encryptSecret("sk-cli-key"),
      models: [{ name: "fake-model", inputPricePerMillion: 1, outputPricePerMillion: 2 }],
      settings: { maxConcurrency: 4, timeoutMs: 2_000 },
    },
  });
  await db.dataset.update({
    where: { id },
    data: {
      llm: {
        proposers: [{ providerId: provider.id, model: "fake-model", questions: ["sentiment"], strategy: { kind: "variants", variants } }],
      },
    },
  });
  return { datasetId: id };
}

describe("npm run suggest", () => {
  it("runs the dataset's proposers on the filtered records, prints progress and a summary, and exits 0", async () => {
    const workspace = await createTestWorkspace(0);
    const { datasetId } = await datasetWithProposer(workspace, 30, ["plain", "letters"]);
    fake.resetStats();
    const result = await runCli([
      "--dataset", datasetId, "--as", workspace.curator.email, "--q", "lovely", "--limit", "12", "--interval", "300",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Run [0-9a-f-]{36} started on "Sentiment" as curator-[^ ]+: 12 record\(s\), fake-model \(variants: plain, letters\) on sentiment/);
    expect(result.stdout).toMatch(/records \d+\/12 · calls \d+/);
    expect(result.stdout).toMatch(/completed in [\d.]+ s: 12\/12 records, 24 suggestions \(0 unparseable\), 24 calls \(0 failed\)/);

    // Only the records that match the search, at most 12 of them, each with one suggestion per variant.
    const suggestions = await db.suggestion.findMany({
      where: { record: { datasetId } },
      select: { agent: true, model: true, promptVariant: true, inputTokens: true, record: { select: { fields: true } } },
    });
    expect(suggestions).toHaveLength(24);
    expect(suggestions.every((s) => String((s.record.fields as { text: string }).text).includes("lovely"))).toBe(true);
    expect(new Set(suggestions.map((s) => s.agent))).toEqual(new Set(["fake-model/plain", "fake-model/letters"]));
    expect(suggestions.every((s) => s.model === "fake-model" && s.promptVariant && (s.inputTokens ?? 0) > 0)).toBe(true);
    expect(fake.stats().chatRequests).toBe(24);
    const run = await db.llmRun.findFirstOrThrow({ where: { datasetId }, include: { createdBy: true } });
    expect(run.status).toBe("completed");
    expect(run.createdBy?.email).toBe(workspace.curator.email);
  }, CLI_TEST_TIMEOUT_MS);

  it("exits 1 with the reason when the run pauses because the endpoint keeps failing", async () => {
    const workspace = await createTestWorkspace(0);
    const { datasetId } = await datasetWithProposer(workspace, 20, ["plain", "letters"]);
    fake.configure({ faultSchedule: () => "server_error" });
    try {
      const result = await runCli(["--dataset", datasetId, "--as", workspace.admin.email, "--interval", "300"], { SIFT_LLM_MAX_ATTEMPTS: "1" });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/paused: Paused: the calls of 5 records in a row failed/);
      expect(result.stdout).toMatch(/npm run suggest -- --resume [0-9a-f-]{36}/);
    } finally {
      fake.configure({ faultSchedule: [] });
    }
    const run = await db.llmRun.findFirstOrThrow({ where: { datasetId } });
    expect(run.status).toBe("paused");

    // --resume picks it up where it stopped and completes it.
    const resumed = await runCli(["--resume", run.id, "--as", workspace.admin.email, "--interval", "300"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/completed in [\d.]+ s: 20\/20 records, 40 suggestions/);
    expect(await db.suggestion.count({ where: { record: { datasetId } } })).toBe(40);
  }, CLI_TEST_TIMEOUT_MS);

  it("pauses the run on Ctrl-C before exiting", async () => {
    const workspace = await createTestWorkspace(0);
    const { datasetId } = await datasetWithProposer(workspace, 60, ["plain", "letters"]);
    fake.configure({ latencyMs: 150 });
    try {
      let sent = false;
      const result = await runCli(["--dataset", datasetId, "--as", workspace.curator.email, "--interval", "300"], {}, (line, child) => {
        if (!sent && /^\[suggest\] records \d+\/60/.test(line)) {
          sent = true;
          child.kill("SIGINT");
        }
      });
      expect(result.code).toBe(130);
      expect(result.stdout).toMatch(/Run [0-9a-f-]{36} paused\. Resume it/);
    } finally {
      fake.configure({ latencyMs: 5 });
    }
    const run = await db.llmRun.findFirstOrThrow({ where: { datasetId } });
    expect(run.status).toBe("paused");
    expect(run.pauseReason).toBe("Paused by a curator.");
    expect(run.doneRecords).toBeLessThan(60);
    // What finished is kept, exactly once per (record, agent).
    expect(await db.suggestion.count({ where: { record: { datasetId } } })).toBe(run.doneRecords * 2);
  }, CLI_TEST_TIMEOUT_MS);

  it("says clearly why it cannot start", async () => {
    const workspace = await createTestWorkspace(0);
    const { datasetId } = await datasetWithProposer(workspace, 2, null);

    const noProposers = await runCli(["--dataset", datasetId, "--as", workspace.curator.email]);
    expect(noProposers.code).toBe(2);
    expect(noProposers.stderr).toMatch(/no LLM proposers yet/);

    const missing = await runCli(["--dataset", "00000000-0000-4000-8000-000000000000", "--as", workspace.curator.email]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No dataset with the id 00000000-0000-4000-8000-000000000000/);

    const byName = await runCli(["--dataset", "Nope", "--workspace", workspace.slug, "--as", workspace.curator.email]);
    expect(byName.code).toBe(2);
    expect(byName.stderr).toMatch(/No dataset "Nope" in the workspace/);

    const noUser = await runCli(["--dataset", datasetId, "--as", "nobody@nowhere.invalid"]);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toMatch(/No user with the email or username "nobody@nowhere.invalid"/);

    // Without DATABASE_URL the CLI looks for a running `npm start`'s embedded database; only when there is none
    // (as on a test machine) does it refuse.
    if (!existsSync(path.join(root, ".data", "postgres", "postmaster.pid"))) {
      const noDatabase = await runCli(["--dataset", datasetId], { DATABASE_URL: "" });
      expect(noDatabase.code).toBe(2);
      expect(noDatabase.stderr).toMatch(/DATABASE_URL is not set, and the embedded PostgreSQL of `npm start` is not running/);
    }
    expect(await db.llmRun.count({ where: { datasetId } })).toBe(0);
  }, CLI_TEST_TIMEOUT_MS);
});
