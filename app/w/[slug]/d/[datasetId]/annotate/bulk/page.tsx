import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BulkFilters } from "@/components/bulk/bulk-filters";
import { BulkView } from "@/components/bulk/bulk-view";
import { ViewSwitch } from "@/components/bulk/view-switch";
import { FilterProblems, flattenSearchParams, type SearchParams } from "@/components/records/filter-parts";
import { ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { can } from "@/lib/server/policy";
import { datasetAccess } from "@/lib/server/services/access";
import { bulkPageQuerySchema, listBulkRecords, type BulkPage } from "@/lib/server/services/bulk-records";
import { loadDatasetConfig } from "@/lib/server/services/dataset-config";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";
import type { RecordFilter } from "@/lib/server/services/record-filter";
import { listRecordsQuerySchema } from "@/lib/server/services/records";
import { zodDetails } from "@/lib/server/validation";

export const metadata: Metadata = { title: "Bulk annotate" };
export const dynamic = "force-dynamic";

/**
 * The bulk view: the records the queue could serve this annotator, filtered as on the records page (the URL holds
 * the filters with the records list's parameter names), a page at a time; the selection and the actions are client-side.
 */
export default async function BulkAnnotatePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; datasetId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { slug, datasetId } = await params;
  const actor = await requirePageActor();
  const access = await orNotFound(datasetAccess(actor, datasetId, "records.annotate"));
  if (access.workspaceSlug !== slug) notFound();
  const config = await loadDatasetConfig(access.datasetId);
  const { page: rawPage, pageSize: rawPageSize, ...raw } = flattenSearchParams(await searchParams);
  const paging = bulkPageQuerySchema.safeParse({ page: rawPage, pageSize: rawPageSize });
  const parsed = listRecordsQuerySchema.safeParse(raw);
  let problems: ErrorDetail[] = [...(paging.success ? [] : zodDetails(paging.error)), ...(parsed.success ? [] : zodDetails(parsed.error))];
  // The bulk view filters by search, uncertainty, metadata and proposal; the records list's other parameters do not apply.
  const filter: RecordFilter = parsed.success
    ? { q: parsed.data.q, uncertaintyMin: parsed.data.uncertaintyMin, uncertaintyMax: parsed.data.uncertaintyMax, metadata: parsed.data.metadata, proposal: parsed.data.proposal }
    : {};
  const pageQuery = paging.success ? paging.data : { page: 1, pageSize: 25 };
  let page: BulkPage | null = null;
  if (problems.length === 0) {
    try {
      page = await listBulkRecords(actor, access.datasetId, filter, pageQuery);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems = error.details.length > 0 ? error.details : [{ message: error.message }];
    }
  }
  const base = `/w/${slug}/d/${access.datasetId}/annotate`;
  const search = new URLSearchParams(raw);
  if (pageQuery.pageSize !== 25) search.set("pageSize", String(pageQuery.pageSize));
  const pageHref = (number: number) => {
    const next = new URLSearchParams(search);
    if (number > 1) next.set("page", String(number));
    return `${base}/bulk${next.size > 0 ? `?${next}` : ""}`;
  };
  const seesAll = can(access.role, "responses.viewAll");
  return (
    <main className="mx-auto max-w-[1600px] px-4 py-4" data-testid="bulk-view">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-base font-semibold">Answer many records at once</h2>
        <ViewSwitch base={base} current="bulk" />
      </div>
      <BulkFilters
        action={`${base}/bulk`}
        raw={raw}
        pageSize={pageQuery.pageSize}
        metadata={config.metadata.filter((property) => seesAll || property.visibleForAnnotators)}
        questions={config.questions.map((question) => ({ name: question.name, title: question.title }))}
        proposalValues={page?.proposalValues ?? []}
        blind={config.blind}
        showsUncertainty={!config.blind || seesAll}
      />
      {problems.length > 0 ? (
        <FilterProblems problems={problems} />
      ) : (
        page && (
          <BulkView
            // A new filter or page starts a new selection.
            key={`${JSON.stringify(filter)}|${page.page}|${page.pageSize}`}
            datasetId={access.datasetId}
            username={actor.username}
            filter={filter}
            page={page}
            questions={config.questions.map(({ name, title, description, type, required, settings }) => ({ name, title, description, type, required, settings }))}
            previousHref={page.page > 1 ? pageHref(page.page - 1) : null}
            nextHref={page.page * page.pageSize < page.total ? pageHref(page.page + 1) : null}
          />
        )
      )}
    </main>
  );
}
