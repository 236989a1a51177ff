import { apiRoute, readJson } from "@/lib/server/http";
import { createWorkspace } from "@/lib/server/services/workspaces";

/** Creates a workspace `{ name, slug }` (instance owner only); 201 with the workspace. */
export const POST = apiRoute(async (actor, request) => createWorkspace(actor, await readJson(request)), { status: 201 });
