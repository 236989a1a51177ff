"use client";

// The workspace settings' own navigation: one link per settings page the role may open, the current one marked.
import { Bot, ScrollText, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

const pages = [
  { path: "members", label: "Members", icon: Users },
  { path: "audit", label: "Audit log", icon: ScrollText },
  { path: "llm-providers", label: "LLM providers", icon: Bot },
] as const;

export function SettingsNav({ workspace }: { workspace: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Workspace settings pages" className="flex gap-1 md:flex-col">
      {pages.map(({ path, label, icon: Icon }) => {
        const href = `/w/${workspace}/settings/${path}`;
        return (
          <Link
            key={path}
            href={href}
            aria-current={pathname.startsWith(href) ? "page" : undefined}
            className="flex items-center gap-2 rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-slate-100 aria-[current=page]:font-medium aria-[current=page]:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-slate-100"
          >
            <Icon aria-hidden className="h-4 w-4" /> {label}
          </Link>
        );
      })}
    </nav>
  );
}
