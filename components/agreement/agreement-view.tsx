// The Agreement tab: what the measures mean, each annotator's pace, then every question's agreement; a CSV download
// of the same figures. An empty state says what is needed when fewer than two annotators share records.
import { Download } from "lucide-react";
import { InfoNote } from "@/components/import/notes";
import { buttonStyles } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { DatasetAgreement } from "@/lib/server/services/agreement";
import { msText } from "./bands";
import { QuestionAgreementCard } from "./question-agreement";

function Explanations() {
  return (
    <ul className="max-w-4xl list-disc space-y-1 pl-5 text-sm text-slate-600 dark:text-slate-400" data-testid="agreement-explanations">
      <li>
        <strong className="text-slate-800 dark:text-slate-200">Cohen&apos;s kappa</strong> says how much more two annotators agree than their
        own answer frequencies would by chance: 1 is full agreement, 0 is chance level, below 0 worse than chance.
      </li>
      <li>
        <strong className="text-slate-800 dark:text-slate-200">Fleiss&apos; kappa</strong> is the same idea for all annotators at once, on the
        records that have the same number of answers.
      </li>
      <li>
        <strong className="text-slate-800 dark:text-slate-200">Krippendorff&apos;s alpha</strong> is 1 minus the observed disagreement over the
        disagreement expected by chance; it allows any number of answers per record, and on rating questions (ordinal) a near miss counts
        less than a far one.
      </li>
      <li>
        The usual reading is below 0.4 weak, 0.4–0.6 moderate, 0.6–0.8 substantial, above 0.8 strong: a guide, not a verdict (hard or
        subjective questions agree less, and few shared records make any figure shaky).
      </li>
    </ul>
  );
}

function PaceTable({ agreement }: { agreement: DatasetAgreement }) {
  return (
    <Card>
      <CardHeader>
        <h3 className="text-sm font-semibold">Annotators</h3>
      </CardHeader>
      <CardBody>
        <table className="w-full text-sm" data-testid="annotator-pace">
          <caption className="sr-only">Submitted responses and time per record by annotator</caption>
          <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 font-medium">Annotator</th>
              <th scope="col" className="py-1 text-right font-medium">Responses submitted</th>
              <th scope="col" className="py-1 text-right font-medium">Median time per record</th>
              <th scope="col" className="py-1 text-right font-medium">Mean time per record</th>
            </tr>
          </thead>
          <tbody>
            {agreement.annotators.map((a) => (
              <tr key={a.username} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1 text-left font-normal">
                  {a.name} <span className="text-slate-500 dark:text-slate-400">({a.username})</span>
                </th>
                <td className="py-1 text-right tabular-nums">{a.submitted.toLocaleString("en-US")}</td>
                <td className="py-1 text-right tabular-nums">{msText(a.medianTimeMs)}</td>
                <td className="py-1 text-right tabular-nums">{msText(a.meanTimeMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardBody>
    </Card>
  );
}

export function AgreementView({ agreement }: { agreement: DatasetAgreement }) {
  const enough = agreement.annotators.length >= 2 && agreement.sharedRecords > 0;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <Explanations />
        {enough && (
          <a href={`/api/v1/datasets/${agreement.datasetId}/agreement?format=csv`} download className={buttonStyles({ variant: "secondary" })}>
            <Download aria-hidden className="size-4" />
            Download CSV
          </a>
        )}
      </div>
      {!enough ? (
        <div data-testid="agreement-empty">
          <InfoNote>
            Agreement needs at least two annotators&apos; submitted responses on the same records. So far{" "}
            {agreement.annotators.length === 1 ? "one annotator has" : `${agreement.annotators.length} annotators have`} submitted responses, and{" "}
            {agreement.sharedRecords === 1 ? "one record has" : `${agreement.sharedRecords} records have`} answers from two or more. To measure it,
            set &ldquo;Submitted responses per record&rdquo; to 2 or more in Settings (or route some records to several annotators) and let
            them answer.
          </InfoNote>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="agreement-summary">
          {agreement.sharedRecords.toLocaleString("en-US")} records have answers from two or more of the {agreement.annotators.length} annotators.
          The human consensus is the final answer people gave (the majority once every required answer is in, without a tie, or a
          curator&apos;s ruling). &ldquo;LLM agreement with people&rdquo; compares the LLM&apos;s proposal with it, as on every tab;
          &ldquo;their answers vs the LLM&apos;s proposal&rdquo; compares each annotator&apos;s own answers. Intervals are 95 % Wilson intervals.
        </p>
      )}
      {agreement.annotators.length > 0 && <PaceTable agreement={agreement} />}
      {enough && agreement.questions.map((question) => <QuestionAgreementCard key={question.name} question={question} />)}
    </div>
  );
}
