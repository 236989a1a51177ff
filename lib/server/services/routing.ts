// A dataset's routing policy as curators set it: read it with the current decisions, preview what a changed policy
// would decide (the same pure `decideRouting` the recompute applies, on the dataset's current uncertainties, so the
// preview is exactly what saving gives), and save it (the recompute then applies it).
import type { Actor } from "@/lib/server/auth/actor";
import { enqueueRecompute } from "@/lib/jobs/enqueue";
import {
  decideRouting,
  requiredResponsesFor,
  routingFromSettings,
  routingSettingsSchema,
  type RoutingCandidate,
  type RoutingDecision,
  type RoutingSettings,
} from "@/lib/routing/policies";
import { accuracy, scoreRouting, type Proportion } from "@/lib/quality";
import { uncertaintySettingsSchema } from "@/lib/datasets/settings";
import type { UncertaintyMethod } from "@/lib/questions";
import { pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { ValidationError } from "@/lib/server/errors";
import { datasetAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { isCompared, measuredItems } from "@/lib/server/services/quality";
import { zodDetails } from "@/lib/server/validation";

export type DecisionCounts = Record<RoutingDecision, number>;

export interface RoutingOutcome {
  counts: DecisionCounts;
  /** Submitted responses the records routed to humans (and audits) need in all, adaptive overlap included. */
  humanResponsesNeeded: number;
  /** Records that need more than the base number of responses (adaptive overlap). */
  overlapRecords: number;
  /** Per compared question, the accuracy the policy would give where human answers exist to estimate it. */
  expected: ExpectedQuality[];
}

export interface ExpectedQuality {
  name: string;
  title: string;
  /** Records with a proposal and a human answer to this question: what the estimate stands on. */
  n: number;
  /** Final answers if records routed to humans take the human answer and the rest keep the proposal. */
  accuracy: Proportion;
  macroF1: number | null;
  /** The proposals the policy would accept (auto and audit) against the human answers. */
  accepted: Proportion;
}

export interface RoutingView {
  datasetId: string;
  settings: RoutingSettings;
  /** How uncertainty is measured (the dataset's `uncertainty.method`; `auto` picks the signal the data has). */
  uncertaintyMethod: UncertaintyMethod;
  minSubmitted: number;
  /** What the saved policy decided at the last recompute (null `routedAt`: a recompute is on its way). */
  current: DecisionCounts;
  routedAt: string | null;
}

function parseRouting(input: unknown): RoutingSettings {
  const parsed = routingSettingsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The routing settings are not valid.", zodDetails(parsed.error));
  return parsed.data;
}

export async function getRouting(actor: Actor, datasetId: string): Promise<RoutingView> {
  const access = await datasetAccess(actor, datasetId, "routing.configure");
  const config = await loadDatasetConfig(access.datasetId);
  const counts = await pool().query<{ decision: RoutingDecision; count: number; routedAt: Date | null }>(
    `SELECT r."routingDecision" AS decision, count(*)::int AS count, d."routedAt"
     FROM "Dataset" d LEFT JOIN "Record" r ON r."datasetId" = d.id
     WHERE d.id = $1 GROUP BY r."routingDecision", d."routedAt"`,
    [access.datasetId],
  );
  const current: DecisionCounts = { pending: 0, auto: 0, audit: 0, human: 0 };
  for (const row of counts.rows) if (row.decision) current[row.decision] = row.count;
  const routedAt = counts.rows[0]?.routedAt ?? null;
  return {
    datasetId: access.datasetId,
    settings: config.routing,
    uncertaintyMethod: config.uncertaintyMethod,
    minSubmitted: config.minSubmitted,
    current,
    routedAt: routedAt?.toISOString() ?? null,
  };
}

/** What `settings` would decide for the dataset's records as their uncertainties are now. Nothing is written. */
export async function previewRouting(actor: Actor, datasetId: string, input: unknown): Promise<RoutingOutcome> {
  const access = await datasetAccess(actor, datasetId, "routing.configure");
  const settings = parseRouting(input);
  const config = await loadDatasetConfig(access.datasetId);
  const candidates = await pool().query<RoutingCandidate>(
    `SELECT r.id, r.uncertainty, r."importOrder", EXISTS (SELECT 1 FROM "Proposal" p WHERE p."recordId" = r.id) AS proposed
     FROM "Record" r WHERE r."datasetId" = $1`,
    [access.datasetId],
  );
  const { policy, options } = routingFromSettings(settings);
  const decided = decideRouting(candidates.rows, policy, options);
  const outcome: RoutingOutcome = {
    counts: { pending: 0, auto: 0, audit: 0, human: 0 },
    humanResponsesNeeded: 0,
    overlapRecords: 0,
    expected: await expectedQuality(config, decided),
  };
  for (const candidate of candidates.rows) {
    const decision = decided.get(candidate.id)!;
    outcome.counts[decision] += 1;
    if (decision !== "human" && decision !== "audit") continue;
    const required = requiredResponsesFor(candidate.uncertainty, config.minSubmitted, settings);
    outcome.humanResponsesNeeded += required;
    if (required > config.minSubmitted) outcome.overlapRecords += 1;
  }
  return outcome;
}

/**
 * The quality the decisions would give, measured as the Quality tab measures the frontier: on the records that have
 * a proposal and a human consensus, a record routed to humans holds the human answer, an accepted one its proposal.
 */
async function expectedQuality(config: DatasetConfig, decided: ReadonlyMap<string, RoutingDecision>): Promise<ExpectedQuality[]> {
  const compared = config.questions.filter(isCompared);
  const { items } = await measuredItems(config, compared, [config.uncertaintyMethod]);
  return compared.map((question) => {
    const list = items.get(question.name) ?? [];
    const routed = scoreRouting(list, decided);
    const accepted = list.filter((item) => {
      const decision = decided.get(item.id);
      return decision === "auto" || decision === "audit";
    });
    return {
      name: question.name,
      title: question.title,
      n: list.length,
      accuracy: routed.accuracy,
      macroF1: routed.macroF1,
      accepted: accuracy(accepted.map((item) => ({ answer: item.proposal, reference: item.reference }))),
    };
  });
}

/**
 * The body's `uncertaintyMethod` (optional: absent keeps the dataset's method). It travels with the routing settings
 * because curators choose both together: which signal ranks the records, and how many of them people see.
 */
function parseMethod(input: unknown): UncertaintyMethod | undefined {
  const raw = input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>).uncertaintyMethod : undefined;
  if (raw === undefined) return undefined;
  const parsed = uncertaintySettingsSchema.shape.method.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError("The routing settings are not valid.", zodDetails(parsed.error).map((d) => ({ ...d, where: "uncertaintyMethod" })));
  return parsed.data;
}

/** Saves the policy (and the uncertainty method); the recompute job applies them to every record. */
export async function updateRouting(actor: Actor, datasetId: string, input: unknown): Promise<RoutingView> {
  const access = await datasetAccess(actor, datasetId, "routing.configure");
  const settings = parseRouting(input);
  const method = parseMethod(input);
  await withTransaction(async (client) => {
    await client.query(
      `UPDATE "Dataset" SET routing = $2,
         uncertainty = CASE WHEN $3::text IS NULL THEN uncertainty ELSE jsonb_build_object('method', $3::text) END,
         "routedAt" = NULL, "updatedAt" = now()
       WHERE id = $1`,
      [access.datasetId, JSON.stringify(settings), method ?? null],
    );
    await writeAudit(client, {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "dataset.routing.update",
      targetType: "dataset",
      targetId: access.datasetId,
      details: method ? { ...settings, uncertaintyMethod: method } : settings,
    });
    await enqueueRecompute(client, access.datasetId, 0);
  });
  return getRouting(actor, access.datasetId);
}
