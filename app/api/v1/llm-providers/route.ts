import { z } from "zod";
import { ValidationError } from "@/lib/server/errors";
import { apiRoute, readJson } from "@/lib/server/http";
import { createLlmProviderFromBody, listLlmProvidersOfCaller } from "@/lib/server/services/llm-providers";

const querySchema = z.object({ workspace: z.string().min(1).max(200).optional() });

/** Providers of one workspace (`?workspace=<slug or id>`) or of every workspace where the caller may see them. */
export const GET = apiRoute(async (actor, request) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ValidationError("Invalid query: workspace must be a slug or an id.", [{ where: "workspace", message: "a slug or an id" }]);
  return { providers: await listLlmProvidersOfCaller(actor, query.data.workspace) };
});

/** Adds a provider: `{ workspace, name, baseUrl, models, apiKey?, maxConcurrency?, … }`; 201 with the provider (no key). */
export const POST = apiRoute(async (actor, request) => createLlmProviderFromBody(actor, await readJson(request)), { status: 201 });
