"use client";

// The Quality tab: per question, the LLM's accuracy against the human answers, calibration, the cost–quality
// frontier (chart and table), the threshold advice for the target accuracy the curator types (fetched again from the
// API as the target changes, debounced), and the audit estimate. The numbers are the API's (GET .../quality).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ErrorNote, InfoNote } from "@/components/import/notes";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { controlClass, FieldErrors } from "@/components/llm/proposer-form";
import type { DatasetQuality, QuestionQualityView } from "@/lib/server/services/quality";
import type { AuditEstimate, Proportion, QuestionQuality, ThresholdAdvice } from "@/lib/quality";
import { apiFetch } from "@/lib/ui/api-client";
import { cn } from "@/lib/ui/cn";
import { CalibrationChart, FrontierChart } from "./charts";
import { estimatorLabel, llmAgreementDetail, num, pct, policyLabel, proportionText } from "./format";
import { LLM_AGREEMENT_NAME, LlmAgreementDefinition } from "./llm-agreement-figure";
import { useDebounced } from "@/lib/ui/use-debounced";

/** The typed target in percent → 0..1, or an error message. */
function parseTarget(text: string): { target: number } | { error: string } {
  const value = Number(text.replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(value)) return { error: "Type a target accuracy in percent, e.g. 95." };
  if (value < 0 || value > 100) return { error: "The target must be between 0 and 100 %." };
  return { target: Math.round(value * 100) / 10_000 };
}

export function QualityView({ initial }: { initial: DatasetQuality }) {
  const targetId = useId();
  const [targetText, setTargetText] = useState(String(Math.round(initial.target * 1000) / 10));
  const parsed = parseTarget(targetText);
  const target = useDebounced("target" in parsed ? parsed.target : null, 250);
  const quality = useQuery({
    queryKey: ["dataset-quality", initial.datasetId, target],
    queryFn: () => apiFetch<DatasetQuality>(`/api/v1/datasets/${initial.datasetId}/quality?target=${target}`),
    enabled: target !== null,
    initialData: target === initial.target ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const data = quality.data ?? initial;
  const { records } = data;

  if (records.measured === 0) return <EmptyState data={data} />;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <p className="max-w-2xl text-sm text-slate-600 dark:text-slate-400" data-testid="quality-summary">
          Measured on <strong className="text-slate-900 dark:text-slate-100">{records.measured.toLocaleString("en-US")}</strong> of{" "}
          {records.total.toLocaleString("en-US")} records: those with both an LLM proposal and a human consensus (every required answer
          submitted without a tie, or a curator&apos;s ruling), the records every tab compares the LLM with people on. Intervals are 95 %
          Wilson intervals.
          <span className="mt-1 block" data-testid="quality-method">
            Routing measures uncertainty as <strong className="text-slate-900 dark:text-slate-100">{estimatorLabel(data.method)}</strong> (set on
            the Routing tab)
            {data.estimators.length > 1
              ? `; the frontier compares it with ${data.estimators
                  .filter((estimator) => estimator !== data.method)
                  .map(estimatorLabel)
                  .join(", ")}.`
              : "."}
          </span>
        </p>
        <div>
          <label htmlFor={targetId} className="text-sm font-medium">
            Target accuracy (%)
          </label>
          <input
            id={targetId}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step={0.5}
            value={targetText}
            onChange={(event) => setTargetText(event.target.value)}
            className={cn(controlClass, "w-32")}
            aria-describedby={`${targetId}-hint`}
            aria-invalid={"error" in parsed}
            data-testid="quality-target"
          />
          <p id={`${targetId}-hint`} className="mt-1 text-xs text-slate-500">
            For the threshold advice{quality.isFetching ? " (updating…)" : ""}.
          </p>
          <FieldErrors id={`${targetId}-errors`} messages={"error" in parsed ? [parsed.error] : []} />
        </div>
      </div>
      {quality.isError && <ErrorNote message={quality.error instanceof Error ? quality.error.message : "The quality could not be loaded."} />}
      {data.questions.map((question) => (
        <QuestionSection key={question.name} question={question} />
      ))}
    </div>
  );
}

function EmptyState({ data }: { data: DatasetQuality }) {
  const { records } = data;
  return (
    <Card data-testid="quality-empty">
      <CardBody className="space-y-3 py-6">
        <p className="font-medium">Nothing to measure yet.</p>
        <p className="max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          Quality is measured on records that have both an LLM proposal and a human consensus (every required answer submitted without a
          tie, or a curator&apos;s ruling). This dataset has {records.total.toLocaleString("en-US")} records,{" "}
          {records.withProposal.toLocaleString("en-US")} with a proposal, {records.withHumanAnswer.toLocaleString("en-US")} with an answer from
          people and {records.withConsensus.toLocaleString("en-US")} with a human consensus; none has both a proposal and a consensus yet.
        </p>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600 dark:text-slate-400">
          <li>Annotate some records that have suggestions (the Annotate tab), or route a share of them to humans (Routing).</li>
          <li>
            Or import records that carry both suggestions and reference answers (<code>responses</code> in the JSONL record format, e.g. gold
            labels from a study): the frontier is then there straight away.
          </li>
          {records.withProposal === 0 && <li>No record has a proposal yet: add suggestions (the LLM tab, the API or an import), or wait a moment if they were just added.</li>}
        </ul>
      </CardBody>
    </Card>
  );
}

function QuestionSection({ question }: { question: QuestionQualityView }) {
  const headingId = useId();
  if (question.skipped !== null || question.quality === null) {
    return (
      <InfoNote>
        <span className="font-medium">{question.title}</span> ({question.type}): {question.skipped ?? "not measured."}
      </InfoNote>
    );
  }
  const q = question.quality;
  return (
    <section aria-labelledby={headingId} data-testid={`quality-question-${question.name}`}>
      <Card>
        <CardHeader className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id={headingId} className="font-medium">
            {question.title} <span className="text-sm font-normal text-slate-500">({question.type})</span>
          </h3>
          <span className="text-sm text-slate-500">{q.n.toLocaleString("en-US")} records with a proposal and a human consensus</span>
        </CardHeader>
        <CardBody className="space-y-6">
          {q.n === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No record has both a proposal and a human consensus on this question yet.</p>
          ) : (
            <>
              <Headline q={q} figure={question.llmAgreement ?? q.llm.accuracy} audit={question.audit} />
              <div className="grid gap-6 xl:grid-cols-2">
                <div>
                  <h4 className="text-sm font-medium">Calibration</h4>
                  <p className="mb-2 text-xs text-slate-500">
                    How often the proposal agrees with the humans, per uncertainty bin: a useful estimator shows agreement falling as uncertainty
                    rises. Whiskers: 95 % interval; empty bins are dashed.
                  </p>
                  {q.calibration.map((c) => (
                    <div key={c.estimator} className="mb-3">
                      {q.calibration.length > 1 && <p className="text-xs font-medium text-slate-600 dark:text-slate-400">{estimatorLabel(c.estimator)}</p>}
                      <CalibrationChart calibration={c} question={question.title} />
                      <CalibrationTable calibration={c} />
                    </div>
                  ))}
                </div>
                <div>
                  <h4 className="text-sm font-medium">Cost–quality frontier</h4>
                  <p className="mb-2 text-xs text-slate-500">
                    The final accuracy if each policy sent this share of the records to humans (who answer as they did) and the rest kept the
                    proposal.
                  </p>
                  <FrontierChart curves={q.frontier} question={question.title} />
                  <FrontierTable q={q} />
                </div>
              </div>
              <Advice advice={q.advice} />
            </>
          )}
        </CardBody>
      </Card>
    </section>
  );
}

function Headline({ q, figure, audit }: { q: QuestionQuality; figure: Proportion; audit: AuditEstimate | null }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-3">
      <div className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
        <dt className="text-xs text-slate-500">{LLM_AGREEMENT_NAME}</dt>
        <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid="llm-accuracy">
          {pct(figure.value)}
        </dd>
        <dd className="text-xs text-slate-600 tabular-nums dark:text-slate-400" data-testid="llm-accuracy-detail">
          {llmAgreementDetail(figure)}
        </dd>
        <dd>
          <LlmAgreementDefinition className="mt-1" />
        </dd>
      </div>
      <div className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
        <dt className="text-xs text-slate-500">Macro-F1 of the proposals</dt>
        <dd className="mt-1 text-2xl font-semibold tabular-nums">{num(q.llm.macroF1)}</dd>
        <dd className="text-xs text-slate-600 dark:text-slate-400">averaged over the answers humans gave</dd>
      </div>
      <div className="rounded-md border border-slate-200 p-3 dark:border-slate-800" data-testid="audit-estimate">
        <dt className="text-xs text-slate-500">Accepted records, estimated from the audit</dt>
        {audit && audit.accuracy.n > 0 ? (
          <>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{pct(audit.accuracy.value)}</dd>
            <dd className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
              {audit.accuracy.interval ? `95 % CI ${pct(audit.accuracy.interval.low)}–${pct(audit.accuracy.interval.high)} · ` : ""}
              {audit.accuracy.n} of {audit.audited} audited answered · {audit.accepted} accepted
            </dd>
          </>
        ) : (
          <dd className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {audit && audit.audited > 0
              ? `${audit.audited} records are in the audit sample; none answered yet.`
              : "No audit sample: set an audit rate in Routing to estimate the accepted records' accuracy."}
          </dd>
        )}
      </div>
    </dl>
  );
}

function CalibrationTable({ calibration }: { calibration: QuestionQuality["calibration"][number] }) {
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Calibration as a table</summary>
      <table className="mt-2 w-full tabular-nums">
        <caption className="sr-only">Agreement with humans per uncertainty bin ({estimatorLabel(calibration.estimator)})</caption>
        <thead className="text-left text-slate-500">
          <tr>
            <th className="py-1 font-normal">Uncertainty</th>
            <th className="py-1 text-right font-normal">Records</th>
            <th className="py-1 text-right font-normal">Agreement</th>
            <th className="py-1 text-right font-normal">95 % interval</th>
          </tr>
        </thead>
        <tbody>
          {calibration.bins.map((b) => (
            <tr key={b.lower} className="border-t border-slate-100 dark:border-slate-800">
              <td className="py-1">
                {b.lower.toFixed(1)}–{b.upper.toFixed(1)}
              </td>
              <td className="py-1 text-right">{b.agreement.n}</td>
              <td className="py-1 text-right">{b.agreement.n === 0 ? "empty" : pct(b.agreement.value)}</td>
              <td className="py-1 text-right">{b.agreement.interval ? `${pct(b.agreement.interval.low)}–${pct(b.agreement.interval.high)}` : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {calibration.withoutSignal > 0 && <p className="mt-1 text-slate-500">{calibration.withoutSignal} records without an uncertainty are not binned.</p>}
    </details>
  );
}

function FrontierTable({ q }: { q: QuestionQuality }) {
  const shares = q.frontier[0]?.points.map((p) => p.share) ?? [];
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full text-xs tabular-nums" data-testid="frontier-table">
        <caption className="mb-1 text-left text-slate-500">Final accuracy / macro-F1 by share of records sent to humans</caption>
        <thead className="text-left text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-2 font-normal">
              To humans
            </th>
            {q.frontier.map((c) => (
              <th key={c.policy.name} scope="col" className="py-1 pl-2 text-right font-normal">
                {policyLabel(c.policy)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shares.map((share, i) => (
            <tr key={share} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-1 pr-2 text-left font-normal">
                {Math.round(share * 100)} %
              </th>
              {q.frontier.map((c) => {
                const p = c.points[i];
                return (
                  <td key={c.policy.name} className="py-1 pl-2 text-right">
                    {p ? `${pct(p.accuracy.value)} / ${num(p.macroF1, 2)}` : "–"}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {q.frontier
        .filter((c) => c.pending > 0)
        .map((c) => (
          <p key={c.policy.name} className="mt-1 text-xs text-slate-500">
            {policyLabel(c.policy)}: {c.pending} records without an uncertainty are left out.
          </p>
        ))}
    </div>
  );
}

function Advice({ advice }: { advice: ThresholdAdvice[] }) {
  return (
    <div aria-live="polite" data-testid="threshold-advice">
      <h4 className="text-sm font-medium">Threshold advice</h4>
      <ul className="mt-2 space-y-2">
        {advice.map((a) => (
          <li
            key={a.estimator}
            className={cn(
              "rounded-md border px-3 py-2 text-sm",
              !a.reliability.reliable
                ? "border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900"
                : a.reached ? "border-emerald-200 bg-emerald-50 dark:border-emerald-900 dark:bg-emerald-950/40" : "border-amber-200 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40",
            )}
          >
            <span className="font-medium">{estimatorLabel(a.estimator)}: </span>
            {!a.reliability.reliable ? (
              // Too few records to advise (lib/quality/llm-agreement.ts, ADVICE_MIN_RECORDS): say so, and how many are needed.
              <>
                not reliable yet: {a.reliability.n.toLocaleString("en-US")} {a.reliability.n === 1 ? "record" : "records"} with a human consensus; at
                least {a.reliability.minimum} needed (below that the accuracy a threshold rests on is not known to within ±10 points).
              </>
            ) : a.reached ? (
              <>
                send records with uncertainty above <strong className="tabular-nums">{num(a.threshold)}</strong> to humans:{" "}
                <strong className="tabular-nums">{pct(a.humanShare)}</strong> of the records ({a.humans} of {a.n}), for an accuracy of{" "}
                {proportionText(a.accuracy)} against the target {pct(a.target)}.
              </>
            ) : (
              <>
                the target {pct(a.target)} cannot be reached with a threshold. The best is {num(a.threshold)}: {pct(a.humanShare)} to humans (
                {a.humans} of {a.n}), accuracy {proportionText(a.accuracy)}.
              </>
            )}
            {a.pending > 0 && <span className="text-slate-500"> {a.pending} records without an uncertainty are not counted.</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
