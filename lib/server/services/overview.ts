// The dataset at a glance (the Overview tab and GET /api/v1/datasets/{id}/overview): progress by routing decision,
// the uncertainty histogram, the LLM proposals' agreement with the human answers, the LLM cost so far and the
// annotators' throughput. Every figure but one is a SQL aggregate over indexed columns, so the page costs the same few
// queries at a thousand records as at a million. The exception is "LLM agreement with people", read through the loader
// every tab shares (human-consensus.ts) so that the figure is the same everywhere: it reads the records people
// reached a consensus on, in batches, which grows with human work, not with the dataset.
import type { Proportion } from "@/lib/quality";
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { datasetAccess } from "@/lib/server/services/access";
import { loadDatasetConfig } from "@/lib/server/services/dataset-config";
import { llmAgreementByQuestion } from "@/lib/server/services/human-consensus";
import { isCompared } from "@/lib/server/services/quality";

/** Uncertainty bins over 0..1: [i/20, (i+1)/20), the last one holding 1 too. */
export const UNCERTAINTY_BINS = 20;
/** Days of the throughput chart, today (UTC) included. */
export const THROUGHPUT_DAYS = 14;

export type Decision = "pending" | "auto" | "audit" | "human";

export interface OverviewProgress {
  total: number;
  /** Accepted from the LLMs without a human look. */
  auto: number;
  /** Routed to humans and answered by as many as the record needs. */
  humanDone: number;
  /** Routed to humans, still waiting for responses. */
  humanWaiting: number;
  /** Accepted, and sampled for a human check; `auditDone` of them are checked. */
  audit: number;
  auditDone: number;
  /** Not routed yet (no uncertainty signal). */
  pending: number;
}

export interface UncertaintyBin {
  lower: number;
  upper: number;
  /** Records in the bin by routing decision. */
  auto: number;
  audit: number;
  human: number;
  pending: number;
}

export interface LlmAgreement {
  name: string;
  title: string;
  type: string;
  /** LLM agreement with people (lib/quality/llm-agreement.ts): the proposal against the human consensus. */
  accuracy: Proportion;
}

export interface ModelCost {
  /** The model's name; "(unknown)" for suggestions pushed without one. */
  model: string;
  suggestions: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface AnnotatorThroughput {
  username: string;
  name: string;
  /** Submitted responses in this dataset, ever. */
  total: number;
  /** Submitted per day, aligned with `throughput.days`. */
  perDay: number[];
}

export interface DatasetOverview {
  datasetId: string;
  progress: OverviewProgress;
  uncertainty: { bins: UncertaintyBin[]; withoutUncertainty: number };
  llmAgreement: LlmAgreement[];
  cost: { suggestions: number; inputTokens: number; outputTokens: number; costUsd: number; byModel: ModelCost[] };
  throughput: { days: string[]; annotators: AnnotatorThroughput[] };
}

async function progressOf(datasetId: string): Promise<OverviewProgress> {
  const { rows } = await pool().query<OverviewProgress>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE "routingDecision" = 'auto')::int AS auto,
            count(*) FILTER (WHERE "routingDecision" = 'human' AND "submittedCount" >= "requiredResponses")::int AS "humanDone",
            count(*) FILTER (WHERE "routingDecision" = 'human' AND "submittedCount" < "requiredResponses")::int AS "humanWaiting",
            count(*) FILTER (WHERE "routingDecision" = 'audit')::int AS audit,
            count(*) FILTER (WHERE "routingDecision" = 'audit' AND "submittedCount" >= "requiredResponses")::int AS "auditDone",
            count(*) FILTER (WHERE "routingDecision" = 'pending')::int AS pending
     FROM "Record" WHERE "datasetId" = $1`,
    [datasetId],
  );
  return rows[0]!;
}

async function uncertaintyOf(datasetId: string): Promise<DatasetOverview["uncertainty"]> {
  const { rows } = await pool().query<{ bin: number | null; decision: Decision; count: number }>(
    `SELECT CASE WHEN uncertainty IS NULL THEN NULL ELSE least(floor(uncertainty * $2)::int, $2 - 1) END AS bin,
            "routingDecision"::text AS decision, count(*)::int AS count
     FROM "Record" WHERE "datasetId" = $1 GROUP BY 1, 2`,
    [datasetId, UNCERTAINTY_BINS],
  );
  const bins: UncertaintyBin[] = Array.from({ length: UNCERTAINTY_BINS }, (_, i) => ({
    lower: i / UNCERTAINTY_BINS,
    upper: (i + 1) / UNCERTAINTY_BINS,
    auto: 0,
    audit: 0,
    human: 0,
    pending: 0,
  }));
  let withoutUncertainty = 0;
  for (const row of rows) {
    if (row.bin === null) withoutUncertainty += row.count;
    else bins[Math.max(0, row.bin)]![row.decision] += row.count;
  }
  return { bins, withoutUncertainty };
}

async function llmAgreementOf(datasetId: string): Promise<LlmAgreement[]> {
  const config = await loadDatasetConfig(datasetId);
  const compared = config.questions.filter(isCompared);
  // The one definition (lib/quality/llm-agreement.ts), through the one loader, as every other tab.
  const figures = await llmAgreementByQuestion(datasetId, compared);
  return compared.map((q) => ({ name: q.name, title: q.title, type: q.type, accuracy: figures.get(q.name)! }));
}

async function costOf(datasetId: string): Promise<DatasetOverview["cost"]> {
  const { rows } = await pool().query<ModelCost>(
    `SELECT coalesce(g.model, '(unknown)') AS model, count(*)::int AS suggestions,
            coalesce(sum(g."inputTokens"), 0)::float8 AS "inputTokens",
            coalesce(sum(g."outputTokens"), 0)::float8 AS "outputTokens",
            coalesce(sum(g."costUsd"), 0)::float8 AS "costUsd"
     FROM "Suggestion" g JOIN "Question" q ON q.id = g."questionId"
     WHERE q."datasetId" = $1
     GROUP BY 1 ORDER BY "costUsd" DESC, model`,
    [datasetId],
  );
  const sum = (key: "suggestions" | "inputTokens" | "outputTokens" | "costUsd") => rows.reduce((total, row) => total + row[key], 0);
  return {
    suggestions: sum("suggestions"),
    inputTokens: sum("inputTokens"),
    outputTokens: sum("outputTokens"),
    // Decimal(12, 6) per suggestion: round the float sums back to micro-dollars.
    costUsd: Math.round(sum("costUsd") * 1e6) / 1e6,
    byModel: rows.map((row) => ({ ...row, costUsd: Math.round(row.costUsd * 1e6) / 1e6 })),
  };
}

/** The last THROUGHPUT_DAYS UTC dates, oldest first, as YYYY-MM-DD. */
function lastDays(now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: THROUGHPUT_DAYS }, (_, i) =>
    new Date(today - (THROUGHPUT_DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

async function throughputOf(datasetId: string, now: Date): Promise<DatasetOverview["throughput"]> {
  const days = lastDays(now);
  const { rows } = await pool().query<{ userId: string; username: string; name: string; day: string | null; count: number }>(
    `SELECT u.id AS "userId", u.username, u.name,
            CASE WHEN s."submittedAt" >= ($2::date)::timestamp AT TIME ZONE 'UTC' THEN to_char(s."submittedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') END AS day,
            count(*)::int AS count
     FROM "Response" s JOIN "Record" r ON r.id = s."recordId" JOIN "User" u ON u.id = s."userId"
     WHERE r."datasetId" = $1 AND s.status = 'submitted'
     GROUP BY 1, 2, 3, 4`,
    [datasetId, days[0]],
  );
  const index = new Map(days.map((day, i) => [day, i]));
  const annotators = new Map<string, AnnotatorThroughput>();
  for (const row of rows) {
    let a = annotators.get(row.userId);
    if (!a) annotators.set(row.userId, (a = { username: row.username, name: row.name, total: 0, perDay: days.map(() => 0) }));
    a.total += row.count;
    const i = row.day === null ? undefined : index.get(row.day);
    if (i !== undefined) a.perDay[i]! += row.count;
  }
  return { days, annotators: [...annotators.values()].sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0)) };
}

/** The overview of a dataset. Owners, admins and curators (`records.view`). */
export async function datasetOverview(actor: Actor, datasetId: string, now: Date = new Date()): Promise<DatasetOverview> {
  const access = await datasetAccess(actor, datasetId, "records.view");
  const id = access.datasetId;
  const [progress, uncertainty, llmAgreement, cost, throughput] = await Promise.all([
    progressOf(id),
    uncertaintyOf(id),
    llmAgreementOf(id),
    costOf(id),
    throughputOf(id, now),
  ]);
  return { datasetId: id, progress, uncertainty, llmAgreement, cost, throughput };
}
