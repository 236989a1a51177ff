"use client";

// The providers page's interactive part: the list (first rendered by the server, then kept fresh by TanStack
// Query), the add/edit form in place of the list's top, and an empty state that says what providers are for.
import { useQuery } from "@tanstack/react-query";
import { Bot, Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import type { LlmProviderView } from "@/lib/server/services/llm-providers-view";
import { cn } from "@/lib/ui/cn";
import { fetchProviders, providersKey } from "./api";
import { ProviderCard } from "./provider-card";
import { ProviderForm } from "./provider-form";

type Editing = { mode: "create" } | { mode: "edit"; id: string } | null;

export function ProvidersManager({ workspace, initialProviders }: { workspace: string; initialProviders: LlmProviderView[] }) {
  const { data: providers = initialProviders } = useQuery({
    queryKey: providersKey(workspace),
    queryFn: () => fetchProviders(workspace),
    initialData: initialProviders,
  });
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const done = (saved: LlmProviderView | null) => {
    if (saved) setNotice(`${saved.name} saved. Use "Test connection" to check what the endpoint supports.`);
    setEditing(null);
  };

  return (
    <div className="space-y-4">
      <div className={cn("flex items-center justify-between gap-3", (notice || providers.length > 0) && "min-h-9")}>
        <p aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-300" data-testid="notice">
          {notice}
        </p>
        {providers.length > 0 && editing === null && (
          <Button
            onClick={() => {
              setNotice(null);
              setEditing({ mode: "create" });
            }}
          >
            <Plus aria-hidden className="h-4 w-4" /> Add provider
          </Button>
        )}
      </div>

      {editing?.mode === "create" && <FormCard workspace={workspace} onDone={done} />}

      {providers.length === 0 && editing === null ? (
        <EmptyState onAdd={() => setEditing({ mode: "create" })} />
      ) : (
        <div className="space-y-4" data-testid="provider-list">
          {providers.map((provider) =>
            editing?.mode === "edit" && editing.id === provider.id ? (
              // The form takes the card's place, so the page does not jump and focus stays where the person was.
              <FormCard key={provider.id} workspace={workspace} provider={provider} onDone={done} />
            ) : (
              <ProviderCard
                key={provider.id}
                workspace={workspace}
                provider={provider}
                onEdit={() => {
                  setNotice(null);
                  setEditing({ mode: "edit", id: provider.id });
                }}
              />
            ),
          )}
        </div>
      )}
    </div>
  );
}

function FormCard(props: { workspace: string; provider?: LlmProviderView; onDone: (saved: LlmProviderView | null) => void }) {
  return (
    <Card>
      <CardBody className="p-5">
        <ProviderForm {...props} />
      </CardBody>
    </Card>
  );
}

function EmptyState({ onAdd }: { onAdd: () => void }) {
  return (
    <Card data-testid="providers-empty">
      <CardBody className="flex flex-col items-center gap-3 px-6 py-10 text-center">
        <Bot aria-hidden className="h-10 w-10 text-slate-400" />
        <h2 className="text-base font-semibold">No LLM providers yet</h2>
        <p className="max-w-lg text-sm text-slate-600 dark:text-slate-400">
          A provider is an OpenAI-compatible endpoint — OpenAI, vLLM, Ollama, a llama.cpp server, LiteLLM — that Sift calls to
          propose labels, rankings and critiques for your datasets. Confident proposals are accepted; uncertain records go to
          your annotators. Without a provider, suggestions can still be pushed through the API.
        </p>
        <Button onClick={onAdd} className="mt-2">
          <Plus aria-hidden className="h-4 w-4" /> Add a provider
        </Button>
      </CardBody>
    </Card>
  );
}
