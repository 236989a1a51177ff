import { AlertTriangle, Check, Loader2, RotateCw } from "lucide-react";
import type { SaveState } from "@/components/annotate/use-background-saves";

/** Where the submitted answers stand (they are saved in the background): one line in the top bar, announced politely. */
export function SaveStatus({ state, onRetry, onDrop }: { state: SaveState; onRetry: () => void; onDrop: () => void }) {
  if (state.kind === "idle") return <p className="sr-only" aria-live="polite" data-testid="save-state" />;
  const plural = (count: number) => (count > 1 ? `${count} answers` : "Your answer");
  return (
    <p className="flex items-center gap-1.5 text-xs" aria-live="polite" data-testid="save-state" data-state={state.kind}>
      {state.kind === "saving" && (
        <span className="inline-flex items-center gap-1 text-slate-500 dark:text-slate-400">
          <Loader2 aria-hidden className="h-3.5 w-3.5 animate-spin" />
          Saving…
        </span>
      )}
      {state.kind === "saved" && (
        <span className="inline-flex items-center gap-1 text-emerald-700 dark:text-emerald-400">
          <Check aria-hidden className="h-3.5 w-3.5" />
          Saved
        </span>
      )}
      {(state.kind === "retrying" || state.kind === "refused") && (
        <>
          <span className="inline-flex items-center gap-1 font-medium text-amber-700 dark:text-amber-300" title={state.message}>
            <AlertTriangle aria-hidden className="h-3.5 w-3.5" />
            {state.kind === "retrying" ? "Not saved — retrying" : `${plural(state.count)} not saved: ${state.message}`}
            <span className="sr-only">({plural(state.count)} kept in this browser until saved)</span>
          </span>
          <button
            type="button"
            onClick={onRetry}
            className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-medium text-brand-600 hover:bg-brand-50 dark:text-blue-400 dark:hover:bg-slate-800"
          >
            <RotateCw aria-hidden className="h-3 w-3" />
            Retry now
          </button>
          {state.kind === "refused" && (
            <button
              type="button"
              onClick={() => {
                if (window.confirm("Drop the answers the server refused? They are not saved anywhere else.")) onDrop();
              }}
              className="rounded px-1.5 py-0.5 font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              Drop
            </button>
          )}
        </>
      )}
    </p>
  );
}
