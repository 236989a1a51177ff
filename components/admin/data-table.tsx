// The tables of the administration pages (members, invitations, users, audit events): one look, column headers
// with scope, and an unnamed last column read as "Actions" by screen readers.
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/ui/cn";

/** A cell; `muted` for dates and other secondary values. */
export const cellClass = "px-4 py-2.5";
export const mutedCellClass = "px-4 py-2.5 whitespace-nowrap text-slate-600 dark:text-slate-400";

export function DataTable({ columns, testId, className, children }: { columns: string[]; testId: string; className?: string; children: ReactNode }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="border-b border-slate-200 text-left text-xs text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className="px-4 py-2 font-medium">
                {column || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={cn("divide-y divide-slate-100 dark:divide-slate-800", className)}>{children}</tbody>
      </table>
    </Card>
  );
}
