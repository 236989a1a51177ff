import { apiRoute } from "@/lib/server/http";
import { listAuditEvents } from "@/lib/server/services/audit-log";

/** The workspace's audit log, newest first: `?action=&actor=&from=&to=&q=&cursor=&limit=`. */
export const GET = apiRoute<{ slug: string }>(async (actor, request, params) =>
  listAuditEvents(actor, params.slug, Object.fromEntries(new URL(request.url).searchParams)),
);
