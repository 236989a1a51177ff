import { notFound } from "next/navigation";
import { SettingsNav } from "@/components/admin/settings-nav";
import { can } from "@/lib/server/policy";
import { workspacePage } from "@/lib/server/services/page-context";

// Workspace settings are for those who manage the workspace; to other roles these pages do not exist.
export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { workspace } = await workspacePage(slug);
  if (!can(workspace.role, "workspace.manage")) notFound();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 pt-6 md:flex-row md:gap-6">
      <aside className="shrink-0 md:w-48 md:pt-8">
        <SettingsNav workspace={workspace.slug} />
      </aside>
      <div className="min-w-0 flex-1 [&>main]:px-0 [&>main]:pt-2">{children}</div>
    </div>
  );
}
