import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { RoutingBadge } from "@/components/routing-badge";
import { UncertaintyBadge } from "@/components/uncertainty-badge";
import { cutOf } from "@/components/fields/cut-value";
import { WholeValue } from "@/components/fields/whole-value";
import { UncertaintyWithSignal } from "@/components/uncertainty-badge";
import type { RecordView } from "@/lib/server/services/records";

function preview(record: RecordView): string {
  const first = record.fields.find((field) => typeof field.value === "string" && field.value.length > 0);
  return typeof first?.value === "string" ? first.value : JSON.stringify(record.fields[0]?.value ?? "");
}

/**
 * One record of the records table; its details (every field, suggestion and response) open below it. `select` (a
 * checkbox cell's content) and `actions` (buttons in the details) are given to those who may act on records.
 */
export function RecordRow({ record, select, actions }: { record: RecordView; select?: ReactNode; actions?: ReactNode }) {
  const answered = record.responses ?? [];
  return (
    <tbody className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800" data-testid="record-row">
      <tr>
        {select !== undefined && <td className="py-3 pr-0 pl-4">{select}</td>}
        <td className="px-4 py-3">
          <div className="truncate font-mono text-xs" title={record.externalId}>
            {record.externalId}
          </div>
          <div className="mt-1 text-xs text-slate-500">#{record.importOrder}</div>
        </td>
        <td className="px-4 py-3">
          <p className="line-clamp-2 text-slate-700 dark:text-slate-300">{preview(record)}</p>
        </td>
        <td className="px-4 py-3">
          <ul className="space-y-1">
            {record.questions
              .filter((question) => question.proposal)
              .map((question) => (
                <li key={question.name} className="flex flex-wrap items-center gap-1.5">
                  <span className="text-xs text-slate-500">{question.name}:</span>
                  <span className="max-w-40 truncate font-medium" title={question.proposal!.display}>
                    {question.proposal!.display || "—"}
                  </span>
                  <UncertaintyWithSignal value={question.proposal!.normalized} source={question.proposal!} />
                </li>
              ))}
          </ul>
        </td>
        <td className="px-4 py-3" data-testid="record-routing">
          <RoutingBadge decision={record.routingDecision} />
          <div className="mt-1 text-xs text-slate-500">record uncertainty {record.uncertainty === null ? "–" : `${Math.round(record.uncertainty * 100)}%`}</div>
          {record.assignees && record.assignees.length > 0 && (
            <div className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="record-assignees">
              for {record.assignees.join(", ")}
            </div>
          )}
        </td>
        <td className="px-4 py-3" data-testid="record-responses">
          {answered.length === 0 ? (
            <span className="text-xs text-slate-500">
              {record.routingDecision === "human" || record.routingDecision === "audit" ? `0 of ${record.requiredResponses}` : "none needed"}
            </span>
          ) : (
            <ul className="space-y-1">
              {answered.map((response) => (
                <li key={response.user} className="flex flex-wrap items-center gap-1.5 text-xs">
                  <span className="font-medium">{response.user}</span>
                  <Badge tone={response.status === "submitted" ? "green" : response.status === "draft" ? "neutral" : "red"}>
                    {response.status}
                  </Badge>
                  <span className="truncate text-slate-600 dark:text-slate-400">
                    {Object.entries(response.display)
                      .map(([name, value]) => `${name}: ${value}`)
                      .join(" · ")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </td>
      </tr>
      <tr>
        <td colSpan={select !== undefined ? 6 : 5} className="px-4 pb-3">
          <details className="group text-sm">
            <summary className="cursor-pointer text-xs text-brand-700 select-none hover:underline dark:text-blue-300">
              Details: fields, {record.questions.reduce((sum, question) => sum + question.suggestions.length, 0) + record.suggestionsOmitted} suggestions, final values
            </summary>
            <div className="mt-3 grid gap-4 lg:grid-cols-2">
              <div className="space-y-3">
                {record.fields.map((field) => {
                  const cut = cutOf(record.id, record.truncated, "fields", field.name);
                  return (
                    <div key={field.name} data-testid={`record-field-${field.name}`}>
                      <div className="text-xs font-medium text-slate-500">{field.title}</div>
                      <div className="prose-record max-h-60 overflow-auto rounded border border-slate-200 p-2 dark:border-slate-800">
                        {cut ? (
                          <WholeValue cut={cut} preview={field.value} type={field.type} title={field.title} />
                        ) : typeof field.value === "string" ? (
                          field.value
                        ) : (
                          JSON.stringify(field.value, null, 2)
                        )}
                      </div>
                    </div>
                  );
                })}
              </div>
              <div className="space-y-3">
                {record.questions.map((question) => (
                  <div key={question.name}>
                    <div className="flex items-center gap-2 text-xs font-medium text-slate-500">
                      {question.title}
                      {question.finalValue && (
                        <Badge tone="blue">
                          final: {question.finalValue.display} ({question.finalValue.provenance})
                        </Badge>
                      )}
                    </div>
                    <ul className="mt-1 space-y-1">
                      {question.suggestions.map((suggestion) => (
                        <li key={suggestion.agent} className="rounded border border-slate-200 px-2 py-1 text-xs dark:border-slate-800">
                          <span className="font-mono">{suggestion.agent}</span> →{" "}
                          <span className="font-medium">{suggestion.display}</span>
                          {suggestion.score !== null && <span className="text-slate-500"> · score {suggestion.score}</span>}
                          {suggestion.tokens !== null && (
                            <span className="text-slate-500">
                              {" "}
                              · {suggestion.tokens.toLocaleString("en-US")} tokens
                              {suggestion.costUsd !== null && suggestion.costUsd > 0 && ` · $${suggestion.costUsd.toFixed(6)}`}
                            </span>
                          )}
                          {suggestion.rawOutput && (
                            <details className="mt-1">
                              <summary className="cursor-pointer text-slate-500">What the model answered</summary>
                              <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-1 font-mono text-[11px] dark:bg-slate-900">
                                {suggestion.rawOutput}
                              </pre>
                            </details>
                          )}
                          {suggestion.rationale && (
                            <p className="mt-1 line-clamp-3 whitespace-pre-wrap text-slate-600 dark:text-slate-400">{suggestion.rationale}</p>
                          )}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
                {record.suggestionsOmitted > 0 && (
                  <p className="text-xs text-slate-500">
                    {record.suggestionsOmitted} more suggestion{record.suggestionsOmitted === 1 ? "" : "s"} not listed here (the list keeps the
                    first 25 of each record); <code>GET /api/v1/records/{"{id}"}</code> has them all.
                  </p>
                )}
              </div>
            </div>
            {actions !== undefined && <div className="mt-3 flex justify-end">{actions}</div>}
          </details>
        </td>
      </tr>
    </tbody>
  );
}
