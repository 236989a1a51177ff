"use client";

// The invitation page's forms: make an account (which joins at once), sign in with an existing one, or, signed in,
// join. Errors from the server show next to the field they concern.
import { useActionState } from "react";
import { controlClass } from "@/components/dataset-settings/inputs";
import { Button } from "@/components/ui/button";
import { joinAction, signInAction, signUpAction, type InviteFormState } from "./actions";

const initial: InviteFormState = { error: null, fields: {} };

/** `form` keeps ids unique: the page shows the sign-up and the sign-in form together, both with a password. */
function Field({
  form,
  name,
  label,
  state,
  ...input
}: { form: "signup" | "signin"; name: string; label: string; state: InviteFormState } & React.InputHTMLAttributes<HTMLInputElement>) {
  const error = state.fields[name];
  const id = `invite-${form}-${name}`;
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${controlClass} mt-1`}
        defaultValue={state.values?.[name]}
        {...input}
      />
      {error && <p id={`${id}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">{error}</p>}
    </div>
  );
}

function FormError({ state }: { state: InviteFormState }) {
  if (!state.error) return null;
  return <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">{state.error}</p>;
}

export function SignUpForm({ token, email }: { token: string; email: string | null }) {
  const [state, action, pending] = useActionState(signUpAction.bind(null, token), initial);
  return (
    <form action={action} className="space-y-3" aria-label="Create an account" noValidate>
      <Field form="signup" name="username" label="Username" state={state} autoComplete="username" required />
      <Field form="signup" name="name" label="Full name" state={state} autoComplete="name" required />
      <Field form="signup" name="email" label="Email" type="email" state={state} autoComplete="email" defaultValue={state.values?.email ?? email ?? ""} required />
      <Field form="signup" name="password" label="Password (at least 12 characters)" type="password" state={state} autoComplete="new-password" required />
      <FormError state={state} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Creating your account…" : "Create account and join"}</Button>
    </form>
  );
}

export function SignInForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(signInAction.bind(null, token), initial);
  return (
    <form action={action} className="space-y-3" aria-label="Sign in">
      <Field form="signin" name="login" label="Email or username" state={state} autoComplete="username" required />
      <Field form="signin" name="password" label="Password" type="password" state={state} autoComplete="current-password" required />
      <FormError state={state} />
      <Button type="submit" variant="secondary" className="w-full" disabled={pending}>{pending ? "Signing in…" : "Sign in"}</Button>
    </form>
  );
}

export function JoinForm({ token, workspaceName }: { token: string; workspaceName: string }) {
  const [state, action, pending] = useActionState(joinAction.bind(null, token), initial);
  return (
    <form action={action} className="space-y-3">
      <FormError state={state} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Joining…" : `Join ${workspaceName}`}</Button>
    </form>
  );
}
