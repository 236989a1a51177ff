import { apiRoute, readJson } from "@/lib/server/http";
import { getLlmSettings, updateLlmSettings } from "@/lib/server/services/llm-settings";

/** The dataset's LLM settings, with the workspace's providers, what each question accepts, and current problems. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => getLlmSettings(actor, params.id));

/** Replaces the LLM settings whole; refused (400, each problem at its path) when any part cannot be used. */
export const PUT = apiRoute<{ id: string }>(async (actor, request, params) => updateLlmSettings(actor, params.id, await readJson(request)));
