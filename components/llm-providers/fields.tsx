"use client";

// Labelled inputs of the provider form: each shows its errors in place, tied to the input with aria-invalid and
// aria-describedby, and an optional hint.
import type { ReactNode } from "react";
import { controlClass } from "@/components/dataset-settings/inputs";
import { cn } from "@/lib/ui/cn";

const invalidClass = "border-red-400 focus:border-red-500 focus:ring-red-500/30 dark:border-red-700";

export function fieldId(key: string): string {
  return `provider-${key.replace(/\./g, "-")}`;
}

export function ErrorText({ id, errors }: { id: string; errors?: readonly string[] }) {
  if (!errors || errors.length === 0) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300" data-testid="field-error">
      {errors.join(" ")}
    </p>
  );
}

export interface InputFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: readonly string[];
  hint?: ReactNode;
  placeholder?: string;
  type?: "text" | "url" | "password" | "number";
  inputMode?: "decimal" | "numeric";
  autoComplete?: string;
  /** Visually hidden label (inside a table row, where the column says it). */
  hideLabel?: boolean;
  className?: string;
  mono?: boolean;
}

export function InputField({ name, label, value, onChange, errors, hint, placeholder, type = "text", inputMode, autoComplete, hideLabel, className, mono }: InputFieldProps) {
  const id = fieldId(name);
  const invalid = Boolean(errors?.length);
  const describedBy = [invalid ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("min-w-0", className)}>
      <label htmlFor={id} className={cn("mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300", hideLabel && "sr-only")}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        inputMode={inputMode}
        autoComplete={autoComplete ?? "off"}
        spellCheck={false}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={cn(controlClass, mono && "font-mono text-[13px]", invalid && invalidClass)}
      />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      <ErrorText id={id} errors={errors} />
    </div>
  );
}
