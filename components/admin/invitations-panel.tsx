"use client";

// Invitations by link: the admin picks a role (and, to remember who it is for, an email); the link is shown once,
// with a copy button, because only its hash is stored. Pending invitations can be revoked.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, Link2, XCircle } from "lucide-react";
import { useState, type FormEvent } from "react";
import { controlClass } from "@/components/dataset-settings/inputs";
import { ErrorNote, InfoNote } from "@/components/import/notes";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import type { InvitationStatus, InvitationView } from "@/lib/server/services/invitations";
import type { WorkspaceRole } from "@/lib/server/services/members";
import { createInvitation, detailLines, fetchInvitations, invitationsKey, revokeInvitation } from "./api";
import { cellClass, DataTable, mutedCellClass } from "./data-table";
import { formatDate } from "./format";

const STATUS_TONES: Record<InvitationStatus, BadgeTone> = { pending: "blue", used: "green", revoked: "neutral", expired: "amber" };

export function InvitationsPanel({ workspace, initialInvitations }: { workspace: string; initialInvitations: InvitationView[] }) {
  const queryClient = useQueryClient();
  const { data: invitations = initialInvitations } = useQuery({
    queryKey: invitationsKey(workspace),
    queryFn: () => fetchInvitations(workspace),
    initialData: initialInvitations,
  });
  const [role, setRole] = useState<WorkspaceRole>("annotator");
  const [email, setEmail] = useState("");
  const [days, setDays] = useState("7");
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: () => createInvitation(workspace, { role, email: email.trim() || undefined, expiresInDays: Number(days) }),
    onSuccess: async (created) => {
      setLink(`${window.location.origin}${created.path}`);
      setCopied(false);
      setEmail("");
      await queryClient.invalidateQueries({ queryKey: invitationsKey(workspace) });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeInvitation(workspace, id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invitationsKey(workspace) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLink(null);
    create.mutate();
  };

  return (
    <section aria-labelledby="invitations-heading" className="space-y-3">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        Invitations
      </h2>
      <Card>
        <CardBody className="space-y-3 p-4">
          <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Create an invitation link">
            <div>
              <label htmlFor="invite-role" className="text-sm font-medium">Role</label>
              <select id="invite-role" value={role} onChange={(event) => setRole(event.target.value as WorkspaceRole)} className={`${controlClass} mt-1 w-36`}>
                <option value="annotator">annotator</option>
                <option value="curator">curator</option>
                <option value="admin">admin</option>
              </select>
            </div>
            <div className="min-w-56 flex-1">
              <label htmlFor="invite-email" className="text-sm font-medium">
                Email <span className="font-normal text-slate-500">(optional, to remember who it is for)</span>
              </label>
              <input id="invite-email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} className={`${controlClass} mt-1`} placeholder="name@example.org" />
            </div>
            <div>
              <label htmlFor="invite-days" className="text-sm font-medium">Valid for (days)</label>
              <input id="invite-days" type="number" min={1} max={90} value={days} onChange={(event) => setDays(event.target.value)} className={`${controlClass} mt-1 w-28`} />
            </div>
            <Button type="submit" disabled={create.isPending}>
              <Link2 aria-hidden className="h-4 w-4" /> {create.isPending ? "Creating…" : "Create invitation link"}
            </Button>
          </form>
          {create.isError && <ErrorNote message={create.error.message} details={detailLines(create.error)} />}
          {link && (
            <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950/40" data-testid="invitation-link">
              <p className="font-medium text-emerald-900 dark:text-emerald-200">
                Send this link to the person you invite. It is shown only now and works once.
              </p>
              <div className="flex gap-2">
                <label htmlFor="invite-link" className="sr-only">Invitation link</label>
                <input id="invite-link" readOnly value={link} onFocus={(event) => event.currentTarget.select()} className={`${controlClass} font-mono text-xs`} />
                <Button
                  variant="secondary"
                  onClick={async () => {
                    await navigator.clipboard?.writeText(link).catch(() => undefined);
                    setCopied(true);
                  }}
                >
                  <Copy aria-hidden className="h-4 w-4" /> {copied ? "Copied" : "Copy"}
                </Button>
              </div>
            </div>
          )}
        </CardBody>
      </Card>
      {revoke.isError && <ErrorNote message={revoke.error.message} />}
      {invitations.length === 0 ? (
        <InfoNote>No invitations yet. Create a link above to let someone join this workspace.</InfoNote>
      ) : (
        <DataTable testId="invitations-table" columns={["For", "Role", "Status", "Created", "Expires", ""]}>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td className={cellClass}>
                    {invitation.email ?? <span className="text-slate-500">anyone with the link</span>}
                    {invitation.usedBy && <div className="text-xs text-slate-500">joined as {invitation.usedBy}</div>}
                  </td>
                  <td className={cellClass}>{invitation.role}</td>
                  <td className={cellClass}><Badge tone={STATUS_TONES[invitation.status]}>{invitation.status}</Badge></td>
                  <td className={mutedCellClass}>
                    {formatDate(invitation.createdAt)}
                    {invitation.createdBy && <span className="text-xs"> by {invitation.createdBy}</span>}
                  </td>
                  <td className={mutedCellClass}>{formatDate(invitation.expiresAt)}</td>
                  <td className="px-4 py-2.5 text-right">
                    {invitation.status === "pending" && (
                      <Button variant="ghost" size="sm" disabled={revoke.isPending} onClick={() => revoke.mutate(invitation.id)} aria-label={`Revoke the invitation for ${invitation.email ?? invitation.role}`}>
                        <XCircle aria-hidden className="h-4 w-4" /> Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
      )}
    </section>
  );
}
