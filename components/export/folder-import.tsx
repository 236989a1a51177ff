"use client";

// "Create from a Sift folder" on the new-dataset page: the counterpart of the Export tab's "Whole dataset (portable
// folder)". The archive is sent as the request body; the answer says what was imported and who was not found.
import Link from "next/link";
import { Upload } from "lucide-react";
import { useState } from "react";
import { ErrorNote, InfoNote, WarningNote } from "@/components/import/notes";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import type { FolderImportResult } from "@/lib/server/services/dataset-folder-import";

interface ImportError {
  message: string;
  details: string[];
}

export function FolderImport({ workspaceSlug }: { workspaceSlug: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FolderImportResult | null>(null);
  const [error, setError] = useState<ImportError | null>(null);

  async function upload() {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const response = await fetch(`/api/v1/workspaces/${encodeURIComponent(workspaceSlug)}/datasets/import-folder`, {
        method: "POST",
        headers: { "content-type": "application/gzip" },
        body: file,
      });
      const body = (await response.json()) as FolderImportResult | { error: { message: string; details?: { where?: string; message: string }[] } };
      if ("error" in body) {
        setError({
          message: body.error.message,
          details: (body.error.details ?? []).map((detail) => (detail.where ? `${detail.where}: ${detail.message}` : detail.message)),
        });
      } else setResult(body);
    } catch {
      setError({ message: "The upload failed; check your connection and try again.", details: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="mb-6">
      <CardBody className="space-y-3 p-6">
        <div>
          <h2 className="text-base font-semibold">Create from a Sift folder</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            A .tar.gz from another Sift&apos;s Export tab (&ldquo;Whole dataset&rdquo;): settings, records, suggestions, responses
            and final values. Responses are matched to this workspace&apos;s members by username.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm font-medium">
            <span className="sr-only">Folder archive</span>
            <input
              type="file"
              accept=".gz,.tgz,application/gzip"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              className="block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium dark:file:bg-slate-800"
              aria-label="Folder archive (.tar.gz)"
            />
          </label>
          <Button onClick={upload} disabled={!file || busy}>
            <Upload aria-hidden className="h-4 w-4" /> {busy ? "Importing…" : "Import folder"}
          </Button>
        </div>
        {error && <ErrorNote message={error.message} details={error.details} />}
        {result && (
          <div role="status" className="space-y-2" data-testid="folder-import-result">
            <InfoNote>
              Created{" "}
              <Link className="font-medium text-brand-700 underline dark:text-blue-300" href={`/w/${workspaceSlug}/d/${result.datasetId}`}>
                {result.name}
              </Link>{" "}
              with {result.records} records, {result.suggestions} suggestions, {result.responses} responses and {result.finalValues} final values.
            </InfoNote>
            {result.skippedResponses > 0 && (
              <WarningNote>
                {result.skippedResponses} responses were skipped: {result.unknownUsers.join(", ")} {result.unknownUsers.length === 1 ? "is" : "are"} not
                members of this workspace.
              </WarningNote>
            )}
            {result.unknownProviders.length > 0 && (
              <WarningNote>
                No LLM provider named {result.unknownProviders.join(", ")} here: add one with that name and set the proposers in the LLM tab.
              </WarningNote>
            )}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
