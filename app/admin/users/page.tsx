import type { Metadata } from "next";
import { PageHeading } from "@/components/admin/page-heading";
import { UsersManager } from "@/components/admin/users-manager";
import { orNotFound, requirePageActor } from "@/lib/server/services/page-context";
import { listUsers } from "@/lib/server/services/users-admin";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const actor = await requirePageActor();
  // The layout answers 404 to anyone but the owner, but pages render alongside it: check here too.
  const users = await orNotFound(listUsers(actor));
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <PageHeading section="Instance administration" title="Users">
        Every account of this Sift instance. Deactivated users keep their work but cannot sign in or use their API keys.
      </PageHeading>
      <UsersManager initialUsers={users} me={actor.userId} />
    </main>
  );
}
