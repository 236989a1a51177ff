// Which changes to a dataset's settings are allowed, and why the others are not. Pure: it compares two validated
// settings objects (before and after) by the names of their fields, questions and metadata properties, knowing the
// dataset's status and whether records exist. The settings service refuses a request when this finds anything;
// the settings screen asks the lock helpers below which inputs to lock, with the same sentences.
//
// The rules, in short:
// - Draft without records: everything may change.
// - Draft with records: nothing that would orphan or invalidate their data: no removal of fields, questions or
//   metadata properties, no new required field, no question type change, no incompatible field or metadata type.
// - Published: only safe changes: the dataset's name, description and guidelines; titles (of fields, questions,
//   metadata properties, options); question descriptions; new options of label and multi_label questions (existing
//   option values stay); new optional fields and new metadata properties; new allowed values of a terms property;
//   display settings (order, `useMarkdown`, `visibleForAnnotators`); the distribution (`minSubmitted`); routing and
//   uncertainty (Sift's own derived data, recomputed). Names, types, `required`, removals, new questions, other
//   question settings (ranking options, rating scales, companions) are locked.
import type { DatasetSettings, FieldType } from "@/lib/datasets/settings";
import { getQuestionType, isQuestionTypeName } from "@/lib/questions";

export type DatasetStatus = "draft" | "published";

export interface ChangeContext {
  status: DatasetStatus;
  /** How many records the dataset holds. */
  recordCount: number;
}

export interface RefusedChange {
  /** Where, in the new settings (a list's path for removals), as zod issue paths are: `["questions", 1, "type"]`. */
  path: (string | number)[];
  /** What the change is about, e.g. `field "text"`. */
  subject: string;
  /** Why it is refused, in a sentence that stands on its own next to the input. */
  reason: string;
}

/** `questions[1].settings.options[0].value`: the same notation as the API's other validation errors. */
export function formatChangePath(path: readonly (string | number)[]): string {
  return path.map((part) => (typeof part === "number" ? `[${part}]` : `.${part}`)).join("").replace(/^\./, "");
}

export function describeRefusal(change: RefusedChange): string {
  return `${change.subject}: ${change.reason}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The sentences, in one place, so the API's refusals and the screen's locks say the same thing.

export const PUBLISHED_REASONS = {
  fieldName: "Published: field names can't change, because records already use them.",
  fieldType: "Published: field types can't change, because records already use them.",
  fieldRequired: "Published: whether a field is required can't change, because records were checked against it.",
  fieldRemove: "Published: fields can't be removed, because records already have values for them.",
  fieldAddRequired: "Published: a new field must be optional, because existing records have no value for it.",
  questionName: "Published: question names can't change, because suggestions and responses refer to them.",
  questionType: "Published: question types can't change, because suggestions and responses already use them.",
  questionRequired: "Published: whether a question is required can't change, because responses were checked against it.",
  questionRemove: "Published: questions can't be removed, because their suggestions and responses would be lost.",
  questionAdd: "Published: questions can't be added, because records already annotated would have no answer to them.",
  optionValue: "Published: option values can't be renamed or removed, because suggestions and responses use them. Texts can change, and new options can be added.",
  optionsFixed: "Published: the options of this question can't change, because existing answers are made of exactly these options. Their texts can change.",
  ratingScale: "Published: the rating scale can't change, because ratings already given use it.",
  setting: "Published: this setting can't change, because existing proposals and answers depend on it.",
  metadataName: "Published: metadata property names can't change, because records already use them.",
  metadataType: "Published: metadata types can't change, because records already have values of this type.",
  metadataRemove: "Published: metadata properties can't be removed, because records already have values for them.",
  metadataValues: "Published: allowed values can be added, not removed, because records may already use them.",
  metadataSettings: "Published: these settings can't change, because records were checked against them.",
} as const;

function records(count: number): string {
  return count === 1 ? "1 record exists" : `${count} records exist`;
}

export const draftReasons = {
  fieldRemove: (count: number) => `${records(count)}: removing the field would orphan their values. Delete the records first.`,
  fieldRename: (count: number) => `${records(count)}: renaming the field would orphan their values.`,
  fieldAddRequired: (count: number) => `${records(count)} without a value for it: add it as optional, or delete the records first.`,
  fieldType: (count: number, from: string, to: string) =>
    `${records(count)} with "${from}" values, which don't fit "${to}".`,
  questionRemove: (count: number) =>
    `${records(count)}: removing the question would delete its suggestions and responses. Delete the records first.`,
  questionRename: (count: number) =>
    `${records(count)}: renaming the question would delete its suggestions and responses.`,
  questionType: (count: number) =>
    `${records(count)}: their suggestions and responses are values of the current type. Delete the records first.`,
  metadataRemove: (count: number) =>
    `${records(count)}: removing the property would orphan their values. Delete the records first.`,
  metadataRename: (count: number) => `${records(count)}: renaming the property would orphan their values.`,
  metadataType: (count: number, from: string, to: string) => `${records(count)} with ${from} values, which don't fit ${to}.`,
};

// ---------------------------------------------------------------------------------------------------------------
// Type rules that are data, not code paths.

/** Field types whose stored values stay valid when the type changes from `from` to `to`. */
function fieldValuesFit(from: FieldType, to: FieldType): boolean {
  if (from === to || to === "json") return true;
  const strings: FieldType[] = ["text", "markdown"];
  return strings.includes(from) && strings.includes(to);
}

function metadataValuesFit(from: string, to: string): boolean {
  return from === to || (from === "integer" && to === "float");
}

/** Question settings that only change how a question is shown (`prefill`: whether its form starts from the proposal). */
const DISPLAY_SETTINGS: readonly string[] = ["useMarkdown", "prefill"];

const SCALE_SETTINGS: readonly string[] = ["min", "max"];

/** Whether a published question's options may grow: its type's module says (a new label is one more choice). */
export function optionsMayGrow(questionType: string): boolean {
  return isQuestionTypeName(questionType) && getQuestionType(questionType).optionsMayGrow;
}

// ---------------------------------------------------------------------------------------------------------------

/** JSON equality that ignores key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

interface Named {
  name: string;
}

function byName<T extends Named>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((item) => [item.name, item]));
}

function removed<T extends Named>(before: readonly T[], after: readonly T[]): T[] {
  const names = new Set(after.map((item) => item.name));
  return before.filter((item) => !names.has(item.name));
}

type Out = RefusedChange[];

function compareFields(before: DatasetSettings["fields"], after: DatasetSettings["fields"], context: ChangeContext, out: Out): void {
  const published = context.status === "published";
  const withRecords = context.recordCount > 0;
  for (const field of removed(before, after)) {
    const reason = published ? PUBLISHED_REASONS.fieldRemove : withRecords ? draftReasons.fieldRemove(context.recordCount) : null;
    if (reason) out.push({ path: ["fields"], subject: `field "${field.name}"`, reason });
  }
  const old = byName(before);
  after.forEach((field, index) => {
    const subject = `field "${field.name}"`;
    const previous = old.get(field.name);
    if (!previous) {
      if (!field.required) return;
      const reason = published ? PUBLISHED_REASONS.fieldAddRequired : withRecords ? draftReasons.fieldAddRequired(context.recordCount) : null;
      if (reason) out.push({ path: ["fields", index, "required"], subject, reason });
      return;
    }
    if (previous.type !== field.type) {
      const reason = published
        ? PUBLISHED_REASONS.fieldType
        : withRecords && !fieldValuesFit(previous.type, field.type)
          ? draftReasons.fieldType(context.recordCount, previous.type, field.type)
          : null;
      if (reason) out.push({ path: ["fields", index, "type"], subject, reason });
    }
    if (published && previous.required !== field.required) {
      out.push({ path: ["fields", index, "required"], subject, reason: PUBLISHED_REASONS.fieldRequired });
    }
  });
}

interface OptionLike {
  value: string;
}

function optionsOf(settings: unknown): OptionLike[] | null {
  if (!settings || typeof settings !== "object") return null;
  const options = (settings as { options?: unknown }).options;
  return Array.isArray(options) ? (options as OptionLike[]) : null;
}

function compareQuestionSettings(
  previous: DatasetSettings["questions"][number],
  question: DatasetSettings["questions"][number],
  index: number,
  out: Out,
): void {
  const subject = `question "${question.name}"`;
  const base = ["questions", index, "settings"];
  const oldOptions = optionsOf(previous.settings);
  const newOptions = optionsOf(question.settings);
  if (oldOptions || newOptions) {
    const newValues = new Set((newOptions ?? []).map((option) => option.value));
    const oldValues = new Set((oldOptions ?? []).map((option) => option.value));
    for (const option of oldOptions ?? []) {
      if (!newValues.has(option.value)) {
        out.push({ path: [...base, "options"], subject: `${subject}, option "${option.value}"`, reason: PUBLISHED_REASONS.optionValue });
      }
    }
    if (!optionsMayGrow(question.type)) {
      (newOptions ?? []).forEach((option, optionIndex) => {
        if (!oldValues.has(option.value)) {
          out.push({
            path: [...base, "options", optionIndex, "value"],
            subject: `${subject}, option "${option.value}"`,
            reason: PUBLISHED_REASONS.optionsFixed,
          });
        }
      });
    }
  }
  const oldSettings = (previous.settings ?? {}) as Record<string, unknown>;
  const newSettings = (question.settings ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(oldSettings), ...Object.keys(newSettings)]);
  for (const key of keys) {
    if (key === "options" || DISPLAY_SETTINGS.includes(key)) continue;
    if (sameJson(oldSettings[key], newSettings[key])) continue;
    out.push({
      path: [...base, key],
      subject,
      reason: SCALE_SETTINGS.includes(key) ? PUBLISHED_REASONS.ratingScale : PUBLISHED_REASONS.setting,
    });
  }
}

function compareQuestions(
  before: DatasetSettings["questions"],
  after: DatasetSettings["questions"],
  context: ChangeContext,
  out: Out,
): void {
  const published = context.status === "published";
  const withRecords = context.recordCount > 0;
  for (const question of removed(before, after)) {
    const reason = published ? PUBLISHED_REASONS.questionRemove : withRecords ? draftReasons.questionRemove(context.recordCount) : null;
    if (reason) out.push({ path: ["questions"], subject: `question "${question.name}"`, reason });
  }
  const old = byName(before);
  after.forEach((question, index) => {
    const subject = `question "${question.name}"`;
    const previous = old.get(question.name);
    if (!previous) {
      if (published) out.push({ path: ["questions", index, "name"], subject, reason: PUBLISHED_REASONS.questionAdd });
      return;
    }
    if (previous.type !== question.type) {
      const reason = published ? PUBLISHED_REASONS.questionType : withRecords ? draftReasons.questionType(context.recordCount) : null;
      if (reason) out.push({ path: ["questions", index, "type"], subject, reason });
      // Settings of another type are not comparable with the old ones.
      return;
    }
    if (!published) return;
    if (previous.required !== question.required) {
      out.push({ path: ["questions", index, "required"], subject, reason: PUBLISHED_REASONS.questionRequired });
    }
    compareQuestionSettings(previous, question, index, out);
  });
}

function termsValues(settings: Record<string, unknown>): string[] {
  return Array.isArray(settings.values) ? settings.values.map(String) : [];
}

function compareMetadata(
  before: DatasetSettings["metadata"],
  after: DatasetSettings["metadata"],
  context: ChangeContext,
  out: Out,
): void {
  const published = context.status === "published";
  const withRecords = context.recordCount > 0;
  for (const property of removed(before, after)) {
    const reason = published ? PUBLISHED_REASONS.metadataRemove : withRecords ? draftReasons.metadataRemove(context.recordCount) : null;
    if (reason) out.push({ path: ["metadata"], subject: `metadata property "${property.name}"`, reason });
  }
  const old = byName(before);
  after.forEach((property, index) => {
    const previous = old.get(property.name);
    if (!previous) return;
    const subject = `metadata property "${property.name}"`;
    if (previous.type !== property.type) {
      const reason = published
        ? PUBLISHED_REASONS.metadataType
        : withRecords && !metadataValuesFit(previous.type, property.type)
          ? draftReasons.metadataType(context.recordCount, previous.type, property.type)
          : null;
      if (reason) out.push({ path: ["metadata", index, "type"], subject, reason });
      return;
    }
    if (!published) return;
    const oldSettings = previous.settings;
    const newSettings = property.settings;
    const keys = new Set([...Object.keys(oldSettings), ...Object.keys(newSettings)]);
    for (const key of keys) {
      if (sameJson(oldSettings[key], newSettings[key])) continue;
      if (key === "values") {
        const oldValues = termsValues(oldSettings);
        const newValues = new Set(termsValues(newSettings));
        // An empty list allows any value: restricting it later could invalidate records.
        const widened = oldValues.length > 0 && oldValues.every((value) => newValues.has(value));
        if (!widened) out.push({ path: ["metadata", index, "settings", "values"], subject, reason: PUBLISHED_REASONS.metadataValues });
        continue;
      }
      out.push({ path: ["metadata", index, "settings", key], subject, reason: PUBLISHED_REASONS.metadataSettings });
    }
  });
}

/**
 * Every change from `before` to `after` that is not allowed in this context, with where and why. Empty: the whole
 * change may be applied. Both arguments must have passed `datasetSettingsSchema`.
 */
export function refusedChanges(before: DatasetSettings, after: DatasetSettings, context: ChangeContext): RefusedChange[] {
  const out: RefusedChange[] = [];
  compareFields(before.fields, after.fields, context, out);
  compareQuestions(before.questions, after.questions, context, out);
  compareMetadata(before.metadata, after.metadata, context, out);
  return out;
}

/** Whether proposals and routing must be recomputed: questions or the way uncertainty and routing are derived changed. */
export function needsRecompute(before: DatasetSettings, after: DatasetSettings): boolean {
  const shape = (settings: DatasetSettings) =>
    settings.questions.map(({ name, type, required, settings: questionSettings }) => ({ name, type, required, questionSettings }));
  return (
    !sameJson(shape(before), shape(after)) ||
    !sameJson(before.routing, after.routing) ||
    !sameJson(before.uncertainty, after.uncertainty)
  );
}

/** The top-level parts that differ, for the audit log: `["guidelines", "questions"]`. */
export function changedParts(before: DatasetSettings, after: DatasetSettings): string[] {
  return (Object.keys(after) as (keyof DatasetSettings)[]).filter((key) => !sameJson(before[key], after[key]));
}

// ---------------------------------------------------------------------------------------------------------------
// Locks for the settings screen: for an item that already exists (is saved), which inputs are locked and why.
// Items added in the editor and not saved yet are never locked, except where adding itself is refused.

export interface ItemLocks {
  name?: string;
  type?: string;
  required?: string;
  remove?: string;
}

export function fieldLocks(context: ChangeContext, saved: boolean): ItemLocks {
  if (!saved) {
    // A new field may be added, as optional, when records exist or the dataset is published.
    if (context.status === "published") return { required: PUBLISHED_REASONS.fieldAddRequired };
    return context.recordCount > 0 ? { required: draftReasons.fieldAddRequired(context.recordCount) } : {};
  }
  if (context.status === "published") {
    return {
      name: PUBLISHED_REASONS.fieldName,
      type: PUBLISHED_REASONS.fieldType,
      required: PUBLISHED_REASONS.fieldRequired,
      remove: PUBLISHED_REASONS.fieldRemove,
    };
  }
  return context.recordCount > 0 ? { name: draftReasons.fieldRename(context.recordCount), remove: draftReasons.fieldRemove(context.recordCount) } : {};
}

export interface QuestionLocks extends ItemLocks {
  /** Existing option values (rename, remove). */
  optionValues?: string;
  /** Adding options. */
  addOption?: string;
  /** A rating question's scale. */
  scale?: string;
  /** Other settings that are not only about display (a text question's companion). */
  settings?: string;
}

export function questionLocks(context: ChangeContext, saved: boolean, questionType: string): QuestionLocks {
  if (!saved) return {};
  if (context.status === "published") {
    return {
      name: PUBLISHED_REASONS.questionName,
      type: PUBLISHED_REASONS.questionType,
      required: PUBLISHED_REASONS.questionRequired,
      remove: PUBLISHED_REASONS.questionRemove,
      optionValues: optionsMayGrow(questionType) ? PUBLISHED_REASONS.optionValue : PUBLISHED_REASONS.optionsFixed,
      addOption: optionsMayGrow(questionType) ? undefined : PUBLISHED_REASONS.optionsFixed,
      scale: PUBLISHED_REASONS.ratingScale,
      settings: PUBLISHED_REASONS.setting,
    };
  }
  if (context.recordCount > 0) {
    return {
      name: draftReasons.questionRename(context.recordCount),
      type: draftReasons.questionType(context.recordCount),
      remove: draftReasons.questionRemove(context.recordCount),
    };
  }
  return {};
}

export interface MetadataLocks extends ItemLocks {
  /** Removing existing allowed values of a terms property (adding stays possible). */
  values?: string;
}

export function metadataLocks(context: ChangeContext, saved: boolean): MetadataLocks {
  if (!saved) return {};
  if (context.status === "published") {
    return {
      name: PUBLISHED_REASONS.metadataName,
      type: PUBLISHED_REASONS.metadataType,
      remove: PUBLISHED_REASONS.metadataRemove,
      values: PUBLISHED_REASONS.metadataValues,
    };
  }
  return context.recordCount > 0
    ? { name: draftReasons.metadataRename(context.recordCount), remove: draftReasons.metadataRemove(context.recordCount) }
    : {};
}

/** Whether new questions may be added at all (fields and metadata may always be added, fields as optional). */
export function addQuestionLock(context: ChangeContext): string | undefined {
  return context.status === "published" ? PUBLISHED_REASONS.questionAdd : undefined;
}
