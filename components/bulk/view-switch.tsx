import Link from "next/link";
import { cn } from "@/lib/ui/cn";

/** Switches the annotate tab between one record at a time (focus) and many at once (bulk). */
export function ViewSwitch({ base, current }: { base: string; current: "focus" | "bulk" }) {
  const views = [
    { view: "focus", href: base, label: "Focus view" },
    { view: "bulk", href: `${base}/bulk`, label: "Bulk view" },
  ] as const;
  return (
    <nav aria-label="Annotation view" className="inline-flex rounded-md border border-slate-300 p-0.5 text-sm dark:border-slate-700" data-testid="view-switch">
      {views.map((item) => (
        <Link
          key={item.view}
          href={item.href}
          aria-current={current === item.view ? "page" : undefined}
          className={cn(
            "rounded px-3 py-1",
            current === item.view
              ? "bg-brand-600 text-white"
              : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
          )}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
