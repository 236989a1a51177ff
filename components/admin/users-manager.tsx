"use client";

// The instance owner's user list: search, create (a temporary password is generated and shown once), reset a
// password (shown once), deactivate and reactivate with confirmation.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Search, UserPlus } from "lucide-react";
import { useState, type FormEvent } from "react";
import { controlClass } from "@/components/dataset-settings/inputs";
import { ErrorNote, InfoNote } from "@/components/import/notes";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import type { AdminUserView, UserWithPassword } from "@/lib/server/services/users-admin";
import { createUser, detailLines, fetchUsers, updateUser, usersKey } from "./api";
import { ConfirmDialog } from "./confirm-dialog";
import { cellClass, DataTable, mutedCellClass } from "./data-table";
import { formatDate, formatDateTime } from "./format";

export function UsersManager({ initialUsers, me }: { initialUsers: AdminUserView[]; me: string }) {
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const [secret, setSecret] = useState<{ username: string; password: string; expiresAt: string | null } | null>(null);
  const users = useQuery({
    queryKey: usersKey(q),
    queryFn: () => fetchUsers(q),
    initialData: q === "" ? initialUsers : undefined,
    placeholderData: keepPreviousData,
  });
  const showSecret = (result: UserWithPassword) => {
    if (result.temporaryPassword)
      setSecret({ username: result.user.username, password: result.temporaryPassword, expiresAt: result.temporaryPasswordExpiresAt });
  };
  const list = users.data ?? [];
  return (
    <div className="space-y-6">
      <CreateUser onCreated={showSecret} />
      {secret && (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950/40" data-testid="temporary-password">
          Temporary password for <strong>{secret.username}</strong>, shown only now:{" "}
          <code className="rounded bg-white px-1.5 py-0.5 font-mono dark:bg-slate-900">{secret.password}</code>. Give it to them
          privately: they sign in with it and then choose their own password. Unused, it stops working
          {secret.expiresAt ? ` on ${formatDateTime(secret.expiresAt)}` : " after a while"}.
        </div>
      )}
      <section aria-labelledby="users-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="users-heading" className="text-lg font-semibold">Users</h2>
          <form
            role="search"
            onSubmit={(event) => {
              event.preventDefault();
              setQ(draft.trim());
            }}
            className="flex gap-2"
          >
            <label htmlFor="user-search" className="sr-only">Search users</label>
            <input id="user-search" type="search" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="Username, name or email" className={`${controlClass} w-64`} />
            <Button type="submit" variant="secondary"><Search aria-hidden className="h-4 w-4" /> Search</Button>
          </form>
        </div>
        {users.isError && <ErrorNote message={users.error.message} />}
        {list.length === 0 ? (
          <InfoNote>{q ? `No user matches “${q}”.` : "No users yet."}</InfoNote>
        ) : (
          <DataTable testId="users-table" columns={["User", "Workspaces", "Created", "Last sign-in", ""]}>
                {list.map((user) => (
                  <tr key={user.id} data-testid={`user-${user.username}`}>
                    <td className={cellClass}>
                      <div className="flex items-center gap-2 font-medium">
                        {user.name}
                        {user.isOwner && <Badge tone="violet">owner</Badge>}
                        {user.deactivatedAt && <Badge tone="amber">deactivated</Badge>}
                      </div>
                      <div className="text-xs text-slate-500 dark:text-slate-400">{user.username} · {user.email}</div>
                    </td>
                    <td className="px-4 py-2.5 tabular-nums">{user.workspaces}</td>
                    <td className={mutedCellClass}>{formatDate(user.createdAt)}</td>
                    <td className={mutedCellClass}>{formatDateTime(user.lastSignInAt)}</td>
                    <td className={cellClass}>
                      <UserActions user={user} isMe={user.id === me} onSecret={showSecret} />
                    </td>
                  </tr>
                ))}
              </DataTable>
        )}
      </section>
    </div>
  );
}

function useUserChange(onSecret: (result: UserWithPassword) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { id: string; body: { deactivated?: boolean; resetPassword?: true } }) => updateUser(change.id, change.body),
    onSuccess: async (result) => {
      onSecret(result);
      await queryClient.invalidateQueries({ queryKey: ["admin-users"] });
    },
  });
}

function UserActions({ user, isMe, onSecret }: { user: AdminUserView; isMe: boolean; onSecret: (result: UserWithPassword) => void }) {
  const reset = useUserChange(onSecret);
  const status = useUserChange(onSecret);
  const deactivated = user.deactivatedAt !== null;
  return (
    <div className="flex justify-end gap-2">
      <ConfirmDialog
        id={`reset-${user.id}`}
        triggerVariant="secondary"
        trigger={<><KeyRound aria-hidden className="h-4 w-4" /> Reset password</>}
        triggerLabel={`Reset the password of ${user.name}`}
        title={`Reset the password of ${user.name}?`}
        confirmLabel="Reset password"
        pendingLabel="Resetting…"
        pending={reset.isPending}
        error={reset.isError ? reset.error.message : null}
        onConfirm={(close) => reset.mutate({ id: user.id, body: { resetPassword: true } }, { onSuccess: close })}
        onClose={() => reset.reset()}
      >
        Their current password stops working and they are signed out everywhere. A temporary password is shown once, for
        you to pass on; they must change it when they sign in.
      </ConfirmDialog>
      {deactivated ? (
        <Button size="sm" variant="secondary" disabled={status.isPending} onClick={() => status.mutate({ id: user.id, body: { deactivated: false } })}>
          Reactivate
        </Button>
      ) : (
        !isMe && (
          <ConfirmDialog
            id={`deactivate-${user.id}`}
            trigger="Deactivate"
            triggerLabel={`Deactivate ${user.name}`}
            title={`Deactivate ${user.name}?`}
            confirmLabel="Deactivate"
            pendingLabel="Deactivating…"
            pending={status.isPending}
            error={status.isError ? status.error.message : null}
            onConfirm={(close) => status.mutate({ id: user.id, body: { deactivated: true } }, { onSuccess: close })}
            onClose={() => status.reset()}
          >
            They cannot sign in any more, their session ends and their API keys stop working. Their work and memberships
            are kept; you can reactivate them later.
          </ConfirmDialog>
        )
      )}
    </div>
  );
}

function CreateUser({ onCreated }: { onCreated: (result: UserWithPassword) => void }) {
  const queryClient = useQueryClient();
  const empty = { username: "", name: "", email: "" };
  const [form, setForm] = useState(empty);
  const create = useMutation({
    mutationFn: () => createUser(form),
    onSuccess: async (result) => {
      onCreated(result);
      setForm(empty);
      await queryClient.invalidateQueries({ queryKey: ["admin-users"] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const field = (key: keyof typeof empty, label: string, type = "text") => (
    <div className="min-w-40 flex-1">
      <label htmlFor={`new-user-${key}`} className="text-sm font-medium">{label}</label>
      <input id={`new-user-${key}`} type={type} value={form[key]} onChange={(event) => setForm({ ...form, [key]: event.target.value })} className={`${controlClass} mt-1`} required />
    </div>
  );
  return (
    <Card>
      <CardBody className="space-y-3 p-4">
        <h2 className="text-base font-semibold">Create a user</h2>
        <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Create a user">
          {field("username", "Username")}
          {field("name", "Full name")}
          {field("email", "Email", "email")}
          <Button type="submit" disabled={create.isPending}><UserPlus aria-hidden className="h-4 w-4" /> {create.isPending ? "Creating…" : "Create user"}</Button>
        </form>
        <p className="text-xs text-slate-500 dark:text-slate-400">A temporary password is generated and shown once; they change it at first sign-in. Add them to workspaces with an invitation, or they join through one.</p>
        {create.isError && <ErrorNote message={create.error.message} details={detailLines(create.error)} />}
      </CardBody>
    </Card>
  );
}
