"use client";

import { useState, type RefObject } from "react";
import { FieldView } from "@/components/fields/field-view";
import { cutOf } from "@/components/fields/cut-value";
import { UncertaintyBadge } from "@/components/uncertainty-badge";
import type { BulkRecordView } from "@/lib/server/services/bulk-records";
import { cn } from "@/lib/ui/cn";

/** The first field as one short line of text: the rest is one click away. */
function preview(record: BulkRecordView): string {
  const first = record.fields.find((field) => typeof field.value === "string" && field.value.length > 0) ?? record.fields[0];
  if (!first) return "";
  return typeof first.value === "string" ? first.value : JSON.stringify(first.value ?? "");
}

export interface BulkTableProps {
  records: BulkRecordView[];
  questionTitles: Record<string, string>;
  showProposals: boolean;
  showsUncertainty: boolean;
  selected: ReadonlySet<string>;
  rows: RefObject<(HTMLInputElement | null)[]>;
  pageSelected: boolean;
  onToggle: (index: number, shift: boolean) => void;
  onFocusRow: (index: number) => void;
  onSelectPage: (on: boolean) => void;
}

/** One page of records with a checkbox each, their proposals and uncertainty; a row's fields open in place. */
export function BulkTable(props: BulkTableProps) {
  const { records, questionTitles, showProposals, showsUncertainty, selected, rows, pageSelected } = props;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggleExpanded = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <table className="w-full table-fixed text-sm" data-testid="bulk-table">
      <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:bg-slate-900/50">
        <tr>
          <th scope="col" className="w-12 px-4 py-2">
            <input
              type="checkbox"
              aria-label="Select every record of this page"
              checked={pageSelected}
              onChange={(event) => props.onSelectPage(event.target.checked)}
              className="h-4 w-4 accent-brand-600"
              data-testid="bulk-select-page"
            />
          </th>
          <th scope="col" className="w-44 px-2 py-2">Record</th>
          <th scope="col" className="px-2 py-2">Content</th>
          {showProposals && <th scope="col" className="w-80 px-4 py-2">Proposal</th>}
        </tr>
      </thead>
      {records.map((record, index) => {
        const isSelected = selected.has(record.id);
        const isExpanded = expanded.has(record.id);
        return (
          <tbody
            key={record.id}
            className={cn(
              "border-b border-slate-100 align-top last:border-0 dark:border-slate-800",
              isSelected && "bg-brand-50/60 dark:bg-blue-950/30",
              // The row being worked on by keyboard (j/k) shows while focus is in it.
              "focus-within:outline-2 focus-within:-outline-offset-2 focus-within:outline-brand-500/50",
            )}
            data-testid="bulk-row"
            data-selected={isSelected}
          >
            <tr>
              <td className="px-4 py-3">
                <input
                  ref={(element) => {
                    rows.current[index] = element;
                  }}
                  type="checkbox"
                  aria-label={`Select ${record.externalId}`}
                  checked={isSelected}
                  onFocus={() => props.onFocusRow(index)}
                  // A checkbox's change comes from a click (or Space): its shift key makes a range selection.
                  onChange={(event) => props.onToggle(index, event.nativeEvent instanceof MouseEvent && event.nativeEvent.shiftKey)}
                  className="h-4 w-4 accent-brand-600"
                />
              </td>
              <td className="px-2 py-3">
                <div className="truncate font-mono text-xs" title={record.externalId}>
                  {record.externalId}
                </div>
                {showsUncertainty && (
                  <div className="mt-1">
                    <UncertaintyBadge value={record.uncertainty} />
                  </div>
                )}
              </td>
              <td className="px-2 py-3">
                <p className={cn("text-slate-700 dark:text-slate-300", !isExpanded && "line-clamp-2")}>{preview(record)}</p>
                <button
                  type="button"
                  onClick={() => toggleExpanded(record.id)}
                  aria-expanded={isExpanded}
                  className="mt-1 text-xs text-brand-700 hover:underline dark:text-blue-300"
                >
                  {isExpanded ? "Collapse" : record.fields.length > 1 ? `Expand (${record.fields.length} fields)` : "Expand"}
                </button>
              </td>
              {showProposals && (
                <td className="px-4 py-3">
                  {record.proposals.length === 0 ? (
                    <span className="text-xs text-slate-500">no proposal</span>
                  ) : (
                    <ul className="space-y-1">
                      {record.proposals.map((proposal) => (
                        <li key={proposal.question} className="flex flex-wrap items-center gap-1.5" data-testid="bulk-proposal">
                          <span className="text-xs text-slate-500">{questionTitles[proposal.question] ?? proposal.question}:</span>
                          <span className="max-w-40 truncate font-medium" title={proposal.display}>
                            {proposal.display || "—"}
                          </span>
                          {showsUncertainty && <UncertaintyBadge value={proposal.uncertainty} />}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              )}
            </tr>
            {isExpanded && (
              <tr>
                <td colSpan={showProposals ? 4 : 3} className="px-4 pb-3">
                  <div className="grid gap-2 lg:grid-cols-2">
                    {record.fields.map((field) => (
                      <FieldView key={field.name} field={field} cut={cutOf(record.id, record.truncated, "fields", field.name)} />
                    ))}
                  </div>
                </td>
              </tr>
            )}
          </tbody>
        );
      })}
    </table>
  );
}
