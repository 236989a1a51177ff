// A dataset's settings, as they travel in `settings.json` (a dataset folder), the API and the settings screens.
// Pure: validated with zod; question settings are validated by their own type's module in lib/questions.
import { z } from "zod";
import { getQuestionType, questionTypeNames, UNCERTAINTY_METHODS } from "@/lib/questions";
import { routingSettingsSchema } from "@/lib/routing/policies";

const nameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z_][a-zA-Z0-9_-]*$/, "must start with a letter or _ and use only letters, digits, _ and -");

export const fieldTypes = ["text", "markdown", "chat", "image", "json"] as const;
export type FieldType = (typeof fieldTypes)[number];

export const fieldSettingsSchema = z.object({
  name: nameSchema,
  title: z.string().min(1).max(200).optional(),
  type: z.enum(fieldTypes),
  required: z.boolean().default(true),
});

export const questionSettingsSchema = z
  .object({
    name: nameSchema,
    title: z.string().min(1).max(500).optional(),
    description: z.string().max(5000).default(""),
    type: z.enum(questionTypeNames),
    required: z.boolean().default(true),
    settings: z.unknown().default({}),
  })
  .transform((question, context) => {
    const parsed = getQuestionType(question.type).settingsSchema.safeParse(question.settings);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        context.addIssue({ code: "custom", message: issue.message, path: ["settings", ...issue.path] });
      }
      return z.NEVER;
    }
    return { ...question, settings: parsed.data };
  });

export const metadataTypes = ["terms", "integer", "float"] as const;

export const metadataPropertySchema = z.object({
  name: nameSchema,
  title: z.string().min(1).max(200).optional(),
  type: z.enum(metadataTypes),
  visibleForAnnotators: z.boolean().default(true),
  settings: z.record(z.string(), z.unknown()).default({}),
});

export const distributionSchema = z.object({
  minSubmitted: z.number().int().min(1).max(50).default(1),
  /** Blind mode: annotators answer without seeing the LLMs' suggestions and proposals (curators still see them). */
  blind: z.boolean("blind must be true or false").default(false),
});

/**
 * How uncertainty is measured. `auto` (the default) uses, per record and question, the signal the data has: votes
 * that can disagree, else the agents' scores, else token probabilities (lib/questions/votes.ts, `chooseEstimate`).
 */
export const uncertaintySettingsSchema = z.object({
  method: z.enum(UNCERTAINTY_METHODS, `method must be one of: ${UNCERTAINTY_METHODS.join(", ")}`).default("auto"),
});

function uniqueNames(list: { name: string }[], what: string, context: z.RefinementCtx, key: string): void {
  const seen = new Set<string>();
  list.forEach((item, index) => {
    if (seen.has(item.name)) {
      context.addIssue({ code: "custom", message: `duplicate ${what} name "${item.name}"`, path: [key, index, "name"] });
    }
    seen.add(item.name);
  });
}

export const datasetSettingsSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(""),
    guidelines: z.string().max(200_000).default(""),
    fields: z.array(fieldSettingsSchema).min(1, "a dataset needs at least one field"),
    questions: z.array(questionSettingsSchema).min(1, "a dataset needs at least one question"),
    metadata: z.array(metadataPropertySchema).default([]),
    distribution: distributionSchema.default({ minSubmitted: 1, blind: false }),
    routing: routingSettingsSchema.default(routingSettingsSchema.parse({})),
    uncertainty: uncertaintySettingsSchema.default({ method: "auto" }),
  })
  .superRefine((settings, context) => {
    uniqueNames(settings.fields, "field", context, "fields");
    uniqueNames(settings.questions, "question", context, "questions");
    uniqueNames(settings.metadata, "metadata property", context, "metadata");
  });

export type DatasetSettingsInput = z.input<typeof datasetSettingsSchema>;
export type DatasetSettings = z.output<typeof datasetSettingsSchema>;
export type QuestionSettings = DatasetSettings["questions"][number];
export type FieldSettings = DatasetSettings["fields"][number];
export type MetadataPropertySettings = DatasetSettings["metadata"][number];
export type RoutingSettings = DatasetSettings["routing"];
export type UncertaintySettings = DatasetSettings["uncertainty"];
