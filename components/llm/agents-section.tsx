// The LLM tab's Agents: every agent that made suggestions in this dataset, whether Sift's own runs made them or they
// were pushed through the API or imported from a file, with counts, tokens, cost where known, and each agent's LLM
// agreement with people (its own suggestions against the human consensus), under the proposal's figure that the
// Overview, Quality and Agreement tabs show. The numbers are the server's (lib/server/services/llm-agents.ts).
import { Bot } from "lucide-react";
import { usd } from "@/components/overview/cost-panel";
import { llmAgreementText } from "@/components/quality/format";
import { LLM_AGREEMENT_NAME, LlmAgreementDefinition, LlmAgreementLine } from "@/components/quality/llm-agreement-figure";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { DatasetAgents, LlmAgent } from "@/lib/server/services/llm-agents";

const count = (n: number): string => n.toLocaleString("en-US");

/** Where an agent's suggestions came from, in words. */
function sourceText(agent: LlmAgent): string {
  const pushed = agent.suggestions - agent.fromRuns;
  if (agent.fromRuns === 0) return "pushed through the API or imported";
  if (pushed === 0) return "Sift's LLM runs";
  return `${count(agent.fromRuns)} from Sift's LLM runs, ${count(pushed)} pushed or imported`;
}

/** The cost as far as it is known: "unknown" when no suggestion carried one, the known part otherwise. */
function costText(agent: LlmAgent): string {
  if (agent.costKnown === 0) return "unknown";
  if (agent.costKnown === agent.suggestions) return usd(agent.costUsd);
  return `${usd(agent.costUsd)} for the ${count(agent.costKnown)} priced`;
}

export function AgentsSection({ agents }: { agents: DatasetAgents }) {
  if (agents.agents.length === 0)
    return (
      <Card data-testid="agents-empty">
        <CardBody className="flex flex-col items-center gap-3 px-6 py-8 text-center">
          <Bot aria-hidden className="h-9 w-9 text-slate-400" />
          <h3 className="text-base font-semibold">No suggestions yet</h3>
          <p className="max-w-xl text-sm text-slate-600 dark:text-slate-400">
            Agents appear here as soon as they make suggestions: a proposer run from this tab, a pipeline pushing records with suggestions
            through the API, or an import that maps a column to an agent.
          </p>
        </CardBody>
      </Card>
    );
  return (
    <div className="space-y-4" data-testid="agents">
      <Card>
        <CardHeader>
          <h3 className="text-sm font-semibold">{LLM_AGREEMENT_NAME}: the proposal (every agent&apos;s votes together)</h3>
        </CardHeader>
        <CardBody className="space-y-1">
          {agents.proposal.map((q) => (
            <LlmAgreementLine key={q.name} label={q.title} figure={q.agreement} testId={`agents-proposal-${q.name}`} />
          ))}
          {agents.proposal.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No question of this dataset is compared (free text only).</p>}
          <LlmAgreementDefinition />
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <h3 className="text-sm font-semibold">
            {count(agents.agents.length)} {agents.agents.length === 1 ? "agent" : "agents"}, {count(agents.suggestions)} suggestions
          </h3>
        </CardHeader>
        <CardBody className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="agents-table">
            <caption className="sr-only">Agents that made suggestions in this dataset, with counts, cost and agreement with people</caption>
            <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Agent</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Suggestions</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Records</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Tokens in / out</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Cost</th>
                <th scope="col" className="py-1 font-medium">
                  {LLM_AGREEMENT_NAME}
                  <span className="block font-normal">its own suggestions against the human consensus</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {agents.agents.map((agent) => (
                <tr key={agent.agent} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="agent-row">
                  <th scope="row" className="py-2 pr-3 text-left font-normal">
                    <span className="font-mono text-sm font-semibold break-all">{agent.agent}</span>
                    <span className="block text-xs text-slate-500 dark:text-slate-400">
                      {agent.models.length > 0 ? agent.models.join(", ") : "no model named"} · {sourceText(agent)}
                    </span>
                  </th>
                  <td className="py-2 pr-3 text-right tabular-nums">{count(agent.suggestions)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{count(agent.records)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {agent.inputTokens + agent.outputTokens === 0 ? "–" : `${count(agent.inputTokens)} / ${count(agent.outputTokens)}`}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">{costText(agent)}</td>
                  <td className="py-2 tabular-nums">
                    {agent.agreement.length === 0 ? (
                      <span className="text-slate-500">not compared (free text)</span>
                    ) : (
                      <ul className="space-y-0.5">
                        {agent.agreement.map((q) => (
                          <li key={q.name}>
                            {agent.agreement.length > 1 && <span className="font-medium">{q.title}: </span>}
                            {llmAgreementText(q.agreement)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardBody>
      </Card>
    </div>
  );
}
