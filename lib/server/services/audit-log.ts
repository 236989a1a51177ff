// The workspace's audit log: who did what, to what, when. `writeAudit` is the one writer of the AuditEvent table
// (tests/unit/server/one-writer.test.ts fails when code elsewhere writes it): every event has the same shape, and is
// written in the transaction of the change where there is one, so a change and its event commit together. The log
// page and the API read them newest first with keyset pagination (by id, which grows with time), filtered by action,
// actor, dates and free text.
import type { Queryable } from "@/lib/jobs/queryable";
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { ValidationError } from "@/lib/server/errors";
import { workspaceAccess } from "@/lib/server/services/access";
import { zodDetails } from "@/lib/server/validation";

export interface AuditEntry {
  /** Null for instance-wide events (users, API keys, sign-ins). */
  workspaceId: string | null;
  actorId: string | null;
  /** `<target>.<verb>`, e.g. `dataset.export`, `llm_run.pause`: the audit page filters by it. */
  action: string;
  targetType: string;
  targetId: string | null;
  /** What changed; an event about something inside a dataset (a record, an LLM run) names its `datasetId` here. */
  details?: object;
}

/**
 * Writes one event with `client`: a transaction's client (pg, or `prismaQueryable` of a Prisma transaction) so that
 * it commits with the change, or `pool()` where the change has no transaction (a sign-in, a streamed export).
 */
export async function writeAudit(client: Queryable, entry: AuditEntry): Promise<void> {
  await client.query(
    `INSERT INTO "AuditEvent" ("workspaceId", "actorId", action, "targetType", "targetId", details)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [entry.workspaceId, entry.actorId, entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.details ?? {})],
  );
}

const dateSchema = z.iso.date("must be a date (YYYY-MM-DD)");

export const auditQuerySchema = z
  .object({
    action: z.string().trim().min(1).max(100).optional().describe("Only events with this action, e.g. `member.remove`."),
    actor: z.uuid("must be a user id").optional().describe("Only events by this user (id)."),
    from: dateSchema.optional().describe("Only events on or after this day (UTC), YYYY-MM-DD."),
    to: dateSchema.optional().describe("Only events on or before this day (UTC), YYYY-MM-DD."),
    q: z.string().trim().min(1).max(200).optional().describe("Free text searched in the target and the details."),
    cursor: z.string().regex(/^\d{1,19}$/, "must be the nextCursor of a previous page").optional().describe("From `nextCursor`."),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe("Events per page (1–200, default 50)."),
  })
  .strict();

export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditEventView {
  id: string;
  action: string;
  actor: { id: string; username: string; name: string } | null;
  targetType: string;
  targetId: string | null;
  /**
   * What the target is called now (a dataset's or provider's name, a user's name, a record's external id), or the
   * name the event kept when it was written (`details.name` / `details.username`) once the target is gone.
   */
  targetName: string | null;
  /** The target no longer exists (its name, if any, is the one kept at write time). */
  targetDeleted: boolean;
  /** The dataset an event inside one is about (an LLM run, a record), named: `details.datasetId` or the record's. */
  dataset: { id: string; name: string } | null;
  details: unknown;
  createdAt: string;
}

export interface AuditPage {
  events: AuditEventView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditFacets {
  actions: string[];
  actors: { id: string; username: string; name: string }[];
}

interface AuditRow {
  id: string;
  action: string;
  actorId: string | null;
  username: string | null;
  name: string | null;
  targetType: string;
  targetId: string | null;
  currentName: string | null;
  keptName: string | null;
  datasetId: string | null;
  datasetName: string | null;
  details: unknown;
  createdAt: Date;
}

/** A text column holding a uuid, cast only when it is one (API keys are audited by their prefix, not an id). */
const asUuid = (column: string) => `(CASE WHEN (${column}) ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (${column})::uuid END)`;

/**
 * Names are looked up when the log is read, so a renamed dataset or user shows under its current name; the lookups
 * run for the page's rows only. Target types without a lookup (invitations, API keys) keep their write-time details.
 */
const TARGET_NAME_SQL = `CASE page."targetType"
    WHEN 'dataset' THEN (SELECT d.name FROM "Dataset" d WHERE d.id = ${asUuid(`page."targetId"`)})
    WHEN 'user' THEN (SELECT u.name FROM "User" u WHERE u.id = ${asUuid(`page."targetId"`)})
    WHEN 'llm_provider' THEN (SELECT p.name FROM "LlmProvider" p WHERE p.id = ${asUuid(`page."targetId"`)})
    WHEN 'workspace' THEN (SELECT w.name FROM "Workspace" w WHERE w.id = ${asUuid(`page."targetId"`)})
    WHEN 'record' THEN (SELECT r."externalId" FROM "Record" r WHERE r.id = ${asUuid(`page."targetId"`)})
  END`;

/** The dataset an event happened in: named in its details, or the audited record's. */
const CONTEXT_DATASET_SQL = `COALESCE(${asUuid(`page.details->>'datasetId'`)},
    CASE page."targetType" WHEN 'record' THEN (SELECT r."datasetId" FROM "Record" r WHERE r.id = ${asUuid(`page."targetId"`)}) END)`;

/** Target types whose rows the log can look up: for these a missing row means the target was deleted. */
const NAMED_TARGETS = new Set(["dataset", "user", "llm_provider", "workspace", "record"]);

function eventView(row: AuditRow): AuditEventView {
  const deleted = NAMED_TARGETS.has(row.targetType) && row.targetId !== null && row.currentName === null;
  return {
    id: row.id,
    action: row.action,
    actor: row.actorId ? { id: row.actorId, username: row.username ?? "", name: row.name ?? "" } : null,
    targetType: row.targetType,
    targetId: row.targetId,
    targetName: row.currentName ?? row.keptName,
    targetDeleted: deleted,
    dataset: row.datasetId && row.datasetName !== null ? { id: row.datasetId, name: row.datasetName } : null,
    details: row.details,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listAuditEvents(actor: Actor, workspace: string, rawQuery: unknown): Promise<AuditPage> {
  const access = await workspaceAccess(actor, workspace, "workspace.manage");
  const parsed = auditQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw new ValidationError("Invalid audit log query.", zodDetails(parsed.error));
  const query = parsed.data;
  if (query.from && query.to && query.from > query.to)
    throw new ValidationError("Invalid audit log query.", [{ where: "from", message: "must not be after `to`" }]);
  const params: unknown[] = [access.workspaceId];
  const conditions = [`e."workspaceId" = $1`];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (query.action) add((p) => `e.action = ${p}`, query.action);
  if (query.actor) add((p) => `e."actorId" = ${p}`, query.actor);
  if (query.from) add((p) => `e."createdAt" >= ${p}::date`, query.from);
  if (query.to) add((p) => `e."createdAt" < ${p}::date + 1`, query.to);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add((p) => `(e."targetType" ILIKE ${p} OR e."targetId" ILIKE ${p} OR e.details::text ILIKE ${p})`, pattern);
  }
  if (query.cursor) add((p) => `e.id < ${p}::bigint`, query.cursor);
  params.push(query.limit + 1);
  const { rows } = await pool().query<AuditRow>(
    `WITH page AS (
       SELECT e.id, e.action, e."actorId", e."targetType", e."targetId", e.details, e."createdAt"
       FROM "AuditEvent" e
       WHERE ${conditions.join(" AND ")}
       ORDER BY e.id DESC LIMIT $${params.length}
     ), named AS (
       SELECT page.*, ${TARGET_NAME_SQL} AS "currentName", ${CONTEXT_DATASET_SQL} AS "contextDatasetId" FROM page
     )
     SELECT named.id::text AS id, named.action, named."actorId", u.username, u.name, named."targetType", named."targetId",
            named."currentName", COALESCE(named.details->>'name', named.details->>'username') AS "keptName",
            named."contextDatasetId"::text AS "datasetId", d.name AS "datasetName", named.details, named."createdAt"
     FROM named
     LEFT JOIN "User" u ON u.id = named."actorId"
     LEFT JOIN "Dataset" d ON d.id = named."contextDatasetId" AND d."workspaceId" = $1
     ORDER BY named.id DESC`,
    params,
  );
  const page = rows.slice(0, query.limit);
  return {
    events: page.map(eventView),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

/** The actions and actors present in the workspace's log, for the filter selects. */
export async function auditFacets(actor: Actor, workspace: string): Promise<AuditFacets> {
  const access = await workspaceAccess(actor, workspace, "workspace.manage");
  const [actions, actors] = await Promise.all([
    pool().query<{ action: string }>(`SELECT DISTINCT action FROM "AuditEvent" WHERE "workspaceId" = $1 ORDER BY action`, [access.workspaceId]),
    pool().query<{ id: string; username: string; name: string }>(
      `SELECT u.id, u.username, u.name FROM "User" u
       WHERE EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."workspaceId" = $1 AND e."actorId" = u.id)
       ORDER BY u.name`,
      [access.workspaceId],
    ),
  ]);
  return { actions: actions.rows.map((row) => row.action), actors: actors.rows };
}
