"use client";

// The members of a workspace with their roles: a role changes as soon as it is chosen (the server refuses to leave
// the workspace without an admin, and that refusal shows in place); removal asks for confirmation first.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UserMinus } from "lucide-react";
import { useState } from "react";
import { controlClass } from "@/components/dataset-settings/inputs";
import { ErrorNote } from "@/components/import/notes";
import { Badge } from "@/components/ui/badge";
import type { MemberView, WorkspaceRole } from "@/lib/server/services/members";
import { changeRole, fetchMembers, membersKey, removeMember } from "./api";
import { ConfirmDialog } from "./confirm-dialog";
import { cellClass, DataTable, mutedCellClass } from "./data-table";
import { formatDate, formatDateTime } from "./format";

const ROLES: WorkspaceRole[] = ["admin", "curator", "annotator"];

export function MembersTable({ workspace, workspaceName, initialMembers, me }: { workspace: string; workspaceName: string; initialMembers: MemberView[]; me: string }) {
  const queryClient = useQueryClient();
  const { data: members = initialMembers } = useQuery({ queryKey: membersKey(workspace), queryFn: () => fetchMembers(workspace), initialData: initialMembers });
  const [notice, setNotice] = useState<string | null>(null);
  const role = useMutation({
    mutationFn: (change: { member: MemberView; role: WorkspaceRole }) => changeRole(workspace, change.member.userId, change.role),
    onSuccess: (member) => setNotice(`${member.name} is now ${member.role}.`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey(workspace) }),
  });
  return (
    <section aria-labelledby="members-heading" className="space-y-3">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members <span className="text-sm font-normal text-slate-500">({members.length})</span>
        </h2>
        <p aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-300" data-testid="members-notice">
          {notice}
        </p>
      </div>
      {role.isError && <ErrorNote message={role.error.message} />}
      <DataTable testId="members-table" columns={["Member", "Role", "Joined", "Last sign-in", ""]}>
            {members.map((member) => (
              <tr key={member.userId} data-testid={`member-${member.username}`}>
                <td className={cellClass}>
                  <div className="flex items-center gap-2 font-medium">
                    {member.name}
                    {member.userId === me && <Badge tone="blue">you</Badge>}
                    {member.deactivated && <Badge tone="amber">deactivated</Badge>}
                  </div>
                  <div className="text-xs text-slate-500 dark:text-slate-400">
                    {member.username} · {member.email}
                  </div>
                </td>
                <td className={cellClass}>
                  <label htmlFor={`role-${member.userId}`} className="sr-only">
                    Role of {member.name}
                  </label>
                  <select
                    id={`role-${member.userId}`}
                    value={member.role}
                    disabled={role.isPending}
                    onChange={(event) => {
                      setNotice(null);
                      role.mutate({ member, role: event.target.value as WorkspaceRole });
                    }}
                    className={`${controlClass} w-32`}
                  >
                    {ROLES.map((option) => (
                      <option key={option} value={option}>
                        {option}
                      </option>
                    ))}
                  </select>
                </td>
                <td className={mutedCellClass}>{formatDate(member.joinedAt)}</td>
                <td className={mutedCellClass}>{formatDateTime(member.lastSignInAt)}</td>
                <td className="px-4 py-2.5 text-right">
                  <RemoveMember workspace={workspace} workspaceName={workspaceName} member={member} onRemoved={setNotice} />
                </td>
              </tr>
            ))}
          </DataTable>
    </section>
  );
}

function RemoveMember({ workspace, workspaceName, member, onRemoved }: { workspace: string; workspaceName: string; member: MemberView; onRemoved: (notice: string) => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => removeMember(workspace, member.userId),
    onSuccess: async (result, _variables, _context) => {
      onRemoved(`${member.name} was removed; ${result.assignmentsDropped} reserved records are open to everybody again.`);
      await queryClient.invalidateQueries({ queryKey: membersKey(workspace) });
    },
  });
  return (
    <ConfirmDialog
      id={`remove-${member.userId}`}
      trigger={<><UserMinus aria-hidden className="h-4 w-4" /> Remove</>}
      triggerLabel={`Remove ${member.name}`}
      title={`Remove ${member.name} from ${workspaceName}?`}
      confirmLabel="Remove member"
      pendingLabel="Removing…"
      pending={remove.isPending}
      error={remove.isError ? remove.error.message : null}
      onConfirm={(close) => remove.mutate(undefined, { onSuccess: close })}
      onClose={() => remove.reset()}
    >
      They lose access to this workspace at once. Records reserved for them become open to every annotator; the answers
      they already gave are kept.
    </ConfirmDialog>
  );
}
