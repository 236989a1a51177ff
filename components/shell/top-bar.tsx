import Link from "next/link";
import { Bot, BookOpen, ChevronDown, KeyRound, LockKeyhole, LogOut, Plus, ScrollText, Settings, ShieldCheck, Users } from "lucide-react";
import { Logo } from "@/components/shell/logo";
import { Menu } from "@/components/shell/menu";
import { MyQueueCount } from "@/components/shell/my-queue-count";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { signOut } from "@/lib/server/auth/auth";
import type { Actor } from "@/lib/server/auth/actor";
import { can } from "@/lib/server/policy";
import type { WorkspaceAccess } from "@/lib/server/services/access";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/signin" });
}

const menuItemClass =
  "flex w-full items-center gap-2 rounded px-3 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800";

const menuClass =
  "absolute z-30 mt-2 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-800 dark:bg-slate-900";

export function TopBar({
  actor,
  current,
  workspaces,
  queueCount,
}: {
  actor: Actor;
  current: WorkspaceAccess;
  workspaces: WorkspaceAccess[];
  queueCount: number;
}) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-2 px-4 sm:gap-4">
        <Link href={`/w/${current.slug}`} aria-label="Sift home">
          <Logo />
        </Link>
        <Menu className="relative">
          <summary className="flex cursor-pointer list-none items-center gap-1 rounded px-2 py-1 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800">
            <span className="max-w-28 truncate sm:max-w-56">{current.name}</span>
            <ChevronDown aria-hidden className="h-4 w-4 text-slate-500" />
          </summary>
          <nav aria-label="Workspaces" className={menuClass}>
            {workspaces.map((workspace) => (
              <Link
                key={workspace.workspaceId}
                href={`/w/${workspace.slug}`}
                aria-current={workspace.workspaceId === current.workspaceId ? "page" : undefined}
                className="flex items-center justify-between rounded px-3 py-1.5 text-sm hover:bg-slate-100 aria-[current=page]:font-semibold dark:hover:bg-slate-800"
              >
                {workspace.name}
                <span className="text-xs text-slate-500">{workspace.role}</span>
              </Link>
            ))}
            {actor.isOwner && (
              <Link
                href="/admin/workspaces"
                className="mt-1 flex items-center gap-2 rounded border-t border-slate-200 px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 dark:border-slate-800 dark:text-slate-400 dark:hover:bg-slate-800"
              >
                <Plus aria-hidden className="h-4 w-4" /> Create workspace
              </Link>
            )}
          </nav>
        </Menu>
        <Link
          href={`/w/${current.slug}`}
          className="hidden text-sm text-slate-600 hover:text-slate-900 sm:inline dark:text-slate-400 dark:hover:text-slate-100"
        >
          Datasets
        </Link>
        <div className="ml-auto flex items-center gap-1.5 sm:gap-3">
          {can(current.role, "workspace.manage") && (
            <Menu className="relative">
              <summary className="flex cursor-pointer list-none items-center gap-1 rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100">
                <Settings aria-hidden className="h-4 w-4" /> <span className="sr-only lg:not-sr-only">Workspace settings</span>
                <ChevronDown aria-hidden className="hidden h-4 w-4 text-slate-500 sm:block" />
              </summary>
              <nav aria-label="Workspace settings" className={`${menuClass} right-0`}>
                <Link href={`/w/${current.slug}/settings/members`} className={menuItemClass}>
                  <Users aria-hidden className="h-4 w-4" /> Members
                </Link>
                <Link href={`/w/${current.slug}/settings/audit`} className={menuItemClass}>
                  <ScrollText aria-hidden className="h-4 w-4" /> Audit log
                </Link>
                {can(current.role, "llm.providers.manage") && (
                  <Link
                    href={`/w/${current.slug}/settings/llm-providers`}
                    className={menuItemClass}
                  >
                    <Bot aria-hidden className="h-4 w-4" /> LLM providers
                  </Link>
                )}
              </nav>
            </Menu>
          )}
          {actor.isOwner && (
            <Link
              href="/admin/users"
              className="flex items-center gap-1 rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
            >
              <ShieldCheck aria-hidden className="h-4 w-4" /> <span className="sr-only sm:not-sr-only">Admin</span>
            </Link>
          )}
          <MyQueueCount workspace={current.slug} initial={queueCount} />
          <Menu className="relative">
            <summary
              className="flex h-8 w-8 cursor-pointer list-none items-center justify-center rounded-full bg-slate-200 text-sm font-semibold dark:bg-slate-700"
              aria-label={`Account menu for ${actor.name}`}
            >
              {actor.name.slice(0, 1).toUpperCase()}
            </summary>
            <div className={`${menuClass} right-0`}>
              <div className="border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
                <div className="font-medium">{actor.name}</div>
                <div className="text-xs text-slate-500">
                  {actor.email} · {current.role}
                </div>
              </div>
              <Link
                href={`/w/${current.slug}/account/api-keys`}
                className={menuItemClass}
              >
                <KeyRound aria-hidden className="h-4 w-4" /> API keys
              </Link>
              <Link href="/account/password" className={menuItemClass}>
                <LockKeyhole aria-hidden className="h-4 w-4" /> Change password
              </Link>
              <Link
                href="/docs/api"
                className={menuItemClass}
              >
                <BookOpen aria-hidden className="h-4 w-4" /> API documentation
              </Link>
              <ThemeToggle />
              <form action={signOutAction}>
                <button
                  type="submit"
                  className={menuItemClass}
                >
                  <LogOut aria-hidden className="h-4 w-4" /> Sign out
                </button>
              </form>
            </div>
          </Menu>
        </div>
      </div>
    </header>
  );
}
