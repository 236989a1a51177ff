// The heading of an administration page: where it belongs, its title, and one sentence on what it is for.
import type { ReactNode } from "react";

export function PageHeading({ section, title, children }: { section: string; title: string; children?: ReactNode }) {
  return (
    <div>
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{section}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">{title}</h1>
      {children && <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">{children}</p>}
    </div>
  );
}
