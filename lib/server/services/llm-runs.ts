// LLM runs as curators see them: start one on all records or the records matching a filter, watch it, pause, resume
// or cancel it. The worker does the calls (lib/server/llm/run-record.ts); this module only changes the run's state and
// enqueues its records.
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { checkLlmSettings, readDatasetLlmSettings } from "@/lib/llm/dataset-llm-settings";
import { db } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { enqueuePendingItems } from "@/lib/server/llm/run-state";
import { datasetAccess, isUuid } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { loadDatasetConfig } from "@/lib/server/services/dataset-config";
import { recordFilterConditions, recordFilterSchema, type RecordFilter } from "@/lib/server/services/record-filter";
import type { LlmRun } from "@/lib/server/generated/prisma/client";
import { zodDetails } from "@/lib/server/validation";

export const startRunSchema = z
  .object({
    /** The records list's filters; absent: every record of the dataset. */
    filter: recordFilterSchema
      .default({}),
    /** At most this many of the matching records (in import order): a trial run before the whole dataset. */
    limit: z.int().min(1).max(10_000_000).optional(),
  })
  .strict();

export type StartRunInput = z.input<typeof startRunSchema>;

export interface LlmRunView {
  id: string;
  datasetId: string;
  status: "running" | "paused" | "cancelled" | "completed";
  pauseReason: string | null;
  filter: RecordFilter;
  proposers: { model: string; questions: string[]; strategy: string }[];
  totalRecords: number;
  doneRecords: number;
  /** Records whose calls failed (after retries); resuming asks again for what is missing. */
  failedRecords: number;
  calls: number;
  failedCalls: number;
  suggestions: number;
  unparseable: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  createdBy: string | null;
}

function toView(run: LlmRun & { createdBy: { name: string | null; email: string } | null }, failedRecords: number): LlmRunView {
  const settings = readDatasetLlmSettings(run.settings);
  return {
    id: run.id,
    datasetId: run.datasetId,
    status: run.status,
    pauseReason: run.pauseReason,
    filter: run.filter as RecordFilter,
    proposers: settings.proposers.map((proposer) => ({
      model: proposer.model,
      questions: proposer.questions,
      strategy: proposer.strategy.kind === "variants" ? `variants: ${proposer.strategy.variants.join(", ")}` : proposer.strategy.kind,
    })),
    totalRecords: run.totalRecords,
    doneRecords: run.doneRecords,
    failedRecords,
    calls: run.calls,
    failedCalls: run.failedCalls,
    suggestions: run.suggestions,
    unparseable: run.unparseable,
    inputTokens: Number(run.inputTokens),
    outputTokens: Number(run.outputTokens),
    costUsd: Number(run.costUsd),
    lastError: run.lastError,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    createdBy: run.createdBy ? (run.createdBy.name ?? run.createdBy.email) : null,
  };
}

const runInclude = { createdBy: { select: { name: true, email: true } } } as const;

async function failedCounts(runIds: string[]): Promise<Map<string, number>> {
  if (runIds.length === 0) return new Map();
  const rows = await db.llmRunItem.groupBy({
    by: ["runId"],
    where: { runId: { in: runIds }, status: "done", error: { not: null } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.runId, row._count._all]));
}

export async function listRuns(actor: Actor, datasetId: string): Promise<LlmRunView[]> {
  const access = await datasetAccess(actor, datasetId, "llm.runs.manage");
  const runs = await db.llmRun.findMany({
    where: { datasetId: access.datasetId },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: runInclude,
  });
  const failed = await failedCounts(runs.map((run) => run.id));
  return runs.map((run) => toView(run, failed.get(run.id) ?? 0));
}

/** The run, checked against the actor's access to its dataset; another workspace's run is "not found". */
async function runFor(actor: Actor, runId: string) {
  const run = isUuid(runId) ? await db.llmRun.findUnique({ where: { id: runId }, include: runInclude }) : null;
  if (!run) throw new NotFoundError("LLM run");
  const access = await datasetAccess(actor, run.datasetId, "llm.runs.manage").catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("LLM run") : error;
  });
  return { ...run, workspaceId: access.workspaceId };
}

export async function getRun(actor: Actor, runId: string): Promise<LlmRunView> {
  const run = await runFor(actor, runId);
  return toView(run, (await failedCounts([run.id])).get(run.id) ?? 0);
}

/**
 * Starts a run with the dataset's LLM settings as they are now (a snapshot: editing them later does not change this
 * run): one item per matching record, one job per item.
 */
export async function startRun(actor: Actor, datasetId: string, input: StartRunInput): Promise<LlmRunView> {
  const access = await datasetAccess(actor, datasetId, "llm.runs.manage");
  // A body that does not validate is the caller's mistake (400 naming the path), not a server error.
  const checked = startRunSchema.safeParse(input);
  if (!checked.success) throw new ValidationError("The run's scope is not valid.", zodDetails(checked.error));
  const parsed = checked.data;
  const config = await loadDatasetConfig(access.datasetId);
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: access.datasetId }, select: { llm: true } });
  const settings = readDatasetLlmSettings(dataset.llm);
  if (settings.proposers.length === 0) {
    throw new ValidationError("This dataset has no LLM proposers yet: choose a model and the questions it proposes for first.", [
      { where: "proposers", message: "at least one proposer is required" },
    ]);
  }
  const problems = checkLlmSettings(
    settings,
    config.questions.map(({ name, title, description, type, settings: questionSettings }) => ({ name, title, description, type, settings: questionSettings })),
    config.fields.map((field) => field.name),
  );
  const providerIds = [...new Set(settings.proposers.map((proposer) => proposer.providerId))];
  const providers = await db.llmProvider.findMany({ where: { id: { in: providerIds }, workspaceId: access.workspaceId }, select: { id: true } });
  for (const [index, proposer] of settings.proposers.entries()) {
    if (!providers.some((provider) => provider.id === proposer.providerId)) {
      problems.push({ path: `proposers[${index}].providerId`, message: "this LLM provider no longer exists in the workspace" });
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `The dataset's LLM settings have ${problems.length} problem(s); fix them before starting a run.`,
      problems.map((problem) => ({ where: problem.path, message: problem.message })),
    );
  }
  const runId = await withTransaction(async (client) => {
    const created = await client.query<{ id: string }>(
      `INSERT INTO "LlmRun" ("datasetId", "createdById", settings, filter) VALUES ($1, $2, $3, $4) RETURNING id`,
      [access.datasetId, actor.userId, JSON.stringify(settings), JSON.stringify(parsed.filter)],
    );
    const id = created.rows[0]!.id;
    const params: unknown[] = [id];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = recordFilterConditions(config, parsed.filter, param);
    const limit = parsed.limit !== undefined ? `LIMIT ${param(parsed.limit)}` : "";
    const items = await client.query(
      `INSERT INTO "LlmRunItem" ("runId", "recordId")
       SELECT $1, r.id FROM "Record" r WHERE ${where.join(" AND ")} ORDER BY r."importOrder" ${limit}`,
      params,
    );
    if (!items.rowCount) throw new ValidationError("No records match the filter: the run would have nothing to do.");
    await client.query(`UPDATE "LlmRun" SET "totalRecords" = $2 WHERE id = $1`, [id, items.rowCount]);
    await enqueuePendingItems(client, id);
    await writeAudit(client, {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "llm_run.start",
      targetType: "llm_run",
      targetId: id,
      details: { datasetId: access.datasetId, records: items.rowCount },
    });
    return id;
  });
  return getRun(actor, runId);
}

async function changeStatus(actor: Actor, runId: string, action: "pause" | "resume" | "cancel"): Promise<LlmRunView> {
  const run = await runFor(actor, runId);
  const allowed: Record<typeof action, LlmRunView["status"][]> = {
    pause: ["running"],
    resume: ["paused", "completed"],
    cancel: ["running", "paused"],
  };
  if (!allowed[action].includes(run.status)) {
    throw new ConflictError(`A ${run.status} run cannot be ${action === "cancel" ? "cancelled" : `${action}d`}.`);
  }
  await withTransaction(async (client) => {
    if (action === "pause") {
      await client.query(`UPDATE "LlmRun" SET status = 'paused', "pauseReason" = $2, "updatedAt" = now() WHERE id = $1`, [
        runId,
        "Paused by a curator.",
      ]);
    } else if (action === "cancel") {
      await client.query(`UPDATE "LlmRun" SET status = 'cancelled', "finishedAt" = now(), "updatedAt" = now() WHERE id = $1`, [runId]);
    } else {
      // Records whose calls failed are asked again; their suggestions that did arrive are kept and skipped.
      const retried = await client.query(
        `UPDATE "LlmRunItem" SET status = 'pending', error = NULL WHERE "runId" = $1 AND status = 'done' AND error IS NOT NULL`,
        [runId],
      );
      await client.query(
        `UPDATE "LlmRun" SET status = 'running', "pauseReason" = NULL, "failureStreak" = 0, "finishedAt" = NULL,
           "doneRecords" = "doneRecords" - $2, "updatedAt" = now() WHERE id = $1`,
        [runId, retried.rowCount ?? 0],
      );
      const pending = await enqueuePendingItems(client, runId);
      if (pending === 0) {
        await client.query(`UPDATE "LlmRun" SET status = 'completed', "finishedAt" = now() WHERE id = $1`, [runId]);
      }
    }
    await writeAudit(client, {
      workspaceId: run.workspaceId,
      actorId: actor.userId,
      action: `llm_run.${action}`,
      targetType: "llm_run",
      targetId: runId,
      details: { datasetId: run.datasetId },
    });
  });
  if (action === "resume") {
    // Once more after the commit: a job a worker locked while the resume was in flight read the run as still paused
    // and skipped its record, and graphile's add_jobs, racing with that lock, may have neither replaced that job nor
    // added a new one. Jobs taken from now on see the run running; the job keys make this a no-op otherwise
    // (tests/integration/reliability-llm-endpoint-down.test.ts).
    await withTransaction((client) => enqueuePendingItems(client, runId));
  }
  return getRun(actor, runId);
}

export const pauseRun = (actor: Actor, runId: string) => changeStatus(actor, runId, "pause");
export const resumeRun = (actor: Actor, runId: string) => changeStatus(actor, runId, "resume");
export const cancelRun = (actor: Actor, runId: string) => changeStatus(actor, runId, "cancel");
