import { Badge } from "@/components/ui/badge";
import { RoutingBadge } from "@/components/routing-badge";
import { UncertaintyBadge } from "@/components/uncertainty-badge";
import { FieldView } from "@/components/fields/field-view";
import { cutOf } from "@/components/fields/cut-value";
import type { RecordView } from "@/components/annotate/api";

/** The record itself, the left column: its id and badges, its metadata, then its fields. */
export function RecordFields({
  record,
  blind,
  fromHistory,
  status,
}: {
  record: RecordView;
  blind: boolean;
  fromHistory: boolean;
  /** The status of my saved response, null while there is none. */
  status: string | null;
}) {
  return (
    <section aria-label="Record" className="min-w-0 space-y-3" data-testid="record-fields" data-record-id={record.id}>
      <div className="flex min-h-7 flex-wrap items-center gap-2">
        <span className="font-mono text-sm font-medium text-slate-700 dark:text-slate-300" title="Record id">
          <span className="sr-only">Record </span>
          <span data-testid="record-external-id">{record.externalId}</span>
        </span>
        <RoutingBadge decision={record.routingDecision} />
        {!blind && <UncertaintyBadge value={record.uncertainty} />}
        {fromHistory && <Badge tone="violet">from your history</Badge>}
        {status && status !== "draft" && (
          <Badge tone={status === "submitted" ? "green" : "amber"} data-testid="my-response-status">
            you {status} this
          </Badge>
        )}
        {record.metadata.length > 0 && <RecordMetadata metadata={record.metadata} />}
      </div>
      {record.fields.map((field) => (
        <FieldView key={field.name} field={field} cut={cutOf(record.id, record.truncated, "fields", field.name)} />
      ))}
    </section>
  );
}

function RecordMetadata({ metadata }: { metadata: RecordView["metadata"] }) {
  return (
    <dl className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500 sm:ml-auto dark:text-slate-400" data-testid="record-metadata">
      {metadata.map((item) => (
        <div key={item.name} className="flex gap-1">
          <dt>{item.title}:</dt>
          <dd className="font-medium text-slate-700 dark:text-slate-300">
            {typeof item.value === "string" ? item.value : JSON.stringify(item.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
