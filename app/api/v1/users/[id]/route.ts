import { apiRoute, readJson } from "@/lib/server/http";
import { updateUserAsOwner } from "@/lib/server/services/users-admin";

/** Changes a user (owner only): `{ name?, email?, deactivated?, resetPassword? }`. */
export const PATCH = apiRoute<{ id: string }>(async (actor, request, params) => updateUserAsOwner(actor, params.id, await readJson(request)));
