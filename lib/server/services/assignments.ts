// Explicit assignment: curators reserve records for named annotators, by hand (records or a filter of the records
// page) or by dealing a share of the open queue (lib/routing/distribute.ts). A record with assignees is served only
// to them, before the open queue (see CLAIM_SQL in queue.ts); a record without assignees is open to everybody.
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/server/auth/actor";
import { createDealer } from "@/lib/routing/distribute";
import { pool } from "@/lib/server/db/client";
import { withTransaction } from "@/lib/server/db/transaction";
import { ValidationError } from "@/lib/server/errors";
import { datasetAccess, type DatasetAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { loadDatasetConfig } from "@/lib/server/services/dataset-config";
import { recordSelectionShape, refineSelection, selectionConditions } from "@/lib/server/services/record-selection";
import { zodDetails } from "@/lib/server/validation";

/** Records of the queue: routed to humans (or audited) and still short of submitted responses. */
const IN_QUEUE = `r."routingDecision" IN ('human', 'audit') AND r."submittedCount" < r."requiredResponses"`;
const CURSOR_BATCH = 5_000;
/** Whether user `u` has answered record `r` (a submitted or discarded response), as the queue counts it. */
const ANSWERED_BY_U = `EXISTS (SELECT 1 FROM "Response" s WHERE s."recordId" = r.id AND s."userId" = u.id AND s.status <> 'draft')`;

const userIdsSchema = z.array(z.uuid("each user must be a user id")).max(500);

export const assignInputSchema = z
  .object({
    action: z.enum(["assign", "unassign"]),
    /** Who: for `unassign`, an empty list removes every assignee of the records. */
    userIds: userIdsSchema,
    /** Which records: these ids, or every record matching the records page's filter. */
    ...recordSelectionShape,
  })
  .strict()
  .superRefine((input, context) => {
    refineSelection(input, context);
    if (input.action === "assign" && input.userIds.length === 0)
      context.addIssue({ code: "custom", path: ["userIds"], message: "name at least one annotator to assign" });
  });

export const distributeInputSchema = z
  .object({
    annotators: z
      .array(z.object({ userId: z.uuid("must be a user id"), weight: z.number().positive("must be above 0").max(1_000).default(1) }).strict())
      .min(1, "name at least one annotator")
      .max(500),
    /** Whole percentage of the open queue to deal (the rest stays open to everybody). */
    sharePercent: z.number().int("must be a whole percentage").min(1).max(100).default(100),
  })
  .strict();

export interface AssignResult {
  /** Records the selection matched. */
  records: number;
  added: number;
  removed: number;
  /** Matched records that are not in the queue (not routed to humans, or complete): assignments wait for that. */
  notInQueue: number;
  /** Matched queue records with fewer assignees than the responses they still need: they cannot complete. */
  shortOfAssignees: number;
}

export interface DistributeResult {
  /** Open queue records considered (unassigned, routed to humans, short of responses). */
  openRecords: number;
  /** Records that received assignees. */
  dealt: number;
  perAnnotator: { userId: string; records: number }[];
}

export interface AnnotatorAssignments {
  userId: string;
  username: string;
  name: string;
  role: string;
  /** Records assigned to this annotator (in any state). */
  assigned: number;
  /** Assigned records still waiting for this annotator's response. */
  waiting: number;
}

export interface AssignmentOverview {
  /** Queue records open to everybody. */
  openRecords: number;
  /** Queue records reserved for named annotators. */
  assignedRecords: number;
  annotators: AnnotatorAssignments[];
}

function parse<T extends z.ZodType>(schema: T, input: unknown, message: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(message, zodDetails(parsed.error));
  return parsed.data;
}

/** Every id must be someone who may annotate in the dataset's workspace (a member, or the instance owner). */
async function checkAnnotators(access: DatasetAccess, userIds: readonly string[], where: (index: number) => string): Promise<void> {
  if (userIds.length === 0) return;
  const found = await pool().query<{ id: string }>(
    `SELECT u.id FROM "User" u WHERE u.id = ANY($2::uuid[])
       AND (u."isOwner" OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = u.id AND m."workspaceId" = $1))`,
    [access.workspaceId, userIds],
  );
  const known = new Set(found.rows.map((row) => row.id));
  const problems = userIds.flatMap((id, index) => (known.has(id) ? [] : [{ where: where(index), message: "not a member of this workspace" }]));
  if (problems.length > 0) throw new ValidationError("Some annotators cannot be assigned.", problems);
}

/** Assigns or unassigns the selected records in one transaction, and says what the selection holds. */
export async function assignRecords(actor: Actor, datasetId: string, input: unknown): Promise<AssignResult> {
  const access = await datasetAccess(actor, datasetId, "records.assign");
  const parsed = parse(assignInputSchema, input, "The assignment is not valid.");
  await checkAnnotators(access, parsed.userIds, (index) => `userIds.${index}`);
  const config = await loadDatasetConfig(access.datasetId);
  /** A statement about the selected records: its SQL gets the selection as `(SELECT r.id ...)` and its parameters. */
  const aboutSelection = (build: (selection: string, param: (value: unknown) => string) => string): [string, unknown[]] => {
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = selectionConditions(config, parsed, param);
    return [build(`SELECT r.id FROM "Record" r WHERE ${where.join(" AND ")}`, param), params];
  };
  return withTransaction(async (client) => {
    let added = 0;
    let removed = 0;
    if (parsed.action === "assign") {
      added = await changeAssignments(
        client,
        1,
        ...aboutSelection(
          (selection, param) =>
            `INSERT INTO "RecordAssignment" ("recordId", "userId", "datasetId", uncertainty, "importOrder", answered)
             SELECT r.id, u.id, r."datasetId", r.uncertainty, r."importOrder", ${ANSWERED_BY_U}
             FROM "Record" r CROSS JOIN unnest(${param(parsed.userIds)}::uuid[]) AS u(id)
             WHERE r.id IN (${selection})
             ON CONFLICT DO NOTHING
             RETURNING "recordId"`,
        ),
      );
    } else {
      removed = await changeAssignments(
        client,
        -1,
        ...aboutSelection((selection, param) => {
          const users = param(parsed.userIds);
          return `DELETE FROM "RecordAssignment" a WHERE a."recordId" IN (${selection})
                    AND (cardinality(${users}::uuid[]) = 0 OR a."userId" = ANY(${users}::uuid[]))
                  RETURNING a."recordId"`;
        }),
      );
    }
    const summary = await client.query<{ records: number; notInQueue: number; shortOfAssignees: number }>(
      ...aboutSelection(
        (selection) =>
          `SELECT count(*)::int AS records,
             count(*) FILTER (WHERE NOT (${IN_QUEUE}))::int AS "notInQueue",
             count(*) FILTER (WHERE ${IN_QUEUE} AND r."assigneeCount" > 0
               AND r."assigneeCount" < r."requiredResponses" - r."submittedCount")::int AS "shortOfAssignees"
           FROM "Record" r
           WHERE r.id IN (${selection})`,
      ),
    );
    const counts = summary.rows[0]!;
    await audit(client, access, actor, "dataset.assignments.update", {
      action: parsed.action,
      userIds: parsed.userIds,
      records: counts.records,
      added,
      removed,
    });
    return { ...counts, added, removed };
  });
}

/**
 * Deals the open queue (records routed to humans that still need responses and have no assignee), in queue order,
 * to the annotators by weight. Read through a cursor so that a million-record queue never sits in memory.
 */
export async function distributeQueue(actor: Actor, datasetId: string, input: unknown): Promise<DistributeResult> {
  const access = await datasetAccess(actor, datasetId, "records.assign");
  const parsed = parse(distributeInputSchema, input, "The distribution is not valid.");
  await checkAnnotators(access, parsed.annotators.map((a) => a.userId), (index) => `annotators.${index}.userId`);
  const duplicates = parsed.annotators.flatMap((a, index) =>
    parsed.annotators.findIndex((b) => b.userId === a.userId) === index ? [] : [{ where: `annotators.${index}.userId`, message: "listed twice" }],
  );
  if (duplicates.length > 0) throw new ValidationError("The distribution is not valid.", duplicates);
  const dealer = createDealer(parsed.annotators, parsed.sharePercent);
  return withTransaction(async (client) => {
    await client.query(
      `DECLARE open_queue NO SCROLL CURSOR FOR
       SELECT r.id, r."requiredResponses" - r."submittedCount" AS needed,
         coalesce((SELECT array_agg(s."userId") FROM "Response" s WHERE s."recordId" = r.id AND s.status <> 'draft'), '{}') AS "answeredBy"
       FROM "Record" r
       WHERE r."datasetId" = $1 AND ${IN_QUEUE} AND r."assigneeCount" = 0
       ORDER BY r.uncertainty DESC NULLS LAST, r."importOrder"
       FOR UPDATE OF r`,
      [access.datasetId],
    );
    let openRecords = 0;
    let dealt = 0;
    for (;;) {
      const batch = await client.query<{ id: string; needed: number; answeredBy: string[] }>(`FETCH ${CURSOR_BATCH} FROM open_queue`);
      if (batch.rows.length === 0) break;
      openRecords += batch.rows.length;
      const recordIds: string[] = [];
      const userIds: string[] = [];
      for (const record of batch.rows) {
        const assignees = dealer.deal(record);
        if (assignees.length > 0) dealt += 1;
        for (const userId of assignees) {
          recordIds.push(record.id);
          userIds.push(userId);
        }
      }
      if (recordIds.length > 0) {
        await changeAssignments(
          client,
          1,
          `INSERT INTO "RecordAssignment" ("recordId", "userId", "datasetId", uncertainty, "importOrder", answered)
           SELECT r.id, u.id, r."datasetId", r.uncertainty, r."importOrder", ${ANSWERED_BY_U}
           FROM unnest($1::uuid[], $2::uuid[]) AS x("recordId", "userId")
           JOIN "Record" r ON r.id = x."recordId" JOIN "User" u ON u.id = x."userId"
           ON CONFLICT DO NOTHING
           RETURNING "recordId"`,
          [recordIds, userIds],
        );
      }
    }
    await client.query(`CLOSE open_queue`);
    const perAnnotator = dealer.loads();
    await audit(client, access, actor, "dataset.assignments.distribute", { sharePercent: parsed.sharePercent, annotators: parsed.annotators, dealt });
    return { openRecords, dealt, perAnnotator };
  });
}

/** Who may be assigned in the dataset's workspace, with what each holds; and how much of the queue is open. */
export async function assignmentOverview(actor: Actor, datasetId: string): Promise<AssignmentOverview> {
  const access = await datasetAccess(actor, datasetId, "records.assign");
  const [queue, annotators] = await Promise.all([
    pool().query<{ openRecords: number; assignedRecords: number }>(
      `SELECT count(*) FILTER (WHERE r."assigneeCount" = 0)::int AS "openRecords",
              count(*) FILTER (WHERE r."assigneeCount" > 0)::int AS "assignedRecords"
       FROM "Record" r WHERE r."datasetId" = $1 AND ${IN_QUEUE}`,
      [access.datasetId],
    ),
    pool().query<AnnotatorAssignments>(
      `SELECT u.id AS "userId", u.username, u.name, m.role::text AS role,
         count(a."recordId")::int AS assigned,
         count(a."recordId") FILTER (WHERE ${IN_QUEUE}
           AND NOT EXISTS (SELECT 1 FROM "Response" s WHERE s."recordId" = r.id AND s."userId" = u.id AND s.status <> 'draft'))::int AS waiting
       FROM "Membership" m JOIN "User" u ON u.id = m."userId"
       LEFT JOIN "RecordAssignment" a ON a."userId" = u.id AND a."datasetId" = $2
       LEFT JOIN "Record" r ON r.id = a."recordId"
       WHERE m."workspaceId" = $1
       GROUP BY u.id, u.username, u.name, m.role
       ORDER BY u.username`,
      [access.workspaceId, access.datasetId],
    ),
  ]);
  return { ...queue.rows[0]!, annotators: annotators.rows };
}

/**
 * Keeps `RecordAssignment.answered` in step with a user's responses on records: every writer of responses calls it
 * in its transaction (the claim's index of waiting assignments leaves answered ones out).
 */
export async function markAssignmentsAnswered(client: pg.PoolClient, recordIds: readonly string[], userId?: string): Promise<void> {
  await client.query(
    `UPDATE "RecordAssignment" a SET answered = x.answered
     FROM (SELECT a2."recordId", a2."userId",
                  EXISTS (SELECT 1 FROM "Response" s WHERE s."recordId" = a2."recordId" AND s."userId" = a2."userId"
                          AND s.status <> 'draft') AS answered
           FROM "RecordAssignment" a2 WHERE a2."recordId" = ANY($1::uuid[]) AND ($2::uuid IS NULL OR a2."userId" = $2)) x
     WHERE a."recordId" = x."recordId" AND a."userId" = x."userId" AND a.answered <> x.answered`,
    [recordIds, userId ?? null],
  );
}

/** A member leaves a workspace: their assignments there go, so that no record waits for them. */
export async function dropAssignments(client: pg.PoolClient, workspaceId: string, userId: string): Promise<number> {
  return changeAssignments(
    client,
    -1,
    `DELETE FROM "RecordAssignment" a USING "Dataset" d
     WHERE a."datasetId" = d.id AND d."workspaceId" = $1 AND a."userId" = $2
     RETURNING a."recordId"`,
    [workspaceId, userId],
  );
}

/**
 * Runs an INSERT or DELETE of assignments that returns `"recordId"` per row, and moves the records'
 * `assigneeCount` by `sign` per row in the same statement; the number of assignments changed.
 */
async function changeAssignments(client: pg.PoolClient, sign: 1 | -1, change: string, params: unknown[]): Promise<number> {
  const result = await client.query<{ changed: number }>(
    `WITH changed AS (${change}),
     per_record AS (SELECT "recordId", count(*)::int AS n FROM changed GROUP BY "recordId"),
     counted AS (UPDATE "Record" r SET "assigneeCount" = r."assigneeCount" + ${sign} * p.n
                 FROM per_record p WHERE r.id = p."recordId" RETURNING 1)
     SELECT coalesce(sum(n), 0)::int AS changed FROM per_record`,
    params,
  );
  return result.rows[0]!.changed;
}

async function audit(client: pg.PoolClient, access: DatasetAccess, actor: Actor, action: string, details: object): Promise<void> {
  await writeAudit(client, { workspaceId: access.workspaceId, actorId: actor.userId, action, targetType: "dataset", targetId: access.datasetId, details });
}
