// Datasets: creation from settings (the settings.json of a dataset folder, the API) and the workspace's list with
// progress. Counts are SQL aggregates, never rows loaded into memory.
import type { Actor } from "@/lib/server/auth/actor";
import { datasetSettingsSchema, type DatasetSettings } from "@/lib/datasets/settings";
import { db } from "@/lib/server/db/client";
import { prismaQueryable } from "@/lib/server/db/prisma-queryable";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { ConflictError, ValidationError } from "@/lib/server/errors";
import { workspaceAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { recordsWaitingFor } from "@/lib/server/services/queue";
import { zodDetails } from "@/lib/server/validation";

export async function createDataset(
  actor: Actor,
  workspaceIdOrSlug: string,
  rawSettings: unknown,
  options: { publish?: boolean } = {},
): Promise<{ id: string }> {
  const access = await workspaceAccess(actor, workspaceIdOrSlug, "dataset.create");
  const parsed = datasetSettingsSchema.safeParse(rawSettings);
  if (!parsed.success) throw new ValidationError("The dataset settings are not valid.", zodDetails(parsed.error));
  const existing = await db.dataset.findUnique({
    where: { workspaceId_name: { workspaceId: access.workspaceId, name: parsed.data.name } },
  });
  if (existing) throw new ConflictError(`A dataset named "${parsed.data.name}" already exists in this workspace.`);
  return db.$transaction(async (tx) => {
    const dataset = await insertDataset(tx, access.workspaceId, parsed.data, options.publish ?? false);
    await writeAudit(prismaQueryable(tx), {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "dataset.create",
      targetType: "dataset",
      targetId: dataset.id,
      details: { name: parsed.data.name },
    });
    return dataset;
  });
}

/**
 * The rows of a dataset's fields, questions and metadata properties, as its settings describe them (titles default to
 * names; positions follow the order given). Creating a dataset and changing its settings both write these.
 */
export function settingsRows(settings: DatasetSettings) {
  return {
    fields: settings.fields.map((field, position) => ({
      name: field.name,
      title: field.title ?? field.name,
      type: field.type,
      required: field.required,
      position,
    })),
    questions: settings.questions.map((question, position) => ({
      name: question.name,
      title: question.title ?? question.name,
      description: question.description,
      type: question.type,
      required: question.required,
      settings: question.settings as Prisma.InputJsonValue,
      position,
    })),
    metadata: settings.metadata.map((property, position) => ({
      name: property.name,
      title: property.title ?? property.name,
      type: property.type,
      visibleForAnnotators: property.visibleForAnnotators,
      settings: property.settings as Prisma.InputJsonValue,
      position,
    })),
  };
}

async function insertDataset(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  settings: DatasetSettings,
  publish: boolean,
): Promise<{ id: string }> {
  const rows = settingsRows(settings);
  return tx.dataset.create({
    data: {
      workspaceId,
      name: settings.name,
      description: settings.description,
      guidelines: settings.guidelines,
      status: publish ? "published" : "draft",
      publishedAt: publish ? new Date() : null,
      distribution: settings.distribution,
      routing: settings.routing,
      uncertainty: settings.uncertainty,
      fields: { create: rows.fields },
      questions: { create: rows.questions },
      metadata: { create: rows.metadata },
    },
    select: { id: true },
  });
}

export interface DatasetProgress {
  total: number;
  pending: number;
  auto: number;
  audit: number;
  human: number;
  /** Records routed to humans (human or audit) that have all the responses they need. */
  humanDone: number;
}

export interface DatasetSummary {
  id: string;
  name: string;
  description: string;
  status: "draft" | "published";
  updatedAt: Date;
  /** When proposals and routing were last computed; null while the worker is on it. */
  routedAt: Date | null;
  lastActivityAt: Date | null;
  progress: DatasetProgress;
  /** Records this actor could be served now by the queue. */
  myPending: number;
}

interface ProgressRow {
  datasetId: string;
  decision: "pending" | "auto" | "audit" | "human";
  total: number;
  done: number;
}

export async function listDatasets(actor: Actor, workspaceIdOrSlug: string): Promise<DatasetSummary[]> {
  const access = await workspaceAccess(actor, workspaceIdOrSlug, "dataset.view");
  const datasets = await db.dataset.findMany({
    where: { workspaceId: access.workspaceId },
    orderBy: { createdAt: "asc" },
  });
  if (datasets.length === 0) return [];
  const ids = datasets.map((dataset) => dataset.id);
  const progressRows = await db.$queryRaw<ProgressRow[]>`
    SELECT "datasetId", "routingDecision"::text AS decision, count(*)::int AS total,
           count(*) FILTER (WHERE "submittedCount" >= "requiredResponses")::int AS done
    FROM "Record" WHERE "datasetId" = ANY(${ids}::uuid[])
    GROUP BY "datasetId", "routingDecision"`;
  const waiting = await recordsWaitingFor(actor.userId, ids);
  const activityRows = await db.$queryRaw<{ datasetId: string; at: Date }[]>`
    SELECT r."datasetId", max(s."updatedAt") AS at
    FROM "Response" s JOIN "Record" r ON r.id = s."recordId"
    WHERE r."datasetId" = ANY(${ids}::uuid[])
    GROUP BY r."datasetId"`;
  return datasets.map((dataset) => {
    const progress: DatasetProgress = { total: 0, pending: 0, auto: 0, audit: 0, human: 0, humanDone: 0 };
    for (const row of progressRows.filter((candidate) => candidate.datasetId === dataset.id)) {
      progress[row.decision] += row.total;
      progress.total += row.total;
      if (row.decision === "human" || row.decision === "audit") progress.humanDone += row.done;
    }
    return {
      id: dataset.id,
      name: dataset.name,
      description: dataset.description,
      status: dataset.status,
      updatedAt: dataset.updatedAt,
      routedAt: dataset.routedAt,
      lastActivityAt: activityRows.find((row) => row.datasetId === dataset.id)?.at ?? null,
      progress,
      myPending: waiting.get(dataset.id) ?? 0,
    };
  });
}
