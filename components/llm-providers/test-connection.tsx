"use client";

// "Test connection": asks the endpoint through the server (the key never reaches the browser) and says the outcome
// in place, in a live region so screen readers hear it. The stored badges refresh with the list.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Loader2, PlugZap, XCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ProviderCapabilities } from "@/lib/llm/provider-settings";
import { providersKey, testProvider } from "./api";

function summary(result: ProviderCapabilities): string {
  const features = [
    result.jsonSchema === null ? null : result.jsonSchema ? "follows JSON schemas" : "no JSON-schema output (Sift will put the schema in the prompt)",
    result.logprobs === null ? null : result.logprobs ? "returns logprobs" : "no logprobs",
  ].filter((feature) => feature !== null);
  const models = result.models ? `; lists ${result.models.length} model${result.models.length === 1 ? "" : "s"}` : "";
  return `Connected in ${result.latencyMs} ms: ${features.join(", ")}${models}.${notTested(result)}`;
}

/** What the test could not find out, said as such (never as "not supported"). */
function notTested(result: ProviderCapabilities): string {
  const untested = [result.jsonSchema === null ? "JSON-schema output" : null, result.logprobs === null ? "logprobs" : null].filter(
    (feature) => feature !== null,
  );
  return untested.length === 0 ? "" : ` Not tested: ${untested.join(", ")}.`;
}

export function useTestConnection(workspace: string, providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => testProvider(providerId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: providersKey(workspace) }),
  });
}

export function TestConnectionButton({ name, test }: { name: string; test: ReturnType<typeof useTestConnection> }) {
  return (
    <Button variant="secondary" size="sm" onClick={() => test.mutate()} disabled={test.isPending} aria-label={`Test connection to ${name}`}>
      {test.isPending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : <PlugZap aria-hidden className="h-4 w-4" />}
      {test.isPending ? "Testing…" : "Test connection"}
    </Button>
  );
}

export function TestConnectionResult({ test }: { test: ReturnType<typeof useTestConnection> }) {
  const result = test.data;
  const ok = result && result.reachable && !result.error;
  return (
    <div aria-live="polite" data-testid="test-result">
      {test.isPending ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Asking the endpoint… (up to the provider&rsquo;s timeout)</p>
      ) : test.isError ? (
        <p className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
          <XCircle aria-hidden className="mt-0.5 h-4 w-4 shrink-0" /> {test.error.message}
        </p>
      ) : result && ok ? (
        <p className="flex items-start gap-1.5 text-sm text-emerald-700 dark:text-emerald-300">
          <CheckCircle2 aria-hidden className="mt-0.5 h-4 w-4 shrink-0" /> {summary(result)}
        </p>
      ) : result ? (
        <p className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
          <XCircle aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <span className="break-words">
            {result.reachable ? "The endpoint answered, but cannot be used: " : "The endpoint did not answer: "}
            {result.error ?? "unknown error"}{notTested(result)}
          </span>
        </p>
      ) : null}
    </div>
  );
}
