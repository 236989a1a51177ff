// One question's agreement: Fleiss' kappa and Krippendorff's alpha, the pairwise kappa matrix, "LLM agreement with
// people" (the figure every tab shows), and each annotator's agreement with the consensus and, per answer, with the
// LLM's proposal (a different figure, named differently), with 95 % Wilson intervals.
import { proportionText } from "@/components/quality/format";
import { InfoNote } from "@/components/import/notes";
import { LlmAgreementLine } from "@/components/quality/llm-agreement-figure";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { QuestionAgreementView } from "@/lib/server/services/agreement";
import { cn } from "@/lib/ui/cn";
import { bandOf } from "./bands";
import { KappaMatrix } from "./kappa-matrix";

function Measure({ label, value, detail, testId }: { label: string; value: number | null; detail: string; testId: string }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
      <div className="text-xs text-slate-500 dark:text-slate-400">{label}</div>
      <div className="mt-0.5 flex items-baseline gap-2">
        <span className={cn("rounded px-1.5 text-lg font-semibold tabular-nums", bandOf(value).className)} data-testid={testId}>
          {value === null ? "undefined" : value.toFixed(3)}
        </span>
        <span className="text-xs text-slate-600 dark:text-slate-400">{value === null ? "no chance baseline to compare with" : bandOf(value).name}</span>
      </div>
      <div className="mt-1 text-xs text-slate-500 dark:text-slate-400">{detail}</div>
    </div>
  );
}

export function QuestionAgreementCard({ question }: { question: QuestionAgreementView }) {
  const header = (
    <CardHeader className="flex flex-wrap items-center gap-2">
      <h3 className="text-sm font-semibold">{question.title}</h3>
      <Badge>{question.type}</Badge>
      {question.level && <span className="text-xs text-slate-500 dark:text-slate-400">alpha at the {question.level} level</span>}
    </CardHeader>
  );
  if (question.skipped !== null)
    return (
      <Card data-testid={`agreement-${question.name}`}>
        {header}
        <CardBody>
          <p className="text-sm text-slate-600 dark:text-slate-400">{question.skipped}</p>
        </CardBody>
      </Card>
    );
  const fleiss = question.fleiss!;
  const alpha = question.alpha!;
  const raters = [...new Set(question.pairwise.flatMap((p) => [p.raterA, p.raterB]))].sort();
  return (
    <Card data-testid={`agreement-${question.name}`}>
      {header}
      <CardBody className="space-y-5">
        {question.sharedRecords === 0 ? (
          <InfoNote>No record has answers to this question from two annotators yet, so there is nothing to compare.</InfoNote>
        ) : (
          <>
            <div className="grid gap-3 sm:grid-cols-2">
              <Measure
                label="Fleiss' kappa (all annotators)"
                value={fleiss.kappa}
                testId={`fleiss-${question.name}`}
                detail={`On ${fleiss.units} records with ${fleiss.raters ?? "–"} answers each${fleiss.excluded > 0 ? `; ${fleiss.excluded} records with another number of answers left out` : ""}.`}
              />
              <Measure
                label={`Krippendorff's alpha (${question.level})`}
                value={alpha.alpha}
                testId={`alpha-${question.name}`}
                detail={`On ${alpha.units} records with two or more answers (${alpha.pairableValues} answers).`}
              />
            </div>
            <section aria-label={`Pairwise Cohen's kappa, ${question.title}`}>
              <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">Cohen&apos;s kappa per pair</h4>
              <KappaMatrix pairs={question.pairwise} annotators={raters} question={question.name} />
            </section>
          </>
        )}
        {question.llmAgreement && <LlmAgreementLine figure={question.llmAgreement} testId={`agreement-llm-${question.name}`} />}
        <table className="w-full text-sm" data-testid={`annotator-agreement-${question.name}`}>
          <caption className="mb-2 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
            Each annotator against the consensus and the LLM&apos;s proposal
          </caption>
          <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 font-medium">Annotator</th>
              <th scope="col" className="py-1 text-right font-medium">Answered</th>
              <th scope="col" className="py-1 pl-4 font-medium">With the consensus</th>
              <th scope="col" className="py-1 pl-4 font-medium">
                Their answers vs the LLM&apos;s proposal
                <span className="block font-normal">each of their answers, complete records or not</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {question.annotators.map((a) => (
              <tr key={a.username} className="border-t border-slate-100 align-top dark:border-slate-800">
                <th scope="row" className="py-1 text-left font-normal">{a.username}</th>
                <td className="py-1 text-right tabular-nums">{a.answered}</td>
                <td className="py-1 pl-4 tabular-nums">{a.withConsensus ? proportionText(a.withConsensus.rate) : "no consensus yet"}</td>
                <td className="py-1 pl-4 tabular-nums">{a.withLlm ? proportionText(a.withLlm.rate) : "no proposals"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardBody>
    </Card>
  );
}
