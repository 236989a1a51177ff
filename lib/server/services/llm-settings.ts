// A dataset's LLM settings as curators edit them (the LLM tab and `/api/v1/datasets/{id}/llm-settings`): who
// proposes for which questions with which strategy, and the prompt templates. Saving validates the whole settings
// (zod, then `checkLlmSettings`, then the workspace's providers and their models) and refuses them whole, each problem
// named by its path; the prompt preview plans the votes exactly as the worker does (`planVotes` on the same
// PromptContext), and the run estimate counts the calls a run would make.
import { z } from "zod";
import type { ChatMessage, OutputSchema, PromptVariant, Strategy } from "@/lib/llm/contracts";
import {
  checkLlmSettings,
  datasetLlmSettingsSchema,
  proposerSchema,
  readDatasetLlmSettings,
  type DatasetLlmSettings,
  type LlmSettingsProblem,
} from "@/lib/llm/dataset-llm-settings";
import { agentName, checkTemplate, planVotes } from "@/lib/llm/prompts";
import { readCapabilities, type ProviderCapabilities, type ProviderModel } from "@/lib/llm/provider-settings";
import { getQuestionType, parseQuestionSettings, type StrategyKind } from "@/lib/questions";
import type { Actor } from "@/lib/server/auth/actor";
import { db, pool } from "@/lib/server/db/client";
import { prismaQueryable } from "@/lib/server/db/prisma-queryable";
import { ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { promptContexts, promptQuestions } from "@/lib/server/llm/prompt-context";
import { can } from "@/lib/server/policy";
import { datasetAccess, type DatasetAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { storedModels } from "@/lib/server/services/llm-providers-view";
import { startRunSchema, type StartRunInput } from "@/lib/server/services/llm-runs";
import { recordFilterConditions } from "@/lib/server/services/record-filter";
import { zodDetails } from "@/lib/server/validation";

/** A provider as the LLM tab needs it: never its key or URL. */
export interface LlmSettingsProvider {
  id: string;
  name: string;
  models: ProviderModel[];
  capabilities: ProviderCapabilities | null;
}

/** A question with what its type accepts, so the form offers only that (and never switches on the type). */
export interface LlmSettingsQuestion {
  name: string;
  title: string;
  type: string;
  strategies: StrategyKind[];
  variants: PromptVariant[];
  /** The options (a judge's candidates for ranking questions); null for types without options. */
  options: { value: string; text: string }[] | null;
  /** Whether a judge's rating or critique of a candidate can be stored as a suggestion on this question. */
  receivesJudgements: boolean;
}

export interface LlmSettingsView {
  datasetId: string;
  settings: DatasetLlmSettings;
  providers: LlmSettingsProvider[];
  questions: LlmSettingsQuestion[];
  fields: { name: string; title: string; type: string }[];
  /** What keeps the saved settings from being used for a run, each at its path (`proposers[0].strategy`). */
  problems: LlmSettingsProblem[];
  /** Whether the caller may add providers (admins): the empty state links to the providers page. */
  canManageProviders: boolean;
}

function questionView(question: DatasetConfig["questions"][number]): LlmSettingsQuestion {
  const type = getQuestionType(question.type);
  const settings = parseQuestionSettings(question.type, question.settings);
  const options = settings.ok ? type.llm.options(settings.value) : null;
  return {
    name: question.name,
    title: question.title,
    type: question.type,
    strategies: [...type.llm.strategies],
    variants: [...type.llm.variants],
    options: options ? options.map((option) => ({ value: option.value, text: option.text })) : null,
    receivesJudgements: typeof type.llm.fromJudgement === "function",
  };
}

async function workspaceProviders(workspaceId: string): Promise<LlmSettingsProvider[]> {
  const rows = await db.llmProvider.findMany({ where: { workspaceId }, orderBy: { name: "asc" } });
  return rows.map((row) => ({ id: row.id, name: row.name, models: storedModels(row.models), capabilities: readCapabilities(row.capabilities) }));
}

/** Everything that keeps settings from being used: the prompt builders' view, then the workspace's providers. */
function problemsOf(settings: DatasetLlmSettings, config: DatasetConfig, providers: LlmSettingsProvider[]): LlmSettingsProblem[] {
  const problems = checkLlmSettings(
    settings,
    promptQuestions(config),
    config.fields.map((field) => field.name),
  );
  settings.proposers.forEach((proposer, index) => {
    const provider = providers.find((candidate) => candidate.id === proposer.providerId);
    if (!provider) {
      problems.push({ path: `proposers[${index}].providerId`, message: "LLM provider not found in this dataset's workspace" });
    } else if (!provider.models.some((model) => model.name === proposer.model)) {
      problems.push({
        path: `proposers[${index}].model`,
        message: `"${proposer.model}" is not a model of ${provider.name} (its models: ${provider.models.map((model) => model.name).join(", ") || "none"})`,
      });
    }
  });
  return problems;
}

async function view(access: DatasetAccess, config: DatasetConfig, raw: unknown): Promise<LlmSettingsView> {
  const settings = readDatasetLlmSettings(raw);
  const providers = await workspaceProviders(access.workspaceId);
  return {
    datasetId: config.id,
    settings,
    providers,
    questions: config.questions.map(questionView),
    fields: config.fields.map(({ name, title, type }) => ({ name, title, type })),
    problems: problemsOf(settings, config, providers),
    canManageProviders: can(access.role, "llm.providers.manage"),
  };
}

export async function getLlmSettings(actor: Actor, datasetId: string): Promise<LlmSettingsView> {
  const access = await datasetAccess(actor, datasetId, "llm.runs.manage");
  const config = await loadDatasetConfig(access.datasetId);
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: access.datasetId }, select: { llm: true } });
  return view(access, config, dataset.llm);
}

function toDetails(problems: LlmSettingsProblem[]): ErrorDetail[] {
  return problems.map((problem) => ({ where: problem.path, message: problem.message }));
}

/**
 * Replaces the dataset's LLM settings. Refused whole (400, each problem at its path) when they do not validate, name
 * questions, fields or strategies the dataset cannot use, or a provider or model outside the dataset's workspace.
 */
export async function updateLlmSettings(actor: Actor, datasetId: string, input: unknown): Promise<LlmSettingsView> {
  const access = await datasetAccess(actor, datasetId, "llm.runs.manage");
  const parsed = datasetLlmSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const details = zodDetails(parsed.error);
    throw new ValidationError(`The LLM settings are not valid: ${details.map((detail) => (detail.where ? `${detail.where}: ` : "") + detail.message).join("; ")}.`, details);
  }
  const settings = parsed.data;
  // Blank templates mean "the default": they are dropped rather than stored.
  settings.templates = Object.fromEntries(Object.entries(settings.templates).filter(([, template]) => template.trim() !== ""));
  const config = await loadDatasetConfig(access.datasetId);
  const providers = await workspaceProviders(access.workspaceId);
  const problems = problemsOf(settings, config, providers);
  if (problems.length > 0) {
    throw new ValidationError(
      `The LLM settings have ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was saved.`,
      toDetails(problems),
    );
  }
  const before = await db.dataset.findUniqueOrThrow({ where: { id: access.datasetId }, select: { llm: true } });
  const previous = readDatasetLlmSettings(before.llm);
  await db.$transaction(async (tx) => {
    await tx.dataset.update({ where: { id: access.datasetId }, data: { llm: settings } });
    await writeAudit(prismaQueryable(tx), {
      workspaceId: access.workspaceId,
      actorId: actor.userId,
      action: "dataset.llm_settings.update",
      targetType: "dataset",
      targetId: access.datasetId,
      details: {
        proposers: settings.proposers.map((proposer) => ({ model: proposer.model, questions: proposer.questions, strategy: proposer.strategy.kind })),
        templatesChanged: Object.keys({ ...previous.templates, ...settings.templates }).filter(
          (name) => previous.templates[name] !== settings.templates[name],
        ),
        temperature: settings.temperature,
      },
    });
  });
  return view(access, config, settings);
}

// ── preview ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** A proposer being edited: the saved shape, where the provider and the questions do not matter to a preview. */
const draftProposerSchema = proposerSchema.partial({ providerId: true, questions: true });

export const previewRequestSchema = z
  .object({
    /** A saved proposer (its index in `proposers`), or one being edited; absent: the first saved proposer asking the question. */
    proposer: z.union([z.int().min(0), draftProposerSchema]).optional(),
    /** The question's name. */
    question: z.string().min(1, "question is required"),
    /** The sample record; absent (with `externalId`): the dataset's first record by import order. */
    recordId: z.uuid("recordId must be a record's id").optional(),
    externalId: z.string().trim().min(1).max(500).optional(),
    /** A template being edited, previewed instead of the saved one; "" previews the default. */
    template: z.string().max(20_000, "a template is at most 20,000 characters").optional(),
  })
  .strict();

export type PreviewRequest = z.input<typeof previewRequestSchema>;

export interface PreviewCall {
  messages: ChatMessage[];
  output: OutputSchema;
  /** The temperature the worker sends: the call's own (samples), else the settings' default. */
  temperature: number;
  /** Logprobs strategy: the answer tokens whose probabilities make the distribution. */
  logprobChoices: string[] | null;
}

export interface PreviewPlan {
  label: string;
  variant: string;
  /** The suggestions' agent name, e.g. `gpt-4o-mini/letters`. */
  agent: string;
  calls: PreviewCall[];
}

export interface PromptPreview {
  record: { id: string; externalId: string; importOrder: number };
  question: string;
  model: string;
  strategy: Strategy;
  /** Whether a curator's template (saved or being edited) was used rather than the default. */
  customTemplate: boolean;
  /** What `checkTemplate` finds in that template (unknown placeholders stay visible in the messages). */
  templateProblems: string[];
  plans: PreviewPlan[];
}

async function sampleRecord(datasetId: string, request: { recordId?: string; externalId?: string }) {
  const select = { id: true, externalId: true, importOrder: true, fields: true } as const;
  if (request.recordId || request.externalId) {
    const record = await db.record.findFirst({
      where: { datasetId, ...(request.recordId ? { id: request.recordId } : { externalId: request.externalId }) },
      select,
    });
    if (!record) {
      throw new ValidationError("The sample record is not a record of this dataset.", [
        { where: request.recordId ? "recordId" : "externalId", message: "no such record in this dataset" },
      ]);
    }
    return record;
  }
  const first = await db.record.findFirst({ where: { datasetId }, orderBy: { importOrder: "asc" }, select });
  if (!first) {
    throw new ValidationError("This dataset has no records yet: import some to preview a prompt.", [
      { where: "recordId", message: "the dataset has no records" },
    ]);
  }
  return first;
}

/**
 * The exact messages of every vote of one proposer on one question for a sample record: the same PromptContext and
 * `planVotes` as the worker, with the temperature it sends.
 */
export async function previewPrompt(actor: Actor, datasetId: string, input: unknown): Promise<PromptPreview> {
  const access = await datasetAccess(actor, datasetId, "llm.runs.manage");
  const parsed = previewRequestSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The preview request is not valid.", zodDetails(parsed.error));
  const request = parsed.data;
  const config = await loadDatasetConfig(access.datasetId);
  if (!config.questions.some((question) => question.name === request.question)) {
    throw new ValidationError(`The dataset has no question "${request.question}".`, [
      { where: "question", message: `unknown question (the dataset has ${config.questions.map((question) => question.name).join(", ")})` },
    ]);
  }
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: access.datasetId }, select: { llm: true } });
  const settings = readDatasetLlmSettings(dataset.llm);

  let proposer: { model: string; strategy: Strategy; selfEvaluate: boolean };
  if (typeof request.proposer === "number") {
    const saved = settings.proposers[request.proposer];
    if (!saved) {
      throw new ValidationError(`The dataset has ${settings.proposers.length} proposer(s); there is no proposer ${request.proposer}.`, [
        { where: "proposer", message: "no such proposer" },
      ]);
    }
    proposer = saved;
  } else if (request.proposer) {
    proposer = request.proposer;
  } else {
    const asking = settings.proposers.find((candidate) => candidate.questions.includes(request.question));
    if (!asking) {
      throw new ValidationError(`No proposer asks "${request.question}" yet: add one, or send the proposer to preview.`, [
        { where: "proposer", message: "no proposer asks this question" },
      ]);
    }
    proposer = asking;
  }

  const record = await sampleRecord(access.datasetId, request);
  const templates = request.template === undefined ? settings.templates : { ...settings.templates, [request.question]: request.template };
  const [ctx] = promptContexts(
    config,
    { templates },
    { questions: [request.question], selfEvaluate: proposer.selfEvaluate },
    record.fields as Record<string, unknown>,
    record.id,
  );
  let plans;
  try {
    plans = planVotes(ctx!, proposer.strategy, proposer.model);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`This strategy cannot be used for "${request.question}": ${message}`, [
      { where: typeof request.proposer === "object" ? "proposer.strategy" : "strategy", message },
    ]);
  }
  const template = templates[request.question];
  const customTemplate = template !== undefined && template.trim() !== "";
  return {
    record: { id: record.id, externalId: record.externalId, importOrder: Number(record.importOrder) },
    question: request.question,
    model: proposer.model,
    strategy: proposer.strategy,
    customTemplate,
    templateProblems: customTemplate ? checkTemplate(template!, config.fields.map((field) => field.name)).problems : [],
    plans: plans.map((plan) => ({
      label: plan.label,
      variant: plan.variant,
      agent: agentName(proposer.model, plan),
      calls: plan.calls.map((call) => ({
        messages: call.messages,
        output: call.output,
        temperature: call.temperature ?? settings.temperature,
        logprobChoices: call.logprobChoices ?? null,
      })),
    })),
  };
}

/** About four characters a token in English text: enough for an order of magnitude before a run. */
function roughTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

// ── run estimate ────────────────────────────────────────────────────────────────────────────────────────────────

export interface RunEstimate {
  /** Records the run would take (the filter's matches, at most `limit`). */
  records: number;
  /** Votes (suggestions) per record over every proposer and question. */
  votesPerRecord: number;
  /** Chat calls per record (a `true_false` vote or a pairwise judge makes several). */
  callsPerRecord: number;
  /** records × calls per record: an upper bound, since pairs that already have a suggestion are skipped. */
  calls: number;
  /** Rough input tokens and their cost, from the first matching record's prompts; output tokens come on top. */
  inputTokens: number;
  inputCostUsd: number;
}

/** How many records and calls a run with this scope would make, before starting it. */
export async function estimateRun(actor: Actor, datasetId: string, input: StartRunInput): Promise<RunEstimate> {
  const access = await datasetAccess(actor, datasetId, "llm.runs.manage");
  const parsed = startRunSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The run's scope is not valid.", zodDetails(parsed.error));
  const config = await loadDatasetConfig(access.datasetId);
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: access.datasetId }, select: { llm: true } });
  const settings = readDatasetLlmSettings(dataset.llm);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = recordFilterConditions(config, parsed.data.filter, param).join(" AND ");
  const counted = await pool().query<{ count: string; first: string | null }>(
    `SELECT count(*) AS count, (SELECT r.id FROM "Record" r WHERE ${where} ORDER BY r."importOrder" LIMIT 1) AS first
     FROM "Record" r WHERE ${where}`,
    params,
  );
  const matching = Number(counted.rows[0]?.count ?? 0);
  const records = parsed.data.limit !== undefined ? Math.min(matching, parsed.data.limit) : matching;
  const firstId = counted.rows[0]?.first ?? null;
  const first = firstId ? await db.record.findUnique({ where: { id: firstId }, select: { id: true, fields: true } }) : null;
  const providers = await workspaceProviders(access.workspaceId);

  let votesPerRecord = 0;
  let callsPerRecord = 0;
  let inputTokens = 0;
  let inputCostUsd = 0;
  for (const proposer of settings.proposers) {
    const price = providers.find((provider) => provider.id === proposer.providerId)?.models.find((model) => model.name === proposer.model)?.inputPricePerMillion ?? 0;
    const fields = (first?.fields ?? {}) as Record<string, unknown>;
    for (const ctx of promptContexts(config, settings, proposer, fields, first?.id ?? "estimate")) {
      let plans;
      try {
        plans = planVotes(ctx, proposer.strategy, proposer.model);
      } catch {
        continue; // a strategy that does not apply: the settings' problems say so, and the run refuses to start
      }
      votesPerRecord += plans.length;
      for (const plan of plans) {
        callsPerRecord += plan.calls.length;
        for (const call of plan.calls) {
          const tokens = roughTokens(call.messages.map((message) => message.content).join("\n"));
          inputTokens += tokens * records;
          inputCostUsd += (tokens * records * price) / 1_000_000;
        }
      }
    }
  }
  return { records, votesPerRecord, callsPerRecord, calls: records * callsPerRecord, inputTokens, inputCostUsd };
}
