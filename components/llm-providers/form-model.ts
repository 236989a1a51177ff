// The provider form as the inputs hold it (text, so a half-typed number stays as typed) and its conversion to the
// API's bodies. Validation is the server's own schema (lib/llm/provider-settings.ts), run here first so most
// problems show at once, next to their input.
import {
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  issuesByField,
  providerInputSchema,
  providerUpdateSchema,
  type ProviderInputRaw,
} from "@/lib/llm/provider-settings";
import type { LlmProviderView } from "@/lib/server/services/llm-providers-view";

export interface ModelDraft {
  /** Stable React key; not sent. */
  key: string;
  name: string;
  inputPrice: string;
  outputPrice: string;
}

export interface ProviderForm {
  name: string;
  baseUrl: string;
  models: ModelDraft[];
  /** Write-only: never prefilled. On edit, empty keeps the stored key unless `removeApiKey`. */
  apiKey: string;
  removeApiKey: boolean;
  maxConcurrency: string;
  requestsPerMinute: string;
  tokensPerMinute: string;
  timeoutSeconds: string;
}

export type FormErrors = Record<string, string[]>;

let nextKey = 0;
export function emptyModel(): ModelDraft {
  nextKey += 1;
  return { key: `model-${nextKey}`, name: "", inputPrice: "", outputPrice: "" };
}

export function emptyForm(): ProviderForm {
  return {
    name: "",
    baseUrl: "",
    models: [emptyModel()],
    apiKey: "",
    removeApiKey: false,
    maxConcurrency: String(DEFAULT_MAX_CONCURRENCY),
    requestsPerMinute: "",
    tokensPerMinute: "",
    timeoutSeconds: String(DEFAULT_TIMEOUT_MS / 1000),
  };
}

export function formFromProvider(provider: LlmProviderView): ProviderForm {
  return {
    name: provider.name,
    baseUrl: provider.baseUrl,
    models: provider.models.map((model) => ({
      ...emptyModel(),
      name: model.name,
      inputPrice: String(model.inputPricePerMillion),
      outputPrice: String(model.outputPricePerMillion),
    })),
    apiKey: "",
    removeApiKey: false,
    maxConcurrency: String(provider.maxConcurrency),
    requestsPerMinute: provider.requestsPerMinute === null ? "" : String(provider.requestsPerMinute),
    tokensPerMinute: provider.tokensPerMinute === null ? "" : String(provider.tokensPerMinute),
    timeoutSeconds: String(provider.timeoutMs / 1000),
  };
}

/** Text to number; a blank stays "not given", and anything unreadable becomes NaN so the schema names the field. */
function numberOrBlank(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

/** The body the API takes, for both create and edit (on edit, `apiKey` follows the write-only rules). */
export function bodyFromForm(form: ProviderForm, mode: "create" | "edit"): ProviderInputRaw {
  const timeoutSeconds = numberOrBlank(form.timeoutSeconds);
  const body: ProviderInputRaw = {
    name: form.name,
    baseUrl: form.baseUrl,
    models: form.models.map((model) => ({
      name: model.name,
      inputPricePerMillion: numberOrBlank(model.inputPrice) ?? 0,
      outputPricePerMillion: numberOrBlank(model.outputPrice) ?? 0,
    })),
    maxConcurrency: numberOrBlank(form.maxConcurrency) ?? DEFAULT_MAX_CONCURRENCY,
    // Blank means "no limit", which the API spells null.
    requestsPerMinute: numberOrBlank(form.requestsPerMinute) ?? null,
    tokensPerMinute: numberOrBlank(form.tokensPerMinute) ?? null,
    timeoutMs: timeoutSeconds === undefined ? DEFAULT_TIMEOUT_MS : Math.round(timeoutSeconds * 1000),
  };
  const apiKey = form.apiKey.trim();
  if (mode === "create" ? apiKey !== "" : form.removeApiKey || apiKey !== "") body.apiKey = form.removeApiKey ? "" : apiKey;
  return body;
}

/** Error keys: `models.0.name`; the server's `where` (`models[0].name`) is brought to the same form. */
export function errorKey(where: string | undefined): string {
  return (where ?? "_").replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "") || "_";
}

/** The same checks as the server; timeouts are entered in seconds, so their message says seconds. */
export function validateForm(form: ProviderForm, mode: "create" | "edit"): FormErrors {
  const body = bodyFromForm(form, mode);
  const parsed = (mode === "create" ? providerInputSchema : providerUpdateSchema).safeParse(body);
  if (parsed.success) return {};
  const errors = issuesByField(parsed.error);
  if (errors.timeoutMs) errors.timeoutMs = ["Timeout must be from 1 to 600 seconds."];
  return errors;
}

export function formErrorsFromDetails(details: { where?: string; message: string }[]): FormErrors {
  const errors: FormErrors = {};
  for (const detail of details) (errors[errorKey(detail.where)] ??= []).push(detail.message);
  return errors;
}
