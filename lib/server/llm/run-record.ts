// One record of an LLM run (the `llm_suggest_record` job): every proposer's votes on its questions, skipping the
// (question, agent) pairs that already have a suggestion, so a retried job or a resumed run never asks twice and each
// (record, question, agent) ends with exactly one suggestion (the unique constraint backs this up). The suggestions,
// the run's counters and the record's item are written in one transaction.
import { agentName, planVotes } from "@/lib/llm/prompts";
import { boundedDraft } from "@/lib/datasets/value-limits";
import type { SuggestionDraft } from "@/lib/llm/contracts";
import { readDatasetLlmSettings } from "@/lib/llm/dataset-llm-settings";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "@/lib/llm/retry";
import { enqueueRecomputeWhileStreaming } from "@/lib/jobs/enqueue";
import { pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { providerConnection } from "@/lib/server/llm/connections";
import { addTally, emptyTally, executeVote, type VoteResult } from "@/lib/server/llm/vote-executor";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { finishRunIfDone } from "@/lib/server/llm/run-state";
import { promptContexts } from "@/lib/server/llm/prompt-context";

/**
 * The retry policy of LLM calls: the client's defaults, with the first backoff and the number of attempts adjustable
 * from the environment (SIFT_LLM_RETRY_BASE_MS, SIFT_LLM_MAX_ATTEMPTS) for endpoints with unusual limits and for tests.
 */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const base = Number(env.SIFT_LLM_RETRY_BASE_MS);
  const attempts = Number(env.SIFT_LLM_MAX_ATTEMPTS);
  return {
    ...DEFAULT_RETRY_POLICY,
    ...(Number.isFinite(base) && base > 0 ? { baseMs: base } : {}),
    ...(Number.isInteger(attempts) && attempts > 0 ? { maxAttempts: attempts } : {}),
  };
}

/** Records in a row whose every call failed before the run pauses itself. */
export const FAILURE_STREAK_LIMIT = 5;

export interface RecordOutcome {
  status: "skipped" | "done";
  suggestions: number;
  errors: number;
}

interface RunRow {
  status: string;
  datasetId: string;
  settings: unknown;
  itemStatus: string | null;
}

interface PlannedVote {
  questionId: string;
  questionName: string;
  agent: string;
  model: string;
  label: string;
  result: Promise<VoteResult>;
}

// A run's dataset configuration, read once per run per process rather than once per record.
const configs = new Map<string, { config: DatasetConfig; at: number }>();
async function runConfig(runId: string, datasetId: string): Promise<DatasetConfig> {
  const cached = configs.get(runId);
  if (cached && Date.now() - cached.at < 60_000) return cached.config;
  const config = await loadDatasetConfig(datasetId);
  configs.set(runId, { config, at: Date.now() });
  return config;
}

export interface RunRecordOptions {
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

export async function processRunRecord(runId: string, recordId: string, options: RunRecordOptions = {}): Promise<RecordOutcome> {
  const found = await pool().query<RunRow>(
    `SELECT r.status, r."datasetId", r.settings, i.status AS "itemStatus"
     FROM "LlmRun" r LEFT JOIN "LlmRunItem" i ON i."runId" = r.id AND i."recordId" = $2 WHERE r.id = $1`,
    [runId, recordId],
  );
  const run = found.rows[0];
  // A paused or cancelled run leaves its records pending: resuming enqueues them again.
  if (!run || run.status !== "running" || run.itemStatus !== "pending") return { status: "skipped", suggestions: 0, errors: 0 };
  const settings = readDatasetLlmSettings(run.settings);
  const config = await runConfig(runId, run.datasetId);
  const record = await pool().query<{ fields: Record<string, unknown> }>(`SELECT fields FROM "Record" WHERE id = $1`, [recordId]);
  const fields = record.rows[0]?.fields;
  if (!fields) return { status: "skipped", suggestions: 0, errors: 0 }; // deleted: its item went with it (cascade)

  const existing = await pool().query<{ questionId: string; agent: string }>(
    `SELECT "questionId", agent FROM "Suggestion" WHERE "recordId" = $1`,
    [recordId],
  );
  const done = new Set(existing.rows.map((row) => `${row.questionId}\u0000${row.agent}`));
  const votes: PlannedVote[] = [];
  for (const proposer of settings.proposers) {
    try {
      const { connection } = await providerConnection(proposer.providerId);
      for (const ctx of promptContexts(config, settings, proposer, fields, recordId)) {
        const question = config.questions.find((candidate) => candidate.name === ctx.question.name)!;
        for (const plan of planVotes(ctx, proposer.strategy, proposer.model)) {
          const agent = agentName(proposer.model, plan);
          if (done.has(`${question.id}\u0000${agent}`)) continue;
          const temperature = plan.calls[0]?.temperature ?? settings.temperature;
          votes.push({
            questionId: question.id,
            questionName: question.name,
            agent,
            model: proposer.model,
            label: plan.label,
            result: executeVote(connection, {
              plan,
              model: proposer.model,
              temperature,
              retry: options.retry ?? retryPolicyFromEnv(),
              signal: options.signal,
            }),
          });
        }
      }
    } catch (error) {
      // The provider is gone or its key cannot be decrypted, or the settings no longer fit the dataset: a failure
      // of this record's votes (the run pauses after a few in a row, with this reason), not a job to retry forever.
      const reason = error instanceof Error ? error : new Error(String(error));
      votes.push({
        questionId: "",
        questionName: proposer.questions.join(", "),
        agent: proposer.model,
        model: proposer.model,
        label: "",
        result: Promise.resolve({ ok: false, error: reason, tally: emptyTally() }),
      });
    }
  }
  const results = await Promise.all(votes.map(async (vote) => ({ vote, result: await vote.result })));
  return writeOutcome(runId, recordId, config, results);
}

interface SuggestionRow {
  questionName: string;
  agent: string;
  model: string;
  variant: string;
  draft: SuggestionDraft;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

async function writeOutcome(
  runId: string,
  recordId: string,
  config: DatasetConfig,
  results: { vote: PlannedVote; result: VoteResult }[],
): Promise<RecordOutcome> {
  const tally = emptyTally();
  const rows: SuggestionRow[] = [];
  const errors: string[] = [];
  for (const { vote, result } of results) {
    addTally(tally, result.tally);
    if (!result.ok) {
      errors.push(`${vote.agent} on ${vote.questionName}: ${result.error.message}`);
      continue;
    }
    const base = { agent: vote.agent, model: vote.model, variant: vote.label };
    rows.push({ ...base, questionName: vote.questionName, draft: result.outcome, ...result.tally });
    // A judge's ratings and critiques of each candidate: same agent, other questions; their calls are counted once.
    for (const related of result.outcome.related ?? []) {
      rows.push({ ...base, questionName: related.question, draft: related.draft, inputTokens: 0, outputTokens: 0, costUsd: 0 });
    }
  }
  const allFailed = results.length > 0 && errors.length === results.length;
  return withTransaction(async (client) => {
    const inserted =
      rows.length === 0
        ? []
        : (
            await client.query<{ unparseable: boolean }>(
              `INSERT INTO "Suggestion" ("recordId", "questionId", agent, value, score, rationale, distribution, model,
                 "promptVariant", "inputTokens", "outputTokens", "costUsd", "rawOutput", "runId")
               SELECT $1, q.id, s.agent, s.value, s.score, s.rationale, s.distribution, s.model, s.variant,
                      s."inputTokens", s."outputTokens", s."costUsd", s."rawOutput", $3
               FROM jsonb_to_recordset($4::jsonb) AS s("questionName" text, agent text, value jsonb,
                    score float8, rationale text, distribution jsonb, model text, variant text, "inputTokens" int,
                    "outputTokens" int, "costUsd" numeric, "rawOutput" text, ord bigint)
               JOIN "Question" q ON q."datasetId" = $2 AND q.name = s."questionName"
               ORDER BY s.ord
               ON CONFLICT ("recordId", "questionId", agent) DO NOTHING
               RETURNING value IS NULL OR value = 'null'::jsonb AS unparseable`,
              [recordId, config.id, runId, JSON.stringify(rows.map((row, ord) => ({ ...suggestionJson(row), ord })))],
            )
          ).rows;
    const unparseable = inserted.filter((row) => row.unparseable).length;
    // A record counts as done once, whatever the number of jobs that worked on it: a job already running when the run
    // was resumed can finish after the resume's own job for the record (both calls and tokens are real, and counted).
    const item = await client.query<{ status: string }>(
      `SELECT status FROM "LlmRunItem" WHERE "runId" = $1 AND "recordId" = $2 FOR UPDATE`,
      [runId, recordId],
    );
    const newlyDone = item.rows[0]?.status === "pending" ? 1 : 0;
    await client.query(
      `UPDATE "LlmRunItem" SET status = 'done', attempts = attempts + 1, error = $3 WHERE "runId" = $1 AND "recordId" = $2`,
      [runId, recordId, errors.length > 0 ? errors.slice(0, 5).join("\n") : null],
    );
    await client.query(
      `UPDATE "LlmRun" SET
         "doneRecords" = "doneRecords" + $13, calls = calls + $2, "failedCalls" = "failedCalls" + $3,
         suggestions = suggestions + $4, unparseable = unparseable + $5, "inputTokens" = "inputTokens" + $6,
         "outputTokens" = "outputTokens" + $7, "costUsd" = "costUsd" + $8,
         "failureStreak" = CASE WHEN $9 THEN "failureStreak" + 1 WHEN $10 THEN 0 ELSE "failureStreak" END,
         "lastError" = coalesce($11, "lastError"),
         status = CASE WHEN $9 AND "failureStreak" + 1 >= $12 AND status = 'running' THEN 'paused'::"LlmRunStatus" ELSE status END,
         "pauseReason" = CASE WHEN $9 AND "failureStreak" + 1 >= $12 AND status = 'running'
           THEN 'Paused: the calls of ' || $12 || ' records in a row failed. Last error: ' || $11 ELSE "pauseReason" END,
         "updatedAt" = now()
       WHERE id = $1`,
      [
        runId,
        tally.calls,
        tally.failedCalls,
        inserted.length,
        unparseable,
        tally.inputTokens,
        tally.outputTokens,
        tally.costUsd,
        allFailed,
        errors.length < results.length,
        errors[0] ?? null,
        FAILURE_STREAK_LIMIT,
        newlyDone,
      ],
    );
    if (inserted.length > 0) await enqueueRecomputeWhileStreaming(client, config.id);
    await finishRunIfDone(client, runId);
    return { status: "done" as const, suggestions: inserted.length, errors: errors.length };
  });
}

function suggestionJson(row: SuggestionRow) {
  // An answer over the limits is stored as an unparseable vote with its text cut, never whole.
  const draft = boundedDraft(row.draft);
  return {
    questionName: row.questionName,
    agent: row.agent,
    // An unparseable vote is a JSON null (DESIGN.md); SQL NULL would read as "no value given".
    value: draft.value === undefined ? null : draft.value,
    score: draft.score,
    rationale: draft.rationale,
    distribution: draft.distribution,
    model: row.model,
    variant: row.variant,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    costUsd: row.costUsd,
    rawOutput: draft.rawOutput,
  };
}
