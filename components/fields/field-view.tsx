import { Card } from "@/components/ui/card";
import { fieldRenderer } from "@/components/fields/field-renderers";
import type { CutValue } from "@/components/fields/cut-value";
import { WholeValue } from "@/components/fields/whole-value";
import { cn } from "@/lib/ui/cn";

export interface FieldData {
  name: string;
  title: string;
  type: string;
  value: unknown;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** One field of a record in its own card; long content scrolls inside the card. A value cut to a preview (`cut`) offers its whole. */
export function FieldView({ field, className, cut }: { field: FieldData; className?: string; cut?: CutValue }) {
  const Renderer = fieldRenderer(field.type);
  const headingId = `field-${field.name}`;
  return (
    <Card className={cn("overflow-hidden", className)} data-testid={`field-${field.name}`}>
      <section aria-labelledby={headingId}>
        <h2
          id={headingId}
          className="border-b border-slate-100 px-4 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400"
        >
          {field.title}
        </h2>
        <div className="max-h-[min(32rem,60vh)] overflow-auto px-4 py-3" tabIndex={0} aria-labelledby={headingId} role="region">
          {isEmpty(field.value) ? (
            <p className="text-sm text-slate-400 italic dark:text-slate-500">(empty)</p>
          ) : cut ? (
            <WholeValue cut={cut} preview={field.value} type={field.type} title={field.title} />
          ) : (
            <Renderer value={field.value} title={field.title} />
          )}
        </div>
      </section>
    </Card>
  );
}
