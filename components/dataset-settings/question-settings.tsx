"use client";

// The settings editor of each question type: options (label, multi_label, ranking), a scale (rating), text
// settings. Like components/questions has one widget per type, this table has one settings editor per type, keyed
// by the registry's type names: a new question type does not compile until it has one.
import { ArrowDown, ArrowUp, Plus, X } from "lucide-react";
import type { ReactNode } from "react";
import type { QuestionLocks } from "@/lib/datasets/settings-changes";
import type { QuestionTypeName } from "@/lib/questions";
import { Button } from "@/components/ui/button";
import { emptyOption, inputId, type OptionDraft, type QuestionDraft, type QuestionSettingsDraft } from "./form-model";
import { Checkbox, FieldErrors, IconButton, Select, TextInput } from "./inputs";

export interface SettingsEditorProps {
  index: number;
  question: QuestionDraft;
  /** Every question of the form (a text question's companion is another question). */
  questions: readonly QuestionDraft[];
  locks: QuestionLocks;
  errorsFor: (path: string) => readonly string[] | undefined;
  onChange: (settings: QuestionSettingsDraft) => void;
}

/** Focus an input once React has rendered it. */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

function OptionsEditor({ index, question, locks, errorsFor, onChange, hint }: SettingsEditorProps & { hint: string }) {
  const base = `questions.${index}.settings.options`;
  const options = question.settings.options;
  const setOptions = (next: OptionDraft[]) => onChange({ ...question.settings, options: next });
  const update = (position: number, patch: Partial<OptionDraft>) =>
    setOptions(options.map((option, at) => (at === position ? { ...option, ...patch } : option)));
  const addAfter = (position: number) => {
    if (locks.addOption) return;
    const next = [...options];
    next.splice(position + 1, 0, emptyOption());
    setOptions(next);
    focusSoon(inputId(`${base}.${position + 1}.value`));
  };
  // Enter in an option adds the next one, like a list in a text editor.
  const onEnter = (position: number) => (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" && !event.nativeEvent.isComposing && !(event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      addAfter(position);
    }
  };
  const label = question.title.trim() || question.name || `question ${index + 1}`;
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-xs font-medium text-slate-700 dark:text-slate-300">Options</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">{hint}</p>
      {options.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-center text-sm text-slate-500 dark:border-slate-700">
          No options yet.
        </p>
      ) : (
        <ol className="space-y-2">
          {options.map((option, position) => {
            const valueLock = option.saved ? locks.optionValues : undefined;
            return (
              <li key={option.key} className="flex items-start gap-2" data-testid="option-row">
                <span className="mt-1.5 w-6 shrink-0 text-right text-xs text-slate-400 tabular-nums" aria-hidden>
                  {position + 1}.
                </span>
                <TextInput
                  className="flex-1"
                  path={`${base}.${position}.value`}
                  label={`Option ${position + 1} value (${label})`}
                  showLabel={false}
                  placeholder="value, e.g. positive"
                  value={option.value}
                  onChange={(value) => update(position, { value })}
                  onKeyDown={onEnter(position)}
                  errors={errorsFor(`${base}.${position}.value`)}
                  locked={valueLock}
                  maxLength={200}
                />
                <TextInput
                  className="flex-1"
                  path={`${base}.${position}.text`}
                  label={`Option ${position + 1} text (${label})`}
                  showLabel={false}
                  placeholder={option.value ? `text shown (default: ${option.value})` : "text shown (default: the value)"}
                  value={option.text}
                  onChange={(text) => update(position, { text })}
                  onKeyDown={onEnter(position)}
                  errors={errorsFor(`${base}.${position}.text`)}
                  maxLength={500}
                />
                <div className="flex shrink-0">
                  <IconButton label={`Move option ${position + 1} up`} disabled={position === 0} onClick={() => setOptions(move(options, position, position - 1))}>
                    <ArrowUp aria-hidden className="h-4 w-4" />
                  </IconButton>
                  <IconButton
                    label={`Move option ${position + 1} down`}
                    disabled={position === options.length - 1}
                    onClick={() => setOptions(move(options, position, position + 1))}
                  >
                    <ArrowDown aria-hidden className="h-4 w-4" />
                  </IconButton>
                  <IconButton
                    label={`Remove option ${position + 1}`}
                    tone="danger"
                    disabled={Boolean(valueLock)}
                    title={valueLock}
                    onClick={() => setOptions(options.filter((_, at) => at !== position))}
                  >
                    <X aria-hidden className="h-4 w-4" />
                  </IconButton>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <FieldErrors path={base} errors={errorsFor(base)} />
      <Button
        variant="ghost"
        size="sm"
        onClick={() => addAfter(options.length - 1)}
        disabled={Boolean(locks.addOption)}
        title={locks.addOption}
        aria-label={`Add option to ${label}`}
      >
        <Plus aria-hidden className="h-4 w-4" /> Add option
      </Button>
    </fieldset>
  );
}

function RatingEditor({ index, question, locks, errorsFor, onChange }: SettingsEditorProps) {
  const base = `questions.${index}.settings`;
  return (
    <div className="grid max-w-md grid-cols-2 gap-3">
      <TextInput
        path={`${base}.min`}
        label="Lowest rating"
        type="number"
        value={question.settings.min}
        onChange={(min) => onChange({ ...question.settings, min })}
        errors={errorsFor(`${base}.min`)}
        locked={question.saved ? locks.scale : undefined}
      />
      <TextInput
        path={`${base}.max`}
        label="Highest rating"
        type="number"
        value={question.settings.max}
        onChange={(max) => onChange({ ...question.settings, max })}
        errors={errorsFor(`${base}.max`)}
        locked={question.saved ? locks.scale : undefined}
      />
      <p className="col-span-2 -mt-1 text-xs text-slate-500 dark:text-slate-400">Whole numbers; at most 11 values, e.g. 1 to 5 or 0 to 10.</p>
    </div>
  );
}

function TextSettingsEditor({ index, question, questions, locks, errorsFor, onChange }: SettingsEditorProps) {
  const base = `questions.${index}.settings`;
  const ratings = questions.filter((other) => other.type === "rating" && other.name.trim() !== "");
  const companion = question.settings.companion;
  const choices = [
    { value: "", label: "None: the suggestions' own scores" },
    ...ratings.map((other) => ({ value: other.name, label: `${other.title.trim() || other.name} (${other.name})` })),
    // A companion that is no longer a rating question stays listed, so the problem shows instead of vanishing.
    ...(companion !== "" && !ratings.some((other) => other.name === companion) ? [{ value: companion, label: `${companion} (not a rating question)` }] : []),
  ];
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Select
        path={`${base}.companion`}
        label="Uncertainty from"
        value={companion}
        onChange={(value) => onChange({ ...question.settings, companion: value })}
        options={choices}
        errors={errorsFor(`${base}.companion`) ?? errorsFor(base)}
        locked={question.saved ? locks.settings : undefined}
        hint="Texts are not votes: a companion rating question can say how sure the suggestions are."
      />
      <Checkbox
        className="sm:pt-5"
        path={`${base}.useMarkdown`}
        label="Answers may use markdown"
        checked={question.settings.useMarkdown ?? false}
        onChange={(useMarkdown) => onChange({ ...question.settings, useMarkdown })}
        errors={errorsFor(`${base}.useMarkdown`)}
      />
      <div className="sm:col-span-2">
        <Checkbox
          path={`${base}.prefill`}
          label="Start the answer from the LLM’s proposed text"
          checked={question.settings.prefill ?? false}
          onChange={(prefill) => onChange({ ...question.settings, prefill })}
          errors={errorsFor(`${base}.prefill`)}
        />
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Off by default: a pre-filled text is easily submitted as it is. An answer left unchanged is recorded as a confirmation of the
          LLM, not as the annotator’s own words.
        </p>
      </div>
    </div>
  );
}

export const questionTypeEditors: Record<QuestionTypeName, { label: string; Editor: (props: SettingsEditorProps) => ReactNode }> = {
  label: {
    label: "Label: pick one",
    Editor: (props) => <OptionsEditor {...props} hint="At least two. The value is what suggestions and exports use; the text is what annotators see." />,
  },
  multi_label: {
    label: "Multi-label: pick any",
    Editor: (props) => <OptionsEditor {...props} hint="At least one. Annotators tick any that apply (or none)." />,
  },
  ranking: {
    label: "Ranking: order the options",
    Editor: (props) => <OptionsEditor {...props} hint="At least two, e.g. the candidate responses of a record. Annotators order them best first." />,
  },
  rating: { label: "Rating: a number on a scale", Editor: RatingEditor },
  text: { label: "Text: free text", Editor: TextSettingsEditor },
};
