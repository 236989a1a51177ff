import { notFound } from "next/navigation";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { AdminNav } from "@/components/admin/admin-nav";
import { Logo } from "@/components/shell/logo";
import { requirePageActor } from "@/lib/server/services/page-context";

export const dynamic = "force-dynamic";

// Instance administration is the owner's alone; to anyone else these pages do not exist.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  if (!actor.isOwner) notFound();
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
          <Link href="/" aria-label="Sift home"><Logo /></Link>
          <span className="text-sm font-medium">Instance administration</span>
          <AdminNav />
          <Link href="/" className="ml-auto flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100">
            <ArrowLeft aria-hidden className="h-4 w-4" /> Back to workspaces
          </Link>
        </div>
      </header>
      {children}
    </div>
  );
}
