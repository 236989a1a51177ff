"use client";

// The dataset editor, for "New dataset" and for a dataset's Settings tab. It validates with the same schema and the
// same change rules as the server before sending (so most problems show at once, next to their input), sends the
// whole settings object to the API, and shows what the server says in place too. Saved items of a published dataset
// (or of a draft with records) are locked where the rules say so, with the reason.
import { ArrowDown, ArrowUp, Lock, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button, buttonStyles } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { datasetSettingsSchema, fieldTypes, metadataTypes, type DatasetSettingsInput } from "@/lib/datasets/settings";
import {
  addQuestionLock,
  fieldLocks,
  metadataLocks,
  questionLocks,
  refusedChanges,
  sameJson,
  type ChangeContext,
  type DatasetStatus,
} from "@/lib/datasets/settings-changes";
import { questionTypeNames, type QuestionTypeName } from "@/lib/questions";
import { routingSettingsSchema } from "@/lib/routing/policies";
import { ApiError, apiFetch } from "@/lib/ui/api-client";
import { cn } from "@/lib/ui/cn";
import {
  describeKey,
  emptyField,
  emptyForm,
  emptyMetadata,
  emptyOption,
  emptyQuestion,
  formFromSettings,
  inputId,
  nameFromTitle,
  pathKey,
  settingsFromForm,
  type DatasetForm,
  type FieldDraft,
  type MetadataDraft,
  type QuestionDraft,
} from "./form-model";
import { GuidelinesEditor } from "./guidelines-editor";
import { Checkbox, IconButton, LockNotes, Select, TextArea, TextInput, controlClass } from "./inputs";
import { focusSoon, questionTypeEditors } from "./question-settings";

type Errors = Record<string, string[]>;

interface SettingsView {
  id: string;
  status: DatasetStatus;
  settings: DatasetSettingsInput;
}

export interface DatasetEditorProps {
  mode: "create" | "edit";
  workspaceSlug: string;
  datasetId?: string;
  initialSettings?: DatasetSettingsInput;
  initialStatus?: DatasetStatus;
  recordCount?: number;
  /** Just created: say so once. */
  created?: boolean;
}

const fieldTypeLabels: Record<(typeof fieldTypes)[number], string> = {
  text: "Text",
  markdown: "Markdown",
  chat: "Chat (messages)",
  image: "Image (URL)",
  json: "JSON",
};

const metadataTypeLabels: Record<(typeof metadataTypes)[number], string> = {
  terms: "Terms (text)",
  integer: "Integer",
  float: "Number (float)",
};

function addError(errors: Errors, key: string, message: string): void {
  const list = (errors[key] ??= []);
  if (!list.includes(message)) list.push(message);
}

/** Zod's wording for an empty required string is technical; the rest of the schema's messages read well. */
function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) === 1) return "Required.";
  if (issue.code === "invalid_type" && issue.expected === "number") return "Enter a number.";
  return issue.message;
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

function formatRouting(routing: unknown): string {
  const parsed = routingSettingsSchema.safeParse(routing);
  if (!parsed.success) return "as configured";
  const value = parsed.data;
  const share = (x: number | undefined) => `${Math.round((x ?? 0) * 100)}%`;
  const policy =
    value.policy === "threshold"
      ? `threshold: records with uncertainty above ${value.threshold} go to humans`
      : value.policy === "budget"
        ? `budget: the ${share(value.humanShare)} most uncertain records go to humans`
        : value.policy === "random"
          ? `random: ${share(value.humanShare)} of records go to humans`
          : value.policy === "all_human"
            ? "all records go to humans"
            : "all records are accepted from the LLMs";
  return value.auditRate > 0 ? `${policy}, plus an audit of ${share(value.auditRate)}` : policy;
}

function Section({
  id,
  title,
  description,
  children,
  notes,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  notes?: ReactNode;
}) {
  return (
    <Card className="overflow-hidden" aria-labelledby={`${id}-title`} role="region">
      <div className="border-b border-slate-200 px-5 py-3 dark:border-slate-800">
        <h2 id={`${id}-title`} className="font-medium">
          {title}
        </h2>
        {description && <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      </div>
      <div className="space-y-4 px-5 py-4">
        {notes}
        {children}
      </div>
    </Card>
  );
}

function EmptyState({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
      {children}
    </p>
  );
}

function RowActions({
  what,
  index,
  count,
  onMove,
  onRemove,
  removeLock,
}: {
  what: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
  removeLock?: string;
}) {
  return (
    <div className="flex shrink-0 items-center">
      <IconButton label={`Move ${what} ${index + 1} up`} disabled={index === 0} onClick={() => onMove(index - 1)}>
        <ArrowUp aria-hidden className="h-4 w-4" />
      </IconButton>
      <IconButton label={`Move ${what} ${index + 1} down`} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
        <ArrowDown aria-hidden className="h-4 w-4" />
      </IconButton>
      <IconButton label={`Remove ${what} ${index + 1}`} tone="danger" disabled={Boolean(removeLock)} title={removeLock} onClick={onRemove}>
        <Trash2 aria-hidden className="h-4 w-4" />
      </IconButton>
    </div>
  );
}

export function DatasetEditor({
  mode,
  workspaceSlug,
  datasetId,
  initialSettings,
  initialStatus = "draft",
  recordCount = 0,
  created = false,
}: DatasetEditorProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [form, setForm] = useState<DatasetForm>(() => (initialSettings ? formFromSettings(initialSettings) : emptyForm()));
  const [saved, setSaved] = useState<DatasetSettingsInput>(() => initialSettings ?? settingsFromForm(emptyForm()));
  const [status, setStatus] = useState<DatasetStatus>(initialStatus);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(
    created ? { tone: "ok", text: "Draft created. Publish it when its configuration is final." } : null,
  );
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);
  const [confirmingPublish, setConfirmingPublish] = useState(false);
  const [leaving, setLeaving] = useState(false);

  const context: ChangeContext = useMemo(() => ({ status, recordCount }), [status, recordCount]);
  const current = useMemo(() => settingsFromForm(form), [form]);
  const savedComparable = useMemo(() => settingsFromForm(formFromSettings(saved)), [saved]);
  const dirty = !sameJson(current, savedComparable);
  const errorCount = Object.values(errors).reduce((sum, list) => sum + list.length, 0);

  // "Draft created" is said once: the address loses its ?created=1, so a reload does not say it again.
  useEffect(() => {
    if (created) router.replace(pathname, { scroll: false });
  }, [created, pathname, router]);

  // Leaving with unsaved changes asks first (the browser's own dialog).
  useEffect(() => {
    if (!dirty || leaving) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, leaving]);

  const errorsFor = useCallback((key: string) => errors[key], [errors]);

  /** Applies an edit and forgets the errors it may have fixed: those of `keys` (prefixes) or all of them. */
  const edit = (change: (form: DatasetForm) => DatasetForm, keys?: string[]) => {
    setForm(change);
    // What the last save said no longer describes the form.
    setMessage(null);
    setErrors((previous) => {
      if (!keys) return Object.keys(previous).length === 0 ? previous : {};
      const next = Object.fromEntries(Object.entries(previous).filter(([key]) => !keys.some((prefix) => key === prefix || key.startsWith(`${prefix}.`))));
      return Object.keys(next).length === Object.keys(previous).length ? previous : next;
    });
  };

  const showErrors = (next: Errors) => {
    setErrors(next);
    const keys = Object.keys(next);
    const first = keys.find((key) => document.getElementById(inputId(key))) ?? keys[0];
    const target = first ? document.getElementById(inputId(first)) : null;
    focusSoon(target ? target.id : "settings-problems");
  };

  /** The checks the server makes, made here first: the schema, then (for a saved dataset) the change rules. */
  const check = (): Errors => {
    const found: Errors = {};
    const parsed = datasetSettingsSchema.safeParse(current);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) addError(found, pathKey(issue.path), friendly(issue));
      return found;
    }
    if (mode === "edit") {
      const before = datasetSettingsSchema.safeParse(saved);
      if (before.success) {
        for (const change of refusedChanges(before.data, parsed.data, context)) addError(found, pathKey(change.path), `${change.subject}: ${change.reason}`);
      }
    }
    return found;
  };

  const fromServer = (error: unknown): Errors => {
    const found: Errors = {};
    if (error instanceof ApiError) {
      for (const detail of error.details) addError(found, detail.where ? pathKey(detail.where) : "form", detail.message);
      setMessage({ tone: "error", text: error.message });
    } else {
      setMessage({ tone: "error", text: "Something went wrong; nothing was saved. Try again." });
    }
    return found;
  };

  const loadView = (view: SettingsView) => {
    setForm(formFromSettings(view.settings));
    setSaved(view.settings);
    setStatus(view.status);
    setErrors({});
  };

  const save = async (): Promise<boolean> => {
    const found = check();
    if (Object.keys(found).length > 0) {
      setMessage({ tone: "error", text: "Nothing was saved: fix the problems marked below." });
      showErrors(found);
      return false;
    }
    setBusy("save");
    try {
      if (mode === "create") {
        const { id } = await apiFetch<{ id: string }>("/api/v1/datasets", {
          method: "POST",
          body: { workspace: workspaceSlug, settings: current },
        });
        setLeaving(true);
        router.push(`/w/${workspaceSlug}/d/${id}/settings?created=1`);
        return true;
      }
      const view = await apiFetch<SettingsView>(`/api/v1/datasets/${datasetId}`, { method: "PATCH", body: current });
      loadView(view);
      setMessage({ tone: "ok", text: "All changes saved." });
      router.refresh();
      return true;
    } catch (error) {
      showErrors(fromServer(error));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    if (dirty && !(await save())) return;
    setBusy("publish");
    try {
      const view = await apiFetch<SettingsView>(`/api/v1/datasets/${datasetId}/publish`, { method: "POST" });
      loadView(view);
      setConfirmingPublish(false);
      setMessage({ tone: "ok", text: "Published. From now on only safe changes are allowed; locked inputs say why." });
      router.refresh();
    } catch (error) {
      showErrors(fromServer(error));
    } finally {
      setBusy(null);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if ((event.metaKey || event.ctrlKey) && (event.key === "s" || event.key === "Enter")) {
      event.preventDefault();
      if (!busy) void save();
      return;
    }
    // Enter in a one-line input must not submit a half-written dataset.
    if (event.key === "Enter" && target instanceof HTMLInputElement && target.type !== "checkbox") event.preventDefault();
  };

  // ---- list operations ------------------------------------------------------------------------------------------

  const setField = (index: number, patch: Partial<FieldDraft>, key: string) =>
    edit((f) => ({ ...f, fields: f.fields.map((field, at) => (at === index ? { ...field, ...patch } : field)) }), [key]);
  const setQuestion = (index: number, patch: Partial<QuestionDraft>, key: string) =>
    edit((f) => ({ ...f, questions: f.questions.map((question, at) => (at === index ? { ...question, ...patch } : question)) }), [key]);
  const setMetadata = (index: number, patch: Partial<MetadataDraft>, key: string) =>
    edit((f) => ({ ...f, metadata: f.metadata.map((property, at) => (at === index ? { ...property, ...patch } : property)) }), [key]);

  /** A new item's name follows its title until the name is typed by hand. */
  const titlePatch = <T extends { saved: boolean; nameEdited: boolean }>(item: T, title: string) =>
    !item.saved && !item.nameEdited ? { title, name: nameFromTitle(title) } : { title };

  const addField = () => {
    const field = emptyField();
    if (context.status === "published" || context.recordCount > 0) field.required = false;
    edit((f) => ({ ...f, fields: [...f.fields, field] }));
    focusSoon(inputId(`fields.${form.fields.length}.title`));
  };
  const addQuestion = () => {
    edit((f) => ({ ...f, questions: [...f.questions, emptyQuestion()] }));
    focusSoon(inputId(`questions.${form.questions.length}.title`));
  };
  const addMetadata = () => {
    edit((f) => ({ ...f, metadata: [...f.metadata, emptyMetadata()] }));
    focusSoon(inputId(`metadata.${form.metadata.length}.title`));
  };

  const changeQuestionType = (index: number, question: QuestionDraft, type: QuestionTypeName) => {
    // Keep what was typed; an option list gets the blank rows its new type needs at least.
    const needed = type === "label" || type === "ranking" ? 2 : type === "multi_label" ? 1 : 0;
    const options = [...question.settings.options];
    while (options.length < needed) options.push(emptyOption());
    setQuestion(index, { type, settings: { ...question.settings, options } }, `questions.${index}`);
  };

  const addQuestionReason = addQuestionLock(context);
  const published = status === "published";
  const fieldLockList = form.fields.map((field) => fieldLocks(context, field.saved));
  const questionLockList = form.questions.map((question) => questionLocks(context, question.saved, question.type));
  const metadataLockList = form.metadata.map((property) => metadataLocks(context, property.saved));

  const statusText = busy
    ? busy === "publish"
      ? "Publishing…"
      : "Saving…"
    : errorCount > 0
      ? `${errorCount} problem${errorCount === 1 ? "" : "s"} to fix`
      : dirty
        ? "Unsaved changes"
        : mode === "edit"
          ? "No unsaved changes"
          : "";

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void save();
      }}
      onKeyDown={onKeyDown}
      aria-label={mode === "create" ? "New dataset" : "Dataset settings"}
      className="space-y-6"
    >
      {mode === "edit" &&
        (published ? (
          <div
            className="flex gap-3 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-slate-800 dark:border-blue-900 dark:bg-blue-950/50 dark:text-slate-200"
            data-testid="published-banner"
          >
            <Lock aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-brand-600 dark:text-blue-300" />
            <p>
              <strong className="font-semibold">Published.</strong> Only safe changes are allowed: the name, descriptions, guidelines and
              titles, new options of label and multi-label questions, new optional fields and metadata properties, and the distribution.
              Locked inputs say why they are locked.
            </p>
          </div>
        ) : (
          <div className="flex gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
            <p>
              <strong className="font-semibold">Draft.</strong>{" "}
              {recordCount > 0
                ? `Everything can change except what would orphan the data of its ${recordCount} record${recordCount === 1 ? "" : "s"}.`
                : "Everything can change."}{" "}
              Publishing locks names, types and the options in use, so that suggestions and answers stay valid.
            </p>
          </div>
        ))}

      {errorCount > 0 && (
        <div
          id="settings-problems"
          tabIndex={-1}
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
          data-testid="settings-problems"
        >
          <p className="font-medium">{message?.tone === "error" ? message.text : "Fix these problems before saving:"}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {Object.entries(errors).flatMap(([key, list]) =>
              list.map((text) => (
                <li key={`${key}:${text}`}>
                  <button
                    type="button"
                    className="text-left underline-offset-2 hover:underline"
                    onClick={() => document.getElementById(inputId(key))?.focus()}
                  >
                    <span className="font-medium">{key === "form" ? "Settings" : describeKey(key, form)}</span>: {text}
                  </button>
                </li>
              )),
            )}
          </ul>
        </div>
      )}

      <Section id="section-dataset" title="Dataset">
        <TextInput
          path="name"
          label="Name"
          value={form.name}
          onChange={(name) => edit((f) => ({ ...f, name }), ["name"])}
          errors={errorsFor("name")}
          maxLength={200}
          placeholder="e.g. Support replies — tone"
        />
        <TextArea
          path="description"
          label="Description"
          value={form.description}
          onChange={(description) => edit((f) => ({ ...f, description }), ["description"])}
          errors={errorsFor("description")}
          maxLength={2000}
          placeholder="What the dataset is for, where its records come from."
        />
      </Section>

      <Section
        id="section-guidelines"
        title="Guidelines"
        description="What annotators read before and while they work: markdown, shown in a panel next to each record."
      >
        <GuidelinesEditor
          value={form.guidelines}
          onChange={(guidelines) => edit((f) => ({ ...f, guidelines }), ["guidelines"])}
          errors={errorsFor("guidelines")}
        />
      </Section>

      <Section
        id="section-fields"
        title="Fields"
        description="What annotators read: each record has a value for each field."
        notes={<LockNotes reasons={fieldLockList.flatMap((locks) => [locks.name, locks.type, locks.required, locks.remove])} testId="field-locks" />}
      >
        {form.fields.length === 0 ? (
          <EmptyState>No fields yet. Add one for each part of a record annotators read, e.g. a prompt and a response.</EmptyState>
        ) : (
          <ol className="space-y-3">
            <li aria-hidden className="hidden grid-cols-[minmax(0,1fr)_minmax(0,1fr)_10rem_6.5rem_6.5rem] gap-3 px-1 text-xs font-medium text-slate-500 md:grid">
              <span>Title</span>
              <span>Name</span>
              <span>Type</span>
              <span />
              <span />
            </li>
            {form.fields.map((field, index) => {
              const locks = fieldLockList[index]!;
              const base = `fields.${index}`;
              return (
                <li key={field.key} className="grid items-start gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_10rem_6.5rem_6.5rem] md:border-0 md:p-0 dark:border-slate-800" data-testid="field-row">
                  <TextInput
                    path={`${base}.title`}
                    label={`Field ${index + 1} title`}
                    showLabel={false}
                    placeholder="Title, e.g. Prompt"
                    value={field.title}
                    onChange={(title) => setField(index, titlePatch(field, title), `${base}.title`)}
                    errors={errorsFor(`${base}.title`)}
                    maxLength={200}
                  />
                  <TextInput
                    path={`${base}.name`}
                    label={`Field ${index + 1} name`}
                    showLabel={false}
                    placeholder="name, e.g. prompt"
                    value={field.name}
                    onChange={(name) => setField(index, { name, nameEdited: true }, `${base}.name`)}
                    errors={[...(errorsFor(`${base}.name`) ?? []), ...(errorsFor(base) ?? [])]}
                    locked={locks.name}
                    maxLength={64}
                  />
                  <Select
                    path={`${base}.type`}
                    label={`Field ${index + 1} type`}
                    showLabel={false}
                    value={field.type}
                    onChange={(type) => setField(index, { type }, `${base}.type`)}
                    options={fieldTypes.map((type) => ({ value: type, label: fieldTypeLabels[type] }))}
                    errors={errorsFor(`${base}.type`)}
                    locked={locks.type}
                  />
                  <Checkbox
                    path={`${base}.required`}
                    label="Required"
                    checked={field.required}
                    onChange={(required) => setField(index, { required }, `${base}.required`)}
                    errors={errorsFor(`${base}.required`)}
                    locked={locks.required}
                  />
                  <RowActions
                    what="field"
                    index={index}
                    count={form.fields.length}
                    removeLock={locks.remove}
                    onMove={(to) => edit((f) => ({ ...f, fields: move(f.fields, index, to) }))}
                    onRemove={() => {
                      edit((f) => ({ ...f, fields: f.fields.filter((_, at) => at !== index) }));
                      focusSoon("add-field");
                    }}
                  />
                </li>
              );
            })}
          </ol>
        )}
        {errorsFor("fields") && (
          <p className="text-xs text-red-700 dark:text-red-300" id={`${inputId("fields")}-error`}>
            {errorsFor("fields")!.join(" ")}
          </p>
        )}
        <Button id="add-field" variant="secondary" size="sm" onClick={addField}>
          <Plus aria-hidden className="h-4 w-4" /> Add field
        </Button>
      </Section>

      <Section
        id="section-questions"
        title="Questions"
        description="What annotators (and LLMs) answer about each record."
        notes={
          <LockNotes
            reasons={[
              addQuestionReason,
              ...questionLockList.flatMap((locks, index) => {
                const question = form.questions[index]!;
                const hasOptions = question.type === "label" || question.type === "multi_label" || question.type === "ranking";
                const savedOptions = question.settings.options.some((option) => option.saved);
                return [
                  locks.name,
                  locks.type,
                  locks.required,
                  locks.remove,
                  hasOptions && savedOptions ? locks.optionValues : undefined,
                  question.type === "rating" ? locks.scale : undefined,
                  question.type === "text" ? locks.settings : undefined,
                ];
              }),
            ]}
            testId="question-locks"
          />
        }
      >
        {form.questions.length === 0 ? (
          <EmptyState>
            No questions yet. <span className="font-medium">Add a question</span>: a label, several labels, a ranking, a rating or free text.
          </EmptyState>
        ) : (
          <ol className="space-y-4">
            {form.questions.map((question, index) => {
              const locks = questionLockList[index]!;
              const base = `questions.${index}`;
              const { Editor } = questionTypeEditors[question.type];
              return (
                <li key={question.key} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-testid="question-row" aria-label={`Question ${index + 1}`}>
                  <div className="mb-3 flex items-center justify-between gap-3">
                    <div className="flex min-w-0 items-center gap-2">
                      <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Question {index + 1}</span>
                      {question.name && <code className="truncate text-xs text-slate-500">{question.name}</code>}
                      {!question.saved && mode === "edit" && <Badge tone="blue">new</Badge>}
                    </div>
                    <RowActions
                      what="question"
                      index={index}
                      count={form.questions.length}
                      removeLock={locks.remove}
                      onMove={(to) => edit((f) => ({ ...f, questions: move(f.questions, index, to) }))}
                      onRemove={() => {
                        edit((f) => ({ ...f, questions: f.questions.filter((_, at) => at !== index) }));
                        focusSoon("add-question");
                      }}
                    />
                  </div>
                  <div className="grid gap-3 md:grid-cols-2">
                    <TextInput
                      path={`${base}.title`}
                      label="Title"
                      placeholder="e.g. Which response is better?"
                      value={question.title}
                      onChange={(title) => setQuestion(index, titlePatch(question, title), `${base}.title`)}
                      errors={errorsFor(`${base}.title`)}
                      maxLength={500}
                    />
                    <TextInput
                      path={`${base}.name`}
                      label="Name"
                      placeholder="e.g. preference"
                      value={question.name}
                      onChange={(name) => setQuestion(index, { name, nameEdited: true }, `${base}.name`)}
                      errors={[...(errorsFor(`${base}.name`) ?? []), ...(errorsFor(base) ?? [])]}
                      locked={locks.name}
                      maxLength={64}
                      hint={!question.saved ? "Used by the API, suggestions and exports." : undefined}
                    />
                    <Select
                      path={`${base}.type`}
                      label="Type"
                      value={question.type}
                      onChange={(type) => changeQuestionType(index, question, type)}
                      options={questionTypeNames.map((type) => ({ value: type, label: questionTypeEditors[type].label }))}
                      errors={errorsFor(`${base}.type`)}
                      locked={locks.type}
                    />
                    <Checkbox
                      className="md:pt-5"
                      path={`${base}.required`}
                      label="Required"
                      checked={question.required}
                      onChange={(required) => setQuestion(index, { required }, `${base}.required`)}
                      errors={errorsFor(`${base}.required`)}
                      locked={locks.required}
                    />
                    <TextArea
                      className="md:col-span-2"
                      path={`${base}.description`}
                      label="Description"
                      placeholder="Shown under the question: what to look for."
                      value={question.description}
                      onChange={(description) => setQuestion(index, { description }, `${base}.description`)}
                      errors={errorsFor(`${base}.description`)}
                      maxLength={5000}
                    />
                  </div>
                  <div className="mt-4 border-t border-slate-100 pt-4 dark:border-slate-800">
                    <Editor
                      index={index}
                      question={question}
                      questions={form.questions}
                      locks={locks}
                      errorsFor={errorsFor}
                      onChange={(settings) => setQuestion(index, { settings }, `${base}.settings`)}
                    />
                    {errorsFor(`${base}.settings`) && question.type !== "text" && (
                      <p className="mt-1 text-xs text-red-700 dark:text-red-300">{errorsFor(`${base}.settings`)!.join(" ")}</p>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {errorsFor("questions") && <p className="text-xs text-red-700 dark:text-red-300">{errorsFor("questions")!.join(" ")}</p>}
        <Button id="add-question" variant="secondary" size="sm" onClick={addQuestion} disabled={Boolean(addQuestionReason)} title={addQuestionReason}>
          <Plus aria-hidden className="h-4 w-4" /> Add a question
        </Button>
      </Section>

      <Section
        id="section-metadata"
        title="Metadata properties"
        description="Extra facts about each record (source, length, language…), for filters and exports."
        notes={
          <LockNotes
            reasons={metadataLockList.flatMap((locks, index) => [
              locks.name,
              locks.type,
              locks.remove,
              form.metadata[index]!.values.some((item) => item.saved) ? locks.values : undefined,
            ])}
            testId="metadata-locks"
          />
        }
      >
        {form.metadata.length === 0 ? (
          <EmptyState>No metadata properties. They are optional.</EmptyState>
        ) : (
          <ol className="space-y-3">
            {form.metadata.map((property, index) => {
              const locks = metadataLockList[index]!;
              const base = `metadata.${index}`;
              return (
                <li key={property.key} className="rounded-md border border-slate-200 p-3 dark:border-slate-800" data-testid="metadata-row">
                  <div className="grid items-start gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_10rem_auto_auto]">
                    <TextInput
                      path={`${base}.title`}
                      label={`Metadata property ${index + 1} title`}
                      showLabel={index === 0}
                      placeholder="Title, e.g. Source"
                      value={property.title}
                      onChange={(title) => setMetadata(index, titlePatch(property, title), `${base}.title`)}
                      errors={errorsFor(`${base}.title`)}
                      maxLength={200}
                    />
                    <TextInput
                      path={`${base}.name`}
                      label={`Metadata property ${index + 1} name`}
                      showLabel={index === 0}
                      placeholder="name, e.g. source"
                      value={property.name}
                      onChange={(name) => setMetadata(index, { name, nameEdited: true }, `${base}.name`)}
                      errors={[...(errorsFor(`${base}.name`) ?? []), ...(errorsFor(base) ?? [])]}
                      locked={locks.name}
                      maxLength={64}
                    />
                    <Select
                      path={`${base}.type`}
                      label={`Metadata property ${index + 1} type`}
                      showLabel={index === 0}
                      value={property.type}
                      onChange={(type) => setMetadata(index, { type }, `${base}.type`)}
                      options={metadataTypes.map((type) => ({ value: type, label: metadataTypeLabels[type] }))}
                      errors={errorsFor(`${base}.type`)}
                      locked={locks.type}
                    />
                    <Checkbox
                      className={index === 0 ? "md:pt-5" : undefined}
                      path={`${base}.visibleForAnnotators`}
                      label="Visible to annotators"
                      checked={property.visibleForAnnotators}
                      onChange={(visibleForAnnotators) => setMetadata(index, { visibleForAnnotators }, `${base}.visibleForAnnotators`)}
                    />
                    <div className={index === 0 ? "md:pt-5" : undefined}>
                      <RowActions
                        what="metadata property"
                        index={index}
                        count={form.metadata.length}
                        removeLock={locks.remove}
                        onMove={(to) => edit((f) => ({ ...f, metadata: move(f.metadata, index, to) }))}
                        onRemove={() => {
                          edit((f) => ({ ...f, metadata: f.metadata.filter((_, at) => at !== index) }));
                          focusSoon("add-metadata");
                        }}
                      />
                    </div>
                  </div>
                  {property.type === "terms" && (
                    <TermsValues
                      path={`${base}.settings.values`}
                      label={property.title.trim() || property.name || `property ${index + 1}`}
                      values={property.values}
                      lock={locks.values}
                      errors={errorsFor(`${base}.settings.values`) ?? errorsFor(`${base}.settings`)}
                      onChange={(values) => setMetadata(index, { values }, `${base}.settings`)}
                    />
                  )}
                </li>
              );
            })}
          </ol>
        )}
        {errorsFor("metadata") && <p className="text-xs text-red-700 dark:text-red-300">{errorsFor("metadata")!.join(" ")}</p>}
        <Button id="add-metadata" variant="secondary" size="sm" onClick={addMetadata}>
          <Plus aria-hidden className="h-4 w-4" /> Add metadata property
        </Button>
      </Section>

      <Section id="section-distribution" title="Distribution and routing">
        <TextInput
          className="max-w-xs"
          path="distribution.minSubmitted"
          label="Submitted responses per record"
          type="number"
          min={1}
          max={50}
          value={form.minSubmitted}
          onChange={(minSubmitted) => edit((f) => ({ ...f, minSubmitted }), ["distribution"])}
          errors={errorsFor("distribution.minSubmitted") ?? errorsFor("distribution")}
          hint={
            mode === "edit" && recordCount > 0
              ? "How many people must submit an answer to a record routed to humans. A change applies to new records and to records nobody has answered yet."
              : "How many people must submit an answer to a record routed to humans before it is complete."
          }
        />
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={form.blind}
            onChange={(event) => {
              const blind = event.target.checked;
              edit((f) => ({ ...f, blind }), ["distribution"]);
            }}
          />
          <span>
            <span className="font-medium">Blind mode</span>
            <span className="block text-slate-500">
              Annotators answer without seeing the LLMs&apos; suggestions and proposals, so their answers are an independent check.
              Curators still see everything.
            </span>
          </span>
        </label>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <span className="font-medium text-slate-700 dark:text-slate-300">Routing:</span> {formatRouting(form.routing)}.{" "}
          <span className="text-slate-500">Kept as it is when you save here; change it on the dataset&apos;s Routing tab.</span>
        </p>
      </Section>

      <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-slate-50/95 px-4 py-3 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
        <div className="flex min-h-9 flex-wrap items-center justify-between gap-3">
          <p aria-live="polite" className={cn("min-w-0 text-sm", message?.tone === "error" || errorCount > 0 ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400")} data-testid="save-status">
            {message && !busy && !(errorCount > 0) ? message.text : statusText}
          </p>
          {confirmingPublish ? (
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm publishing">
              <span className="text-sm text-slate-700 dark:text-slate-300">Publish? Names, types and options in use will be locked.</span>
              <Button variant="secondary" size="sm" onClick={() => setConfirmingPublish(false)} disabled={Boolean(busy)}>
                Cancel
              </Button>
              <Button id="confirm-publish" size="sm" onClick={() => void publish()} disabled={Boolean(busy)}>
                {dirty ? "Save and publish" : "Publish now"}
              </Button>
            </div>
          ) : (
            <div className="flex items-center gap-2">
              {mode === "create" ? (
                <>
                  <Link href={`/w/${workspaceSlug}`} className={buttonStyles({ variant: "ghost", size: "sm" })}>
                    Cancel
                  </Link>
                  <Button type="submit" size="sm" disabled={Boolean(busy)}>
                    {busy === "save" ? "Creating…" : "Create draft"}
                  </Button>
                </>
              ) : (
                <>
                  <Button type="submit" size="sm" variant={published ? "primary" : "secondary"} disabled={Boolean(busy) || !dirty}>
                    {busy === "save" ? "Saving…" : "Save changes"}
                  </Button>
                  {!published && (
                    <Button
                      size="sm"
                      disabled={Boolean(busy)}
                      onClick={() => {
                        setConfirmingPublish(true);
                        focusSoon("confirm-publish");
                      }}
                    >
                      Publish…
                    </Button>
                  )}
                </>
              )}
            </div>
          )}
        </div>
        <p className="sr-only">Press Control+S (or Command+S) anywhere in the form to save.</p>
      </div>
    </form>
  );
}

/** The allowed values of a terms property: chips, and an input that adds one on Enter. */
function TermsValues({
  path,
  label,
  values,
  lock,
  errors,
  onChange,
}: {
  path: string;
  label: string;
  values: { value: string; saved: boolean }[];
  lock?: string;
  errors?: readonly string[];
  onChange: (values: { value: string; saved: boolean }[]) => void;
}) {
  const [draft, setDraft] = useState("");
  const id = inputId(path);
  const add = () => {
    const value = draft.trim();
    if (value === "" || values.some((item) => item.value === value)) return;
    onChange([...values, { value, saved: false }]);
    setDraft("");
  };
  return (
    <div className="mt-3">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">
        Allowed values of {label} <span className="font-normal text-slate-500">(optional; none means any value)</span>
      </label>
      <div className="flex flex-wrap items-center gap-2">
        {values.map((item, index) => {
          const locked = item.saved ? lock : undefined;
          return (
            <span key={item.value} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs dark:bg-slate-800">
              {item.value}
              {locked ? (
                <Lock aria-label={locked} className="mx-1 h-3 w-3 text-slate-400" />
              ) : (
                <button
                  type="button"
                  aria-label={`Remove allowed value ${item.value}`}
                  className="rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900 dark:hover:bg-slate-700 dark:hover:text-slate-100"
                  onClick={() => onChange(values.filter((_, at) => at !== index))}
                >
                  ×
                </button>
              )}
            </span>
          );
        })}
        <input
          id={id}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add();
            }
          }}
          placeholder="Add a value, then Enter"
          aria-describedby={errors?.length ? `${id}-error` : undefined}
          className={cn(controlClass, "w-56")}
        />
        <Button variant="ghost" size="sm" onClick={add} disabled={draft.trim() === ""}>
          Add
        </Button>
      </div>
      {errors && errors.length > 0 && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}
