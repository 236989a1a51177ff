"use client";

// One provider: endpoint, models with prices, limits, key presence (masked), what the last test found, and its
// actions. Everything shown is text rendered by React (escaped), including what the endpoint said in an error.
import { KeyRound, Pencil, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { LlmProviderView } from "@/lib/server/services/llm-providers-view";
import { CapabilityBadges } from "./capability-badges";
import { DeleteProvider } from "./delete-provider";
import { TestConnectionButton, TestConnectionResult, useTestConnection } from "./test-connection";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 6 });
const count = new Intl.NumberFormat("en-US");

function limits(provider: LlmProviderView): string {
  return [
    `${provider.maxConcurrency} concurrent call${provider.maxConcurrency === 1 ? "" : "s"}`,
    provider.requestsPerMinute === null ? "no request limit" : `${count.format(provider.requestsPerMinute)} requests/min`,
    provider.tokensPerMinute === null ? "no token limit" : `${count.format(provider.tokensPerMinute)} tokens/min`,
    `timeout ${provider.timeoutMs / 1000} s`,
  ].join(" · ");
}

function ApiKeyStatus({ provider }: { provider: LlmProviderView }) {
  if (provider.apiKeyProblem) {
    return (
      <span className="inline-flex items-start gap-1.5 text-amber-800 dark:text-amber-300">
        <TriangleAlert aria-hidden className="mt-0.5 h-3.5 w-3.5 shrink-0" /> The stored key cannot be read: {provider.apiKeyProblem}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5" data-testid="api-key-status">
      <KeyRound aria-hidden className="h-3.5 w-3.5" />
      {provider.hasApiKey ? (
        <>
          API key <code aria-label={provider.apiKeyLast4 ? `ending in ${provider.apiKeyLast4}` : "stored"}>{`••••${provider.apiKeyLast4 ?? ""}`}</code>
        </>
      ) : (
        "No API key"
      )}
    </span>
  );
}

export function ProviderCard({ workspace, provider, onEdit }: { workspace: string; provider: LlmProviderView; onEdit: () => void }) {
  const test = useTestConnection(workspace, provider.id);
  const headingId = `provider-${provider.id}-name`;
  return (
    <Card className="p-0" aria-labelledby={headingId} role="region" data-testid="provider-card">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <div className="min-w-0 space-y-1">
          <h2 id={headingId} className="text-base font-semibold break-words">
            {provider.name}
          </h2>
          <p className="font-mono text-xs break-all text-slate-600 dark:text-slate-400">{provider.baseUrl}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <TestConnectionButton name={provider.name} test={test} />
          <Button variant="secondary" size="sm" onClick={onEdit} aria-label={`Edit ${provider.name}`}>
            <Pencil aria-hidden className="h-4 w-4" /> Edit
          </Button>
          <DeleteProvider workspace={workspace} id={provider.id} name={provider.name} />
        </div>
      </div>
      <div className="space-y-3 px-4 py-3">
        <CapabilityBadges capabilities={provider.capabilities} />
        {provider.capabilities?.error && !test.data && !test.isPending && (
          <p className="text-xs break-words text-red-700 dark:text-red-300">Last test: {provider.capabilities.error}</p>
        )}
        <TestConnectionResult test={test} />
        <table className="w-full text-sm">
          <caption className="sr-only">Models of {provider.name} and their prices in USD per million tokens</caption>
          <thead>
            <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
              <th scope="col" className="py-1 pr-3 font-medium">Model</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Input / 1M tokens</th>
              <th scope="col" className="py-1 text-right font-medium">Output / 1M tokens</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {provider.models.map((model) => (
              <tr key={model.name}>
                <td className="py-1.5 pr-3 font-mono text-xs break-all">{model.name}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{usd.format(model.inputPricePerMillion)}</td>
                <td className="py-1.5 text-right tabular-nums">{usd.format(model.outputPricePerMillion)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
          <span data-testid="limits">{limits(provider)}</span>
          <ApiKeyStatus provider={provider} />
        </div>
      </div>
    </Card>
  );
}
