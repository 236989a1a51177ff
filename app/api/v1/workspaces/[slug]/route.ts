import { apiRoute, readJson } from "@/lib/server/http";
import { renameWorkspace } from "@/lib/server/services/workspaces";

/** Renames the workspace `{ name }` (its admins). */
export const PATCH = apiRoute<{ slug: string }>(async (actor, request, params) => renameWorkspace(actor, params.slug, await readJson(request)));
