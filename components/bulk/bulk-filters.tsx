import Link from "next/link";
import { filterInputClass, filterLabelClass, MetadataFilterField, SearchField, UncertaintyRange } from "@/components/records/filter-parts";
import { Button, buttonStyles } from "@/components/ui/button";
import type { BulkPage } from "@/lib/server/services/bulk-records";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";
import { cn } from "@/lib/ui/cn";


/** A proposal value as the URL carries it: a label as is, anything else as JSON (see the records list's `proposal.<question>`). */
function urlValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export interface BulkFiltersProps {
  action: string;
  raw: Record<string, string>;
  pageSize: number;
  metadata: DatasetConfig["metadata"];
  questions: { name: string; title: string }[];
  proposalValues: BulkPage["proposalValues"];
  blind: boolean;
  showsUncertainty: boolean;
}

/**
 * The bulk view's filters as a plain GET form with the records list's parameter names: search, uncertainty,
 * proposal (not in blind mode) and the metadata annotators may see. Applying a filter goes back to page 1.
 */
export function BulkFilters({ action, raw, pageSize, metadata, questions, proposalValues, blind, showsUncertainty }: BulkFiltersProps) {
  const filtered = Object.keys(raw).length > 0;
  const proposalQuestions = questions.filter((question) => proposalValues.some((value) => value.question === question.name));
  return (
    <form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-x-4 gap-y-3" role="search" aria-label="Filter the records">
      <SearchField raw={raw} id="bulk-q" className="min-w-64" />
      {!blind &&
        proposalQuestions.map((question) => (
          <div key={question.name} className="flex flex-col gap-1">
            <label htmlFor={`bulk-proposal-${question.name}`} className={filterLabelClass}>
              Proposal: {question.title}
            </label>
            <select
              id={`bulk-proposal-${question.name}`}
              name={`proposal.${question.name}`}
              defaultValue={raw[`proposal.${question.name}`] ?? ""}
              className={cn(filterInputClass, "max-w-56")}
              data-testid={`proposal-filter-${question.name}`}
            >
              <option value="">Any</option>
              {proposalValues
                .filter((value) => value.question === question.name)
                .map((value) => (
                  <option key={urlValue(value.value)} value={urlValue(value.value)}>
                    {value.display} ({value.records})
                  </option>
                ))}
            </select>
          </div>
        ))}
      {showsUncertainty && <UncertaintyRange raw={raw} />}
      {metadata.map((property) => (
        <MetadataFilterField key={property.name} property={property} raw={raw} idPrefix="bulk" />
      ))}
      <div className="flex flex-col gap-1">
        <label htmlFor="bulk-page-size" className={filterLabelClass}>
          Per page
        </label>
        <select id="bulk-page-size" name="pageSize" defaultValue={String(pageSize)} className={filterInputClass}>
          <option value="25">25</option>
          <option value="50">50</option>
        </select>
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" data-testid="bulk-apply-filters">
          Apply filters
        </Button>
        {filtered && (
          <Link href={action} className={buttonStyles({ variant: "ghost", size: "sm" })}>
            Clear
          </Link>
        )}
      </div>
      {proposalQuestions.length > 1 && <p className="basis-full text-xs text-slate-500">Filter by one question’s proposal at a time.</p>}
    </form>
  );
}
