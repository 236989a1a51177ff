"use server";

import { signIn, signInFailureMessage } from "@/lib/server/auth/auth";

export interface SignInState {
  error: string | null;
}

/**
 * Signs in with credentials; a failure says only that the pair was wrong, never which part, and a rate-limited
 * attempt says only when to try again (the same for an account that does not exist).
 */
export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const login = String(form.get("login") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!login || !password) return { error: "Enter your email or username and your password." };
  const next = String(form.get("next") ?? "/");
  try {
    await signIn("credentials", { login, password, redirectTo: next.startsWith("/") && !next.startsWith("//") ? next : "/" });
  } catch (error) {
    const message = signInFailureMessage(error);
    if (message) return { error: message };
    throw error; // the redirect after a successful sign-in is thrown too, and must propagate
  }
  return { error: null };
}

export async function signInWithProvider(form: FormData): Promise<void> {
  await signIn(String(form.get("provider")), { redirectTo: "/" });
}
