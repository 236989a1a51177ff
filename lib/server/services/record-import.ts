// Bulk upsert of records with their suggestions (the API's PUT /datasets/{id}/records and the demo seed).
// One transaction validates and writes records and suggestions with set-based statements, chunk by chunk so the
// server holds one chunk's objects at a time, and enqueues the recompute of proposals and routing; a problem anywhere
// in the body rolls everything back, so either all of it happens or none.
import { createHash } from "node:crypto";
import type pg from "pg";
import type { Actor } from "@/lib/server/auth/actor";
import {
  describeProblem,
  MAX_RECORDS_PER_REQUEST,
  parseBulkBody,
  problemLocation,
  problemMessage,
  readBulkBody,
  validateBatch,
  type RecordInput,
  type RecordProblem,
} from "@/lib/io/record-format";
import { enqueueRecompute } from "@/lib/jobs/enqueue";
import { withTransaction } from "@/lib/server/db/transaction";
import { ConflictError, ValidationError } from "@/lib/server/errors";
import { datasetAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";

export interface ImportResult {
  records: { created: number; updated: number; unchanged: number };
  suggestions: { created: number; updated: number; unchanged: number };
}

const MAX_REPORTED_PROBLEMS = 100;

/** Records validated and written per statement: big enough for set-based SQL, small enough to keep memory flat. */
const WRITE_CHUNK = 1_000;

function tooManyRecords(total: number): ValidationError {
  return new ValidationError(
    `Too many records: at most ${MAX_RECORDS_PER_REQUEST} per request (got ${total}); split the upload.`,
  );
}

function problemsError(problems: RecordProblem[]): ValidationError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  return new ValidationError(
    `${sorted.length} problem(s) in the records; nothing was written. First: ${describeProblem(sorted[0]!)}`,
    sorted.slice(0, MAX_REPORTED_PROBLEMS).map((problem) => ({ where: problemLocation(problem), message: problemMessage(problem) })),
  );
}

/** Parses and validates a whole bulk body (JSON array or NDJSON) against the dataset; throws a 400 naming every problem. */
export function validateBulkBody(body: string, config: DatasetConfig): RecordInput[] {
  const { items, problems: syntaxProblems } = parseBulkBody(body);
  if (items.length + syntaxProblems.length > MAX_RECORDS_PER_REQUEST) throw tooManyRecords(items.length + syntaxProblems.length);
  const { records, problems } = validateBatch(items, config);
  if (syntaxProblems.length + problems.length > 0) throw problemsError([...syntaxProblems, ...problems]);
  if (records.length === 0) throw new ValidationError("The body holds no records.");
  return records;
}

export async function importRecords(
  actor: Actor,
  datasetId: string,
  body: string,
  options: { idempotencyKey?: string } = {},
): Promise<ImportResult> {
  const access = await datasetAccess(actor, datasetId, "records.write");
  const config = await loadDatasetConfig(access.datasetId);
  const bulk = readBulkBody(body);
  if (bulk.total > MAX_RECORDS_PER_REQUEST) throw tooManyRecords(bulk.total);
  if (bulk.total === 0) throw new ValidationError("The body holds no records.");
  const requestSha = createHash("sha256").update(body).digest("hex");
  return withTransaction(async (client) => {
    if (options.idempotencyKey) {
      const replay = await findIdempotentReplay(client, actor.userId, options.idempotencyKey, requestSha);
      if (replay) return replay;
    }
    const writer = await RecordWriter.open(client, config);
    const problems: RecordProblem[] = [];
    const seenIds = new Map<string, number>();
    for (const chunk of bulk.chunks(WRITE_CHUNK)) {
      const validated = validateBatch(chunk.items, config, seenIds);
      problems.push(...chunk.problems, ...validated.problems);
      // After the first problem nothing more is written (it will be rolled back), but every chunk is still
      // validated, so the answer names all the problems at once.
      if (problems.length === 0) await writer.write(validated.records);
    }
    if (problems.length > 0) throw problemsError(problems);
    const result = await writer.finish();
    await writeAudit(client, {
      workspaceId: config.workspaceId,
      actorId: actor.userId,
      action: "records.import",
      targetType: "dataset",
      targetId: config.id,
      details: result,
    });
    if (options.idempotencyKey) {
      await client.query(
        `INSERT INTO "IdempotencyKey" (key, "userId", "requestSha", status, body) VALUES ($1, $2, $3, 200, $4)`,
        [`${actor.userId}:${options.idempotencyKey}`, actor.userId, requestSha, JSON.stringify(result)],
      );
    }
    return result;
  });
}

async function findIdempotentReplay(
  client: pg.PoolClient,
  userId: string,
  key: string,
  requestSha: string,
): Promise<ImportResult | null> {
  // Serialise requests with the same key, so a retry that races the original waits for it and then replays it.
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`${userId}:${key}`]);
  const found = await client.query<{ requestSha: string; body: ImportResult }>(
    `SELECT "requestSha", body FROM "IdempotencyKey" WHERE key = $1`,
    [`${userId}:${key}`],
  );
  const row = found.rows[0];
  if (!row) return null;
  if (row.requestSha !== requestSha) {
    throw new ConflictError("This Idempotency-Key was already used with a different body; use a new key.");
  }
  return row.body;
}

/** Writes validated records and suggestions in the caller's transaction, in one batch (the seed, file imports). */
export async function writeRecords(
  client: pg.PoolClient,
  config: DatasetConfig,
  records: RecordInput[],
): Promise<ImportResult> {
  const writer = await RecordWriter.open(client, config);
  await writer.write(records);
  return writer.finish();
}

function emptyResult(): ImportResult {
  return { records: { created: 0, updated: 0, unchanged: 0 }, suggestions: { created: 0, updated: 0, unchanged: 0 } };
}

/**
 * Upserts records and their suggestions in the caller's transaction, in as many batches as the caller likes;
 * `finish` resets the dataset's routing and enqueues its recompute once, if anything changed.
 */
export class RecordWriter {
  private readonly totals = emptyResult();

  private constructor(
    private readonly client: pg.PoolClient,
    private readonly config: DatasetConfig,
    private nextOrder: number,
  ) {}

  static async open(client: pg.PoolClient, config: DatasetConfig): Promise<RecordWriter> {
    // Locking the dataset row serialises concurrent imports, so import orders are assigned without collisions.
    await client.query(`SELECT id FROM "Dataset" WHERE id = $1 FOR UPDATE`, [config.id]);
    const maxOrder = await client.query<{ max: number }>(
      `SELECT coalesce(max("importOrder"), 0)::int AS max FROM "Record" WHERE "datasetId" = $1`,
      [config.id],
    );
    return new RecordWriter(client, config, (maxOrder.rows[0]?.max ?? 0) + 1);
  }

  async write(records: RecordInput[]): Promise<void> {
    if (records.length === 0) return;
    const firstOrder = this.nextOrder;
    this.nextOrder += records.length;
    await this.upsertRecords(records, firstOrder);
    await this.upsertSuggestions(records);
  }

  private async upsertRecords(records: RecordInput[], firstOrder: number): Promise<void> {
    const { client, config } = this;
    const recordRows = records.map((record, index) => ({
      externalId: record.externalId,
      ord: firstOrder + index,
      fields: record.fields,
      metadata: record.metadata,
    }));
    const written = await client.query<{ inserted: boolean }>(
      `INSERT INTO "Record" ("datasetId", "externalId", "importOrder", fields, metadata, "requiredResponses")
       SELECT $1, x."externalId", x.ord, x.fields, x.metadata, $2
       FROM jsonb_to_recordset($3::jsonb) AS x("externalId" text, ord int, fields jsonb, metadata jsonb)
       ON CONFLICT ("datasetId", "externalId") DO UPDATE
         SET fields = EXCLUDED.fields, metadata = EXCLUDED.metadata, "updatedAt" = now()
         WHERE ("Record".fields, "Record".metadata) IS DISTINCT FROM (EXCLUDED.fields, EXCLUDED.metadata)
       RETURNING (xmax = 0) AS inserted`,
      [config.id, config.minSubmitted, JSON.stringify(recordRows)],
    );
    const createdRecords = written.rows.filter((row) => row.inserted).length;
    this.totals.records.created += createdRecords;
    this.totals.records.updated += written.rows.length - createdRecords;
    this.totals.records.unchanged += records.length - written.rows.length;
  }

  private async upsertSuggestions(records: RecordInput[]): Promise<void> {
    const { client, config } = this;
    const suggestionRows = records.flatMap((record) =>
      record.suggestions.map((suggestion) => ({
        externalId: record.externalId,
        ord: 0,
        question: suggestion.question,
        agent: suggestion.agent,
        // A JSON null stays a JSON null (an unparseable vote); an absent value is stored as SQL NULL.
        value: suggestion.value === undefined ? null : suggestion.value,
        score: suggestion.score ?? null,
        rationale: suggestion.rationale ?? null,
        distribution: suggestion.distribution ?? null,
        model: suggestion.model ?? null,
      })),
    );
    // Arrival order decides tie-breaks, so suggestions are inserted in the order they were given.
    suggestionRows.forEach((row, index) => {
      row.ord = index;
    });
    if (suggestionRows.length > 0) {
      const upserted = await client.query<{ inserted: boolean }>(
        `INSERT INTO "Suggestion" ("recordId", "questionId", agent, value, score, rationale, distribution, model)
         SELECT r.id, q.id, s.agent, s.value, s.score, s.rationale, s.distribution, s.model
         FROM jsonb_to_recordset($2::jsonb) AS s("externalId" text, ord int, question text, agent text,
              value jsonb, score float8, rationale text, distribution jsonb, model text)
         JOIN "Record" r ON r."datasetId" = $1 AND r."externalId" = s."externalId"
         JOIN "Question" q ON q."datasetId" = $1 AND q.name = s.question
         ORDER BY s.ord
         ON CONFLICT ("recordId", "questionId", agent) DO UPDATE
           SET value = EXCLUDED.value, score = EXCLUDED.score, rationale = EXCLUDED.rationale,
               distribution = EXCLUDED.distribution, model = EXCLUDED.model, "updatedAt" = now()
           WHERE ("Suggestion".value, "Suggestion".score, "Suggestion".rationale, "Suggestion".distribution, "Suggestion".model)
                 IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.score, EXCLUDED.rationale, EXCLUDED.distribution, EXCLUDED.model)
         RETURNING (xmax = 0) AS inserted`,
        [config.id, JSON.stringify(suggestionRows)],
      );
      const created = upserted.rows.filter((row) => row.inserted).length;
      const updated = upserted.rows.length - created;
      this.totals.suggestions.created += created;
      this.totals.suggestions.updated += updated;
      this.totals.suggestions.unchanged += suggestionRows.length - created - updated;
    }
  }

  async finish(): Promise<ImportResult> {
    const { records, suggestions } = this.totals;
    if (records.created + records.updated > 0 || suggestions.created + suggestions.updated > 0) {
      await this.client.query(`UPDATE "Dataset" SET "routedAt" = NULL WHERE id = $1`, [this.config.id]);
      await enqueueRecompute(this.client, this.config.id);
    }
    return structuredClone(this.totals);
  }
}
