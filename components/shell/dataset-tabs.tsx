"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/ui/cn";

/** The dataset's sections; on a narrow screen they scroll sideways in their own strip, never widening the page. */
export function DatasetTabs({ tabs }: { tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Dataset sections" className="-mx-4 flex max-w-[calc(100%+2rem)] gap-1 overflow-x-auto px-4 [scrollbar-width:thin] sm:mx-0 sm:max-w-full sm:px-0">
      {tabs.map((tab) => {
        const active = pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "shrink-0 border-b-2 px-3 pb-3 text-sm font-medium whitespace-nowrap",
              active
                ? "border-brand-600 text-brand-700 dark:text-blue-300"
                : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
