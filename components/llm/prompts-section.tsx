"use client";

// The prompt of each question: a template over placeholders (the default when empty), its problems as you type,
// and a preview of the exact messages for a sample record, with the template as it is in the box (saved or not).
import { useMutation } from "@tanstack/react-query";
import { Eye, RotateCcw } from "lucide-react";
import { useId, useState } from "react";
import { ErrorNote } from "@/components/import/notes";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { checkTemplate, DEFAULT_JUDGE_TEMPLATE, DEFAULT_TEMPLATE } from "@/lib/llm/prompts/template";
import { cn } from "@/lib/ui/cn";
import { errorDetails, errorMessage, previewPrompt, type LlmSettingsView, type PreviewRequest, type SettingsQuestion } from "./api";
import { PLACEHOLDER_TEXT, strategySummary } from "./describe";
import type { SaveSettings } from "./llm-tab";
import { PromptPreviewView } from "./prompt-preview";
import { controlClass, FieldErrors } from "./proposer-form";

export function PromptsSection({ view, save, saving, problemsAt }: { view: LlmSettingsView; save: SaveSettings; saving: boolean; problemsAt: (path: string) => string[] }) {
  const [selected, setSelected] = useState(view.questions[0]?.name ?? "");
  const question = view.questions.find((candidate) => candidate.name === selected);
  if (!question) return <p className="text-sm text-slate-600">This dataset has no questions.</p>;
  return (
    <div className="grid gap-4 lg:grid-cols-[14rem_minmax(0,1fr)]">
      <nav aria-label="Questions">
        <ul className="space-y-1">
          {view.questions.map((candidate) => {
            const custom = (view.settings.templates[candidate.name] ?? "").trim() !== "";
            return (
              <li key={candidate.name}>
                <button
                  type="button"
                  aria-current={candidate.name === selected ? "true" : undefined}
                  onClick={() => setSelected(candidate.name)}
                  className={cn(
                    "w-full rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800",
                    candidate.name === selected && "bg-brand-50 font-medium text-brand-700 dark:bg-blue-950 dark:text-blue-300",
                  )}
                >
                  {candidate.title}
                  <span className="block text-xs font-normal text-slate-500">
                    {candidate.name} · {custom ? "custom prompt" : "default prompt"}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      {/* Keyed by question: switching questions starts from that question's saved template. */}
      <QuestionPrompt key={question.name} view={view} question={question} save={save} saving={saving} errors={problemsAt(`templates.${question.name}`)} />
    </div>
  );
}

function QuestionPrompt({ view, question, save, saving, errors }: { view: LlmSettingsView; question: SettingsQuestion; save: SaveSettings; saving: boolean; errors: string[] }) {
  const id = useId();
  const saved = view.settings.templates[question.name] ?? "";
  const [text, setText] = useState(saved);
  const asking = view.settings.proposers.map((proposer, index) => ({ proposer, index })).filter(({ proposer }) => proposer.questions.includes(question.name));
  const judged = asking.some(({ proposer }) => proposer.strategy.kind === "judge");
  const defaultTemplate = judged ? DEFAULT_JUDGE_TEMPLATE : DEFAULT_TEMPLATE;
  const fieldNames = view.fields.map((field) => field.name);
  const live = text.trim() === "" ? [] : checkTemplate(text, fieldNames).problems;
  const changed = text !== saved;

  const [proposerIndex, setProposerIndex] = useState<number | null>(asking[0]?.index ?? null);
  const [externalId, setExternalId] = useState("");
  const preview = useMutation({
    mutationFn: () => {
      const firstModel = view.providers[0]?.models[0]?.name ?? "model";
      const body: PreviewRequest = {
        question: question.name,
        // No proposer asks this question yet: preview one plain call, which is what the template shapes.
        proposer: proposerIndex ?? { model: firstModel, strategy: { kind: "single" }, selfEvaluate: false },
        template: text,
        ...(externalId.trim() ? { externalId: externalId.trim() } : {}),
      };
      return previewPrompt(view.datasetId, body);
    },
  });
  const previewErrors = errorDetails(preview.error);

  return (
    <div className="min-w-0 space-y-4">
      <Card>
        <CardHeader>
          <h3 className="text-sm font-semibold">
            Prompt of “{question.title}” <span className="font-normal text-slate-500">({question.name})</span>
          </h3>
        </CardHeader>
        <CardBody className="space-y-3">
          <div>
            <label htmlFor={`${id}-template`} className="text-sm font-medium">
              Template
            </label>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Empty: the default below is used. Placeholders are filled per record, question and prompt variant.
            </p>
            <textarea
              id={`${id}-template`}
              rows={10}
              spellCheck={false}
              placeholder={defaultTemplate}
              className={cn(controlClass, "font-mono text-xs leading-relaxed")}
              value={text}
              onChange={(event) => setText(event.target.value)}
              aria-invalid={live.length + errors.length > 0 || undefined}
              aria-describedby={`${id}-problems`}
            />
            <div id={`${id}-problems`} aria-live="polite">
              <FieldErrors id={`${id}-live`} messages={[...new Set([...live, ...errors])]} />
            </div>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" disabled={!changed || saving || live.length > 0} onClick={() => void save({ ...view.settings, templates: { ...view.settings.templates, [question.name]: text } }, `templates.${question.name}`)}>
              {saving ? "Saving…" : "Save prompt"}
            </Button>
            {text.trim() === "" ? (
              <Button size="sm" variant="secondary" onClick={() => setText(defaultTemplate)}>
                Start from the default
              </Button>
            ) : (
              <Button size="sm" variant="ghost" onClick={() => setText("")} title="Empties the box; save to use the default again">
                <RotateCcw aria-hidden className="size-3.5" /> Reset to default
              </Button>
            )}
            {changed && <span className="self-center text-xs text-amber-700 dark:text-amber-300">Unsaved changes (the preview uses them)</span>}
          </div>
          <details className="text-sm" open>
            <summary className="cursor-pointer font-medium select-none">Placeholders</summary>
            <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
              {PLACEHOLDER_TEXT.map((item) => (
                <div key={item.placeholder} className="contents">
                  <dt className="font-mono text-brand-700 dark:text-blue-300">{item.placeholder}</dt>
                  <dd className="text-slate-600 dark:text-slate-400">{item.inserts}</dd>
                </div>
              ))}
              {view.fields.map((field) => (
                <div key={field.name} className="contents">
                  <dt className="font-mono text-brand-700 dark:text-blue-300">{`{{field.${field.name}}}`}</dt>
                  <dd className="text-slate-600 dark:text-slate-400">
                    the “{field.title}” field alone ({field.type})
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <h3 className="text-sm font-semibold">Preview</h3>
        </CardHeader>
        <CardBody className="space-y-3">
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(event) => {
              event.preventDefault();
              preview.mutate();
            }}
          >
            <label className="min-w-56 flex-1 text-sm font-medium">
              Proposer
              <select
                className={controlClass}
                value={proposerIndex ?? ""}
                onChange={(event) => setProposerIndex(event.target.value === "" ? null : Number(event.target.value))}
              >
                {asking.length === 0 && <option value="">No proposer asks this question: one plain call</option>}
                {asking.map(({ proposer, index }) => (
                  <option key={index} value={index}>
                    Proposer {index + 1}: {proposer.model} · {strategySummary(proposer.strategy)}
                  </option>
                ))}
              </select>
            </label>
            <label className="w-56 text-sm font-medium">
              Sample record (external id)
              <input
                className={controlClass}
                placeholder="the first record"
                value={externalId}
                onChange={(event) => setExternalId(event.target.value)}
                aria-invalid={previewErrors.some((detail) => detail.where === "externalId") || undefined}
              />
            </label>
            <Button type="submit" variant="secondary" disabled={preview.isPending}>
              <Eye aria-hidden className="size-4" /> {preview.isPending ? "Preparing…" : "Preview"}
            </Button>
          </form>
          {preview.isError && <ErrorNote message={errorMessage(preview.error)} details={previewErrors.map((detail) => (detail.where ? `${detail.where}: ${detail.message}` : detail.message))} />}
          {preview.data && !preview.isPending && <PromptPreviewView preview={preview.data} />}
          {!preview.data && !preview.isError && (
            <p className="text-sm text-slate-500">The exact messages sent for a sample record, one block per vote and call, with the output schema.</p>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
