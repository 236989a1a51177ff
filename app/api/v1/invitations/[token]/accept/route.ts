import { apiRoute } from "@/lib/server/http";
import { acceptInvitation } from "@/lib/server/services/invitations";

/** The caller joins the invitation's workspace with its role; 410 when the link was used, revoked or expired. */
export const POST = apiRoute<{ token: string }>(async (actor, _request, params) => acceptInvitation(actor, params.token));
