"use client";

// The change-password form: current password, new password and its confirmation; errors show next to their field.
import Link from "next/link";
import { useActionState } from "react";
import { controlClass } from "@/components/dataset-settings/inputs";
import { Button } from "@/components/ui/button";
import { changePasswordAction, type PasswordFormState } from "./actions";

const initial: PasswordFormState = { error: null, fields: {} };

function Field({ name, label, state, autoComplete }: { name: string; label: string; state: PasswordFormState; autoComplete: string }) {
  const error = state.fields[name];
  return (
    <div>
      <label htmlFor={`password-${name}`} className="text-sm font-medium">{label}</label>
      <input
        id={`password-${name}`}
        name={name}
        type="password"
        required
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `password-${name}-error` : undefined}
        className={`${controlClass} mt-1`}
      />
      {error && <p id={`password-${name}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">{error}</p>}
    </div>
  );
}

export function PasswordForm({ minLength }: { minLength: number }) {
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  if (state.done) {
    const others = state.done.otherSessionsEnded;
    return (
      <div role="status" data-testid="password-changed" className="space-y-3 text-sm">
        <p>
          Your password was changed.{" "}
          {others > 0 ? `${others} other session${others === 1 ? " was" : "s were"} signed out.` : "No other session was open."}
        </p>
        <Link href="/" className="font-medium text-brand-700 underline dark:text-blue-300">Continue to Sift</Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3" aria-label="Change password" noValidate>
      <Field name="currentPassword" label="Current password" state={state} autoComplete="current-password" />
      <Field name="newPassword" label={`New password (at least ${minLength} characters)`} state={state} autoComplete="new-password" />
      <Field name="confirmPassword" label="Repeat the new password" state={state} autoComplete="new-password" />
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">{state.error}</p>
      )}
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Changing…" : "Change password"}</Button>
    </form>
  );
}
