import { TopBar } from "@/components/shell/top-bar";
import { listWorkspaces } from "@/lib/server/services/access";
import { myQueue } from "@/lib/server/services/my-queue";
import { workspacePage } from "@/lib/server/services/page-context";

export const dynamic = "force-dynamic";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { actor, workspace } = await workspacePage(slug);
  const [workspaces, queue] = await Promise.all([listWorkspaces(actor), myQueue(actor, workspace.workspaceId)]);
  return (
    <div className="min-h-screen">
      <TopBar actor={actor} current={workspace} workspaces={workspaces} queueCount={queue.waiting} />
      {children}
    </div>
  );
}
