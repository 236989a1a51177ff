"use server";

import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/server/auth/actor";
import { signIn, signInFailureMessage } from "@/lib/server/auth/auth";
import { AppError } from "@/lib/server/errors";
import { acceptInvitation, signUpWithInvitation } from "@/lib/server/services/invitations";

export interface InviteFormState {
  error: string | null;
  /** Field errors by field name. */
  fields: Record<string, string>;
  /** What was typed (but the password), to fill the form again: React resets a form after its action. */
  values?: Record<string, string>;
}

function failure(error: unknown, values?: Record<string, string>): InviteFormState {
  if (!(error instanceof AppError)) throw error;
  const fields = Object.fromEntries(error.details.map((detail) => [detail.where ?? "", detail.message]));
  const message = error.details.length > 0 ? "Please correct the fields marked above." : error.message;
  return { error: message, fields, values };
}

/** Makes the account through the invitation (joining the workspace), then signs it in and opens the workspace. */
export async function signUpAction(token: string, _previous: InviteFormState, form: FormData): Promise<InviteFormState> {
  const account = {
    username: String(form.get("username") ?? ""),
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
  };
  let slug: string;
  try {
    slug = (await signUpWithInvitation(token, account)).workspaceSlug;
  } catch (error) {
    return failure(error, { username: account.username, name: account.name, email: account.email });
  }
  await signIn("credentials", { login: account.username.trim().toLowerCase(), password: account.password, redirectTo: `/w/${slug}` });
  return { error: null, fields: {} };
}

/** Signs an existing user in and comes back to the invitation, where they can join. */
export async function signInAction(token: string, _previous: InviteFormState, form: FormData): Promise<InviteFormState> {
  const login = String(form.get("login") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const values = { login };
  if (!login || !password) return { error: "Enter your email or username and your password.", fields: {}, values };
  try {
    await signIn("credentials", { login, password, redirectTo: `/invite/${encodeURIComponent(token)}` });
  } catch (error) {
    const message = signInFailureMessage(error);
    if (message) return { error: message, fields: {}, values };
    throw error; // the redirect after a successful sign-in is thrown too, and must propagate
  }
  return { error: null, fields: {} };
}

/** The signed-in user joins the workspace. */
export async function joinAction(token: string, _previous: InviteFormState): Promise<InviteFormState> {
  const actor = await sessionActor();
  if (!actor) return { error: "Your session has ended; sign in again.", fields: {} };
  let slug: string;
  try {
    slug = (await acceptInvitation(actor, token)).workspaceSlug;
  } catch (error) {
    return failure(error);
  }
  redirect(`/w/${slug}`);
}
