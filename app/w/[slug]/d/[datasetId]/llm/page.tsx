import type { Metadata } from "next";
import { LlmTab } from "@/components/llm/llm-tab";
import { datasetAgents } from "@/lib/server/services/llm-agents";
import { listRuns } from "@/lib/server/services/llm-runs";
import { getLlmSettings } from "@/lib/server/services/llm-settings";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "LLM" };

export default async function LlmPage({ params }: { params: Promise<{ slug: string; datasetId: string }> }) {
  const { slug, datasetId } = await params;
  const actor = await requirePageActor();
  // Owners, admins and curators (llm.runs.manage); to annotators the page does not exist.
  const settings = await orNotFound(getLlmSettings(actor, datasetId));
  const [runs, agents] = await Promise.all([listRuns(actor, datasetId), datasetAgents(actor, datasetId)]);
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h2 className="text-xl font-semibold tracking-tight">LLM</h2>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Models propose values for this dataset&apos;s questions; how much their votes disagree is the uncertainty that decides which records
        are accepted and which go to annotators. Choose the proposers, shape their prompts, and run them on all or some records; Agents lists
        every agent that made suggestions, pushed and imported ones included, with its cost and agreement with people.
      </p>
      <LlmTab slug={slug} initialSettings={settings} initialRuns={runs} agents={agents} />
    </main>
  );
}
