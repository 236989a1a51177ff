"use client";

import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { ApiError, apiFetch } from "@/lib/ui/api-client";
import { PROVENANCES } from "@/lib/io/export-shapes/export-record";

interface Named {
  name: string;
  title: string;
  type: string;
}

const formats = [
  { value: "jsonl", label: "JSONL", hint: "Sift's record format, one record a line; re-imports as is." },
  { value: "csv", label: "CSV", hint: "One row a record; spreadsheet formulas are neutralised." },
  { value: "parquet", label: "Parquet", hint: "The same columns as CSV, typed." },
  { value: "hf", label: "Hugging Face dataset", hint: "A folder (tar): README dataset card and Parquet data." },
  { value: "sft", label: "SFT (chat messages)", hint: "{messages: [...]} per record, for supervised fine-tuning." },
  { value: "dpo", label: "DPO (preference pairs)", hint: "{prompt, chosen, rejected} from a ranking question." },
  { value: "classification", label: "Classification", hint: "{text, label} per record." },
  {
    value: "folder",
    label: "Whole dataset (portable folder)",
    hint: "settings.json and records.jsonl (.tar.gz) with every suggestion, response and final value; imports into another Sift.",
  },
] as const;

type Format = (typeof formats)[number]["value"];

interface TaskStatus {
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  error: string | null;
}

const selectClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

function Select({ label, value, onChange, options }: { label: string; value: string; onChange: (value: string) => void; options: Named[] }) {
  return (
    <label className="block text-sm font-medium">
      {label}
      <select className={selectClass} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.name} value={option.name}>
            {option.title} ({option.name})
          </option>
        ))}
      </select>
    </label>
  );
}

async function downloadResponse(response: Response): Promise<void> {
  const disposition = response.headers.get("content-disposition") ?? "";
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "export";
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function ExportForm({ datasetId, fields, questions }: { datasetId: string; fields: Named[]; questions: Named[] }) {
  const [format, setFormat] = useState<Format>("jsonl");
  const [records, setRecords] = useState<"all" | "final">("all");
  const [provenance, setProvenance] = useState<string[]>([]);
  const [includeSuggestions, setIncludeSuggestions] = useState(true);
  const [includeResponses, setIncludeResponses] = useState(false);
  const textFields = fields.filter((field) => ["text", "markdown", "chat"].includes(field.type));
  const rankings = questions.filter((question) => question.type === "ranking");
  const labels = questions.filter((question) => question.type === "label" || question.type === "multi_label");
  const texts = questions.filter((question) => question.type === "text");
  const [promptField, setPromptField] = useState(textFields[0]?.name ?? "");
  const [responseQuestion, setResponseQuestion] = useState(texts[0]?.name ?? "");
  const [rankingQuestion, setRankingQuestion] = useState(rankings[0]?.name ?? "");
  const [pairing, setPairing] = useState<"adjacent" | "best_vs_worst">("adjacent");
  const [labelQuestion, setLabelQuestion] = useState(labels[0]?.name ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const task = useQuery({
    queryKey: ["task", taskId],
    queryFn: () => apiFetch<TaskStatus>(`/api/v1/tasks/${taskId}`),
    enabled: taskId !== null,
    refetchInterval: (query) => (query.state.data && ["succeeded", "failed", "cancelled"].includes(query.state.data.status) ? false : 1000),
  });

  function requestBody() {
    return {
      format,
      selection: {
        records,
        ...(provenance.length > 0 ? { provenance } : {}),
        includeSuggestions,
        includeResponses,
      },
      ...(format === "sft" ? { sft: { promptField, ...(responseQuestion ? { responseQuestion } : {}) } } : {}),
      ...(format === "dpo" ? { dpo: { promptField, rankingQuestion, pairing } } : {}),
      ...(format === "classification" ? { classification: { textField: promptField, labelQuestion } } : {}),
    };
  }

  async function start() {
    setBusy(true);
    setError(null);
    setDone(null);
    setTaskId(null);
    try {
      // The folder is the whole dataset: it has no selection, and comes from its own endpoint.
      const response =
        format === "folder"
          ? await fetch(`/api/v1/datasets/${datasetId}/folder`)
          : await fetch(`/api/v1/datasets/${datasetId}/exports`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(requestBody()),
            });
      if (response.status === 202) {
        setTaskId(((await response.json()) as { taskId: string }).taskId);
      } else if (response.ok) {
        await downloadResponse(response);
        setDone(`Downloaded ${response.headers.get("x-sift-records") ?? ""} records.`);
      } else {
        const body = (await response.json()) as { error: { message: string; details?: { message: string }[] } };
        throw new ApiError([body.error.message, ...(body.error.details ?? []).map((detail) => detail.message)].join(" "), response.status);
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The export failed.");
    } finally {
      setBusy(false);
    }
  }

  const needsRanking = format === "dpo" && rankings.length === 0;
  const needsLabel = format === "classification" && labels.length === 0;
  return (
    <Card>
      <CardBody className="space-y-5 p-6">
        <fieldset>
          <legend className="text-sm font-medium">Format</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2" role="radiogroup">
            {formats.map((option) => (
              <label
                key={option.value}
                className="flex cursor-pointer gap-2 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:border-slate-800 dark:has-[:checked]:bg-blue-950"
              >
                <input type="radio" name="format" value={option.value} checked={format === option.value} onChange={() => setFormat(option.value)} className="mt-0.5" />
                <span>
                  <span className="font-medium">{option.label}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{option.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        {(format === "sft" || format === "dpo" || format === "classification") && (
          <div className="grid gap-3 sm:grid-cols-2">
            <Select label={format === "classification" ? "Text field" : "Prompt field"} value={promptField} onChange={setPromptField} options={textFields} />
            {format === "sft" && <Select label="Assistant reply (text question)" value={responseQuestion} onChange={setResponseQuestion} options={texts} />}
            {format === "dpo" && <Select label="Ranking question" value={rankingQuestion} onChange={setRankingQuestion} options={rankings} />}
            {format === "dpo" && (
              <label className="block text-sm font-medium">
                Pairs
                <select className={selectClass} value={pairing} onChange={(event) => setPairing(event.target.value as typeof pairing)}>
                  <option value="adjacent">One per adjacent rank</option>
                  <option value="best_vs_worst">Best versus worst</option>
                </select>
              </label>
            )}
            {format === "classification" && <Select label="Label question" value={labelQuestion} onChange={setLabelQuestion} options={labels} />}
          </div>
        )}
        {(needsRanking || needsLabel) && (
          <p className="text-sm text-amber-700 dark:text-amber-300">This dataset has no {needsRanking ? "ranking" : "label"} question for this format.</p>
        )}

        {format !== "folder" && (
          <fieldset className="grid gap-3 sm:grid-cols-2">
            <legend className="sr-only">Records</legend>
            <label className="block text-sm font-medium">
              Records
              <select className={selectClass} value={records} onChange={(event) => setRecords(event.target.value as typeof records)}>
                <option value="all">All records</option>
                <option value="final">Only records with final values</option>
              </select>
            </label>
            <div className="text-sm">
              <span className="font-medium">Final values from</span>
              <div className="mt-2 flex flex-wrap gap-3">
                {PROVENANCES.map((source) => (
                  <label key={source} className="flex items-center gap-1.5">
                    <input
                      type="checkbox"
                      checked={provenance.includes(source)}
                      onChange={(event) => setProvenance((list) => (event.target.checked ? [...list, source] : list.filter((item) => item !== source)))}
                    />
                    {source}
                  </label>
                ))}
              </div>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={includeSuggestions} onChange={(event) => setIncludeSuggestions(event.target.checked)} />
              Include suggestions and uncertainty
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={includeResponses} onChange={(event) => setIncludeResponses(event.target.checked)} />
              Include every annotator&apos;s response
            </label>
          </fieldset>
        )}

        <div className="flex items-center gap-3">
          <Button onClick={start} disabled={busy || needsRanking || needsLabel}>
            <Download aria-hidden className="h-4 w-4" /> {busy ? "Exporting…" : "Export"}
          </Button>
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400" data-testid="export-status">
            {done}
            {task.data?.status === "queued" || task.data?.status === "running" ? "Preparing the export in the background…" : null}
            {task.data?.status === "succeeded" && (
              <a className="font-medium text-brand-700 underline dark:text-blue-300" href={`/api/v1/tasks/${taskId}/download`}>
                Download the export
              </a>
            )}
            {task.data?.status === "failed" ? `The export failed: ${task.data.error}` : null}
          </p>
        </div>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
            {error}
          </p>
        )}
      </CardBody>
    </Card>
  );
}
