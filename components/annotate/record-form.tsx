"use client";

import { useEffect, useRef } from "react";
import { cn } from "@/lib/ui/cn";
import { Card } from "@/components/ui/card";
import type { RecordView, ResponseBody } from "@/components/annotate/api";
import { ActionBar } from "@/components/annotate/action-bar";
import { DraftStatus } from "@/components/annotate/draft-status";
import { FormErrorAlert } from "@/components/annotate/form-error";
import { focusAside, focusAsideCard, focusGrid } from "@/components/annotate/layout";
import { QuestionList } from "@/components/annotate/question-list";
import { RecordFields } from "@/components/annotate/record-fields";
import { useActiveQuestion } from "@/components/annotate/use-active-question";
import { useFormErrors } from "@/components/annotate/use-form-errors";
import { useFormValues } from "@/components/annotate/use-form-values";
import { useRecordShortcuts, type RecordActions } from "@/components/annotate/use-record-shortcuts";
import { useResponseSaver } from "@/components/annotate/use-response-saver";

export interface RecordFormProps {
  record: RecordView;
  blind: boolean;
  /** Keys and buttons act (false while a dialog is open or the next record is loading). */
  interactive: boolean;
  /** The next record is on its way: this one is shown dimmed. */
  busy: boolean;
  /** Shown from the history (Back), not from the queue. */
  fromHistory: boolean;
  canBack: boolean;
  canForward: boolean;
  /** A submit or discard is handed over: the view saves it in the background and moves on. */
  onFinish: (kind: "submitted" | "discarded", body: ResponseBody, after: Promise<unknown>) => void;
  onSkip: () => void;
  onBack: () => void;
  onForward: () => void;
  signInHref: string;
}

/** One record: its fields on the left, the questions and actions on the right; keyed by record id by the caller. */
export function RecordForm(props: RecordFormProps) {
  const { record, blind, interactive, busy, fromHistory, canBack, canForward } = props;
  const live = interactive && !busy;
  const form = useFormValues(record, blind);
  const questions = useActiveQuestion(record);
  const errors = useFormErrors(record.questions.map((question) => question.name), questions.focusFirstFlagged);
  const saver = useResponseSaver({ record, form, errors, live, onFinish: props.onFinish });
  const submitButton = useRef<HTMLButtonElement>(null);

  const actions: RecordActions = {
    submit: () => void saver.finish("submitted"),
    discard: () => void saver.finish("discarded"),
    saveDraft: () => void saver.saveDraft(true),
    skip: () => void saver.leave(props.onSkip),
    back: () => void saver.leave(props.onBack),
    forward: () => void saver.leave(props.onForward),
  };
  // The focus starts on the first question as soon as the record takes keys: the first digit answers it.
  const focused = useRef(false);
  useEffect(() => {
    if (!live || focused.current) return;
    focused.current = true;
    questions.activate(0, true);
  }, [live, questions]);
  useRecordShortcuts({ live, actions, canBack, canForward, questionCount: record.questions.length, questions, submitButton });

  const change = (name: string, value: unknown) => {
    form.change(name, value);
    errors.clearFor(name);
  };

  return (
    <div className={cn(focusGrid, busy && "pointer-events-none opacity-60 transition-opacity")} aria-busy={busy || undefined}>
      <RecordFields record={record} blind={blind} fromHistory={fromHistory} status={saver.status} />

      <aside aria-label="Questions" className={focusAside}>
        <Card className={focusAsideCard}>
          <QuestionList
            record={record}
            values={form.values}
            errors={errors.byQuestion}
            questions={questions}
            live={live}
            blind={blind}
            onChange={change}
          />

          <div className="space-y-2 border-t border-slate-200 p-3 dark:border-slate-800">
            {errors.form && (
              <FormErrorAlert
                error={errors.form}
                flaggedCount={Object.keys(errors.byQuestion).length}
                signInHref={props.signInHref}
                onRetry={saver.retry}
              />
            )}
            <ActionBar
              recordId={record.id}
              actions={actions}
              canBack={canBack}
              canForward={canForward}
              locked={!live || saver.pending !== null}
              pending={saver.pending}
              canDraft={saver.canDraft}
              submitted={saver.status === "submitted"}
              draftStatus={<DraftStatus draft={saver.draft} dirty={form.dirty} canDraft={saver.canDraft} status={saver.status} />}
              submitRef={submitButton}
            />
          </div>
        </Card>
      </aside>
    </div>
  );
}
