// The queue benchmark's correctness checks, in SQL on the benchmark database after the load: each counts violations,
// and each must be 0.
import type pg from "pg";

export interface QueueCheck {
  name: string;
  violations: number;
}

export async function queueChecks(client: pg.Client, datasetId: string): Promise<QueueCheck[]> {
  const count = async (name: string, sql: string): Promise<QueueCheck> => {
    const result = await client.query<{ n: string }>(sql, [datasetId]);
    return { name, violations: Number(result.rows[0]!.n) };
  };
  return [
    // bench_claim: every claim with the window in which its annotator certainly held it (claimNext returned, the
    // submit not yet called). Two such windows of different annotators on one record that overlap: handed out twice.
    await count(
      "claims of one record by two annotators at once",
      `SELECT count(*) AS n FROM bench_claim a JOIN bench_claim b
         ON a.record_id = b.record_id AND a.user_id < b.user_id AND a.held_from < b.held_to AND b.held_from < a.held_to
       WHERE $1::uuid IS NOT NULL`,
    ),
    await count(
      "records claimed twice by the same annotator",
      `SELECT count(*) AS n FROM (SELECT 1 FROM bench_claim GROUP BY record_id, user_id HAVING count(*) > 1) x
       WHERE $1::uuid IS NOT NULL`,
    ),
    await count(
      "records with more submitted responses than required",
      `SELECT count(*) AS n FROM "Record" r
       WHERE r."datasetId" = $1
         AND (SELECT count(*) FROM "Response" s WHERE s."recordId" = r.id AND s.status = 'submitted') > r."requiredResponses"`,
    ),
    await count(
      "records whose submittedCount differs from their submitted responses",
      `SELECT count(*) AS n FROM "Record" r
       WHERE r."datasetId" = $1
         AND r."submittedCount" <> (SELECT count(*) FROM "Response" s WHERE s."recordId" = r.id AND s.status = 'submitted')`,
    ),
    await count(
      "(record, annotator) pairs with more than one response",
      `SELECT count(*) AS n FROM (
         SELECT 1 FROM "Response" s JOIN "Record" r ON r.id = s."recordId"
         WHERE r."datasetId" = $1 GROUP BY s."recordId", s."userId" HAVING count(*) > 1) x`,
    ),
    await count(
      "responses to records not routed to people",
      `SELECT count(*) AS n FROM "Response" s JOIN "Record" r ON r.id = s."recordId"
       WHERE r."datasetId" = $1 AND r."routingDecision" NOT IN ('human', 'audit')`,
    ),
    await count(
      "complete records without a human final value",
      `SELECT count(*) AS n FROM "Record" r
       WHERE r."datasetId" = $1 AND r."routingDecision" IN ('human', 'audit') AND r."submittedCount" >= r."requiredResponses"
         AND r."submittedCount" = 1
         AND NOT EXISTS (SELECT 1 FROM "FinalValue" f WHERE f."recordId" = r.id AND f.provenance = 'human')`,
    ),
  ];
}
