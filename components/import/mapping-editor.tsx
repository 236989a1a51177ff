"use client";

import { Plus, Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { ImportTarget, Mapping } from "@/components/import/api";
import { cn } from "@/lib/ui/cn";

type ColumnMapping = Extract<Mapping, { kind: "columns" }>;
type SuggestionEntry = ColumnMapping["suggestions"][number];
type ResponseEntry = ColumnMapping["responses"][number];

const selectClass =
  "h-8 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-sm focus:border-brand-500 dark:border-slate-700 dark:bg-slate-900";
const inputClass = selectClass;
const smallLabel = "text-xs font-medium text-slate-600 dark:text-slate-400";

const NONE = "";

function ColumnSelect({
  value,
  columns,
  onChange,
  label,
  emptyLabel = "— not imported —",
  allowEmpty = true,
}: {
  value: string | undefined;
  columns: readonly string[];
  onChange: (column: string | undefined) => void;
  label: string;
  emptyLabel?: string;
  allowEmpty?: boolean;
}) {
  const missing = value !== undefined && !columns.includes(value);
  return (
    <select aria-label={label} className={selectClass} value={value ?? NONE} onChange={(event) => onChange(event.target.value === NONE ? undefined : event.target.value)}>
      {allowEmpty && <option value={NONE}>{emptyLabel}</option>}
      {missing && <option value={value}>{value} (not in the file)</option>}
      {columns.map((column) => (
        <option key={column} value={column}>
          {column}
        </option>
      ))}
    </select>
  );
}

function Sample({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <p className="mt-0.5 truncate text-xs text-slate-500 dark:text-slate-400" title={text}>
      e.g. {text}
    </p>
  );
}

function TargetRow({ title, name, detail, children }: { title: string; name: string; detail: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 items-start gap-x-4 gap-y-1 py-2 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
      <div className="min-w-0 pt-1">
        <p className="truncate text-sm font-medium">{title}</p>
        <p className="truncate text-xs text-slate-500 dark:text-slate-400">
          <code>{name}</code> · {detail}
        </p>
      </div>
      <div className="min-w-0">{children}</div>
    </div>
  );
}

function Section({ title, description, action, children }: { title: string; description?: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-1">
      <div className="flex items-end justify-between gap-4 border-b border-slate-200 pb-1 dark:border-slate-800">
        <div>
          <h3 className="text-sm font-semibold">{title}</h3>
          {description && <p className="text-xs text-slate-500 dark:text-slate-400">{description}</p>}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}

/** A column mapping that reads columns named like the targets; the start when leaving the record format. */
export function mappingByName(columns: readonly string[], target: ImportTarget): ColumnMapping {
  const has = (name: string) => columns.includes(name);
  return {
    kind: "columns",
    externalId: ["externalId", "external_id", "id"].find(has) ?? null,
    fields: Object.fromEntries(target.fields.filter((field) => has(field.name)).map((field) => [field.name, field.name])),
    metadata: Object.fromEntries(target.metadata.filter((property) => has(property.name)).map((property) => [property.name, property.name])),
    suggestions: [],
    responses: [],
  };
}

function withoutKey(record: Record<string, string>, key: string): Record<string, string> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** What an editor of one entry of a mapping list (a suggestion source, a responses source) is given. */
interface EntryEditorProps<T> {
  entry: T;
  index: number;
  columns: readonly string[];
  target: ImportTarget;
  onChange: (entry: T) => void;
  onRemove: () => void;
}

/** Replacing or removing entry `index` of a mapping list, as new lists handed to `update`. */
function entryHandlers<T>(list: readonly T[], index: number, update: (next: T[]) => void): Pick<EntryEditorProps<T>, "onChange" | "onRemove"> {
  return {
    onChange: (next) => update(list.map((old, at) => (at === index ? next : old))),
    onRemove: () => update(list.filter((_, at) => at !== index)),
  };
}

function SuggestionEditor({ entry, index, columns, target, onChange, onRemove }: EntryEditorProps<SuggestionEntry>) {
  const n = index + 1;
  const byColumn = entry.agentColumn !== undefined;
  const optional = (part: "score" | "rationale" | "model", label: string) => (
    <label className="space-y-1">
      <span className={smallLabel}>{label}</span>
      <ColumnSelect
        label={`Suggestion ${n} ${label.toLowerCase()} column`}
        value={entry[part]}
        columns={columns}
        emptyLabel="— none —"
        onChange={(column) => {
          const next = { ...entry };
          if (column === undefined) delete next[part];
          else next[part] = column;
          onChange(next);
        }}
      />
    </label>
  );
  return (
    <div data-testid="suggestion-mapping" className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 p-2 md:grid-cols-4 xl:grid-cols-[repeat(6,minmax(0,1fr))_auto] dark:border-slate-800">
      <label className="space-y-1">
        <span className={smallLabel}>Question</span>
        <select
          aria-label={`Suggestion ${n} question`}
          className={selectClass}
          value={entry.question}
          onChange={(event) => onChange({ ...entry, question: event.target.value })}
        >
          {!target.questions.some((question) => question.name === entry.question) && <option value={entry.question}>{entry.question} (unknown)</option>}
          {target.questions.map((question) => (
            <option key={question.name} value={question.name}>
              {question.title} ({question.type})
            </option>
          ))}
        </select>
      </label>
      <div className="space-y-1">
        <select
          aria-label={`Suggestion ${n} agent from`}
          className="h-4 border-0 bg-transparent p-0 text-xs font-medium text-slate-600 dark:text-slate-400"
          value={byColumn ? "column" : "name"}
          onChange={(event) => {
            const { agent: _agent, agentColumn: _column, ...rest } = entry;
            onChange(event.target.value === "column" ? { ...rest, agentColumn: columns[0] ?? "" } : { ...rest, agent: "import" });
          }}
        >
          <option value="name">Agent name</option>
          <option value="column">Agent column</option>
        </select>
        {byColumn ? (
          <ColumnSelect
            label={`Suggestion ${n} agent column`}
            value={entry.agentColumn}
            columns={columns}
            allowEmpty={false}
            onChange={(column) => onChange({ ...entry, agentColumn: column ?? columns[0] ?? "" })}
          />
        ) : (
          <input
            aria-label={`Suggestion ${n} agent name`}
            className={inputClass}
            value={entry.agent ?? ""}
            placeholder="e.g. gpt-4o-mini/judge"
            onChange={(event) => onChange({ ...entry, agent: event.target.value })}
          />
        )}
      </div>
      <label className="space-y-1">
        <span className={smallLabel}>Value</span>
        <ColumnSelect
          label={`Suggestion ${n} value column`}
          value={entry.value}
          columns={columns}
          allowEmpty={false}
          onChange={(column) => onChange({ ...entry, value: column ?? columns[0] ?? "" })}
        />
      </label>
      {optional("score", "Score")}
      {optional("rationale", "Rationale")}
      {optional("model", "Model")}
      <div className="flex items-end">
        <Button variant="ghost" size="sm" aria-label={`Remove suggestion ${n}`} onClick={onRemove}>
          <Trash2 aria-hidden className="size-4" />
        </Button>
      </div>
    </div>
  );
}

function ResponseEditor({ entry, index, columns, target, onChange, onRemove }: EntryEditorProps<ResponseEntry>) {
  const n = index + 1;
  const byColumn = entry.userColumn !== undefined;
  return (
    <div data-testid="response-mapping" className="space-y-2 rounded-md border border-slate-200 p-2 dark:border-slate-800">
      <div className="grid grid-cols-2 gap-2 md:grid-cols-[repeat(3,minmax(0,1fr))_auto]">
        <div className="space-y-1">
          <select
            aria-label={`Responses ${n} annotator from`}
            className="h-4 border-0 bg-transparent p-0 text-xs font-medium text-slate-600 dark:text-slate-400"
            value={byColumn ? "column" : "name"}
            onChange={(event) => {
              const { user: _user, userColumn: _column, ...rest } = entry;
              onChange(event.target.value === "column" ? { ...rest, userColumn: columns[0] ?? "" } : { ...rest, user: "" });
            }}
          >
            <option value="name">Annotator (username)</option>
            <option value="column">Annotator column</option>
          </select>
          {byColumn ? (
            <ColumnSelect
              label={`Responses ${n} annotator column`}
              value={entry.userColumn}
              columns={columns}
              allowEmpty={false}
              onChange={(column) => onChange({ ...entry, userColumn: column ?? columns[0] ?? "" })}
            />
          ) : (
            <input
              aria-label={`Responses ${n} username`}
              className={inputClass}
              value={entry.user ?? ""}
              onChange={(event) => onChange({ ...entry, user: event.target.value })}
            />
          )}
        </div>
        <label className="space-y-1">
          <span className={smallLabel}>Status</span>
          <select
            aria-label={`Responses ${n} status`}
            className={selectClass}
            value={entry.statusColumn !== undefined ? `column:${entry.statusColumn}` : (entry.status ?? "submitted")}
            onChange={(event) => {
              const { status: _status, statusColumn: _column, ...rest } = entry;
              const value = event.target.value;
              onChange(value.startsWith("column:") ? { ...rest, statusColumn: value.slice(7) } : { ...rest, status: value as ResponseEntry["status"] });
            }}
          >
            <option value="submitted">submitted</option>
            <option value="draft">draft</option>
            <option value="discarded">discarded</option>
            {columns.map((column) => (
              <option key={column} value={`column:${column}`}>
                from column {column}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end justify-end md:col-start-4">
          <Button variant="ghost" size="sm" aria-label={`Remove responses ${n}`} onClick={onRemove}>
            <Trash2 aria-hidden className="size-4" />
          </Button>
        </div>
      </div>
      <div className="grid grid-cols-2 gap-2 md:grid-cols-4">
        {target.questions.map((question) => (
          <label key={question.name} className="space-y-1">
            <span className={smallLabel}>{question.title}</span>
            <ColumnSelect
              label={`Responses ${n} ${question.name} column`}
              value={entry.values[question.name]}
              columns={columns}
              emptyLabel="— none —"
              onChange={(column) =>
                onChange({ ...entry, values: column === undefined ? withoutKey(entry.values, question.name) : { ...entry.values, [question.name]: column } })
              }
            />
          </label>
        ))}
      </div>
    </div>
  );
}

/** Step 2: which column feeds what. Every change re-runs the preview. */
export function MappingEditor({
  mapping,
  columns,
  samples,
  target,
  onChange,
}: {
  mapping: Mapping;
  columns: readonly string[];
  samples: Record<string, string>;
  target: ImportTarget;
  onChange: (mapping: Mapping) => void;
}) {
  if (mapping.kind === "record") {
    return (
      <div className="space-y-3 text-sm">
        <p>
          The rows are in Sift&apos;s record format (<code>externalId</code>, <code>fields</code>, <code>metadata</code>,{" "}
          <code>suggestions</code>, <code>responses</code>): they are imported as they are, with their suggestions and responses.
        </p>
        <Button variant="secondary" size="sm" onClick={() => onChange(mappingByName(columns, target))}>
          Map columns by hand instead
        </Button>
      </div>
    );
  }
  const set = (patch: Partial<ColumnMapping>) => onChange({ ...mapping, ...patch });
  const firstFree = columns.find((column) => !Object.values(mapping.fields).includes(column) && column !== mapping.externalId) ?? columns[0] ?? "";
  return (
    <div className="space-y-5">
      {columns.includes("fields") && (
        <p className="text-sm">
          This file has a <code>fields</code> column: it may be in Sift&apos;s record format.{" "}
          <button type="button" className="font-medium text-brand-700 underline dark:text-blue-300" onClick={() => onChange({ kind: "record" })}>
            Read the rows as records
          </button>
        </p>
      )}
      <div className="grid gap-x-10 gap-y-5 lg:grid-cols-2">
        <div className="min-w-0 space-y-5">
          <Section title="Record" description="The external id makes re-importing the same file an update, never a duplicate.">
            <TargetRow title="External id" name="externalId" detail="unique per dataset">
              <select
                aria-label="Column for the external id"
                className={selectClass}
                value={mapping.externalId ?? NONE}
                onChange={(event) => set({ externalId: event.target.value === NONE ? null : event.target.value })}
              >
                <option value={NONE}>— generate from the row number (row-2, row-3…) —</option>
                {columns.map((column) => (
                  <option key={column} value={column}>
                    {column}
                  </option>
                ))}
              </select>
              <Sample text={mapping.externalId ? samples[mapping.externalId] : undefined} />
            </TargetRow>
          </Section>
          <Section title="Fields" description="What annotators read.">
            {target.fields.map((field) => (
              <TargetRow key={field.name} title={field.title} name={field.name} detail={`${field.type}${field.required ? ", required" : ""}`}>
                <ColumnSelect
                  label={`Column for field ${field.name}`}
                  value={mapping.fields[field.name]}
                  columns={columns}
                  onChange={(column) => set({ fields: column === undefined ? withoutKey(mapping.fields, field.name) : { ...mapping.fields, [field.name]: column } })}
                />
                <Sample text={mapping.fields[field.name] ? samples[mapping.fields[field.name]!] : undefined} />
              </TargetRow>
            ))}
          </Section>
        </div>
        <div className="min-w-0 space-y-5">
          {target.metadata.length > 0 && (
            <Section title="Metadata">
              {target.metadata.map((property) => (
                <TargetRow key={property.name} title={property.title} name={property.name} detail={property.type}>
                  <ColumnSelect
                    label={`Column for metadata ${property.name}`}
                    value={mapping.metadata[property.name]}
                    columns={columns}
                    onChange={(column) =>
                      set({ metadata: column === undefined ? withoutKey(mapping.metadata, property.name) : { ...mapping.metadata, [property.name]: column } })
                    }
                  />
                  <Sample text={mapping.metadata[property.name] ? samples[mapping.metadata[property.name]!] : undefined} />
                </TargetRow>
              ))}
            </Section>
          )}
        </div>
      </div>
      {target.questions.length > 0 && (
        <Section
          title="Suggestions"
          description="One entry per question and agent: any number of agents per question. A ranking or multi-label value is a JSON list, e.g. [&quot;a&quot;, &quot;b&quot;]."
          action={
            <Button
              variant="secondary"
              size="sm"
              onClick={() => set({ suggestions: [...mapping.suggestions, { question: target.questions[0]!.name, agent: "import", value: firstFree }] })}
            >
              <Plus aria-hidden className="size-4" /> Add a suggestion
            </Button>
          }
        >
          <div className="space-y-2 pt-2">
            {mapping.suggestions.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">No suggestions are imported.</p>}
            {mapping.suggestions.map((entry, index) => (
              <SuggestionEditor
                key={index}
                entry={entry}
                index={index}
                columns={columns}
                target={target}
                {...entryHandlers(mapping.suggestions, index, (suggestions) => set({ suggestions }))}
              />
            ))}
          </div>
        </Section>
      )}
      {target.questions.length > 0 && (
        <Section
          title="Responses"
          description="Answers of annotators of this workspace, by username."
          action={
            <Button variant="secondary" size="sm" onClick={() => set({ responses: [...mapping.responses, { user: "", values: {} }] })}>
              <Plus aria-hidden className="size-4" /> Add responses
            </Button>
          }
        >
          <div className={cn("space-y-2", mapping.responses.length > 0 && "pt-2")}>
            {mapping.responses.map((entry, index) => (
              <ResponseEditor
                key={index}
                entry={entry}
                index={index}
                columns={columns}
                target={target}
                {...entryHandlers(mapping.responses, index, (responses) => set({ responses }))}
              />
            ))}
          </div>
        </Section>
      )}
    </div>
  );
}
