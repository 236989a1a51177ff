"use client";

// Navigation between the pages of one section (workspace settings, instance administration): the current page is
// marked with aria-current, which also styles it.
import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/ui/cn";

export interface SectionPage {
  href: string;
  label: string;
  icon?: LucideIcon;
}

export function SectionNav({ label, pages, className }: { label: string; pages: readonly SectionPage[]; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={cn("flex gap-1", className)}>
      {pages.map(({ href, label: pageLabel, icon: Icon }) => (
        <Link
          key={href}
          href={href}
          aria-current={pathname.startsWith(href) ? "page" : undefined}
          className="flex items-center gap-2 rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-slate-100 aria-[current=page]:font-medium aria-[current=page]:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-slate-100"
        >
          {Icon && <Icon aria-hidden className="h-4 w-4" />} {pageLabel}
        </Link>
      ))}
    </nav>
  );
}
