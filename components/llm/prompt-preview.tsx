"use client";

// The exact messages the worker will send for one sample record: one block per vote and call, labelled by role,
// in monospace, each scrollable, with the output schema the answer must follow. Everything is rendered as text.
import { Badge } from "@/components/ui/badge";
import type { PromptPreview } from "./api";
import { integer } from "./describe";

const roleTone = { system: "violet", user: "blue", assistant: "green" } as const;

export function PromptPreviewView({ preview }: { preview: PromptPreview }) {
  const calls = preview.plans.reduce((sum, plan) => sum + plan.calls.length, 0);
  return (
    <div className="space-y-3" data-testid="prompt-preview">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Record <span className="font-mono">{preview.record.externalId}</span> (#{integer.format(preview.record.importOrder)}) ·{" "}
        <span className="font-mono">{preview.model}</span> · {preview.plans.length} vote{preview.plans.length === 1 ? "" : "s"}, {calls} call
        {calls === 1 ? "" : "s"} · {preview.customTemplate ? "your template" : "the default template"}
      </p>
      {preview.templateProblems.length > 0 && (
        <ul className="list-disc pl-5 text-xs text-amber-800 dark:text-amber-300">
          {preview.templateProblems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      )}
      {preview.plans.map((plan) => (
        <section key={plan.agent} aria-label={`Vote ${plan.agent}`} className="rounded-md border border-slate-200 dark:border-slate-800" data-testid="preview-plan">
          <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2 dark:border-slate-800 dark:bg-slate-800/40">
            <span className="font-mono text-sm font-semibold" data-testid="preview-agent">
              {plan.agent}
            </span>
            <Badge>{plan.variant}</Badge>
          </header>
          <div className="space-y-3 p-3">
            {plan.calls.map((call, callIndex) => (
              <div key={callIndex} className="space-y-2">
                <p className="text-xs text-slate-500">
                  {plan.calls.length > 1 && `Call ${callIndex + 1} of ${plan.calls.length} · `}temperature {call.temperature}
                  {call.logprobChoices && ` · log-probabilities of ${call.logprobChoices.join(", ")}`}
                </p>
                {call.messages.map((message, messageIndex) => (
                  <div key={messageIndex} data-testid="preview-message">
                    <Badge tone={roleTone[message.role]} className="mb-1 uppercase">
                      {message.role}
                    </Badge>
                    <pre
                      tabIndex={0}
                      aria-label={`${message.role} message${plan.calls.length > 1 ? ` of call ${callIndex + 1}` : ""} of ${plan.agent}`}
                      className="max-h-[32rem] overflow-auto overscroll-contain rounded-md bg-slate-950 px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-100 focus:outline-none focus:ring-2 focus:ring-brand-500"
                    >
                      {message.content}
                    </pre>
                  </div>
                ))}
                <details className="text-xs">
                  <summary className="cursor-pointer text-brand-700 select-none hover:underline dark:text-blue-300">
                    Output schema <span className="font-mono">{call.output.name}</span>
                  </summary>
                  <pre tabIndex={0} className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-100 px-3 py-2 font-mono whitespace-pre text-slate-800 dark:bg-slate-800 dark:text-slate-200">
                    {JSON.stringify(call.output.schema, null, 2)}
                  </pre>
                </details>
              </div>
            ))}
          </div>
        </section>
      ))}
      <p className="text-xs text-slate-500">
        Endpoints that support JSON-schema output receive the schema as <code>response_format</code>; others get it pasted at the end of the last
        message.
      </p>
    </div>
  );
}
