"use client";

// Add or edit a provider. Checked with the server's schema before sending; what the server still refuses is shown
// next to its input too. The API key input is write-only: never prefilled, and on edit, left empty keeps the key.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { BASE_URL_EXAMPLES, baseUrlAdvice } from "@/lib/llm/provider-settings";
import type { LlmProviderView } from "@/lib/server/services/llm-providers-view";
import { ApiError } from "@/lib/ui/api-client";
import { createProvider, providersKey, updateProvider } from "./api";
import { ErrorText, fieldId, InputField } from "./fields";
import {
  bodyFromForm,
  emptyForm,
  formErrorsFromDetails,
  formFromProvider,
  validateForm,
  type FormErrors,
  type ProviderForm as FormState,
} from "./form-model";
import { ModelsEditor } from "./models-editor";

const FIELD_ORDER = ["name", "baseUrl", "apiKey", "models", "maxConcurrency", "requestsPerMinute", "tokensPerMinute", "timeoutMs"];

/** Moves focus to the first input with an error, so keyboard and screen-reader users land on the problem. */
function focusFirstError(errors: FormErrors): void {
  const keys = Object.keys(errors).sort((a, b) => rank(a) - rank(b));
  const first = keys[0];
  if (!first) return;
  const target = first === "timeoutMs" ? "timeoutSeconds" : first;
  requestAnimationFrame(() => document.getElementById(fieldId(target))?.focus());
}

function rank(key: string): number {
  const index = FIELD_ORDER.indexOf(key.split(".")[0] ?? key);
  return index === -1 ? FIELD_ORDER.length : index;
}

export function ProviderForm({
  workspace,
  provider,
  onDone,
}: {
  workspace: string;
  /** Absent: a new provider. */
  provider?: LlmProviderView;
  onDone: (saved: LlmProviderView | null) => void;
}) {
  const mode = provider ? "edit" : "create";
  const [form, setForm] = useState<FormState>(() => (provider ? formFromProvider(provider) : emptyForm()));
  const [errors, setErrors] = useState<FormErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => {
      const body = bodyFromForm(form, mode);
      return provider ? updateProvider(provider.id, body) : createProvider(workspace, body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: providersKey(workspace) });
      onDone(saved);
    },
    onError: (error) => {
      const details = error instanceof ApiError ? formErrorsFromDetails(error.details) : {};
      setErrors(details);
      setMessage(error.message);
      focusFirstError(details);
    },
  });

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateForm(form, mode);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setMessage("Some settings need fixing; each problem is shown next to its input.");
      focusFirstError(found);
      return;
    }
    setMessage(null);
    save.mutate();
  };
  const advice = errors.baseUrl ? null : baseUrlAdvice(form.baseUrl.trim());
  const title = provider ? `Edit ${provider.name}` : "Add a provider";

  return (
    <form onSubmit={submit} noValidate aria-label={title} className="space-y-6" data-testid="provider-form">
      <h2 className="text-base font-semibold">{title}</h2>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Endpoint</legend>
        <InputField
          name="name"
          label="Name"
          value={form.name}
          onChange={(value) => set("name", value)}
          placeholder="e.g. OpenAI, vLLM on gpu-01"
          errors={errors.name}
        />
        <InputField
          name="baseUrl"
          label="Base URL"
          type="url"
          mono
          value={form.baseUrl}
          onChange={(value) => set("baseUrl", value)}
          placeholder="https://api.openai.com/v1"
          errors={errors.baseUrl}
          hint={advice ?? <BaseUrlExamples />}
        />
        <div className="sm:col-span-2">
          <InputField
            name="apiKey"
            label={provider?.hasApiKey ? "Replace the API key" : "API key (optional)"}
            type="password"
            autoComplete="new-password"
            mono
            value={form.apiKey}
            onChange={(value) => setForm((current) => ({ ...current, apiKey: value, removeApiKey: value ? false : current.removeApiKey }))}
            placeholder={provider?.hasApiKey ? `Stored${provider.apiKeyLast4 ? ` (ends in ${provider.apiKeyLast4})` : ""}; leave empty to keep it` : "sk-…"}
            errors={errors.apiKey}
            hint="Stored encrypted and never shown again. Local servers (vLLM, Ollama, llama.cpp) usually need none."
          />
          {provider?.hasApiKey && (
            <label className="mt-2 inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={form.removeApiKey}
                onChange={(event) => setForm((current) => ({ ...current, removeApiKey: event.target.checked, apiKey: event.target.checked ? "" : current.apiKey }))}
                className="h-4 w-4 rounded border-slate-300"
              />
              Remove the stored key
            </label>
          )}
        </div>
      </fieldset>

      <ModelsEditor models={form.models} onChange={(models) => set("models", models)} errors={errors} />

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Limits</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">Kept across every worker process. Leave a rate limit empty for none.</p>
        <div className="grid gap-4 sm:grid-cols-4">
          <InputField name="maxConcurrency" label="Max concurrent calls" inputMode="numeric" value={form.maxConcurrency} onChange={(value) => set("maxConcurrency", value)} errors={errors.maxConcurrency} />
          <InputField name="requestsPerMinute" label="Requests per minute" inputMode="numeric" value={form.requestsPerMinute} onChange={(value) => set("requestsPerMinute", value)} placeholder="No limit" errors={errors.requestsPerMinute} />
          <InputField name="tokensPerMinute" label="Tokens per minute" inputMode="numeric" value={form.tokensPerMinute} onChange={(value) => set("tokensPerMinute", value)} placeholder="No limit" errors={errors.tokensPerMinute} />
          <InputField name="timeoutSeconds" label="Timeout (seconds)" inputMode="decimal" value={form.timeoutSeconds} onChange={(value) => set("timeoutSeconds", value)} errors={errors.timeoutMs} />
        </div>
      </fieldset>

      {message && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {message}
        </p>
      )}
      <ErrorText id={fieldId("_")} errors={errors._} />
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : provider ? "Save changes" : "Add provider"}
        </Button>
        <Button variant="secondary" onClick={() => onDone(null)} disabled={save.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function BaseUrlExamples() {
  return (
    <>
      Usually ends in <code>/v1</code>.{" "}
      {BASE_URL_EXAMPLES.slice(0, 3).map((example, index) => (
        <span key={example.vendor}>
          {index > 0 && " · "}
          <span className="whitespace-nowrap">
            {example.vendor}: <code>{example.url}</code>
          </span>
        </span>
      ))}
    </>
  );
}
