import { apiRoute, readJson } from "@/lib/server/http";
import type { StartRunInput } from "@/lib/server/services/llm-runs";
import { estimateRun } from "@/lib/server/services/llm-settings";

/** How many records and calls a run with this scope (the same body as starting one) would make. */
export const POST = apiRoute<{ id: string }>(async (actor, request, params) =>
  estimateRun(actor, params.id, (await readJson(request, 100_000, {})) as StartRunInput),
);
