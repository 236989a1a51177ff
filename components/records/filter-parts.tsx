// Pieces of the records filters shared by the records page and the bulk view: the URL's parameters as one string
// each, a metadata property's filter box (the records list's `metadata.<name>` parameters), and the list of problems.
import { Search } from "lucide-react";
import type { ErrorDetail } from "@/lib/server/errors";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";
import { cn } from "@/lib/ui/cn";

export const filterInputClass =
  "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-sm focus:border-brand-500 dark:border-slate-700 dark:bg-slate-900";
export const filterLabelClass = "text-xs font-medium text-slate-600 dark:text-slate-400";

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The URL's parameters as the API reads them: one string each (the last one when repeated). The boxes a GET form
 * leaves empty are dropped, so that links built from them stay short.
 */
export function flattenSearchParams(searchParams: SearchParams): Record<string, string> {
  return Object.fromEntries(
    Object.entries(searchParams)
      .map(([key, value]) => [key, Array.isArray(value) ? value[value.length - 1] : value] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== undefined && entry[1].trim() !== ""),
  );
}

/** One metadata property's filter: a value for terms (a list when the property declares its values), a range for numbers. */
export function MetadataFilterField({ property, raw, idPrefix }: { property: DatasetConfig["metadata"][number]; raw: Record<string, string>; idPrefix: string }) {
  if (property.type !== "terms") {
    return (
      <fieldset className="flex flex-col gap-1">
        <legend className={filterLabelClass}>{property.title}</legend>
        <div className="mt-1 flex items-center gap-1">
          {(["min", "max"] as const).map((bound, index) => (
            <span key={bound} className="flex items-center gap-1">
              {index === 1 && <span className="text-slate-400">–</span>}
              <input
                name={`metadata.${property.name}.${bound}`}
                aria-label={`${property.title} ${bound === "min" ? "at least" : "at most"}`}
                type="number"
                step={property.type === "integer" ? 1 : "any"}
                placeholder={bound}
                defaultValue={raw[`metadata.${property.name}.${bound}`] ?? ""}
                className={cn(filterInputClass, "w-20")}
              />
            </span>
          ))}
        </div>
      </fieldset>
    );
  }
  const id = `${idPrefix}-metadata-${property.name}`;
  const value = raw[`metadata.${property.name}`];
  const values = Array.isArray(property.settings.values) ? property.settings.values.filter((item) => typeof item === "string") : [];
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={filterLabelClass}>
        {property.title}
      </label>
      {values.length > 0 ? (
        <select id={id} name={`metadata.${property.name}`} defaultValue={value ?? ""} className={filterInputClass}>
          <option value="">Any</option>
          {values.map((item) => (
            <option key={item} value={item}>
              {item}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} name={`metadata.${property.name}`} defaultValue={value ?? ""} placeholder="any" className={cn(filterInputClass, "w-32")} />
      )}
    </div>
  );
}

/** The filters' problems, each with where it is (the parameter) and what is wrong. */
export function FilterProblems({ problems }: { problems: ErrorDetail[] }) {
  return (
    <div role="alert" data-testid="filter-errors" className="mb-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
      <p className="font-medium">These filters are not valid:</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.where ? <code className="font-mono">{problem.where}</code> : null}
            {problem.where ? ": " : ""}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The full-text search box (`q`, PostgreSQL websearch syntax). */
export function SearchField({ raw, id, className }: { raw: Record<string, string>; id: string; className?: string }) {
  return (
    <div className={cn("flex flex-1 flex-col gap-1", className)}>
      <label htmlFor={id} className={filterLabelClass}>
        Search the fields
      </label>
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute top-2 left-2 h-4 w-4 text-slate-400" />
        <input
          id={id}
          name="q"
          type="search"
          defaultValue={raw.q ?? ""}
          maxLength={500}
          placeholder='words, "a phrase", or, -exclude'
          className={cn(filterInputClass, "w-full pl-8")}
        />
      </div>
    </div>
  );
}

/** The uncertainty range (`uncertaintyMin`, `uncertaintyMax`, normalised 0..1, inclusive). */
export function UncertaintyRange({ raw }: { raw: Record<string, string> }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className={filterLabelClass}>Uncertainty (0–1)</legend>
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
              className={cn(filterInputClass, "w-20")}
            />
          </span>
        ))}
      </div>
    </fieldset>
  );
}
