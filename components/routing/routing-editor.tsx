"use client";

// The routing policy editor: the policy and its parameter, audit rate, adaptive overlap and how a record's
// uncertainty is aggregated; a live preview (debounced, computed by the server with the recompute's own rules) says
// how many records each decision would get before anything is saved.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ErrorNote, InfoNote } from "@/components/import/notes";
import { proportionText } from "@/components/quality/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { controlClass, FieldErrors } from "@/components/llm/proposer-form";
import { ApiError, apiFetch } from "@/lib/ui/api-client";
import { cn } from "@/lib/ui/cn";
import type { RoutingOutcome, RoutingView } from "@/lib/server/services/routing";
import { useDebounced } from "@/lib/ui/use-debounced";
import { METHOD_CHOICES, methodLabel } from "@/lib/ui/uncertainty-signal";

type Policy = RoutingView["settings"]["policy"];

interface Draft {
  policy: Policy;
  threshold: number;
  humanShare: number;
  seed: number;
  auditRate: number;
  aggregate: "max" | "mean";
  overlapOn: boolean;
  overlapThreshold: number;
  overlapExtra: number;
  method: RoutingView["uncertaintyMethod"];
}

const POLICIES: { value: Policy; label: string; hint: string }[] = [
  { value: "budget", label: "Budget", hint: "The most uncertain share of the records goes to humans (ties by import order)." },
  { value: "threshold", label: "Threshold", hint: "Records whose uncertainty is above the threshold go to humans." },
  { value: "random", label: "Random", hint: "A seeded random share goes to humans: the baseline the others are compared with." },
  { value: "all_human", label: "All to humans", hint: "Every record is annotated; proposals only pre-fill the form." },
  { value: "all_llm", label: "All to the LLMs", hint: "Every proposal is accepted; only the audit sample reaches humans." },
];

const DECISIONS = [
  { key: "human", label: "To humans", tone: "bg-amber-500" },
  { key: "audit", label: "Audit", tone: "bg-violet-500" },
  { key: "auto", label: "Accepted", tone: "bg-emerald-500" },
  { key: "pending", label: "Pending", tone: "bg-slate-300 dark:bg-slate-600" },
] as const;

function draftOf(view: Pick<RoutingView, "settings" | "uncertaintyMethod">): Draft {
  const { settings } = view;
  return {
    method: view.uncertaintyMethod,
    policy: settings.policy,
    threshold: settings.threshold ?? 0.5,
    humanShare: settings.humanShare ?? 0.3,
    seed: settings.seed,
    auditRate: settings.auditRate,
    aggregate: settings.aggregate,
    overlapOn: settings.overlapThreshold !== undefined,
    overlapThreshold: settings.overlapThreshold ?? 0.8,
    overlapExtra: settings.overlapExtra,
  };
}

/** The body the API takes: only the parameters the chosen policy uses. */
function bodyOf(draft: Draft): Record<string, unknown> {
  return {
    policy: draft.policy,
    ...(draft.policy === "threshold" ? { threshold: draft.threshold } : {}),
    ...(draft.policy === "budget" || draft.policy === "random" ? { humanShare: draft.humanShare } : {}),
    seed: draft.seed,
    auditRate: draft.auditRate,
    aggregate: draft.aggregate,
    ...(draft.overlapOn ? { overlapThreshold: draft.overlapThreshold, overlapExtra: draft.overlapExtra } : {}),
    uncertaintyMethod: draft.method,
  };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

export function RoutingEditor({ initial }: { initial: RoutingView }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const body = bodyOf(draft);
  const debouncedBody = useDebounced(body, 250);
  const preview = useQuery({
    queryKey: ["routing-preview", initial.datasetId, debouncedBody],
    queryFn: () => apiFetch<RoutingOutcome>(`/api/v1/datasets/${initial.datasetId}/routing/preview`, { method: "POST", body: debouncedBody }),
    placeholderData: (previous) => previous,
  });
  const save = useMutation({
    mutationFn: () => apiFetch<RoutingView>(`/api/v1/datasets/${initial.datasetId}/routing`, { method: "PUT", body }),
    onSuccess: (view) => {
      setSaved(view);
      void queryClient.invalidateQueries({ queryKey: ["routing-preview", initial.datasetId] });
    },
  });
  const problems = (where: string) =>
    [preview.error, save.error].flatMap((error) =>
      error instanceof ApiError ? error.details.filter((detail) => detail.where === where).map((detail) => detail.message) : [],
    );
  const dirty = JSON.stringify(body) !== JSON.stringify(bodyOf(draftOf(saved)));
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const ids = { threshold: useId(), share: useId(), seed: useId(), audit: useId(), overlap: useId(), extra: useId() };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <Card>
        <CardHeader>
          <h3 className="font-medium">Policy</h3>
        </CardHeader>
        <CardBody className="space-y-5">
          <fieldset className="space-y-2">
            <legend className="sr-only">Routing policy</legend>
            {POLICIES.map((option) => (
              <label
                key={option.value}
                className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-blue-50/60 dark:border-slate-800 dark:has-[:checked]:bg-blue-950/30"
              >
                <input type="radio" name="policy" value={option.value} checked={draft.policy === option.value} onChange={() => set({ policy: option.value })} className="mt-1" />
                <span>
                  <span className="block text-sm font-medium">{option.label}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{option.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>

          {draft.policy === "threshold" && (
            <ShareInput id={ids.threshold} label="Uncertainty threshold" hint="Strictly above it goes to humans (0 to 1)." value={draft.threshold} onChange={(threshold) => set({ threshold })} errors={problems("threshold")} />
          )}
          {(draft.policy === "budget" || draft.policy === "random") && (
            <ShareInput id={ids.share} label="Share of records to humans" hint={`round(share × records) records; now ${percent(draft.humanShare)}.`} value={draft.humanShare} onChange={(humanShare) => set({ humanShare })} errors={problems("humanShare")} />
          )}
          <fieldset className="space-y-2" data-testid="uncertainty-method">
            <legend className="text-sm font-medium">How uncertainty is measured</legend>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Which signal ranks the records. Compare each one&apos;s cost and quality on the Quality tab.
            </p>
            <div className="grid gap-2 sm:grid-cols-2">
              {METHOD_CHOICES.map((choice) => (
                <label
                  key={choice.value}
                  className="flex cursor-pointer gap-2 rounded-md border border-slate-200 p-2.5 has-[:checked]:border-brand-600 has-[:checked]:bg-blue-50/60 dark:border-slate-800 dark:has-[:checked]:bg-blue-950/30"
                >
                  <input type="radio" name="uncertainty-method" value={choice.value} checked={draft.method === choice.value} onChange={() => set({ method: choice.value })} className="mt-1" />
                  <span>
                    <span className="block text-sm font-medium">{choice.label}</span>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{choice.hint}</span>
                  </span>
                </label>
              ))}
            </div>
            {draft.method !== saved.uncertaintyMethod && (
              <p className="text-xs text-amber-800 dark:text-amber-300" role="status">
                The preview still uses the uncertainties measured as “{methodLabel(saved.uncertaintyMethod)}”; saving measures every record again.
              </p>
            )}
            <FieldErrors id="uncertainty-method-errors" messages={problems("uncertaintyMethod")} />
          </fieldset>

          <ShareInput id={ids.audit} label="Audit rate" hint="A seeded random share of the accepted records also goes to humans, to measure the LLMs' accuracy." value={draft.auditRate} onChange={(auditRate) => set({ auditRate })} errors={problems("auditRate")} />

          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor={ids.seed} className="text-sm font-medium">
                Seed
              </label>
              <input id={ids.seed} type="number" step={1} value={draft.seed} onChange={(event) => set({ seed: Math.trunc(Number(event.target.value)) })} className={controlClass} />
              <p className="mt-1 text-xs text-slate-500">Of the random policy and the audit sample: the same seed, the same records.</p>
              <FieldErrors id={`${ids.seed}-errors`} messages={problems("seed")} />
            </div>
            <fieldset>
              <legend className="text-sm font-medium">A record&apos;s uncertainty, over its required questions</legend>
              <div className="mt-2 flex gap-4 text-sm">
                {(["max", "mean"] as const).map((aggregate) => (
                  <label key={aggregate} className="flex items-center gap-2">
                    <input type="radio" name="aggregate" checked={draft.aggregate === aggregate} onChange={() => set({ aggregate })} />
                    {aggregate === "max" ? "Maximum" : "Mean"}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>

          <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <legend className="px-1 text-sm font-medium">Adaptive overlap</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={draft.overlapOn} onChange={(event) => set({ overlapOn: event.target.checked })} />
              The most uncertain records need more annotators
            </label>
            {draft.overlapOn && (
              <div className="grid gap-4 sm:grid-cols-2">
                <ShareInput id={ids.overlap} label="Above this uncertainty" value={draft.overlapThreshold} onChange={(overlapThreshold) => set({ overlapThreshold })} errors={problems("overlapThreshold")} />
                <div>
                  <label htmlFor={ids.extra} className="text-sm font-medium">
                    Extra answers
                  </label>
                  <input id={ids.extra} type="number" min={1} max={10} step={1} value={draft.overlapExtra} onChange={(event) => set({ overlapExtra: Math.trunc(Number(event.target.value)) })} className={controlClass} />
                  <p className="mt-1 text-xs text-slate-500">On top of the {saved.minSubmitted} answer{saved.minSubmitted === 1 ? "" : "s"} every record needs.</p>
                  <FieldErrors id={`${ids.extra}-errors`} messages={problems("overlapExtra")} />
                </div>
              </div>
            )}
          </fieldset>

          {save.isError && <ErrorNote message={save.error instanceof Error ? save.error.message : "Not saved."} />}
          <div className="flex items-center gap-3">
            <Button onClick={() => save.mutate()} disabled={!dirty || save.isPending} data-testid="save-routing">
              {save.isPending ? "Saving…" : "Save policy"}
            </Button>
            {dirty ? (
              <Button variant="ghost" onClick={() => setDraft(draftOf(saved))}>
                Discard changes
              </Button>
            ) : (
              <span className="text-sm text-slate-500" role="status">
                {saved.routedAt === null ? "Saved; the records are being routed again." : "Saved."}
              </span>
            )}
          </div>
        </CardBody>
      </Card>

      <aside aria-labelledby="routing-preview-heading" className="space-y-4">
        <Card>
          <CardHeader>
            <h3 id="routing-preview-heading" className="font-medium">
              {dirty ? "With these changes" : "With this policy"}
            </h3>
          </CardHeader>
          <CardBody className="space-y-4" aria-live="polite" data-testid="routing-preview">
            {preview.isError && !(preview.error instanceof ApiError && preview.error.details.length > 0) && (
              <ErrorNote message={preview.error instanceof Error ? preview.error.message : "No preview."} />
            )}
            {preview.data ? <Outcome outcome={preview.data} /> : !preview.isError && <p className="text-sm text-slate-500">Computing…</p>}
          </CardBody>
        </Card>
        <InfoNote>
          Now: {saved.current.human} to humans, {saved.current.audit} audit, {saved.current.auto} accepted, {saved.current.pending} pending.
        </InfoNote>
      </aside>
    </div>
  );
}

function Outcome({ outcome }: { outcome: RoutingOutcome }) {
  const total = DECISIONS.reduce((sum, decision) => sum + outcome.counts[decision.key], 0);
  return (
    <>
      <div className="flex h-3 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden>
        {DECISIONS.map((decision) =>
          outcome.counts[decision.key] > 0 ? (
            <div key={decision.key} className={decision.tone} style={{ width: `${(outcome.counts[decision.key] / Math.max(total, 1)) * 100}%` }} />
          ) : null,
        )}
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        {DECISIONS.map((decision) => (
          <div key={decision.key}>
            <dt className="flex items-center gap-1.5 text-slate-500">
              <span className={`inline-block h-2 w-2 rounded-full ${decision.tone}`} aria-hidden />
              {decision.label}
            </dt>
            <dd className="font-medium tabular-nums" data-testid={`preview-${decision.key}`}>
              {outcome.counts[decision.key].toLocaleString("en-US")}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Human answers needed: <span className="font-medium tabular-nums text-slate-900 dark:text-slate-100">{outcome.humanResponsesNeeded.toLocaleString("en-US")}</span>
        {outcome.overlapRecords > 0 && ` (${outcome.overlapRecords.toLocaleString("en-US")} records with extra annotators)`}.
      </p>
      <ExpectedQuality expected={outcome.expected} />
    </>
  );
}

/** The accuracy the policy would give, where human answers exist to estimate it (one block per compared question). */
function ExpectedQuality({ expected }: { expected: RoutingOutcome["expected"] }) {
  if (expected.length === 0) return null;
  if (expected.every((question) => question.n === 0)) {
    return (
      <p className="border-t border-slate-200 pt-3 text-xs text-slate-500 dark:border-slate-800" data-testid="preview-expected">
        Expected accuracy appears once records have both a proposal and a human answer.
      </p>
    );
  }
  return (
    <div className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800" data-testid="preview-expected">
      <p className="text-xs text-slate-500">
        Expected accuracy, on the records with a proposal and a human answer (those sent to humans keep the human answer):
      </p>
      {expected.map((question) => (
        <div key={question.name} className="text-sm">
          {expected.length > 1 && <p className="font-medium">{question.title}</p>}
          <dl className="space-y-1">
            <div>
              <dt className="text-slate-500">Final answers</dt>
              <dd className="tabular-nums" data-testid={`expected-accuracy-${question.name}`}>{proportionText(question.accuracy)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Accepted proposals</dt>
              <dd className="tabular-nums">{proportionText(question.accepted)}</dd>
            </div>
          </dl>
        </div>
      ))}
    </div>
  );
}

function ShareInput({
  id,
  label,
  hint,
  value,
  onChange,
  errors,
}: {
  id: string;
  label: string;
  hint?: string;
  value: number;
  onChange: (value: number) => void;
  errors: string[];
}) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="mt-1 flex items-center gap-3">
        <input type="range" min={0} max={1} step={0.01} value={value} onChange={(event) => onChange(Number(event.target.value))} className="w-full accent-brand-600" aria-label={`${label} (slider)`} />
        <input id={id} type="number" min={0} max={1} step={0.01} value={value} onChange={(event) => onChange(Number(event.target.value))} className={cn(controlClass, "mt-0 w-24")} aria-describedby={hint ? `${id}-hint` : undefined} />
      </div>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldErrors id={`${id}-errors`} messages={errors} />
    </div>
  );
}
