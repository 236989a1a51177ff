"use client";

// One proposer being added or edited: provider and model (with prices and what the endpoint supports), the questions
// it proposes for, how it spreads each question over votes, and self-evaluation. The form offers only what the chosen
// questions accept (their types' strategies and variants, from the API); the server checks everything again on save
// and its problems show next to the input they name.
import { AlertTriangle } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import { CapabilityBadges } from "@/components/llm-providers/capability-badges";
import { Button } from "@/components/ui/button";
import type { JudgeStrategy, PromptVariant, Strategy } from "@/lib/llm/contracts";
import { cn } from "@/lib/ui/cn";
import type { Proposer, SettingsProvider, SettingsQuestion } from "./api";
import { formatPrices, STRATEGY_ORDER, STRATEGY_TEXT, VARIANT_TEXT, type StrategyKind } from "./describe";

export const controlClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-xs focus:border-brand-500 focus:outline-none " +
  "focus:ring-2 focus:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-900 aria-[invalid=true]:border-red-400";

export function FieldErrors({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-red-700 dark:text-red-300" data-testid="field-error">
      {messages.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  );
}

function Fieldset({ legend, hint, children, errors = [], className }: { legend: string; hint?: ReactNode; children: ReactNode; errors?: readonly string[]; className?: string }) {
  const id = useId();
  return (
    <fieldset className={cn("space-y-2", className)} aria-describedby={errors.length > 0 ? id : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      {hint && <p className="text-xs text-slate-600 dark:text-slate-400">{hint}</p>}
      {children}
      <FieldErrors id={id} messages={errors} />
    </fieldset>
  );
}

function intersect<T>(lists: readonly (readonly T[])[]): T[] {
  if (lists.length === 0) return [];
  return lists.reduce<T[]>((kept, list) => kept.filter((item) => list.includes(item)), [...lists[0]!]);
}

interface StrategyState {
  kind: StrategyKind;
  variants: PromptVariant[];
  count: string;
  sampleTemperature: string;
  mode: JudgeStrategy["mode"];
  bothOrders: boolean;
  rate: JudgeStrategy["rate"];
}

function initialStrategy(strategy: Strategy | undefined): StrategyState {
  return {
    kind: strategy?.kind ?? "single",
    variants: strategy?.kind === "variants" ? strategy.variants : ["plain", "instruction_after"],
    count: strategy?.kind === "samples" ? String(strategy.count) : "5",
    sampleTemperature: strategy?.kind === "samples" ? String(strategy.temperature) : "0.7",
    mode: strategy?.kind === "judge" ? strategy.mode : "pairwise",
    bothOrders: strategy?.kind === "judge" ? strategy.bothOrders : true,
    rate: strategy?.kind === "judge" ? strategy.rate : [],
  };
}

/** The strategy to send; numbers that do not parse are sent as NaN-free text so the server names them. */
function strategyOf(state: StrategyState): Strategy {
  switch (state.kind) {
    case "variants":
      return { kind: "variants", variants: state.variants };
    case "samples":
      return { kind: "samples", count: Number(state.count), temperature: Number(state.sampleTemperature) };
    case "judge":
      return { kind: "judge", mode: state.mode, bothOrders: state.bothOrders, rate: state.rate.filter((target) => target.ratingQuestion || target.critiqueQuestion) };
    default:
      return { kind: state.kind };
  }
}

export interface ProposerFormProps {
  /** Index in the saved list, or null for a new proposer. */
  index: number | null;
  proposer?: Proposer;
  providers: SettingsProvider[];
  questions: SettingsQuestion[];
  /** The API's problems of this proposer, by path under it (`strategy`, `model`…), from the last save. */
  problems: (path: string) => string[];
  saving: boolean;
  onSave: (proposer: Proposer) => void;
  onCancel: () => void;
}

export function ProposerForm({ index, proposer, providers, questions, problems, saving, onSave, onCancel }: ProposerFormProps) {
  const base = useId();
  const [providerId, setProviderId] = useState(proposer?.providerId ?? providers[0]?.id ?? "");
  const provider = providers.find((candidate) => candidate.id === providerId);
  const [model, setModel] = useState(proposer?.model ?? provider?.models[0]?.name ?? "");
  const [chosen, setChosen] = useState<string[]>(proposer?.questions ?? (questions.length === 1 ? [questions[0]!.name] : []));
  const [strategy, setStrategy] = useState<StrategyState>(() => initialStrategy(proposer?.strategy));
  const [selfEvaluate, setSelfEvaluate] = useState(proposer?.selfEvaluate ?? false);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});

  const chosenQuestions = questions.filter((question) => chosen.includes(question.name));
  const accepted = chosenQuestions.length > 0 ? intersect(chosenQuestions.map((question) => question.strategies)) : STRATEGY_ORDER;
  const variantsAccepted = intersect(chosenQuestions.filter((question) => question.strategies.includes("variants")).map((question) => question.variants));
  const candidates = chosenQuestions.find((question) => question.strategies.includes("judge"))?.options ?? [];
  const judgementTargets = questions.filter((question) => question.receivesJudgements && !chosen.includes(question.name));
  const selectedModel = provider?.models.find((candidate) => candidate.name === model);
  const errorsFor = (path: string) => [...(clientErrors[path] ?? []), ...problems(path)];
  const title = index === null ? "New proposer" : `Proposer ${index + 1}`;

  const update = (patch: Partial<StrategyState>) => setStrategy((current) => ({ ...current, ...patch }));

  function chooseProvider(id: string) {
    setProviderId(id);
    const next = providers.find((candidate) => candidate.id === id);
    if (next && !next.models.some((candidate) => candidate.name === model)) setModel(next.models[0]?.name ?? "");
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    if (!providerId) errors.providerId = ["choose a provider"];
    if (!model) errors.model = ["choose a model"];
    if (chosen.length === 0) errors.questions = ["choose at least one question"];
    if (!accepted.includes(strategy.kind)) errors.strategy = [`the chosen questions do not all accept “${STRATEGY_TEXT[strategy.kind].label}”`];
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      document.getElementById(`${base}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    onSave({ providerId, model, questions: chosen, strategy: strategyOf(strategy), selfEvaluate });
  }

  const describedBy = (path: string) => (errorsFor(path).length > 0 ? `${base}-${path}-errors` : undefined);

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={title} data-testid="proposer-form">
      <h3 className="text-base font-semibold">{title}</h3>

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`${base}-providerId`} className="text-sm font-medium">
            Provider
          </label>
          <select
            id={`${base}-providerId`}
            className={controlClass}
            value={providerId}
            onChange={(event) => chooseProvider(event.target.value)}
            aria-invalid={errorsFor("providerId").length > 0 || undefined}
            aria-describedby={describedBy("providerId")}
          >
            {!provider && <option value="">Choose a provider…</option>}
            {providers.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
          <FieldErrors id={`${base}-providerId-errors`} messages={errorsFor("providerId")} />
          {provider && (
            <div className="mt-2">
              <CapabilityBadges capabilities={provider.capabilities} />
            </div>
          )}
        </div>
        <div>
          <label htmlFor={`${base}-model`} className="text-sm font-medium">
            Model
          </label>
          <select
            id={`${base}-model`}
            className={controlClass}
            value={model}
            onChange={(event) => setModel(event.target.value)}
            aria-invalid={errorsFor("model").length > 0 || undefined}
            aria-describedby={describedBy("model") ?? `${base}-price`}
          >
            {!selectedModel && <option value={model}>{model ? `${model} (not a model of this provider)` : "Choose a model…"}</option>}
            {provider?.models.map((candidate) => (
              <option key={candidate.name} value={candidate.name}>
                {candidate.name} — {formatPrices(candidate)}
              </option>
            ))}
          </select>
          <FieldErrors id={`${base}-model-errors`} messages={errorsFor("model")} />
          {selectedModel && (
            <p id={`${base}-price`} className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="model-price">
              {formatPrices(selectedModel)}
            </p>
          )}
        </div>
      </div>

      <Fieldset legend="Questions" hint="The questions this model proposes values for." errors={errorsFor("questions")}>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {questions.map((question) => (
            <label key={question.name} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                id={chosen[0] === question.name || (chosen.length === 0 && question === questions[0]) ? `${base}-questions` : undefined}
                checked={chosen.includes(question.name)}
                onChange={(event) =>
                  setChosen((list) => (event.target.checked ? [...list, question.name] : list.filter((name) => name !== question.name)))
                }
              />
              <span>
                {question.title} <span className="text-xs text-slate-500">({question.name} · {question.type})</span>
              </span>
            </label>
          ))}
        </div>
      </Fieldset>

      <Fieldset
        legend="How votes are made"
        hint="Each vote is one suggestion; the uncertainty of a proposal is measured from how its votes disagree."
        errors={errorsFor("strategy")}
      >
        <div className="grid gap-2 sm:grid-cols-2" role="radiogroup" aria-label="Strategy">
          {STRATEGY_ORDER.map((kind) => {
            const ok = accepted.includes(kind);
            return (
              <label
                key={kind}
                className={cn(
                  "flex gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800",
                  ok ? "cursor-pointer has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:has-[:checked]:bg-blue-950" : "opacity-60",
                )}
              >
                <input
                  type="radio"
                  name={`${base}-strategy`}
                  id={kind === strategy.kind ? `${base}-strategy` : undefined}
                  value={kind}
                  checked={strategy.kind === kind}
                  disabled={!ok}
                  onChange={() => update({ kind })}
                  className="mt-0.5"
                />
                <span>
                  <span className="font-medium">{STRATEGY_TEXT[kind].label}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {ok ? STRATEGY_TEXT[kind].hint : "Not accepted by every chosen question."}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        {chosenQuestions.length > 1 && accepted.length === 0 && (
          <p className="text-xs text-amber-800 dark:text-amber-300">These questions have no strategy in common: use one proposer for each.</p>
        )}

        {strategy.kind === "variants" && (
          <div role="group" aria-labelledby={`${base}-variants`} className="space-y-2 rounded-md bg-slate-50 p-3 dark:bg-slate-800/40">
            <p id={`${base}-variants`} className="text-sm font-medium">
              Prompt variants <span className="font-normal text-slate-600 dark:text-slate-400">— choose at least two: each variant is one vote</span>
            </p>
            <div className="grid gap-2 sm:grid-cols-2">
              {variantsAccepted.map((variant) => (
                <label key={variant} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-0.5"
                    checked={strategy.variants.includes(variant)}
                    onChange={(event) =>
                      update({ variants: event.target.checked ? [...strategy.variants, variant] : strategy.variants.filter((item) => item !== variant) })
                    }
                  />
                  <span>
                    {VARIANT_TEXT[variant].label}
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{VARIANT_TEXT[variant].hint}</span>
                  </span>
                </label>
              ))}
            </div>
            {strategy.variants.some((variant) => !variantsAccepted.includes(variant)) && (
              <p className="text-xs text-amber-800 dark:text-amber-300">
                Chosen but not accepted by these questions: {strategy.variants.filter((variant) => !variantsAccepted.includes(variant)).join(", ")}.{" "}
                <button type="button" className="underline" onClick={() => update({ variants: strategy.variants.filter((variant) => variantsAccepted.includes(variant)) })}>
                  Remove them
                </button>
              </p>
            )}
          </div>
        )}

        {strategy.kind === "samples" && (
          <div className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-2 dark:bg-slate-800/40">
            <label className="text-sm font-medium">
              Number of samples
              <input type="number" min={2} max={20} step={1} className={controlClass} value={strategy.count} onChange={(event) => update({ count: event.target.value })} />
            </label>
            <label className="text-sm font-medium">
              Sampling temperature
              <input
                type="number"
                min={0.1}
                max={2}
                step={0.1}
                className={controlClass}
                value={strategy.sampleTemperature}
                onChange={(event) => update({ sampleTemperature: event.target.value })}
              />
            </label>
          </div>
        )}

        {strategy.kind === "logprobs" && provider && provider.capabilities?.logprobs !== true && (
          <p className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200" data-testid="logprobs-note">
            <AlertTriangle aria-hidden className="size-4 shrink-0" />
            {provider.capabilities && provider.capabilities.logprobs === false
              ? `The last connection test found that ${provider.name} does not return token log-probabilities: these votes would carry no distribution.`
              : `${provider.name}'s log-probabilities have not been tested yet: an admin's “Test connection” tells whether it returns token log-probabilities.`}
          </p>
        )}

        {strategy.kind === "judge" && (
          <div className="space-y-3 rounded-md bg-slate-50 p-3 dark:bg-slate-800/40">
            <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
              <span className="font-medium" id={`${base}-mode`}>
                Comparison
              </span>
              {(["pairwise", "listwise"] as const).map((mode) => (
                <label key={mode} className="flex items-center gap-1.5">
                  <input type="radio" name={`${base}-judge-mode`} checked={strategy.mode === mode} onChange={() => update({ mode })} />
                  {mode === "pairwise" ? "Pairwise (one call per pair)" : "Listwise (one call ranks all)"}
                </label>
              ))}
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={strategy.bothOrders} onChange={(event) => update({ bothOrders: event.target.checked })} />
              Ask in both presentation orders (position bias shows as disagreement)
            </label>
            {candidates.length > 0 && (
              <div>
                <p className="text-sm font-medium">Rate each candidate (optional)</p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  UltraFeedback-style: the judge also rates a candidate 1–5 with a critique, stored as suggestions on the questions chosen here.
                </p>
                {judgementTargets.length === 0 ? (
                  <p className="mt-1 text-xs text-slate-500">This dataset has no other question that can receive a rating or critique.</p>
                ) : (
                  <table className="mt-2 w-full text-sm">
                    <thead>
                      <tr className="text-left text-xs text-slate-500">
                        <th className="py-1 font-medium">Candidate</th>
                        <th className="py-1 font-medium">Rating goes to</th>
                        <th className="py-1 font-medium">Critique goes to</th>
                      </tr>
                    </thead>
                    <tbody>
                      {candidates.map((option) => {
                        const target = strategy.rate.find((item) => item.option === option.value);
                        const setTarget = (key: "ratingQuestion" | "critiqueQuestion", value: string) => {
                          const others = strategy.rate.filter((item) => item.option !== option.value);
                          const next = { ...(target ?? { option: option.value }), [key]: value || undefined };
                          update({ rate: [...others, next] });
                        };
                        return (
                          <tr key={option.value}>
                            <td className="py-1 pr-2">{option.text}</td>
                            {(["ratingQuestion", "critiqueQuestion"] as const).map((key) => (
                              <td key={key} className="py-1 pr-2">
                                <select
                                  aria-label={`${key === "ratingQuestion" ? "Rating" : "Critique"} question for ${option.text}`}
                                  className={cn(controlClass, "mt-0")}
                                  value={target?.[key] ?? ""}
                                  onChange={(event) => setTarget(key, event.target.value)}
                                >
                                  <option value="">None</option>
                                  {judgementTargets.map((question) => (
                                    <option key={question.name} value={question.name}>
                                      {question.title} ({question.name})
                                    </option>
                                  ))}
                                </select>
                              </td>
                            ))}
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                )}
              </div>
            )}
          </div>
        )}
      </Fieldset>

      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5" checked={selfEvaluate} onChange={(event) => setSelfEvaluate(event.target.checked)} />
        <span>
          Self-evaluation
          <span className="block text-xs text-slate-600 dark:text-slate-400">The model also states its confidence from 0 to 1 (the suggestion&apos;s score).</span>
        </span>
      </label>
      <FieldErrors id={`${base}-selfEvaluate-errors`} messages={errorsFor("selfEvaluate")} />

      <div className="flex gap-2">
        <Button type="submit" disabled={saving}>
          {saving ? "Saving…" : index === null ? "Add proposer" : "Save proposer"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
