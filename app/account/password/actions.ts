"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/server/auth/actor";
import { signOut } from "@/lib/server/auth/auth";
import { clientAddress } from "@/lib/server/auth/rate-limit";
import { AppError } from "@/lib/server/errors";
import { changeOwnPassword, endAllOwnSessions } from "@/lib/server/services/own-password";

export interface PasswordFormState {
  error: string | null;
  /** Field errors by field name. */
  fields: Record<string, string>;
  /** Set once the password was changed. */
  done?: { otherSessionsEnded: number };
}

/** Changes the signed-in user's password; the form's fields are checked by the service, the confirmation here. */
export async function changePasswordAction(_previous: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const session = await currentSession();
  if (!session) redirect("/signin");
  const currentPassword = String(form.get("currentPassword") ?? "");
  const newPassword = String(form.get("newPassword") ?? "");
  if (newPassword !== String(form.get("confirmPassword") ?? ""))
    return { error: "Please correct the fields marked above.", fields: { confirmPassword: "does not match the new password" } };
  try {
    const done = await changeOwnPassword(session, { currentPassword, newPassword }, clientAddress(await headers()));
    return { error: null, fields: {}, done };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = Object.fromEntries(error.details.map((detail) => [detail.where ?? "", detail.message]));
    return { error: error.details.length > 0 ? "Please correct the fields marked above." : error.message, fields };
  }
}

/** Ends every session of the user (other browsers, copied cookies) and this one. */
export async function signOutEverywhereAction(): Promise<void> {
  const session = await currentSession();
  if (session) await endAllOwnSessions(session);
  await signOut({ redirectTo: "/signin" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
