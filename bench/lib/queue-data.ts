// The queue benchmark's records, written set-based (INSERT … SELECT FROM generate_series: no round trip per record),
// deterministic (every number is a hash of the record's index): uncertainty in [0, 1] rounded to 3 digits (ties, as
// vote entropy gives), routed to humans at 0.7 and above (30 %, as a threshold policy would), 2 % of the rest
// audited, and a quarter of the records routed to people needing 2 responses (adaptive overlap), the rest 1.
import type pg from "pg";

export const HUMAN_THRESHOLD = 0.7;
export const AUDIT_SHARE = 0.02;
export const TWO_RESPONSES_SHARE = 0.25;
const CHUNK = 200_000;

/** A uniform number in [0, 1) from the record's index and a salt. */
const uniform = (salt: number) => `((hashint8extended(i, ${salt}) & 2147483647)::float8 / 2147483648)`;

export async function insertQueueRecords(
  client: pg.Pool | pg.Client,
  datasetId: string,
  total: number,
  onChunk?: (done: number) => void,
): Promise<void> {
  for (let start = 0; start < total; start += CHUNK) {
    const end = Math.min(total, start + CHUNK) - 1;
    await client.query(
      `INSERT INTO "Record" ("datasetId", "externalId", "importOrder", fields, metadata, "routingDecision", uncertainty,
                             "requiredResponses")
       SELECT $1::uuid, 'q-' || lpad(i::text, 8, '0'), i,
              jsonb_build_object('prompt', 'prompt ' || i, 'response_a', 'answer a ' || i, 'response_b', 'answer b ' || i),
              jsonb_build_object('source', 'bench', 'turns', 1 + i % 5),
              d.decision::"RoutingDecision", d.uncertainty,
              CASE WHEN d.decision <> 'auto' AND ${uniform(3)} < ${TWO_RESPONSES_SHARE} THEN 2 ELSE 1 END
       FROM generate_series($2::int, $3::int) AS i
       CROSS JOIN LATERAL (
         SELECT round(${uniform(1)}::numeric, 3)::float8 AS uncertainty,
                CASE WHEN round(${uniform(1)}::numeric, 3) >= ${HUMAN_THRESHOLD} THEN 'human'
                     WHEN ${uniform(2)} < ${AUDIT_SHARE} THEN 'audit' ELSE 'auto' END AS decision
       ) AS d`,
      [datasetId, start, end],
    );
    onChunk?.(end + 1);
  }
}

export interface QueueShape {
  human: number;
  audit: number;
  needTwo: number;
  responsesNeeded: number;
}

export async function queueShape(client: pg.Pool | pg.Client, datasetId: string): Promise<QueueShape> {
  const result = await client.query<{ human: number; audit: number; needTwo: number; responsesNeeded: number }>(
    `SELECT count(*) FILTER (WHERE "routingDecision" = 'human')::int AS human,
            count(*) FILTER (WHERE "routingDecision" = 'audit')::int AS audit,
            count(*) FILTER (WHERE "routingDecision" IN ('human', 'audit') AND "requiredResponses" = 2)::int AS "needTwo",
            coalesce(sum("requiredResponses") FILTER (WHERE "routingDecision" IN ('human', 'audit')), 0)::int AS "responsesNeeded"
     FROM "Record" WHERE "datasetId" = $1`,
    [datasetId],
  );
  return result.rows[0]!;
}
