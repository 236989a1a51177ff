"use client";

// A confirmation in a native modal <dialog> (focus moves into it, Escape closes it, the page behind is inert), with
// the server's refusal shown in place.
import { useRef, type ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";

export function ConfirmDialog({
  id,
  trigger,
  triggerLabel,
  title,
  children,
  confirmLabel,
  pendingLabel,
  pending,
  error,
  onConfirm,
  onClose,
  triggerVariant = "danger",
}: {
  id: string;
  trigger: ReactNode;
  triggerLabel: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: (close: () => void) => void;
  onClose?: () => void;
  triggerVariant?: ButtonProps["variant"];
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = () => dialog.current?.close();
  return (
    <>
      <Button variant={triggerVariant} size="sm" onClick={() => dialog.current?.showModal()} aria-label={triggerLabel}>
        {trigger}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        onClose={onClose}
        className="m-auto w-full max-w-md rounded-lg border text-left border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/40 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <div className="mt-2 text-sm text-slate-600 dark:text-slate-400">{children}</div>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" autoFocus onClick={close}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => onConfirm(close)} disabled={pending}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
