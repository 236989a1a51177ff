import { ArrowLeft, ArrowRight, Check, Loader2, SkipForward, Trash2 } from "lucide-react";
import type { ReactNode, Ref } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/questions/kbd";
import { FlagControl } from "@/components/annotate/flag-control";
import type { RecordActions } from "@/components/annotate/use-record-shortcuts";
import type { PendingAction } from "@/components/annotate/use-response-saver";

// The small buttons that have a key: tooltip, key (the one use-record-shortcuts listens to) and test id.
const SHORTCUT_BUTTONS = {
  back: { title: "Back to the previous record (←)", keys: "ArrowLeft", testId: "back-button" },
  forward: { title: "Forward (→)", keys: "ArrowRight", testId: "forward-button" },
  skip: { title: "Skip this record for now (S)", keys: "S", testId: "skip-button" },
  discard: { title: "Discard this record (Backspace)", keys: "Backspace", testId: "discard-button" },
} as const;

function ShortcutButton({
  kind,
  onClick,
  disabled,
  className,
  children,
}: {
  kind: keyof typeof SHORTCUT_BUTTONS;
  onClick: () => void;
  disabled: boolean;
  className?: string;
  children: ReactNode;
}) {
  const { title, keys, testId } = SHORTCUT_BUTTONS[kind];
  return (
    <Button variant="ghost" size="sm" onClick={onClick} disabled={disabled} title={title} aria-keyshortcuts={keys} className={className} data-testid={testId}>
      {children}
    </Button>
  );
}

/** The buttons under the questions: leave the record (back, forward, skip), discard it, save a draft, submit. */
export function ActionBar({
  recordId,
  actions,
  canBack,
  canForward,
  locked,
  pending,
  canDraft,
  submitted,
  draftStatus,
  submitRef,
}: {
  recordId: string;
  actions: RecordActions;
  canBack: boolean;
  canForward: boolean;
  /** No action may start: the keys do not act, or an action is under way. */
  locked: boolean;
  pending: PendingAction | null;
  canDraft: boolean;
  /** My response is submitted: the main button updates it. */
  submitted: boolean;
  draftStatus: ReactNode;
  submitRef: Ref<HTMLButtonElement>;
}) {
  const spinnerOr = (action: PendingAction, icon: ReactNode) =>
    pending === action ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : icon;
  return (
    <>
      <div className="flex flex-wrap items-center gap-1.5">
        <ShortcutButton kind="back" onClick={actions.back} disabled={!canBack || locked}>
          <ArrowLeft aria-hidden className="h-4 w-4" />
          Back
        </ShortcutButton>
        {canForward && (
          <ShortcutButton kind="forward" onClick={actions.forward} disabled={locked}>
            Forward
            <ArrowRight aria-hidden className="h-4 w-4" />
          </ShortcutButton>
        )}
        <ShortcutButton kind="skip" onClick={actions.skip} disabled={locked}>
          <SkipForward aria-hidden className="h-4 w-4" />
          Skip <Kbd className="hidden sm:inline-flex">S</Kbd>
        </ShortcutButton>
        <ShortcutButton
          kind="discard"
          onClick={actions.discard}
          disabled={locked}
          className="text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950"
        >
          {spinnerOr("discard", <Trash2 aria-hidden className="h-4 w-4" />)}
          Discard
        </ShortcutButton>
        <FlagControl recordId={recordId} locked={locked} />
      </div>
      <div className="flex items-center gap-2">
        {draftStatus}
        <Button
          variant="secondary"
          size="sm"
          onClick={actions.saveDraft}
          disabled={locked || !canDraft}
          title="Save a draft (Ctrl/⌘+S)"
          aria-keyshortcuts="Control+S Meta+S"
          className="ml-auto"
        >
          Save draft
        </Button>
        <Button
          ref={submitRef}
          variant="primary"
          size="sm"
          onClick={actions.submit}
          disabled={locked}
          aria-keyshortcuts="Enter"
          data-testid="submit-button"
          className="min-w-28"
        >
          {spinnerOr("submit", <Check aria-hidden className="h-4 w-4" />)}
          {submitted ? "Update" : "Submit"}
          <Kbd className="border-white/40 bg-white/15 text-white shadow-none dark:border-white/30 dark:bg-white/10 dark:text-white">↵</Kbd>
        </Button>
      </div>
    </>
  );
}
