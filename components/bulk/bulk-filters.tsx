import Link from "next/link";
import { Search } from "lucide-react";
import { filterInputClass, filterLabelClass, MetadataFilterField } from "@/components/records/filter-parts";
import { Button, buttonStyles } from "@/components/ui/button";
import type { BulkPage } from "@/lib/server/services/bulk-records";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";
import { cn } from "@/lib/ui/cn";

const inputClass = filterInputClass;
const labelClass = filterLabelClass;

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
      <div className="flex min-w-64 flex-1 flex-col gap-1">
        <label htmlFor="bulk-q" className={labelClass}>
          Search the fields
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-2 left-2 h-4 w-4 text-slate-400" />
          <input
            id="bulk-q"
            name="q"
            type="search"
            defaultValue={raw.q ?? ""}
            maxLength={500}
            placeholder='words, "a phrase", or, -exclude'
            className={cn(inputClass, "w-full pl-8")}
          />
        </div>
      </div>
      {!blind &&
        proposalQuestions.map((question) => (
          <div key={question.name} className="flex flex-col gap-1">
            <label htmlFor={`bulk-proposal-${question.name}`} className={labelClass}>
              Proposal: {question.title}
            </label>
            <select
              id={`bulk-proposal-${question.name}`}
              name={`proposal.${question.name}`}
              defaultValue={raw[`proposal.${question.name}`] ?? ""}
              className={cn(inputClass, "max-w-56")}
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
      {showsUncertainty && (
        <fieldset className="flex flex-col gap-1">
          <legend className={labelClass}>Uncertainty (0–1)</legend>
          <div className="mt-1 flex items-center gap-1">
            {(["Min", "Max"] as const).map((bound, index) => (
              <span key={bound} className="flex items-center gap-1">
                {index === 1 && <span className="text-slate-400">–</span>}
                <input
                  name={`uncertainty${bound}`}
                  aria-label={bound === "Min" ? "Uncertainty at least" : "Uncertainty at most"}
                  type="number"
                  min={0}
                  max={1}
                  step="any"
                  placeholder={bound.toLowerCase()}
                  defaultValue={raw[`uncertainty${bound}`] ?? ""}
                  className={cn(inputClass, "w-20")}
                />
              </span>
            ))}
          </div>
        </fieldset>
      )}
      {metadata.map((property) => (
        <MetadataFilterField key={property.name} property={property} raw={raw} idPrefix="bulk" />
      ))}
      <div className="flex flex-col gap-1">
        <label htmlFor="bulk-page-size" className={labelClass}>
          Per page
        </label>
        <select id="bulk-page-size" name="pageSize" defaultValue={String(pageSize)} className={inputClass}>
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
