"use client";

// The dataset's LLM tab: proposers, prompts, runs, and the agents that made suggestions (however they arrived). The settings come from the server render and are kept by
// TanStack Query; each editor saves the whole settings through `save`, which keeps the server's problems of the last
// attempt so that each shows next to the input its path names.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type KeyboardEvent } from "react";
import { ErrorNote, WarningNote } from "@/components/import/notes";
import { cn } from "@/lib/ui/cn";
import {
  errorDetails,
  errorMessage,
  fetchSettings,
  llmKeys,
  problemsAt as detailsAt,
  saveSettings,
  type LlmRunView,
  type LlmSettings,
  type LlmSettingsView,
} from "./api";
import type { DatasetAgents } from "@/lib/server/services/llm-agents";
import { AgentsSection } from "./agents-section";
import { describePath } from "./describe";
import { PromptsSection } from "./prompts-section";
import { ProposersSection } from "./proposers-section";
import { RunsSection } from "./runs-section";

/** Saves the whole settings; `scope` is the path the change is about (its problems show in place, the rest on top). */
export type SaveSettings = (settings: LlmSettings, scope: string | null) => Promise<boolean>;

const TABS = [
  { id: "proposers", label: "Proposers" },
  { id: "prompts", label: "Prompts" },
  { id: "runs", label: "Runs" },
  { id: "agents", label: "Agents" },
] as const;
type TabId = (typeof TABS)[number]["id"];

export function LlmTab({
  slug,
  initialSettings,
  initialRuns,
  agents,
}: {
  slug: string;
  initialSettings: LlmSettingsView;
  initialRuns: LlmRunView[];
  agents: DatasetAgents;
}) {
  const datasetId = initialSettings.datasetId;
  const client = useQueryClient();
  const settings = useQuery({ queryKey: llmKeys.settings(datasetId), queryFn: () => fetchSettings(datasetId), initialData: initialSettings });
  const view = settings.data;
  // Runs when there are proposers; else the agents when suggestions were pushed or imported; else where to start.
  const [tab, setTab] = useState<TabId>(
    initialSettings.settings.proposers.length > 0 ? "runs" : agents.agents.length > 0 ? "agents" : "proposers",
  );
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ message: string; details: { where?: string; message: string }[]; scope: string | null } | null>(null);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  const save: SaveSettings = async (next, scope) => {
    setSaving(true);
    setFailure(null);
    try {
      const saved = await saveSettings(datasetId, next);
      client.setQueryData(llmKeys.settings(datasetId), saved);
      return true;
    } catch (error) {
      setFailure({ message: errorMessage(error), details: errorDetails(error), scope });
      return false;
    } finally {
      setSaving(false);
    }
  };

  // The last failed save's problems, by path; saved problems (e.g. a provider deleted since) are listed on top.
  const problemsAt = (path: string) => detailsAt(failure?.details ?? [], path);
  const elsewhere = failure ? failure.details.filter((detail) => !failure.scope || !detailsAt([detail], failure.scope).length) : [];

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const target = event.key === "Home" ? 0 : event.key === "End" ? TABS.length - 1 : step ? (index + step + TABS.length) % TABS.length : null;
    if (target === null) return;
    event.preventDefault();
    setTab(TABS[target]!.id);
    tabRefs.current[TABS[target]!.id]?.focus();
  }

  return (
    <div className="space-y-5">
      {view.problems.length > 0 && (
        <WarningNote testId="settings-problems">
          <p className="font-medium">The saved LLM settings have {view.problems.length === 1 ? "a problem" : `${view.problems.length} problems`}; runs cannot start until they are fixed:</p>
          <ul className="mt-1 list-disc pl-4 text-xs">
            {view.problems.map((problem, index) => (
              <li key={index}>
                {describePath(problem.path)}: {problem.message}
              </li>
            ))}
          </ul>
        </WarningNote>
      )}
      {failure && (
        <ErrorNote
          message={elsewhere.length === 0 && failure.details.length > 0 ? "Not saved: the problems are shown next to what you changed." : failure.message}
          details={elsewhere.map((detail) => (detail.where ? `${describePath(detail.where)}: ${detail.message}` : detail.message))}
          hint={failure.scope && elsewhere.length > 0 && elsewhere.length < failure.details.length ? "The problems of what you changed are shown next to it." : undefined}
        />
      )}

      <div role="tablist" aria-label="LLM" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {TABS.map((item, index) => (
          <button
            key={item.id}
            ref={(element) => {
              tabRefs.current[item.id] = element;
            }}
            role="tab"
            type="button"
            id={`llm-tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls={`llm-panel-${item.id}`}
            tabIndex={tab === item.id ? 0 : -1}
            onClick={() => setTab(item.id)}
            onKeyDown={(event) => onTabKey(event, index)}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              tab === item.id
                ? "border-brand-600 text-brand-700 dark:text-blue-300"
                : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100",
            )}
          >
            {item.label}
            {item.id === "proposers" && view.settings.proposers.length > 0 && <span className="ml-1.5 text-xs text-slate-500">{view.settings.proposers.length}</span>}
            {item.id === "agents" && agents.agents.length > 0 && <span className="ml-1.5 text-xs text-slate-500">{agents.agents.length}</span>}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`llm-panel-${tab}`} aria-labelledby={`llm-tab-${tab}`}>
        {tab === "proposers" && (
          <ProposersSection
            view={view}
            slug={slug}
            save={save}
            saving={saving}
            problemsAt={problemsAt}
            existing={{ agents: agents.agents.length, suggestions: agents.suggestions, show: () => setTab("agents") }}
          />
        )}
        {tab === "prompts" && <PromptsSection view={view} save={save} saving={saving} problemsAt={problemsAt} />}
        {tab === "runs" && <RunsSection view={view} initialRuns={initialRuns} />}
        {tab === "agents" && <AgentsSection agents={agents} />}
      </div>
    </div>
  );
}
