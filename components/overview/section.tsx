import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

/** One Overview panel: a titled card whose chart is a figure, captioned with the figures in words. */
export function OverviewSection({
  title,
  caption,
  testId,
  children,
}: {
  title: string;
  /** Read by screen readers as the figure's caption and shown under the chart: the numbers, not a description of shapes. */
  caption: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <h3 className="text-sm font-semibold">{title}</h3>
      </CardHeader>
      <CardBody>
        <figure className="m-0">
          {children}
          <figcaption className="mt-2 text-xs text-slate-600 dark:text-slate-400">{caption}</figcaption>
        </figure>
      </CardBody>
    </Card>
  );
}

/** What an empty panel says instead of an empty chart. */
export function EmptyPanel({ children }: { children: ReactNode }) {
  return <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">{children}</p>;
}
