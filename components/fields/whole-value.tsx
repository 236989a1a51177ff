"use client";

import { useState } from "react";
import { fieldRenderer } from "@/components/fields/field-renderers";
import type { CutValue } from "@/components/fields/cut-value";
import { Button } from "@/components/ui/button";
import { apiFetch, ApiError } from "@/lib/ui/api-client";

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * A value the server cut to a preview (lists keep the first characters of long values): the preview as plain text,
 * and "Show whole value", which asks for the value whole and shows it with its field type's renderer.
 */
export function WholeValue({ cut, preview, type, title }: { cut: CutValue; preview: unknown; type: string; title: string }) {
  const [state, setState] = useState<{ kind: "preview" } | { kind: "loading" } | { kind: "error"; message: string } | { kind: "whole"; value: unknown; truncated: boolean }>({
    kind: "preview",
  });
  const load = async () => {
    setState({ kind: "loading" });
    try {
      const answer = await apiFetch<{ value: unknown; truncated: boolean }>(
        `/api/v1/records/${encodeURIComponent(cut.recordId)}/${cut.kind}/${encodeURIComponent(cut.name)}`,
      );
      setState({ kind: "whole", value: answer.value, truncated: answer.truncated });
    } catch (error) {
      setState({ kind: "error", message: error instanceof ApiError ? error.message : "The value could not be loaded." });
    }
  };
  if (state.kind === "whole") {
    const Renderer = fieldRenderer(type);
    return (
      <div data-testid="whole-value">
        <Renderer value={state.value} title={title} />
        {state.truncated && (
          <p className="mt-2 text-xs text-amber-700 dark:text-amber-400">
            Stored before the size limit: shown up to the limit ({formatSize(cut.bytes)} in all).
          </p>
        )}
      </div>
    );
  }
  // The control comes first: a preview fills its scrolling box, and a control below it would be out of sight.
  return (
    <div data-testid="value-preview">
      <div className="mb-2 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <span>Preview: the start of {formatSize(cut.bytes)}.</span>
        <Button type="button" size="sm" variant="secondary" onClick={load} disabled={state.kind === "loading"} aria-label={`Show the whole value of ${title}`}>
          {state.kind === "loading" ? "Loading…" : "Show whole value"}
        </Button>
        {state.kind === "error" && (
          <span role="alert" className="text-red-700 dark:text-red-400">
            {state.message}
          </span>
        )}
      </div>
      <p className="text-sm whitespace-pre-wrap text-slate-800 dark:text-slate-200">
        {typeof preview === "string" ? preview : JSON.stringify(preview)}…
      </p>
    </div>
  );
}
