"use client";

// The proposers: who proposes for which questions and how, each saved on its own (the whole settings are sent, so
// the server checks them together). An empty state says what a proposer is, and where providers come from.
import Link from "next/link";
import { Bot, Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonStyles } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import type { LlmSettings, LlmSettingsView, Proposer } from "./api";
import { formatPrices, strategySummary } from "./describe";
import { controlClass, FieldErrors, ProposerForm } from "./proposer-form";
import type { SaveSettings } from "./llm-tab";
import { cn } from "@/lib/ui/cn";

type Editing = { index: number | null } | null;

/** Suggestions already in the dataset (pushed, imported or from runs), so an empty list of proposers does not read as "no LLM". */
export interface ExistingSuggestions {
  agents: number;
  suggestions: number;
  show: () => void;
}

function ExistingNote({ existing }: { existing: ExistingSuggestions }) {
  if (existing.agents === 0) return null;
  return (
    <p className="max-w-xl text-sm text-slate-600 dark:text-slate-400" data-testid="existing-suggestions">
      This dataset already has {existing.suggestions.toLocaleString("en-US")} suggestions from {existing.agents.toLocaleString("en-US")}{" "}
      {existing.agents === 1 ? "agent" : "agents"} (pushed through the API, imported or from earlier runs):{" "}
      <button type="button" className="font-medium text-brand-700 underline dark:text-blue-300" onClick={existing.show}>
        see Agents
      </button>
      .
    </p>
  );
}

export function ProposersSection({
  view,
  slug,
  save,
  saving,
  problemsAt,
  existing,
}: {
  view: LlmSettingsView;
  slug: string;
  save: SaveSettings;
  saving: boolean;
  problemsAt: (path: string) => string[];
  existing: ExistingSuggestions;
}) {
  const { settings, providers, questions } = view;
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function saveProposer(index: number | null, proposer: Proposer) {
    const proposers = index === null ? [...settings.proposers, proposer] : settings.proposers.map((item, i) => (i === index ? proposer : item));
    const at = index ?? settings.proposers.length;
    if (await save({ ...settings, proposers }, `proposers[${at}]`)) {
      setEditing(null);
      setNotice(index === null ? `Proposer ${at + 1} added.` : `Proposer ${at + 1} saved.`);
    }
  }

  async function remove(index: number) {
    if (await save({ ...settings, proposers: settings.proposers.filter((_, i) => i !== index) }, null)) {
      setRemoving(null);
      setNotice(`Proposer ${index + 1} removed.`);
    }
  }

  if (providers.length === 0 && settings.proposers.length === 0) {
    return (
      <Card data-testid="proposers-empty">
        <CardBody className="flex flex-col items-center gap-3 px-6 py-10 text-center">
          <Bot aria-hidden className="h-10 w-10 text-slate-400" />
          <h3 className="text-base font-semibold">No LLM providers in this workspace yet</h3>
          <p className="max-w-xl text-sm text-slate-600 dark:text-slate-400">
            A <strong>proposer</strong> is a model that suggests values for some of this dataset&apos;s questions. Sift measures how much its
            votes disagree, accepts the confident proposals and sends the uncertain records to annotators. Proposers use the workspace&apos;s
            LLM providers — OpenAI-compatible endpoints such as OpenAI, vLLM or Ollama.
          </p>
          {view.canManageProviders ? (
            <Link className={`${buttonStyles({})} mt-2`} href={`/w/${slug}/settings/llm-providers`}>
              Add a provider in Workspace settings → LLM providers
            </Link>
          ) : (
            <p className="text-sm font-medium">Ask a workspace admin to add one in Workspace settings → LLM providers.</p>
          )}
          <ExistingNote existing={existing} />
        </CardBody>
      </Card>
    );
  }

  return (
    <div className="space-y-4">
      <div className={cn("flex items-center justify-between gap-3", (notice || settings.proposers.length > 0) && "min-h-9")}>
        <p aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-300" data-testid="proposers-notice">
          {notice}
        </p>
        {editing === null && settings.proposers.length > 0 && (
          <Button
            onClick={() => {
              setNotice(null);
              setEditing({ index: null });
            }}
          >
            <Plus aria-hidden className="size-4" /> Add proposer
          </Button>
        )}
      </div>

      {settings.proposers.length === 0 && editing === null && (
        <Card data-testid="proposers-empty">
          <CardBody className="flex flex-col items-center gap-3 px-6 py-8 text-center">
            <Bot aria-hidden className="h-9 w-9 text-slate-400" />
            <h3 className="text-base font-semibold">No proposers yet</h3>
            <p className="max-w-xl text-sm text-slate-600 dark:text-slate-400">
              A <strong>proposer</strong> is a model that suggests values for some of this dataset&apos;s questions. Choose how it votes — prompt
              variants, samples, log-probabilities or a judge — and Sift measures the uncertainty from how the votes disagree: confident
              proposals are accepted, uncertain records go to annotators.
            </p>
            <ExistingNote existing={existing} />
            <Button className="mt-2" onClick={() => setEditing({ index: null })}>
              <Plus aria-hidden className="size-4" /> Add a proposer
            </Button>
          </CardBody>
        </Card>
      )}

      <ol className="space-y-3" aria-label="Proposers">
        {settings.proposers.map((proposer, index) => {
          const provider = providers.find((candidate) => candidate.id === proposer.providerId);
          const model = provider?.models.find((candidate) => candidate.name === proposer.model);
          // The saved proposer's own problems (e.g. its provider was deleted since); a failed edit shows its own in the form.
          const own = view.problems.filter((problem) => problem.path.startsWith(`proposers[${index}]`)).map((problem) => problem.message);
          return (
            <li key={index} aria-label={`Proposer ${index + 1}`} data-testid="proposer">
              <Card>
                <CardBody className="p-5">
                  {editing?.index === index ? (
                    <ProposerForm
                      index={index}
                      proposer={proposer}
                      providers={providers}
                      questions={questions}
                      problems={(path) => problemsAt(`proposers[${index}].${path}`)}
                      saving={saving}
                      onSave={(next) => void saveProposer(index, next)}
                      onCancel={() => setEditing(null)}
                    />
                  ) : (
                    <div className="flex flex-wrap items-start justify-between gap-3">
                      <div className="min-w-0 space-y-1">
                        <p className="text-xs font-medium text-slate-500">Proposer {index + 1}</p>
                        <p className="font-mono text-sm font-semibold">{proposer.model}</p>
                        <p className="text-sm text-slate-600 dark:text-slate-400">
                          on {provider?.name ?? <span className="text-red-700 dark:text-red-300">a provider that no longer exists</span>}
                          {model && <> · {formatPrices(model)}</>}
                        </p>
                        <div className="flex flex-wrap gap-1.5 pt-1">
                          {proposer.questions.map((name) => (
                            <Badge key={name} tone="blue">
                              {questions.find((question) => question.name === name)?.title ?? name}
                            </Badge>
                          ))}
                          <Badge tone="violet">{strategySummary(proposer.strategy)}</Badge>
                          {proposer.selfEvaluate && <Badge tone="neutral">self-evaluation</Badge>}
                        </div>
                        <FieldErrors id={`proposer-${index}-problems`} messages={own} />
                      </div>
                      {removing === index ? (
                        <div className="flex items-center gap-2" role="group" aria-label={`Remove proposer ${index + 1}?`}>
                          <span className="text-sm">Remove it?</span>
                          <Button size="sm" variant="danger" disabled={saving} onClick={() => void remove(index)}>
                            Remove
                          </Button>
                          <Button size="sm" variant="ghost" autoFocus onClick={() => setRemoving(null)}>
                            Keep
                          </Button>
                        </div>
                      ) : (
                        <div className="flex gap-1">
                          <Button
                            size="sm"
                            variant="secondary"
                            aria-label={`Edit proposer ${index + 1}`}
                            disabled={editing !== null}
                            onClick={() => {
                              setNotice(null);
                              setEditing({ index });
                            }}
                          >
                            <Pencil aria-hidden className="size-3.5" /> Edit
                          </Button>
                          <Button size="sm" variant="ghost" aria-label={`Remove proposer ${index + 1}`} disabled={editing !== null} onClick={() => setRemoving(index)}>
                            <Trash2 aria-hidden className="size-3.5" /> Remove
                          </Button>
                        </div>
                      )}
                    </div>
                  )}
                </CardBody>
              </Card>
            </li>
          );
        })}
      </ol>

      {editing?.index === null && (
        <Card>
          <CardBody className="p-5">
            {providers.length === 0 ? (
              <p className="text-sm">The workspace has no LLM providers left: {view.canManageProviders ? "add one in Workspace settings → LLM providers." : "ask an admin to add one."}</p>
            ) : (
              <ProposerForm
                index={null}
                providers={providers}
                questions={questions}
                problems={(path) => problemsAt(`proposers[${settings.proposers.length}].${path}`)}
                saving={saving}
                onSave={(next) => void saveProposer(null, next)}
                onCancel={() => setEditing(null)}
              />
            )}
          </CardBody>
        </Card>
      )}

      {settings.proposers.length > 0 && <DefaultTemperature settings={settings} save={save} saving={saving} errors={problemsAt("temperature")} />}
    </div>
  );
}

function DefaultTemperature({ settings, save, saving, errors }: { settings: LlmSettings; save: SaveSettings; saving: boolean; errors: string[] }) {
  const [value, setValue] = useState(String(settings.temperature));
  const changed = value !== String(settings.temperature);
  return (
    <form
      className="rounded-md border border-slate-200 px-4 py-3 dark:border-slate-800"
      onSubmit={(event) => {
        event.preventDefault();
        void save({ ...settings, temperature: Number(value) }, "temperature");
      }}
    >
      <label htmlFor="llm-temperature" className="text-sm font-medium">
        Temperature of the other calls
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <input
          id="llm-temperature"
          type="number"
          min={0}
          max={2}
          step={0.1}
          className={cn(controlClass, "mt-0 w-24")}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby="llm-temperature-hint"
        />
        <Button type="submit" size="sm" variant="secondary" disabled={!changed || saving}>
          Save temperature
        </Button>
      </div>
      <p id="llm-temperature-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        Every call that is not a sample uses it; 0 asks the endpoint to be as deterministic as it can.
      </p>
      <FieldErrors id="llm-temperature-errors" messages={errors} />
    </form>
  );
}
