import Link from "next/link";
import type { Metadata } from "next";
import { AssignMatching } from "@/components/records/assign-matching";
import {
  filterInputClass,
  filterLabelClass,
  FilterProblems,
  flattenSearchParams,
  MetadataFilterField,
  SearchField,
  UncertaintyRange,
  type SearchParams,
} from "@/components/records/filter-parts";
import { DeleteRecordButton, RecordDeletion, SelectRecord } from "@/components/records/record-deletion";
import { RecordRow } from "@/components/records/record-row";
import { Button, buttonStyles } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { can } from "@/lib/server/policy";
import { datasetAccess } from "@/lib/server/services/access";
import { assignmentOverview } from "@/lib/server/services/assignments";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { countMatchingRecords } from "@/lib/server/services/record-selection";
import { listRecords, listRecordsQuerySchema, type ListRecordsQuery, type RecordPage } from "@/lib/server/services/records";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";
import { zodDetails } from "@/lib/server/validation";
import { cn } from "@/lib/ui/cn";

export const metadata: Metadata = { title: "Records" };

const decisions = [
  { value: undefined, label: "All" },
  { value: "human", label: "To humans" },
  { value: "auto", label: "Auto-accepted" },
  { value: "audit", label: "Audit" },
  { value: "pending", label: "Pending" },
] as const;

const responseStatuses = [
  { value: "", label: "Any" },
  { value: "none", label: "No response" },
  { value: "draft", label: "A draft" },
  { value: "submitted", label: "Submitted" },
  { value: "discarded", label: "Discarded" },
] as const;


export default async function RecordsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; datasetId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { slug, datasetId } = await params;
  const raw = flattenSearchParams(await searchParams);
  const actor = await requirePageActor();
  const access = await orNotFound(datasetAccess(actor, datasetId, "records.view"));
  const config = await loadDatasetConfig(access.datasetId);
  const parsed = listRecordsQuerySchema.safeParse(raw);
  let problems: ErrorDetail[] = parsed.success ? [] : zodDetails(parsed.error);
  const query: ListRecordsQuery = parsed.success ? parsed.data : { limit: 50 };
  let page: RecordPage = { records: [], nextCursor: null };
  if (problems.length === 0) {
    try {
      page = await orNotFound(listRecords(actor, datasetId, query));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems = error.details.length > 0 ? error.details : [{ message: error.message }];
    }
  }
  const assignable = can(access.role, "records.assign") ? (await assignmentOverview(actor, access.datasetId)).annotators : [];
  const { after: _cursor, limit: _limit, ...recordFilter } = query;
  const base = `/w/${slug}/d/${datasetId}/records`;
  // Every filter of the URL but the cursor: changing the decision or paging keeps the search and the filters.
  const { after: _after, decision: _decision, ...filters } = raw;
  const href = (extra: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams(filters);
    for (const [key, value] of Object.entries(extra)) if (value !== undefined) search.set(key, String(value));
    return search.size > 0 ? `${base}?${search}` : base;
  };
  const filtered = Object.keys(filters).some((key) => key !== "limit");
  // Deleting (records.write): a checkbox per row, a button in each record's details, and "all matching" with its count.
  const deletable = can(access.role, "records.write") && problems.length === 0;
  const matching = deletable ? await countMatchingRecords(actor, access.datasetId, recordFilter) : 0;
  const table = (
    <Card className="overflow-hidden">
      {page.records.length === 0 ? (
        <p className="px-6 py-16 text-center text-sm text-slate-600 dark:text-slate-400">
          {problems.length > 0 ? "Fix the filters above to see records." : "No records match this filter."}
        </p>
      ) : (
        <table className="w-full table-fixed text-sm" data-testid="records-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:bg-slate-900/50">
            <tr>
              {deletable && (
                <th scope="col" className="w-9 py-2 pl-4">
                  <span className="sr-only">Selected</span>
                </th>
              )}
              <th scope="col" className="w-52 px-4 py-2">Record</th>
              <th scope="col" className="px-4 py-2">Content</th>
              <th scope="col" className="w-64 px-4 py-2">Proposal</th>
              <th scope="col" className="w-36 px-4 py-2">Routing</th>
              <th scope="col" className="w-72 px-4 py-2">Responses</th>
            </tr>
          </thead>
          {page.records.map((record) => (
            <RecordRow
              key={record.id}
              record={record}
              select={deletable ? <SelectRecord id={record.id} externalId={record.externalId} /> : undefined}
              actions={deletable ? <DeleteRecordButton id={record.id} externalId={record.externalId} /> : undefined}
            />
          ))}
        </table>
      )}
    </Card>
  );
  return (
    <main className="mx-auto max-w-[1600px] px-4 py-6">
      <div className="mb-3 flex flex-wrap items-center gap-2" role="toolbar" aria-label="Filter by routing decision">
        {decisions.map((decision) => (
          <Link
            key={decision.label}
            href={href({ decision: decision.value })}
            aria-current={query.decision === decision.value ? "page" : undefined}
            className={cn(
              "rounded-full border px-3 py-1 text-sm",
              query.decision === decision.value
                ? "border-brand-600 bg-brand-50 text-brand-700 dark:bg-blue-950 dark:text-blue-300"
                : "border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800",
            )}
          >
            {decision.label}
          </Link>
        ))}
      </div>
      <FilterForm action={base} raw={raw} config={config} clearHref={href({ decision: query.decision })} filtered={filtered} />
      {problems.length === 0 && assignable.length > 0 && (
        <AssignMatching datasetId={access.datasetId} filter={recordFilter} members={assignable} />
      )}
      {problems.length > 0 && (
        <FilterProblems problems={problems} />
      )}
      {deletable ? (
        <RecordDeletion
          key={JSON.stringify(raw)}
          datasetId={access.datasetId}
          filter={recordFilter}
          filtered={filtered}
          matching={matching}
          pageIds={page.records.map((record) => record.id)}
        >
          {table}
        </RecordDeletion>
      ) : (
        table
      )}
      <div className="mt-4 flex items-center justify-between text-sm">
        <span className="text-slate-600 dark:text-slate-400" data-testid="records-count">
          Showing {page.records.length} record{page.records.length === 1 ? "" : "s"}
          {filtered ? " matching the filters" : ""}
          {query.after !== undefined ? ` after #${query.after}` : ""}
        </span>
        <div className="flex gap-2">
          {query.after !== undefined && (
            <Link href={href({ decision: query.decision })} className={buttonStyles({ variant: "secondary", size: "sm" })}>
              First page
            </Link>
          )}
          {page.nextCursor !== null && (
            <Link href={href({ decision: query.decision, after: page.nextCursor })} className={buttonStyles({ variant: "secondary", size: "sm" })}>
              Next page
            </Link>
          )}
        </div>
      </div>
    </main>
  );
}

/**
 * Search and filters as a plain GET form: the URL holds the whole state (shareable, back button works), and the
 * parameters are exactly those of `GET /api/v1/datasets/{id}/records`.
 */
function FilterForm({
  action,
  raw,
  config,
  clearHref,
  filtered,
}: {
  action: string;
  raw: Record<string, string>;
  config: DatasetConfig;
  clearHref: string;
  filtered: boolean;
}) {
  const activeMetadata = config.metadata.filter((property) =>
    ["", ".min", ".max"].some((suffix) => raw[`metadata.${property.name}${suffix}`] !== undefined),
  ).length;
  return (
    <form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-x-4 gap-y-3" role="search" aria-label="Search and filter records">
      {raw.decision && <input type="hidden" name="decision" value={raw.decision} />}
      {raw.limit && <input type="hidden" name="limit" value={raw.limit} />}
      <SearchField raw={raw} id="records-q" className="min-w-72" />
      <UncertaintyRange raw={raw} />
      <div className="flex flex-col gap-1">
        <label htmlFor="records-response-status" className={filterLabelClass}>
          Responses
        </label>
        <select id="records-response-status" name="responseStatus" defaultValue={raw.responseStatus ?? ""} className={filterInputClass}>
          {responseStatuses.map((status) => (
            <option key={status.value} value={status.value}>
              {status.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Apply
        </Button>
        {filtered && (
          <Link href={clearHref} className={buttonStyles({ variant: "ghost", size: "sm" })}>
            Clear
          </Link>
        )}
      </div>
      {config.metadata.length > 0 && (
        <details className="group basis-full" open={activeMetadata > 0}>
          <summary className="cursor-pointer text-xs font-medium text-brand-700 select-none hover:underline dark:text-blue-300">
            Metadata filters{activeMetadata > 0 ? ` (${activeMetadata} active)` : ""}
          </summary>
          <div className="mt-2 flex flex-wrap items-end gap-x-4 gap-y-3">
            {config.metadata.map((property) => (
              <MetadataFilterField key={property.name} property={property} raw={raw} idPrefix="records" />
            ))}
          </div>
        </details>
      )}
    </form>
  );
}
