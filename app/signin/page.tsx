import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardBody } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { SignInForm } from "@/app/signin/signin-form";
import { signInWithProvider } from "@/app/signin/actions";
import { sessionActor } from "@/lib/server/auth/actor";
import { enabledExternalProviders, signInCodeMessage } from "@/lib/server/auth/auth";
import { Logo } from "@/components/shell/logo";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; code?: string }> }) {
  const { next, code } = await searchParams;
  if (await sessionActor()) redirect(next ?? "/");
  const providers = enabledExternalProviders();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center gap-2 text-center">
          <Logo size="lg" />
          <p className="text-sm text-slate-500 dark:text-slate-400">LLMs do the confident part. People do the rest.</p>
        </div>
        <Card>
          <CardBody className="p-6">
            <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
            <SignInForm
              next={next ?? "/"}
              // A sign-in posted straight to the Auth.js endpoint comes back here with the reason in `code`.
              initialError={signInCodeMessage(code)}
            />
            {providers.length > 0 && (
              <div className="mt-6 space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800">
                {providers.map((provider) => (
                  <form key={provider.id} action={signInWithProvider}>
                    <input type="hidden" name="provider" value={provider.id} />
                    <Button type="submit" variant="secondary" className="w-full">
                      Continue with {provider.name}
                    </Button>
                  </form>
                ))}
              </div>
            )}
          </CardBody>
        </Card>
      </div>
    </main>
  );
}
