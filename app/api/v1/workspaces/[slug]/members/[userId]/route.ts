import { apiRoute, readJson } from "@/lib/server/http";
import { removeMember, updateMember } from "@/lib/server/services/members";

/** Changes the member's role `{ role }`; refused (409) when it would leave the workspace without an admin. */
export const PATCH = apiRoute<{ slug: string; userId: string }>(async (actor, request, params) =>
  updateMember(actor, params.slug, params.userId, await readJson(request)),
);

/** Removes the member and opens the records reserved for them. */
export const DELETE = apiRoute<{ slug: string; userId: string }>(async (actor, _request, params) => removeMember(actor, params.slug, params.userId));
