// A dataset's settings after creation: read them in the settings.json shape (so that a dataset folder exported and
// imported again gives the same dataset), change them, publish. Which changes are allowed is decided by the pure
// rules of lib/datasets/settings-changes.ts; this service applies the allowed ones in one transaction (fields,
// questions and metadata properties matched by name) and refuses the whole request otherwise, naming every refused
// change.
import { z } from "zod";
import { enqueueRecompute } from "@/lib/jobs/enqueue";
import {
  datasetSettingsSchema,
  distributionSchema,
  uncertaintySettingsSchema,
  type DatasetSettings,
  type DatasetSettingsInput,
} from "@/lib/datasets/settings";
import {
  changedParts,
  describeRefusal,
  formatChangePath,
  needsRecompute,
  refusedChanges,
  type DatasetStatus,
} from "@/lib/datasets/settings-changes";
import { findQuestionSetProblems } from "@/lib/questions";
import { routingSettingsSchema } from "@/lib/routing/policies";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { prismaQueryable } from "@/lib/server/db/prisma-queryable";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { AppError, ConflictError, NotFoundError, ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { datasetAccess, workspaceAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import {
  configOf,
  datasetConfigInclude,
  type DatasetConfig,
  type DatasetConfigRow as DatasetRow,
} from "@/lib/server/services/dataset-config";
import { createDataset, settingsRows } from "@/lib/server/services/datasets";
import { zodDetails } from "@/lib/server/validation";

export interface DatasetSettingsView {
  id: string;
  status: DatasetStatus;
  settings: DatasetSettingsInput;
}

export interface DatasetSettingsEditorView extends DatasetSettingsView {
  workspaceId: string;
  recordCount: number;
  publishedAt: Date | null;
}

/** The settings.json shape of a loaded dataset: what `createDataset` accepts, so that export and import round-trip. */
export function toSettings(config: DatasetConfig): DatasetSettingsInput {
  return {
    name: config.name,
    description: config.description,
    guidelines: config.guidelines,
    fields: config.fields.map(({ name, title, type, required }) => ({ name, title, type, required })),
    questions: config.questions.map(({ name, title, description, type, required, settings }) => ({
      name,
      title,
      description,
      type: type as DatasetSettingsInput["questions"][number]["type"],
      required,
      settings,
    })),
    metadata: config.metadata.map(({ name, title, type, visibleForAnnotators, settings }) => ({
      name,
      title,
      type,
      visibleForAnnotators,
      settings,
    })),
    distribution: { minSubmitted: config.minSubmitted, blind: config.blind },
    routing: config.routing,
    uncertainty: { method: config.uncertaintyMethod },
  };
}

/** Validates settings as a whole: each part (zod), then what needs the questions together (companions). */
export function validateSettings(raw: unknown): DatasetSettings {
  const parsed = datasetSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("The dataset settings are not valid.", zodDetails(parsed.error));
  const details: ErrorDetail[] = [];
  for (const problem of findQuestionSetProblems(parsed.data.questions)) {
    // Problems read `question "name": …`; point at the question, or at its companion setting.
    const index = parsed.data.questions.findIndex((question) => problem.startsWith(`question "${question.name}"`));
    const where = index < 0 ? "questions" : `questions[${index}].settings${problem.includes("companion") ? ".companion" : ""}`;
    details.push({ where, message: problem.replace(/^question "[^"]*": /, "") });
  }
  if (details.length > 0) throw new ValidationError("The dataset settings are not valid.", details);
  return parsed.data;
}

const createBodySchema = z.object({
  workspace: z.string().min(1, "workspace must be a slug or an id").max(200),
  settings: z.unknown(),
  publish: z.boolean().optional(),
});

/** `POST /api/v1/datasets`: `{ workspace, settings, publish? }`. */
export async function createDatasetFromBody(actor: Actor, body: unknown): Promise<{ id: string }> {
  const parsed = createBodySchema.strict().safeParse(body);
  if (!parsed.success) throw new ValidationError("The request body is not valid.", zodDetails(parsed.error));
  return createDatasetWithSettings(actor, parsed.data.workspace, parsed.data.settings, { publish: parsed.data.publish });
}

export async function createDatasetWithSettings(
  actor: Actor,
  workspaceIdOrSlug: string,
  rawSettings: unknown,
  options: { publish?: boolean } = {},
): Promise<{ id: string }> {
  // Permission first: a caller who may not create datasets learns nothing from validation errors.
  await workspaceAccess(actor, workspaceIdOrSlug, "dataset.create");
  validateSettings(rawSettings);
  return createDataset(actor, workspaceIdOrSlug, rawSettings, options);
}

type Tx = Prisma.TransactionClient;


async function readDataset(client: Tx | typeof db, datasetId: string): Promise<DatasetRow> {
  const dataset = await client.dataset.findUnique({ where: { id: datasetId }, include: datasetConfigInclude });
  if (!dataset) throw new NotFoundError("Dataset");
  return dataset;
}

async function editorView(client: Tx | typeof db, datasetId: string): Promise<DatasetSettingsEditorView> {
  const dataset = await readDataset(client, datasetId);
  const recordCount = await client.record.count({ where: { datasetId } });
  return {
    id: dataset.id,
    status: dataset.status,
    settings: toSettings(configOf(dataset)),
    workspaceId: dataset.workspaceId,
    recordCount,
    publishedAt: dataset.publishedAt,
  };
}

/** `GET /api/v1/datasets/{id}`: anyone who may see the dataset. */
export async function getDatasetSettings(actor: Actor, datasetId: string): Promise<DatasetSettingsView> {
  const access = await datasetAccess(actor, datasetId, "dataset.view");
  const dataset = await readDataset(db, access.datasetId);
  return { id: dataset.id, status: dataset.status, settings: toSettings(configOf(dataset)) };
}

/** The settings screen: admins only, with what the locks need (status, number of records). */
export async function getDatasetSettingsForEditing(actor: Actor, datasetId: string): Promise<DatasetSettingsEditorView> {
  const access = await datasetAccess(actor, datasetId, "dataset.configure");
  return editorView(db, access.datasetId);
}

const settingKeys = [
  "name",
  "description",
  "guidelines",
  "fields",
  "questions",
  "metadata",
  "distribution",
  "routing",
  "uncertainty",
] as const satisfies readonly (keyof DatasetSettings)[];

/** A PATCH body: any of the settings' top-level parts; each one given replaces the current one whole. */
function mergePatch(current: DatasetSettingsInput, patch: unknown): Record<string, unknown> {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) {
    throw new ValidationError("The body must be a JSON object with the settings to change.");
  }
  const unknownKeys = Object.keys(patch).filter((key) => !(settingKeys as readonly string[]).includes(key));
  if (unknownKeys.length > 0) {
    throw new ValidationError(
      "The body has parts that are not dataset settings.",
      unknownKeys.map((key) => ({ where: key, message: `unknown setting (expected any of: ${settingKeys.join(", ")})` })),
    );
  }
  return { ...current, ...(patch as Record<string, unknown>) };
}

async function lockDataset(tx: Tx, datasetId: string): Promise<void> {
  // Blocks concurrent settings changes and record imports (their foreign key check) until this transaction ends,
  // so the number of records the rules looked at is still true when the changes are written.
  await tx.$queryRaw`SELECT id FROM "Dataset" WHERE id = ${datasetId}::uuid FOR UPDATE`;
}

/**
 * `PATCH /api/v1/datasets/{id}`: applies a partial or whole settings object if every change is allowed for the
 * dataset's status and records; otherwise refuses it whole (400), naming each refused change and why.
 */
export async function updateDatasetSettings(actor: Actor, datasetId: string, patch: unknown): Promise<DatasetSettingsView> {
  const access = await datasetAccess(actor, datasetId, "dataset.configure");
  const id = access.datasetId;
  await db.$transaction(async (tx) => {
    await lockDataset(tx, id);
    const dataset = await readDataset(tx, id);
    const current = toSettings(configOf(dataset));
    const before = datasetSettingsSchema.parse(current);
    const after = validateSettings(mergePatch(current, patch));
    const recordCount = await tx.record.count({ where: { datasetId: id } });
    const refused = refusedChanges(before, after, { status: dataset.status, recordCount });
    if (refused.length > 0) {
      const what = refused.length === 1 ? "1 change is" : `${refused.length} changes are`;
      const why = dataset.status === "published" ? "on a published dataset" : "while the dataset has records";
      throw new AppError(
        `${what} not allowed ${why}; nothing was saved.`,
        400,
        "change_refused",
        refused.map((change) => ({ where: formatChangePath(change.path), message: describeRefusal(change) })),
      );
    }
    const changed = changedParts(before, after);
    if (changed.length === 0) return;
    if (after.name !== before.name) {
      const taken = await tx.dataset.findFirst({ where: { workspaceId: dataset.workspaceId, name: after.name, NOT: { id } } });
      if (taken) throw new ConflictError(`A dataset named "${after.name}" already exists in this workspace.`);
    }
    await applySettings(tx, dataset, after);
    if (before.distribution.minSubmitted !== after.distribution.minSubmitted) {
      // Records nobody has submitted yet take the new number; records under way keep the one they started with,
      // so no record becomes complete (or incomplete) behind its annotators' backs.
      await tx.record.updateMany({
        where: { datasetId: id, submittedCount: 0, requiredResponses: before.distribution.minSubmitted },
        data: { requiredResponses: after.distribution.minSubmitted },
      });
    }
    if (recordCount > 0 && needsRecompute(before, after)) {
      await tx.dataset.update({ where: { id }, data: { routedAt: null } });
      await enqueueRecompute(prismaQueryable(tx), id);
    }
    await writeAudit(prismaQueryable(tx), {
      workspaceId: dataset.workspaceId,
      actorId: actor.userId,
      action: "dataset.update",
      targetType: "dataset",
      targetId: id,
      details: { changed, status: dataset.status },
    });
  });
  return getDatasetSettings(actor, id);
}

async function applySettings(tx: Tx, dataset: DatasetRow, settings: DatasetSettings): Promise<void> {
  const datasetId = dataset.id;
  await tx.dataset.update({
    where: { id: datasetId },
    data: {
      name: settings.name,
      description: settings.description,
      guidelines: settings.guidelines,
      distribution: settings.distribution,
      routing: settings.routing,
      uncertainty: settings.uncertainty,
    },
  });
  // Removals first (the rules allowed them: no data refers to them), then every item by name, in its new position.
  await tx.field.deleteMany({ where: { datasetId, name: { notIn: settings.fields.map((field) => field.name) } } });
  await tx.question.deleteMany({ where: { datasetId, name: { notIn: settings.questions.map((question) => question.name) } } });
  await tx.metadataProperty.deleteMany({
    where: { datasetId, name: { notIn: settings.metadata.map((property) => property.name) } },
  });
  const rows = settingsRows(settings);
  for (const { name, ...data } of rows.fields) {
    await tx.field.upsert({ where: { datasetId_name: { datasetId, name } }, create: { datasetId, name, ...data }, update: data });
  }
  for (const { name, ...data } of rows.questions) {
    await tx.question.upsert({ where: { datasetId_name: { datasetId, name } }, create: { datasetId, name, ...data }, update: data });
  }
  for (const { name, ...data } of rows.metadata) {
    await tx.metadataProperty.upsert({
      where: { datasetId_name: { datasetId, name } },
      create: { datasetId, name, ...data },
      update: data,
    });
  }
}

/** `POST /api/v1/datasets/{id}/publish`: a draft becomes published (from then on, only safe changes). Idempotent. */
export async function publishDataset(actor: Actor, datasetId: string): Promise<DatasetSettingsView> {
  const access = await datasetAccess(actor, datasetId, "dataset.configure");
  const id = access.datasetId;
  await db.$transaction(async (tx) => {
    await lockDataset(tx, id);
    const dataset = await tx.dataset.findUnique({ where: { id }, select: { status: true, workspaceId: true } });
    if (!dataset) throw new NotFoundError("Dataset");
    if (dataset.status === "published") return;
    await tx.dataset.update({ where: { id }, data: { status: "published", publishedAt: new Date() } });
    await writeAudit(prismaQueryable(tx), {
      workspaceId: dataset.workspaceId,
      actorId: actor.userId,
      action: "dataset.publish",
      targetType: "dataset",
      targetId: id,
      details: {},
    });
  });
  return getDatasetSettings(actor, id);
}
