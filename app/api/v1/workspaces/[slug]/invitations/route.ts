import { apiRoute, readJson } from "@/lib/server/http";
import { createInvitation, listInvitations } from "@/lib/server/services/invitations";

export const GET = apiRoute<{ slug: string }>(async (actor, _request, params) => ({ invitations: await listInvitations(actor, params.slug) }));

/** Creates an invitation `{ role, email?, expiresInDays? }`; 201 with the link's token, shown this once. */
export const POST = apiRoute<{ slug: string }>(async (actor, request, params) => createInvitation(actor, params.slug, await readJson(request)), {
  status: 201,
});
