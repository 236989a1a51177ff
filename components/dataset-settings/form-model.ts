// The editor's state and its translation to and from the settings.json shape. Inputs hold strings (a number being
// typed is not a number yet); `settingsFromForm` builds what `datasetSettingsSchema` validates, so that every
// problem comes back as a zod issue path, which `pathKey` turns into the key of the input it concerns.
import type { DatasetSettingsInput, FieldType } from "@/lib/datasets/settings";
import type { QuestionTypeName } from "@/lib/questions";

export interface OptionDraft {
  key: string;
  /** Saved with the dataset (as opposed to added in this editor): the locks apply to saved items only. */
  saved: boolean;
  value: string;
  text: string;
  description?: string;
}

/** One bag for every question type's settings, so switching the type of a new question keeps what was typed. */
export interface QuestionSettingsDraft {
  options: OptionDraft[];
  min: string;
  max: string;
  /** Undefined until set, so that saving does not add a setting the dataset never had. */
  useMarkdown?: boolean;
  /** Text: the form starts from the LLMs' proposal. Undefined until set, like `useMarkdown`. */
  prefill?: boolean;
  companion: string;
}

interface ItemDraft {
  key: string;
  saved: boolean;
  name: string;
  title: string;
  /** The name was typed by hand: stop deriving it from the title. */
  nameEdited: boolean;
}

export interface FieldDraft extends ItemDraft {
  type: FieldType;
  required: boolean;
}

export interface QuestionDraft extends ItemDraft {
  description: string;
  type: QuestionTypeName;
  required: boolean;
  settings: QuestionSettingsDraft;
}

export interface MetadataDraft extends ItemDraft {
  type: "terms" | "integer" | "float";
  visibleForAnnotators: boolean;
  /** Allowed values of a terms property (empty: any value), each marked saved or new. */
  values: { value: string; saved: boolean }[];
  /** Settings this editor does not know, kept as they are. */
  otherSettings: Record<string, unknown>;
}

export interface DatasetForm {
  name: string;
  description: string;
  guidelines: string;
  fields: FieldDraft[];
  questions: QuestionDraft[];
  metadata: MetadataDraft[];
  minSubmitted: string;
  blind: boolean;
  /** Not edited here (yet): kept as they are, so that saving never resets them. */
  routing: unknown;
  uncertainty: unknown;
}

let counter = 0;
export function newKey(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

/** A name derived from a title: `Response quality` → `response_quality`. */
export function nameFromTitle(title: string): string {
  const name = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "_")
    .replace(/^[_-]+|[_-]+$/g, "")
    .slice(0, 64);
  return /^[0-9-]/.test(name) ? `_${name}`.slice(0, 64) : name;
}

export function emptyOption(): OptionDraft {
  return { key: newKey("option"), saved: false, value: "", text: "" };
}

export function emptyField(): FieldDraft {
  return { key: newKey("field"), saved: false, name: "", title: "", nameEdited: false, type: "text", required: true };
}

export function emptyQuestion(): QuestionDraft {
  return {
    key: newKey("question"),
    saved: false,
    name: "",
    title: "",
    nameEdited: false,
    description: "",
    type: "label",
    required: true,
    settings: { options: [emptyOption(), emptyOption()], min: "1", max: "5", companion: "" },
  };
}

export function emptyMetadata(): MetadataDraft {
  return {
    key: newKey("metadata"),
    saved: false,
    name: "",
    title: "",
    nameEdited: false,
    type: "terms",
    visibleForAnnotators: true,
    values: [],
    otherSettings: {},
  };
}

export function emptyForm(): DatasetForm {
  return {
    name: "",
    description: "",
    guidelines: "",
    fields: [],
    questions: [],
    metadata: [],
    minSubmitted: "1",
    blind: false,
    routing: undefined,
    uncertainty: undefined,
  };
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function questionSettingsDraft(raw: unknown): QuestionSettingsDraft {
  const settings = record(raw);
  const options = Array.isArray(settings.options) ? settings.options.map(record) : [];
  return {
    options: options.map((option) => ({
      key: newKey("option"),
      saved: true,
      value: String(option.value ?? ""),
      // The API fills a missing text with the value; show it empty, so the placeholder says "same as the value".
      text: typeof option.text === "string" && option.text !== option.value ? option.text : "",
      ...(typeof option.description === "string" ? { description: option.description } : {}),
    })),
    min: typeof settings.min === "number" ? String(settings.min) : "1",
    max: typeof settings.max === "number" ? String(settings.max) : "5",
    ...(typeof settings.useMarkdown === "boolean" ? { useMarkdown: settings.useMarkdown } : {}),
    ...(typeof settings.prefill === "boolean" ? { prefill: settings.prefill } : {}),
    companion: typeof settings.companion === "string" ? settings.companion : "",
  };
}

/** The editor's state for saved settings (every item marked saved). */
export function formFromSettings(settings: DatasetSettingsInput): DatasetForm {
  return {
    name: settings.name,
    description: settings.description ?? "",
    guidelines: settings.guidelines ?? "",
    fields: settings.fields.map((field) => ({
      key: newKey("field"),
      saved: true,
      name: field.name,
      title: field.title ?? "",
      nameEdited: true,
      type: field.type,
      required: field.required ?? true,
    })),
    questions: settings.questions.map((question) => ({
      key: newKey("question"),
      saved: true,
      name: question.name,
      title: question.title ?? "",
      nameEdited: true,
      description: question.description ?? "",
      type: question.type,
      required: question.required ?? true,
      settings: questionSettingsDraft(question.settings),
    })),
    metadata: (settings.metadata ?? []).map((property) => {
      const { values, ...otherSettings } = record(property.settings);
      return {
        key: newKey("metadata"),
        saved: true,
        name: property.name,
        title: property.title ?? "",
        nameEdited: true,
        type: property.type,
        visibleForAnnotators: property.visibleForAnnotators ?? true,
        values: Array.isArray(values) ? values.map((value) => ({ value: String(value), saved: true })) : [],
        otherSettings,
      };
    }),
    minSubmitted: String(settings.distribution?.minSubmitted ?? 1),
    blind: settings.distribution?.blind ?? false,
    routing: settings.routing,
    uncertainty: settings.uncertainty,
  };
}

/** A number input's text as a number; not a number stays as it is, so the schema says what is wrong. */
function numberOf(text: string): unknown {
  if (text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

function optionsOf(draft: QuestionSettingsDraft) {
  return draft.options.map((option) => ({
    value: option.value.trim(),
    ...(option.text.trim() !== "" ? { text: option.text.trim() } : {}),
    ...(option.description !== undefined ? { description: option.description } : {}),
  }));
}

/**
 * Each question type's settings from the editor's bag: a table keyed by the registry's type names, so a new type in
 * lib/questions fails to compile here until the editor knows how to configure it.
 */
export const questionSettingsFromDraft: Record<QuestionTypeName, (draft: QuestionSettingsDraft) => unknown> = {
  label: (draft) => ({ options: optionsOf(draft) }),
  multi_label: (draft) => ({ options: optionsOf(draft) }),
  ranking: (draft) => ({ options: optionsOf(draft) }),
  rating: (draft) => ({ min: numberOf(draft.min), max: numberOf(draft.max) }),
  text: (draft) => ({
    ...(draft.useMarkdown !== undefined ? { useMarkdown: draft.useMarkdown } : {}),
    ...(draft.prefill !== undefined ? { prefill: draft.prefill } : {}),
    ...(draft.companion !== "" ? { companion: draft.companion } : {}),
  }),
};

function titleOf(item: ItemDraft): string | undefined {
  return item.title.trim() === "" ? undefined : item.title.trim();
}

/** The settings.json shape the form describes (not validated: that is the schema's job). */
export function settingsFromForm(form: DatasetForm): DatasetSettingsInput {
  return {
    name: form.name,
    description: form.description,
    guidelines: form.guidelines,
    fields: form.fields.map((field) => ({ name: field.name.trim(), title: titleOf(field), type: field.type, required: field.required })),
    questions: form.questions.map((question) => ({
      name: question.name.trim(),
      title: titleOf(question),
      description: question.description,
      type: question.type,
      required: question.required,
      settings: questionSettingsFromDraft[question.type](question.settings),
    })),
    metadata: form.metadata.map((property) => ({
      name: property.name.trim(),
      title: titleOf(property),
      type: property.type,
      visibleForAnnotators: property.visibleForAnnotators,
      settings: {
        ...property.otherSettings,
        ...(property.type === "terms" && property.values.length > 0 ? { values: property.values.map((item) => item.value) } : {}),
      },
    })),
    // Empty is not "the default": the schema would quietly fill in 1. Null makes it say a number is needed.
    distribution: { minSubmitted: (numberOf(form.minSubmitted) ?? null) as number, blind: form.blind },
    ...(form.routing !== undefined ? { routing: form.routing as DatasetSettingsInput["routing"] } : {}),
    ...(form.uncertainty !== undefined ? { uncertainty: form.uncertainty as DatasetSettingsInput["uncertainty"] } : {}),
  };
}

/** `questions[1].settings.options[0].value` (API) or `["questions", 1, …]` (zod) → `questions.1.settings.options.0.value`. */
export function pathKey(path: string | readonly PropertyKey[]): string {
  if (typeof path !== "string") return path.map(String).join(".");
  return path.replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "");
}

/** The DOM id of the input for a path key, so errors can move the focus to it. */
export function inputId(key: string): string {
  return `ds-${key.replace(/\./g, "-")}`;
}

/** Where a path key points, in words: `questions.1.settings.options` → `Question 2 (sentiment) · options`. */
export function describeKey(key: string, form: DatasetForm): string {
  const [section, index, ...rest] = key.split(".");
  const item = (list: { name: string }[], label: string) => {
    const position = Number(index);
    if (index === undefined || !Number.isInteger(position)) return label === "Field" ? "Fields" : label === "Question" ? "Questions" : "Metadata";
    const name = list[position]?.name;
    return `${label} ${position + 1}${name ? ` (${name})` : ""}`;
  };
  const tail = rest.filter((part) => part !== "settings").map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : part));
  const join = (head: string) => [head, ...tail].join(" · ");
  switch (section) {
    case "fields":
      return join(item(form.fields, "Field"));
    case "questions":
      return join(item(form.questions, "Question"));
    case "metadata":
      return join(item(form.metadata, "Metadata property"));
    case "distribution":
      return "Distribution";
    case "name":
      return "Dataset name";
    default:
      return section ? section[0]!.toUpperCase() + section.slice(1) : "Settings";
  }
}
