"use client";

import { useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import {
  describeError,
  saveResponse,
  saveResponseOnExit,
  type RecordView,
  type ResponseBody,
  type ResponseStatus,
} from "@/components/annotate/api";
import type { DraftState } from "@/components/annotate/draft-status";
import { useAutosave } from "@/components/annotate/use-autosave";
import { useElapsedTime } from "@/components/annotate/use-elapsed-time";
import type { FormErrors, SaveAction } from "@/components/annotate/use-form-errors";
import type { FormValuesState } from "@/components/annotate/use-form-values";
import { usePageHide } from "@/components/annotate/use-page-hide";
import { useSerialWrites } from "@/components/annotate/use-serial-writes";
import { checkValues, hasErrors, responseValues, type FormValues } from "@/components/annotate/values";

/** What the action bar is busy with: a save, or saving the work in progress before leaving the record. */
export type PendingAction = SaveAction | "leave";

export interface ResponseSaverOptions {
  record: RecordView;
  form: FormValuesState;
  errors: FormErrors;
  /** Actions may start: the view is interactive and not waiting for the next record. */
  live: boolean;
  /**
   * A submit or discard is checked and handed over: the caller saves `body` in the background (after `after`, this
   * record's drafts still on their way) and moves on at once.
   */
  onFinish: (kind: "submitted" | "discarded", body: ResponseBody, after: Promise<unknown>) => void;
}

export interface ResponseSaver {
  /** The status of my saved response to this record, null while there is none. */
  status: string | null;
  /** A draft may be saved: submitted or discarded answers are only changed on purpose. */
  canDraft: boolean;
  pending: PendingAction | null;
  draft: DraftState;
  /** `explicit`: the user asked (Ctrl/⌘+S, the button), so problems are shown; otherwise it saves quietly or not at all. */
  saveDraft: (explicit: boolean) => Promise<boolean>;
  finish: (kind: "submitted" | "discarded") => Promise<void>;
  /** Leaving (skip, back, forward): saves the work in progress first, when a draft is allowed, then calls `go`. */
  leave: (go: () => void) => Promise<void>;
  retry: (action: SaveAction) => void;
}

/**
 * Saving my response to the record: drafts (on request, a moment after each change, and when the page goes away),
 * submit and discard. Writes are serialised, each carries the time spent since the previous one, and failures are
 * shown through `errors`.
 */
export function useResponseSaver({ record, form, errors, live, onFinish }: ResponseSaverOptions): ResponseSaver {
  const { values, dirty } = form;
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [draft, setDraft] = useState<DraftState>({ kind: "idle" });
  const [status, setStatus] = useState<string | null>(record.myResponse?.status ?? null);
  const elapsed = useElapsedTime();
  const writes = useSerialWrites();
  // The answer was handed over (submit, discard): a second Enter before the next record shows must not send it again.
  const handedOver = useRef(false);
  const mutation = useMutation({ mutationFn: (body: ResponseBody) => saveResponse(record.id, body) });

  // Submitted or discarded answers are only changed on purpose: no automatic draft may demote them.
  const canDraft = status === null || status === "draft";

  // Each write carries the time spent since the previous one: the server adds them up.
  const send = (kind: ResponseStatus, sent: FormValues) =>
    writes.enqueue(() => mutation.mutateAsync({ status: kind, values: sent, timeSpentMs: elapsed.take() }));

  // Auto-save a draft a moment after the last change.
  const cancelAutosave = useAutosave(values, dirty && canDraft && live, () => void saveDraft(false));

  const saveDraft = async (explicit: boolean): Promise<boolean> => {
    cancelAutosave();
    if (!canDraft) {
      if (explicit) errors.say(`Your answer to this record is already ${status}. Press Enter to update it; a draft would withdraw it.`);
      return false;
    }
    const problems = checkValues(record, values, false);
    if (hasErrors(problems)) {
      if (explicit) errors.flag(problems);
      return false;
    }
    const sentAt = form.mark();
    setDraft({ kind: "saving" });
    if (explicit) setPending("draft");
    try {
      await send("draft", responseValues(record, values));
      setStatus("draft");
      form.saved(sentAt);
      setDraft({ kind: "saved", at: new Date() });
      if (explicit) errors.clearForm();
      return true;
    } catch (error) {
      setDraft({ kind: "error", message: describeError(error).message });
      if (explicit) errors.showFailure(error, "draft");
      return false;
    } finally {
      if (explicit) setPending(null);
    }
  };

  const finish = async (kind: "submitted" | "discarded") => {
    if (!live || pending || handedOver.current) return;
    cancelAutosave();
    errors.clearForm();
    if (kind === "submitted") {
      const problems = checkValues(record, values, true);
      if (hasErrors(problems)) {
        const plural = Object.keys(problems).length > 1 ? "s" : "";
        errors.flag(problems, `Answer the highlighted question${plural} to submit.`);
        return;
      }
    }
    // A discard keeps what is valid of the answers (so that Back shows them) and drops the rest.
    const problems = kind === "discarded" ? checkValues(record, values, false) : {};
    const sent = Object.fromEntries(Object.entries(responseValues(record, values)).filter(([name]) => !problems[name]));
    handedOver.current = true;
    setStatus(kind);
    form.saved();
    onFinish(kind, { status: kind, values: sent, timeSpentMs: elapsed.take() }, writes.settled());
  };

  const leave = async (go: () => void) => {
    if (!live || pending) return;
    cancelAutosave();
    if (dirty && canDraft) {
      setPending("leave");
      await saveDraft(false);
      setPending(null);
    } else {
      await writes.settled();
    }
    go();
  };

  const retry = (action: SaveAction) => {
    errors.clearForm();
    if (action === "submit") void finish("submitted");
    else if (action === "discard") void finish("discarded");
    else void saveDraft(true);
  };

  // Leaving the page with unsaved changes: the draft goes in a request that outlives the page.
  usePageHide(() => {
    // A submit or discard on its way must not be overtaken by a draft.
    if (!dirty || !canDraft || pending === "submit" || pending === "discard" || hasErrors(checkValues(record, values, false))) return;
    cancelAutosave();
    saveResponseOnExit(record.id, { status: "draft", values: responseValues(record, values), timeSpentMs: elapsed.take() });
  });

  return { status, canDraft, pending, draft, saveDraft, finish, leave, retry };
}
