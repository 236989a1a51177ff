// Inter-annotator agreement per question (the Agreement tab and GET /api/v1/datasets/{id}/agreement): Fleiss' kappa,
// Krippendorff's alpha, Cohen's kappa for every pair of annotators, each annotator's agreement with the human
// consensus and with the LLM proposal, and each annotator's pace.
//
// Units are records, ratings are the submitted responses' values (rater = username), compared whole after the
// question type's canonical form (a multi-label set in option order). The consensus is the record's final value where
// people made it (provenance human or curator, not human_confirmed); the LLM's is the stored proposal. Records with a
// submitted response are read in keyset batches by import order; only one small unit per (record, question) is kept.
//
// Two different figures compare with the LLM, under two names: each annotator's answers against the proposal, per
// answer, on any record they answered ("Their answers vs the LLM's proposal"); and per question "LLM agreement with
// people" (lib/quality/llm-agreement.ts), the figure every tab shows, read through the shared loader.
//
// Confirmations (answers left as the LLMs proposed them, lib/questions/origins.ts) are left out by default: an
// annotator who accepts a proposal agrees with the LLM by construction, and two who accept the same one agree with
// each other for the same reason, so counting them measures how often people accept proposals, not whether their
// judgements agree. `confirmations=include` counts them (for instance to compare with figures from before Sift
// recorded origins; answers of unknown origin are always counted).
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import {
  questionAgreement,
  type AlphaLevel,
  type FleissKappa,
  type KrippendorffAlpha,
  type RatedUnit,
  type RaterAgreement,
  type RaterPairKappa,
} from "@/lib/quality/agreement";
import { canonicalValue, type Proportion } from "@/lib/quality";
import { neutraliseFormula } from "@/lib/io/formats";
import { agreementScale } from "@/lib/questions";
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { datasetAccess } from "@/lib/server/services/access";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { llmAgreementByQuestion } from "@/lib/server/services/human-consensus";
import { isCompared } from "@/lib/server/services/quality";
import { ValidationError } from "@/lib/server/errors";
import { zodDetails } from "@/lib/server/validation";

const BATCH_SIZE = 1_000;
const NOT_COMPARED_NOTE = "Free-text answers are not compared (two people rarely write the same words).";

/** The query of GET /api/v1/datasets/{id}/agreement. */
export const agreementQuerySchema = z.object({
  format: z
    .enum(["json", "csv"], "format must be json or csv")
    .default("json")
    .describe("`json` (default) or `csv`: the same figures as a CSV file, one measure per row."),
  confirmations: z
    .enum(["exclude", "include"], "confirmations must be exclude or include")
    .default("exclude")
    .describe(
      "`exclude` (default): answers that left the LLM proposal unchanged are not counted, since they agree with the LLM " +
        "(and with each other) by construction; `include`: count them too.",
    ),
});

export type AgreementQuery = z.output<typeof agreementQuerySchema>;
export type ConfirmationsMode = AgreementQuery["confirmations"];

function parseQuery(input: unknown): AgreementQuery {
  const parsed = agreementQuerySchema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError("Invalid query parameters.", zodDetails(parsed.error));
  return parsed.data;
}

type ConfigQuestion = DatasetConfig["questions"][number];

export interface AnnotatorPace {
  username: string;
  name: string;
  /** Submitted responses in this dataset. */
  submitted: number;
  /** Median and mean of the submitted responses' time spent, in milliseconds; null when nothing is submitted. */
  medianTimeMs: number | null;
  meanTimeMs: number | null;
}

export interface AnnotatorAgreement {
  username: string;
  /** Records this annotator answered the question on. */
  answered: number;
  /** Null when no record they answered has a human or curator final value. */
  withConsensus: RaterAgreement | null;
  /** Null when no record they answered has an LLM proposal. */
  withLlm: RaterAgreement | null;
}

export interface QuestionAgreementView {
  name: string;
  title: string;
  type: string;
  /** Why the question is not compared (free text); null when it is. The measures below are then null or empty. */
  skipped: string | null;
  /** The level alpha is computed at: ordinal for a rating scale, nominal otherwise. */
  level: AlphaLevel | null;
  /** Records where at least two annotators answered this question: what kappa and alpha are measured on. */
  sharedRecords: number;
  /** Submitted answers left out because they confirmed the LLM proposal (0 when confirmations are included). */
  confirmationsLeftOut: number;
  fleiss: FleissKappa | null;
  alpha: KrippendorffAlpha | null;
  /** One entry per pair of annotators with at least one shared record (raterA < raterB). */
  pairwise: RaterPairKappa[];
  annotators: AnnotatorAgreement[];
  /** LLM agreement with people (lib/quality/llm-agreement.ts): the proposal against the human consensus; null when skipped. */
  llmAgreement: Proportion | null;
}

export interface DatasetAgreement {
  datasetId: string;
  /** Whether answers that confirmed the LLM proposal were counted (see the file's comment). */
  confirmations: ConfirmationsMode;
  /** Records with at least two submitted responses. */
  sharedRecords: number;
  /** Annotators with at least one submitted response, by username. */
  annotators: AnnotatorPace[];
  questions: QuestionAgreementView[];
}

/** The level alpha is computed at, as the question's type says (lib/questions: a rating is ordinal on its scale). */
function alphaScale(question: ConfigQuestion): { level: AlphaLevel; order?: readonly unknown[] } {
  const scale = agreementScale(question.type, question.settings);
  return scale.level === "ordinal" ? { level: "ordinal", order: scale.order } : { level: "nominal" };
}

interface Collected {
  confirmations: ConfirmationsMode;
  /** Per question name: confirmations left out. */
  leftOut: Map<string, number>;
  units: Map<string, RatedUnit[]>;
  consensus: Map<string, Map<string, unknown>>;
  llm: Map<string, Map<string, unknown>>;
}

async function nextBatch(datasetId: string, afterOrder: number): Promise<{ id: string; importOrder: number }[]> {
  const { rows } = await pool().query<{ id: string; importOrder: number }>(
    `SELECT r.id, r."importOrder" FROM "Record" r
     WHERE r."datasetId" = $1 AND r."importOrder" > $2 AND r."submittedCount" > 0
     ORDER BY r."importOrder" LIMIT $3`,
    [datasetId, afterOrder, BATCH_SIZE],
  );
  return rows;
}

async function collectBatch(questions: readonly ConfigQuestion[], ids: readonly string[], into: Collected): Promise<void> {
  const [responses, finals, proposals] = await Promise.all([
    pool().query<{ recordId: string; username: string; values: Record<string, unknown> | null; origins: Record<string, unknown> }>(
      `SELECT s."recordId", u.username, s.values, s.origins FROM "Response" s JOIN "User" u ON u.id = s."userId"
       WHERE s."recordId" = ANY($1::uuid[]) AND s.status = 'submitted'`,
      [ids],
    ),
    pool().query<{ recordId: string; questionId: string; value: unknown }>(
      `SELECT "recordId", "questionId", value FROM "FinalValue"
       WHERE "recordId" = ANY($1::uuid[]) AND provenance IN ('human', 'curator')`,
      [ids],
    ),
    pool().query<{ recordId: string; questionId: string; value: unknown }>(
      `SELECT "recordId", "questionId", value FROM "Proposal" WHERE "recordId" = ANY($1::uuid[]) AND value IS NOT NULL`,
      [ids],
    ),
  ]);
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const row of finals.rows) {
    const question = byId.get(row.questionId);
    if (question) into.consensus.get(question.name)!.set(row.recordId, canonicalValue(question, row.value));
  }
  for (const row of proposals.rows) {
    const question = byId.get(row.questionId);
    if (question) into.llm.get(question.name)!.set(row.recordId, canonicalValue(question, row.value));
  }
  const ratingsOf = new Map<string, { rater: string; value: unknown }[]>();
  for (const question of questions) {
    for (const row of responses.rows) {
      const value = canonicalValue(question, row.values?.[question.name]);
      if (value === null) continue;
      if (into.confirmations === "exclude" && row.origins[question.name] === "confirmed") {
        into.leftOut.set(question.name, (into.leftOut.get(question.name) ?? 0) + 1);
        continue;
      }
      const key = `${question.name}\u0000${row.recordId}`;
      const list = ratingsOf.get(key);
      if (list) list.push({ rater: row.username, value });
      else ratingsOf.set(key, [{ rater: row.username, value }]);
    }
  }
  for (const question of questions) {
    const units = into.units.get(question.name)!;
    for (const id of ids) {
      const ratings = ratingsOf.get(`${question.name}\u0000${id}`);
      if (ratings) units.push({ id, ratings });
    }
  }
}

async function collect(datasetId: string, questions: readonly ConfigQuestion[], confirmations: ConfirmationsMode): Promise<Collected> {
  const into: Collected = {
    confirmations,
    leftOut: new Map(),
    units: new Map(questions.map((q) => [q.name, []])),
    consensus: new Map(questions.map((q) => [q.name, new Map()])),
    llm: new Map(questions.map((q) => [q.name, new Map()])),
  };
  if (questions.length === 0) return into;
  let afterOrder = -2_147_483_648; // importOrder is an int4
  for (;;) {
    const batch = await nextBatch(datasetId, afterOrder);
    if (batch.length === 0) break;
    await collectBatch(
      questions,
      batch.map((r) => r.id),
      into,
    );
    afterOrder = batch[batch.length - 1]!.importOrder;
  }
  return into;
}

async function annotatorPace(datasetId: string): Promise<{ annotators: AnnotatorPace[]; sharedRecords: number }> {
  const [pace, shared] = await Promise.all([
    pool().query<AnnotatorPace>(
      `SELECT u.username, u.name, count(*)::int AS submitted,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY s."timeSpentMs")::float8 AS "medianTimeMs",
              avg(s."timeSpentMs")::float8 AS "meanTimeMs"
       FROM "Response" s JOIN "Record" r ON r.id = s."recordId" JOIN "User" u ON u.id = s."userId"
       WHERE r."datasetId" = $1 AND s.status = 'submitted'
       GROUP BY u.id, u.username, u.name ORDER BY u.username`,
      [datasetId],
    ),
    pool().query<{ shared: number }>(
      `SELECT count(*)::int AS shared FROM "Record" WHERE "datasetId" = $1 AND "submittedCount" >= 2`,
      [datasetId],
    ),
  ]);
  return { annotators: pace.rows, sharedRecords: shared.rows[0]!.shared };
}

function questionView(question: ConfigQuestion, collected: Collected, llm: ReadonlyMap<string, Proportion>): QuestionAgreementView {
  const base = { name: question.name, title: question.title, type: question.type };
  if (!isCompared(question))
    return {
      ...base,
      skipped: NOT_COMPARED_NOTE,
      level: null,
      sharedRecords: 0,
      confirmationsLeftOut: 0,
      fleiss: null,
      alpha: null,
      pairwise: [],
      annotators: [],
      llmAgreement: null,
    };
  const units = collected.units.get(question.name)!;
  const { level, order } = alphaScale(question);
  const measures = questionAgreement(units, {
    level,
    order,
    consensus: collected.consensus.get(question.name),
    llm: collected.llm.get(question.name),
  });
  const answered = new Map<string, number>();
  for (const unit of units) for (const { rater } of unit.ratings) answered.set(rater, (answered.get(rater) ?? 0) + 1);
  const consensusOf = new Map((measures.withConsensus ?? []).map((a) => [a.rater, a]));
  const llmOf = new Map((measures.withLlm ?? []).map((a) => [a.rater, a]));
  return {
    ...base,
    skipped: null,
    level,
    sharedRecords: units.filter((unit) => unit.ratings.length >= 2).length,
    confirmationsLeftOut: collected.leftOut.get(question.name) ?? 0,
    fleiss: measures.fleiss,
    alpha: measures.alpha,
    pairwise: measures.pairwiseKappa,
    annotators: [...answered.keys()].sort().map((username) => ({
      username,
      answered: answered.get(username)!,
      withConsensus: consensusOf.get(username) ?? null,
      withLlm: llmOf.get(username) ?? null,
    })),
    llmAgreement: llm.get(question.name) ?? null,
  };
}

/** Agreement per question and each annotator's pace. Owners, admins and curators (`quality.view`). */
export async function datasetAgreement(
  actor: Actor,
  datasetId: string,
  options: { confirmations?: ConfirmationsMode } = {},
): Promise<DatasetAgreement> {
  const access = await datasetAccess(actor, datasetId, "quality.view");
  const config = await loadDatasetConfig(access.datasetId);
  const compared = config.questions.filter(isCompared);
  const confirmations = options.confirmations ?? "exclude";
  const [collected, pace, llm] = await Promise.all([
    collect(access.datasetId, compared, confirmations),
    annotatorPace(access.datasetId),
    llmAgreementByQuestion(access.datasetId, compared),
  ]);
  return {
    datasetId: access.datasetId,
    confirmations,
    sharedRecords: pace.sharedRecords,
    annotators: pace.annotators,
    questions: config.questions.map((q) => questionView(q, collected, llm)),
  };
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The CSV's columns: one measure per row (long, "tidy" form), so a spreadsheet or pandas can filter and pivot it. */
export const AGREEMENT_CSV_COLUMNS = [
  "question",
  "measure",
  "annotator",
  "other_annotator",
  "value",
  "successes",
  "n",
  "ci_low",
  "ci_high",
  "level",
] as const;

type CsvRow = Partial<Record<(typeof AGREEMENT_CSV_COLUMNS)[number], string | number | null>>;

function referenceRow(question: string, measure: string, username: string, a: RaterAgreement): CsvRow {
  return {
    question,
    measure,
    annotator: username,
    value: a.rate.value,
    successes: a.agreed,
    n: a.n,
    ci_low: a.rate.interval?.low ?? null,
    ci_high: a.rate.interval?.high ?? null,
  };
}

/** The rows of the CSV, in a stable order: annotators' pace, then per question its measures. */
export function agreementCsvRows(agreement: DatasetAgreement): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const a of agreement.annotators) {
    rows.push({ measure: "responses_submitted", annotator: a.username, value: a.submitted, n: a.submitted });
    rows.push({ measure: "median_time_ms", annotator: a.username, value: a.medianTimeMs, n: a.submitted });
    rows.push({ measure: "mean_time_ms", annotator: a.username, value: a.meanTimeMs, n: a.submitted });
  }
  for (const q of agreement.questions) {
    if (q.skipped !== null) continue;
    rows.push({ question: q.name, measure: "fleiss_kappa", value: q.fleiss?.kappa ?? null, n: q.fleiss?.units ?? 0 });
    rows.push({ question: q.name, measure: "krippendorff_alpha", value: q.alpha?.alpha ?? null, n: q.alpha?.units ?? 0, level: q.level });
    for (const p of q.pairwise)
      rows.push({ question: q.name, measure: "cohen_kappa", annotator: p.raterA, other_annotator: p.raterB, value: p.kappa, n: p.n });
    if (q.llmAgreement)
      rows.push({
        question: q.name,
        measure: "llm_agreement_with_people",
        value: q.llmAgreement.value,
        successes: q.llmAgreement.successes,
        n: q.llmAgreement.n,
        ci_low: q.llmAgreement.interval?.low ?? null,
        ci_high: q.llmAgreement.interval?.high ?? null,
      });
    for (const a of q.annotators) {
      if (a.withConsensus) rows.push(referenceRow(q.name, "agreement_with_consensus", a.username, a.withConsensus));
      if (a.withLlm) rows.push(referenceRow(q.name, "agreement_with_llm", a.username, a.withLlm));
    }
  }
  return rows;
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? String(value) : neutraliseFormula(value);
}

function csvFile(agreement: DatasetAgreement): { fileName: string; body: string } {
  const rows = agreementCsvRows(agreement).map((row) => AGREEMENT_CSV_COLUMNS.map((column) => cell(row[column])));
  return {
    fileName: `agreement-${agreement.datasetId}.csv`,
    body: stringify(rows, { header: true, columns: [...AGREEMENT_CSV_COLUMNS] }),
  };
}

export type AgreementAnswer = { format: "json"; agreement: DatasetAgreement } | { format: "csv"; fileName: string; body: string };

/** The agreement in the format the query asks for (`format=json|csv`). Access first: 404/403 whatever the query says. */
export async function agreementAnswer(actor: Actor, datasetId: string, input: unknown): Promise<AgreementAnswer> {
  await datasetAccess(actor, datasetId, "quality.view");
  const { format, confirmations } = parseQuery(input);
  const agreement = await datasetAgreement(actor, datasetId, { confirmations });
  return format === "json" ? { format, agreement } : { format, ...csvFile(agreement) };
}
