// The LLM tab's "Agents": every agent that made suggestions in a dataset, however they arrived (Sift's own runs, the
// API, a file import), grouped from the Suggestion rows with their counts, tokens and cost where known, and each
// agent's agreement with people per question through the shared definition (lib/quality/llm-agreement.ts, read by
// human-consensus.ts), next to the proposal's (all agents together), the figure the other tabs show.
import type { Proportion } from "@/lib/quality";
import type { Actor } from "@/lib/server/auth/actor";
import { pool } from "@/lib/server/db/client";
import { datasetAccess } from "@/lib/server/services/access";
import { loadDatasetConfig } from "@/lib/server/services/dataset-config";
import { llmAgreementByAgent, llmAgreementByQuestion } from "@/lib/server/services/human-consensus";
import { isCompared } from "@/lib/server/services/quality";

export interface QuestionFigure {
  name: string;
  title: string;
  /** LLM agreement with people for this question. */
  agreement: Proportion;
}

export interface LlmAgent {
  agent: string;
  /** Models named by its suggestions (none when pushed without one). */
  models: string[];
  suggestions: number;
  records: number;
  /** Names of the questions it answered, in the dataset's order. */
  questions: string[];
  /** Suggestions made by Sift's own LLM runs; the rest were pushed through the API or imported from a file. */
  fromRuns: number;
  inputTokens: number;
  outputTokens: number;
  /** Sum of the known costs; `costKnown` says how many suggestions carried one. */
  costUsd: number;
  costKnown: number;
  /** Per compared question it answered: its own suggestions against the human consensus. */
  agreement: QuestionFigure[];
}

export interface DatasetAgents {
  datasetId: string;
  suggestions: number;
  agents: LlmAgent[];
  /** The proposal (every agent's votes together) per compared question: the figure of the other tabs. */
  proposal: QuestionFigure[];
}

interface AgentRow {
  agent: string;
  models: string[];
  suggestions: number;
  records: number;
  questionIds: string[];
  fromRuns: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  costKnown: number;
}

/** The agents of a dataset, most suggestions first. Owners, admins and curators (`quality.view`). */
export async function datasetAgents(actor: Actor, datasetId: string): Promise<DatasetAgents> {
  const access = await datasetAccess(actor, datasetId, "quality.view");
  const config = await loadDatasetConfig(access.datasetId);
  const compared = config.questions.filter(isCompared);
  const [{ rows }, byAgent, byQuestion] = await Promise.all([
    pool().query<AgentRow>(
      `SELECT g.agent,
              coalesce(array_agg(DISTINCT g.model) FILTER (WHERE g.model IS NOT NULL), '{}') AS models,
              count(*)::int AS suggestions, count(DISTINCT g."recordId")::int AS records,
              array_agg(DISTINCT g."questionId"::text) AS "questionIds",
              count(g."runId")::int AS "fromRuns",
              coalesce(sum(g."inputTokens"), 0)::float8 AS "inputTokens",
              coalesce(sum(g."outputTokens"), 0)::float8 AS "outputTokens",
              coalesce(sum(g."costUsd"), 0)::float8 AS "costUsd",
              count(g."costUsd")::int AS "costKnown"
       FROM "Suggestion" g JOIN "Question" q ON q.id = g."questionId"
       WHERE q."datasetId" = $1
       GROUP BY g.agent ORDER BY suggestions DESC, g.agent`,
      [access.datasetId],
    ),
    llmAgreementByAgent(access.datasetId, compared),
    llmAgreementByQuestion(access.datasetId, compared),
  ]);
  const agents = rows.map((row): LlmAgent => {
    const answered = new Set(row.questionIds);
    const figures = byAgent.get(row.agent);
    return {
      agent: row.agent,
      models: [...row.models].sort(),
      suggestions: row.suggestions,
      records: row.records,
      questions: config.questions.filter((q) => answered.has(q.id)).map((q) => q.name),
      fromRuns: row.fromRuns,
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      // Decimal(12, 6) per suggestion: round the float sum back to micro-dollars.
      costUsd: Math.round(row.costUsd * 1e6) / 1e6,
      costKnown: row.costKnown,
      agreement: compared
        .filter((q) => answered.has(q.id))
        .map((q) => ({ name: q.name, title: q.title, agreement: figures?.get(q.name) ?? { successes: 0, n: 0, value: null, interval: null } })),
    };
  });
  return {
    datasetId: access.datasetId,
    suggestions: rows.reduce((sum, row) => sum + row.suggestions, 0),
    agents,
    proposal: compared.map((q) => ({ name: q.name, title: q.title, agreement: byQuestion.get(q.name)! })),
  };
}
