import { apiRoute } from "@/lib/server/http";
import { listMembers } from "@/lib/server/services/members";

export const GET = apiRoute<{ slug: string }>(async (actor, _request, params) => ({ members: await listMembers(actor, params.slug) }));
