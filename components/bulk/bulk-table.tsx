"use client";

import { useState, type RefObject } from "react";
import { FieldView } from "@/components/fields/field-view";
import { cutOf } from "@/components/fields/cut-value";
import { UncertaintyBadge } from "@/components/uncertainty-badge";
import type { BulkRecordView } from "@/lib/server/services/bulk-records";
import { cn } from "@/lib/ui/cn";

/** A field as short text for the collapsed row: strings as they are, anything else (a chat, JSON) as JSON. */
function fieldText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Every field of the record, each under its title and clamped to a few lines, side by side where there is room: a
 * pairwise item (a prompt and two responses) can be judged without opening it. Expanding shows them whole.
 */
function FieldPreviews({ record }: { record: BulkRecordView }) {
  return (
    <div className={cn("grid gap-x-4 gap-y-2", record.fields.length > 1 && "sm:grid-cols-2", record.fields.length > 2 && "xl:grid-cols-3")}>
      {record.fields.map((field) => {
        const text = fieldText(field.value);
        return (
          <div key={field.name} className="min-w-0" data-testid="bulk-field">
            {record.fields.length > 1 && <div className="text-xs font-medium text-slate-500 dark:text-slate-400">{field.title}</div>}
            <p className="line-clamp-3 break-words text-slate-700 dark:text-slate-300">{text || <span className="text-slate-400">—</span>}</p>
          </div>
        );
      })}
    </div>
  );
}

function ProposalList({ record, questionTitles, showsUncertainty }: { record: BulkRecordView; questionTitles: Record<string, string>; showsUncertainty: boolean }) {
  if (record.proposals.length === 0) return <span className="text-xs text-slate-500">no proposal</span>;
  return (
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
  );
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
          <th scope="col" className="w-10 px-3 py-2 sm:w-12 sm:px-4">
            <input
              type="checkbox"
              aria-label="Select every record of this page"
              checked={pageSelected}
              onChange={(event) => props.onSelectPage(event.target.checked)}
              className="h-4 w-4 accent-brand-600"
              data-testid="bulk-select-page"
            />
          </th>
          {/* Wide enough on a phone for the id and a "100% uncertain" badge. */}
          <th scope="col" className="w-32 px-2 py-2 sm:w-44">Record</th>
          <th scope="col" className="px-2 py-2">Content</th>
          {/* Below md the proposals sit under the content: three columns do not fit a phone. */}
          {showProposals && <th scope="col" className="hidden w-80 px-4 py-2 md:table-cell">Proposal</th>}
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
              <td className="px-3 py-3 sm:px-4">
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
                {!isExpanded && <FieldPreviews record={record} />}
                {showProposals && (
                  <div className="mt-2 md:hidden">
                    <ProposalList record={record} questionTitles={questionTitles} showsUncertainty={showsUncertainty} />
                  </div>
                )}
                <button
                  type="button"
                  onClick={() => toggleExpanded(record.id)}
                  aria-expanded={isExpanded}
                  className="mt-1 text-xs text-brand-700 hover:underline dark:text-blue-300"
                >
                  {isExpanded ? "Collapse" : "Show whole"}
                </button>
              </td>
              {showProposals && (
                <td className="hidden px-4 py-3 md:table-cell">
                  <ProposalList record={record} questionTitles={questionTitles} showsUncertainty={showsUncertainty} />
                </td>
              )}
            </tr>
            {isExpanded && (
              <tr>
                <td colSpan={showProposals ? 4 : 3} className="px-4 pb-3">
                  <div className="grid min-w-0 gap-2 lg:grid-cols-2">
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
