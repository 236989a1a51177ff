import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/server/auth/actor";
import { homePath } from "@/lib/server/services/page-context";
import { Card, CardBody } from "@/components/ui/card";

export const dynamic = "force-dynamic";

export default async function Home() {
  const actor = await sessionActor();
  if (!actor) redirect("/signin");
  const home = await homePath(actor);
  if (home) redirect(home);
  return (
    <main className="mx-auto max-w-lg px-4 py-24">
      <Card>
        <CardBody className="p-6">
          <h1 className="text-lg font-semibold">No workspace yet</h1>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            You are signed in as {actor.email}, but you are not a member of any workspace. Ask a workspace admin for an
            invitation.
          </p>
        </CardBody>
      </Card>
    </main>
  );
}
