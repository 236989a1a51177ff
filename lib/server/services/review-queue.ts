// The curators' review queue: the records of a dataset that need a curator, each with its reasons.
//
// A record is in the queue while it has at least one reason:
//   - `human_disagreement`: a question on which two submitted responses give different values;
//   - `llm_disagreement`: a question on which a submitted response differs from the LLM proposal's value (the human
//     final value is the majority of those same responses, so a final value that differs from the proposal always
//     comes with such a response);
//   - `flagged`: an annotator's flag that no curator has resolved yet.
// Both disagreements only count on questions WITHOUT a curator final value: a curator's resolution settles the
// question for good (later submits and LLM acceptance never overwrite it, see responses.ts and recompute.ts). So a
// record leaves the queue once every question it disagreed on has a curator final value and its flags are resolved,
// which is exactly what `resolveRecord` (review.ts) does in one transaction.
// Values are compared as JSON (jsonb equality), after putting set-valued answers (multi-label: any order, stored as
// given) in a canonical order.
import { getQuestionType } from "@/lib/questions";
import type { DatasetConfig } from "@/lib/server/services/dataset-config";

export const REVIEW_REASONS = ["human_disagreement", "llm_disagreement", "flagged"] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export interface ReviewFlag {
  user: string;
  note: string;
  createdAt: string;
}

/** Why one record needs a curator. */
export interface ReviewReasons {
  reasons: ReviewReason[];
  /** Questions on which submitted responses differ. */
  humanQuestions: string[];
  /** Questions on which a submitted response differs from the LLM proposal. */
  llmQuestions: string[];
  /** Unresolved flags, oldest first. */
  flags: ReviewFlag[];
}

/**
 * Whether the type's answers are sets whose order means nothing: lists whose options may grow (a new option is one
 * more choice, as in multi-label), unlike a ranking, whose order is the answer. Read from the type's own contract,
 * so that no question type is named here.
 */
function isSetValued(type: string): boolean {
  const questionType = getQuestionType(type);
  return questionType.valueKind === "list" && questionType.optionsMayGrow;
}

/** The question ids whose answers compare as sets (the `$2` of `reviewQueueSql`). */
export function setValuedQuestionIds(config: DatasetConfig): string[] {
  return config.questions.filter((question) => isSetValued(question.type)).map((question) => question.id);
}

/** `value` in a canonical form: a set-valued answer's elements sorted, anything else as it is. */
function canonical(value: string, setValued: string): string {
  return `CASE WHEN ${setValued} AND jsonb_typeof(${value}) = 'array'
    THEN coalesce((SELECT jsonb_agg(e ORDER BY e) FROM jsonb_array_elements(${value}) e), '[]'::jsonb)
    ELSE ${value} END`;
}

/**
 * CTEs ending in `queue` (one row per record that needs a curator: id, externalId, importOrder, uncertainty, reasons,
 * humanQuestions, llmQuestions, flagCount). Parameters: $1 dataset id, $2 set-valued question ids, $3 one record id
 * or null (the whole dataset).
 */
export const REVIEW_QUEUE_CTES = `
  questions AS (
    SELECT q.id, q.name, q.id = ANY($2::uuid[]) AS "setValued" FROM "Question" q WHERE q."datasetId" = $1
  ),
  answers AS (
    SELECT s."recordId", q.id AS "questionId", q.name, q."setValued", ${canonical(`s.values -> q.name`, `q."setValued"`)} AS value
    FROM "Response" s JOIN "Record" r ON r.id = s."recordId" CROSS JOIN questions q
    WHERE r."datasetId" = $1 AND ($3::uuid IS NULL OR r.id = $3::uuid) AND s.status = 'submitted'
      AND s.values -> q.name IS NOT NULL AND s.values -> q.name <> 'null'::jsonb
      AND NOT EXISTS (SELECT 1 FROM "FinalValue" f
                      WHERE f."recordId" = s."recordId" AND f."questionId" = q.id AND f.provenance = 'curator')
  ),
  human AS (
    SELECT d."recordId", array_agg(d.name ORDER BY d.name) AS questions
    FROM (SELECT a."recordId", a.name FROM answers a GROUP BY a."recordId", a."questionId", a.name
          HAVING count(DISTINCT a.value) > 1) d
    GROUP BY d."recordId"
  ),
  llm AS (
    SELECT a."recordId", array_agg(DISTINCT a.name) AS questions
    FROM answers a JOIN "Proposal" p ON p."recordId" = a."recordId" AND p."questionId" = a."questionId"
    WHERE p.value IS NOT NULL AND p.value <> 'null'::jsonb AND ${canonical(`p.value`, `a."setValued"`)} <> a.value
    GROUP BY a."recordId"
  ),
  flagged AS (
    SELECT f."recordId", count(*)::int AS n
    FROM "RecordFlag" f JOIN "Record" r ON r.id = f."recordId"
    WHERE r."datasetId" = $1 AND ($3::uuid IS NULL OR r.id = $3::uuid) AND f."resolvedAt" IS NULL
    GROUP BY f."recordId"
  ),
  queue AS (
    SELECT r.id, r."externalId", r."importOrder", r.uncertainty, r.fields,
      coalesce(h.questions, '{}') AS "humanQuestions",
      coalesce(l.questions, '{}') AS "llmQuestions",
      coalesce(fl.n, 0) AS "flagCount",
      array_remove(ARRAY[
        CASE WHEN h."recordId" IS NOT NULL THEN 'human_disagreement' END,
        CASE WHEN l."recordId" IS NOT NULL THEN 'llm_disagreement' END,
        CASE WHEN fl."recordId" IS NOT NULL THEN 'flagged' END
      ], NULL) AS reasons
    FROM (SELECT "recordId" FROM human UNION SELECT "recordId" FROM llm UNION SELECT "recordId" FROM flagged) ids
    JOIN "Record" r ON r.id = ids."recordId"
    LEFT JOIN human h ON h."recordId" = r.id
    LEFT JOIN llm l ON l."recordId" = r.id
    LEFT JOIN flagged fl ON fl."recordId" = r.id
  )`;

/** The queue's order: most reasons first, then the most uncertain, then import order. */
export const REVIEW_ORDER = `cardinality(reasons) DESC, uncertainty DESC NULLS LAST, "importOrder"`;

/** A JSON list of a record's unresolved flags (who, note, when), oldest first; `record` is an SQL expression. */
export function openFlagsJson(record: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('user', u.username, 'note', f.note,
             'createdAt', to_char(f."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY f."createdAt"), '[]')
           FROM "RecordFlag" f JOIN "User" u ON u.id = f."userId"
           WHERE f."recordId" = ${record} AND f."resolvedAt" IS NULL)`;
}
