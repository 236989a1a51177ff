import { apiRoute } from "@/lib/server/http";
import { revokeInvitation } from "@/lib/server/services/invitations";

/** Revokes a pending invitation: its link stops working. */
export const DELETE = apiRoute<{ slug: string; id: string }>(async (actor, _request, params) => revokeInvitation(actor, params.slug, params.id));
