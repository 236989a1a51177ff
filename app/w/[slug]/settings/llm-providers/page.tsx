import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProvidersManager } from "@/components/llm-providers/providers-manager";
import { can } from "@/lib/server/policy";
import { listLlmProviders } from "@/lib/server/services/llm-providers";
import { workspacePage } from "@/lib/server/services/page-context";

export const metadata: Metadata = { title: "LLM providers" };

export default async function LlmProvidersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor, workspace } = await workspacePage(slug);
  // Workspace settings are for admins; to other roles the page does not exist (curators read providers elsewhere).
  if (!can(workspace.role, "llm.providers.manage")) notFound();
  const providers = await listLlmProviders(actor, workspace.workspaceId);
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <div>
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">Workspace settings</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">LLM providers</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          The OpenAI-compatible endpoints that {workspace.name} can use to make suggestions, with their models, prices and
          limits. API keys are stored encrypted and never shown again.
        </p>
      </div>
      <ProvidersManager workspace={workspace.slug} initialProviders={providers} />
    </main>
  );
}
