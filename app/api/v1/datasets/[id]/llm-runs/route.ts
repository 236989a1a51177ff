import { apiRoute, readJson } from "@/lib/server/http";
import { listRuns, startRun, type StartRunInput } from "@/lib/server/services/llm-runs";

/** The dataset's LLM runs, newest first. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => ({ runs: await listRuns(actor, params.id) }));

/** Starts a run on all records, or those matching the filter (at most `limit`), with the saved settings. */
export const POST = apiRoute<{ id: string }>(
  async (actor, request, params) => startRun(actor, params.id, (await readJson(request, 100_000, {})) as StartRunInput),
  { status: 201 },
);
