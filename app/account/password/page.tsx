import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Logo } from "@/components/shell/logo";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { currentSession } from "@/lib/server/auth/actor";
import { MIN_PASSWORD_LENGTH } from "@/lib/server/services/users-admin";
import { signOutAction, signOutEverywhereAction } from "./actions";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Change password" };
export const dynamic = "force-dynamic";

// Outside any workspace: a user signed in with a temporary password is sent here from every page, and may belong to
// no workspace yet.
export default async function ChangePasswordPage() {
  const session = await currentSession();
  if (!session) redirect("/signin");
  const { actor, passwordChangeRequired } = session;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm space-y-6">
        <div className="flex justify-center"><Logo size="lg" /></div>
        <Card>
          <CardBody className="space-y-4 p-6">
            <div>
              <h1 className="text-lg font-semibold">Change your password</h1>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Signed in as {actor.name} ({actor.username}).</p>
            </div>
            {passwordChangeRequired && (
              <p role="note" data-testid="password-change-required" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                You signed in with a temporary password. Choose your own password to continue.
              </p>
            )}
            <PasswordForm minLength={MIN_PASSWORD_LENGTH} />
            <p className="text-xs text-slate-500 dark:text-slate-400">Changing it signs you out everywhere else.</p>
          </CardBody>
        </Card>
        <div className="flex flex-wrap items-center justify-center gap-2 text-sm">
          {!passwordChangeRequired && (
            <Link href="/" className="rounded px-3 py-1.5 text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800">Back to Sift</Link>
          )}
          <form action={signOutAction}>
            <Button type="submit" variant="ghost" size="sm">Sign out</Button>
          </form>
          <form action={signOutEverywhereAction}>
            <Button type="submit" variant="ghost" size="sm">Sign out everywhere</Button>
          </form>
        </div>
      </div>
    </main>
  );
}
