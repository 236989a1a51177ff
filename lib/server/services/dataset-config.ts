// Loads a dataset with its fields, questions and metadata properties, its JSON settings validated by the same zod
// schemas that validated them on the way in.
import {
  distributionSchema,
  uncertaintySettingsSchema,
  type FieldType,
} from "@/lib/datasets/settings";
import type { UncertaintyMethod } from "@/lib/questions";
import { routingSettingsSchema, type RoutingSettings } from "@/lib/routing/policies";
import { db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { NotFoundError } from "@/lib/server/errors";

export interface DatasetConfig {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  guidelines: string;
  status: "draft" | "published";
  minSubmitted: number;
  /** Annotators see no suggestions or proposals (DatasetSettings.distribution.blind). */
  blind: boolean;
  routing: RoutingSettings;
  uncertaintyMethod: UncertaintyMethod;
  fields: { id: string; name: string; title: string; type: FieldType; required: boolean }[];
  questions: {
    id: string;
    name: string;
    title: string;
    description: string;
    type: string;
    required: boolean;
    settings: unknown;
  }[];
  metadata: {
    id: string;
    name: string;
    title: string;
    type: "terms" | "integer" | "float";
    visibleForAnnotators: boolean;
    settings: Record<string, unknown>;
  }[];
}

/** What loadDatasetConfig reads with a dataset; reuse it to read one inside a transaction. */
export const datasetConfigInclude = {
  fields: { orderBy: { position: "asc" } },
  questions: { orderBy: { position: "asc" } },
  metadata: { orderBy: { position: "asc" } },
} as const;

export type DatasetConfigRow = Prisma.DatasetGetPayload<{ include: typeof datasetConfigInclude }>;

export async function loadDatasetConfig(datasetId: string): Promise<DatasetConfig> {
  const dataset = await db.dataset.findUnique({ where: { id: datasetId }, include: datasetConfigInclude });
  if (!dataset) throw new NotFoundError("Dataset");
  return configOf(dataset);
}

/** A dataset row with its fields, questions and metadata, its JSON settings validated. */
export function configOf(dataset: DatasetConfigRow): DatasetConfig {
  return {
    id: dataset.id,
    workspaceId: dataset.workspaceId,
    name: dataset.name,
    description: dataset.description,
    guidelines: dataset.guidelines,
    status: dataset.status,
    minSubmitted: distributionSchema.parse(dataset.distribution).minSubmitted,
    blind: distributionSchema.parse(dataset.distribution).blind,
    routing: routingSettingsSchema.parse(dataset.routing),
    uncertaintyMethod: uncertaintySettingsSchema.parse(dataset.uncertainty).method,
    fields: dataset.fields.map(({ id, name, title, type, required }) => ({ id, name, title, type, required })),
    questions: dataset.questions.map(({ id, name, title, description, type, required, settings }) => ({
      id,
      name,
      title,
      description,
      type,
      required,
      settings,
    })),
    metadata: dataset.metadata.map(({ id, name, title, type, visibleForAnnotators, settings }) => ({
      id,
      name,
      title,
      type,
      visibleForAnnotators,
      settings: (settings ?? {}) as Record<string, unknown>,
    })),
  };
}
