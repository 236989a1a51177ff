import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { Card, CardBody } from "@/components/ui/card";
import { sessionActor } from "@/lib/server/auth/actor";
import { workspaceAccess } from "@/lib/server/services/access";
import { previewInvitation, type InvitationStatus } from "@/lib/server/services/invitations";
import { JoinForm, SignInForm, SignUpForm } from "./invite-forms";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

const REFUSED: Record<Exclude<InvitationStatus, "pending">, string> = {
  used: "This invitation has already been used.",
  revoked: "This invitation was revoked.",
  expired: "This invitation has expired.",
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, actor] = await Promise.all([previewInvitation(token), sessionActor()]);
  const member = invitation && actor ? await workspaceAccess(actor, invitation.workspaceSlug).catch(() => null) : null;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md space-y-6">
        <div className="flex justify-center"><Logo size="lg" /></div>
        <Card>
          <CardBody className="space-y-4 p-6">
            {!invitation ? (
              <Refusal title="This invitation link is not valid">Check that the whole link was copied, or ask a workspace admin for a new one.</Refusal>
            ) : invitation.status !== "pending" ? (
              <Refusal title={REFUSED[invitation.status]}>Ask an admin of {invitation.workspaceName} for a new link.</Refusal>
            ) : (
              <>
                <div>
                  <h1 className="text-lg font-semibold">Join {invitation.workspaceName}</h1>
                  <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                    You are invited as <strong>{invitation.role}</strong>
                    {invitation.email ? <> ({invitation.email})</> : null}.
                  </p>
                </div>
                {member ? (
                  <p className="text-sm">
                    You are already a member ({member.role}).{" "}
                    <Link href={`/w/${invitation.workspaceSlug}`} className="font-medium text-brand-700 underline dark:text-blue-300">Open {invitation.workspaceName}</Link>
                  </p>
                ) : actor ? (
                  <>
                    <p className="text-sm text-slate-600 dark:text-slate-400">Signed in as {actor.name} ({actor.email}).</p>
                    <JoinForm token={token} workspaceName={invitation.workspaceName} />
                  </>
                ) : (
                  <>
                    <h2 className="text-sm font-semibold">Create your account</h2>
                    <SignUpForm token={token} email={invitation.email} />
                    <div className="border-t border-slate-200 pt-4 dark:border-slate-800">
                      <h2 className="mb-3 text-sm font-semibold">Already have an account?</h2>
                      <SignInForm token={token} />
                    </div>
                  </>
                )}
              </>
            )}
          </CardBody>
        </Card>
      </div>
    </main>
  );
}

function Refusal({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div data-testid="invitation-refused">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{children}</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 underline dark:text-blue-300">Go to Sift</Link>
    </div>
  );
}
