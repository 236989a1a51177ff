// A dataset's LLM settings against a real PostgreSQL: curators save them (audited), invalid ones are refused whole
// with each problem at its path, providers of other workspaces are refused, the prompt preview is exactly what
// `planVotes` plans for the worker, the run estimate counts calls, and annotators and other workspaces get nowhere.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { PromptContext } from "@/lib/llm/contracts";
import { agentName, planVotes } from "@/lib/llm/prompts";
import { db } from "@/lib/server/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { createLlmProvider } from "@/lib/server/services/llm-providers";
import { startRun } from "@/lib/server/services/llm-runs";
import { estimateRun, getLlmSettings, previewPrompt, updateLlmSettings } from "@/lib/server/services/llm-settings";
import { importRecords } from "@/lib/server/services/record-import";
import { createSentimentDataset, createTestWorkspace, type TestWorkspace } from "./fixtures";

let ws: TestWorkspace;
let other: TestWorkspace;
let datasetId: string;
let providerId: string;
let otherProviderId: string;

const provider = (name: string) => ({
  name,
  baseUrl: "http://127.0.0.1:9/v1",
  models: [
    { name: "fake-model", inputPricePerMillion: 0.5, outputPricePerMillion: 1.5 },
    { name: "fake-model-large", inputPricePerMillion: 2, outputPricePerMillion: 6 },
  ],
});

function records(count: number): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ externalId: `r-${String(i).padStart(3, "0")}`, fields: { text: `Review ${i}: it was ${i % 2 ? "great" : "awful"}` } }),
  ).join("\n");
}

const variants = (list: string[]) => ({
  proposers: [{ providerId, model: "fake-model", questions: ["sentiment"], strategy: { kind: "variants", variants: list }, selfEvaluate: true }],
});

/** What a rejected call threw, for assertions on its details. */
async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

async function storedLlm(): Promise<unknown> {
  return (await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { llm: true } })).llm;
}

beforeAll(async () => {
  process.env.SIFT_ENCRYPTION_KEY ||= randomBytes(32).toString("base64");
  [ws, other] = await Promise.all([createTestWorkspace(1), createTestWorkspace(1)]);
  ({ id: datasetId } = await createSentimentDataset(ws, { guidelines: "Label the **overall** sentiment." }));
  await importRecords(ws.curator, datasetId, records(8));
  providerId = (await createLlmProvider(ws.admin, ws.slug, { ...provider("Fake"), apiKey: "sk-secret-never-shown" })).id;
  otherProviderId = (await createLlmProvider(other.admin, other.slug, provider("Elsewhere"))).id;
});

describe("reading and saving LLM settings", () => {
  it("starts empty, lists the workspace's providers without keys and what each question accepts", async () => {
    const view = await getLlmSettings(ws.curator, datasetId);
    expect(view.settings).toEqual({ proposers: [], templates: {}, temperature: 0 });
    expect(view.problems).toEqual([]);
    expect(view.canManageProviders).toBe(false);
    expect(view.providers).toEqual([{ id: providerId, name: "Fake", models: provider("Fake").models, capabilities: null }]);
    expect(JSON.stringify(view)).not.toContain("sk-secret");
    expect(view.questions).toEqual([
      expect.objectContaining({
        name: "sentiment",
        type: "label",
        strategies: ["single", "variants", "samples", "logprobs"],
        variants: ["plain", "instruction_after", "shuffled_options", "paraphrase", "true_false", "letters"],
        options: [
          { value: "pos", text: "pos" },
          { value: "neg", text: "neg" },
        ],
      }),
    ]);
    expect((await getLlmSettings(ws.admin, datasetId)).canManageProviders).toBe(true);
  });

  it("saves valid settings, drops blank templates and writes an audit event", async () => {
    const saved = await updateLlmSettings(ws.curator, datasetId, {
      ...variants(["plain", "letters"]),
      templates: { sentiment: "{{question}}\n\n{{options}}\n\nReview: {{field.text}}\n\n{{format}}" },
      temperature: 0.2,
    });
    expect(saved.problems).toEqual([]);
    expect(saved.settings.proposers[0]).toMatchObject({ providerId, model: "fake-model", strategy: { kind: "variants", variants: ["plain", "letters"] } });
    expect(await storedLlm()).toMatchObject({ temperature: 0.2, templates: { sentiment: expect.stringContaining("{{field.text}}") } });
    const audit = await db.auditEvent.findFirst({ where: { targetId: datasetId, action: "dataset.llm_settings.update" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ actorId: ws.curator.userId, workspaceId: ws.workspaceId });
    expect(audit?.details).toMatchObject({ templatesChanged: ["sentiment"], proposers: [{ model: "fake-model", strategy: "variants" }] });

    const blank = await updateLlmSettings(ws.curator, datasetId, { ...variants(["plain", "letters"]), templates: { sentiment: "  " } });
    expect(blank.settings.templates).toEqual({});
  });

  it("refuses invalid settings whole, naming each problem's path, and saves nothing", async () => {
    await updateLlmSettings(ws.curator, datasetId, variants(["plain", "letters"]));
    const before = await storedLlm();

    const schema = await rejection(updateLlmSettings(ws.curator, datasetId, variants(["plain"])));
    expect(schema.details).toContainEqual({ where: "proposers[0].strategy.variants", message: "choose at least two prompt variants: each one is a vote" });

    const judge = await rejection(
      updateLlmSettings(ws.curator, datasetId, {
        proposers: [{ providerId, model: "fake-model", questions: ["sentiment"], strategy: { kind: "judge", mode: "pairwise" } }],
      }),
    );
    expect(judge.details).toEqual([{ where: "proposers[0].strategy", message: expect.stringContaining("label questions accept the strategies") }]);

    const many = await rejection(
      updateLlmSettings(ws.curator, datasetId, {
        proposers: [
          { providerId, model: "fake-model", questions: ["sentiment", "nope"], strategy: { kind: "single" } },
          { providerId, model: "gpt-9", questions: ["sentiment"], strategy: { kind: "single" } },
        ],
        templates: { sentiment: "{{question}} {{field.missing}} {{shrug}}" },
      }),
    );
    expect(many.message).toContain("nothing was saved");
    expect(many.details.map((detail) => detail.where)).toEqual(
      expect.arrayContaining(["proposers[0].questions", "proposers[1].model", "templates.sentiment"]),
    );
    expect(many.details.find((detail) => detail.where === "proposers[1].model")?.message).toContain("is not a model of Fake");
    expect(many.details.filter((detail) => detail.where === "templates.sentiment").map((detail) => detail.message).join(" ")).toMatch(
      /\{\{field\.missing\}\}.*no such field[\s\S]*\{\{shrug\}\}: unknown placeholder/,
    );
    expect(await storedLlm()).toEqual(before);
  });

  it("refuses a provider of another workspace as not found, and saves nothing", async () => {
    const before = await storedLlm();
    const error = await rejection(
      updateLlmSettings(ws.curator, datasetId, {
        proposers: [{ providerId: otherProviderId, model: "fake-model", questions: ["sentiment"], strategy: { kind: "single" } }],
      }),
    );
    expect(error.details).toEqual([{ where: "proposers[0].providerId", message: "LLM provider not found in this dataset's workspace" }]);
    expect(JSON.stringify(error)).not.toContain("Elsewhere");
    expect(await storedLlm()).toEqual(before);
  });
});

describe("the prompt preview", () => {
  it("returns exactly the messages planVotes makes for the first record, with agent names and temperatures", async () => {
    await updateLlmSettings(ws.curator, datasetId, { ...variants(["plain", "letters", "true_false"]), temperature: 0.3 });
    const preview = await previewPrompt(ws.curator, datasetId, { proposer: 0, question: "sentiment" });
    const first = await db.record.findFirstOrThrow({ where: { datasetId }, orderBy: { importOrder: "asc" } });
    expect(preview.record).toEqual({ id: first.id, externalId: "r-000", importOrder: Number(first.importOrder) });

    const question = await db.question.findFirstOrThrow({ where: { datasetId, name: "sentiment" } });
    const promptQuestion = { name: "sentiment", title: question.title, description: question.description, type: "label", settings: question.settings };
    const ctx: PromptContext = {
      guidelines: "Label the **overall** sentiment.",
      fields: [{ name: "text", title: "Text", type: "text" }],
      recordFields: { text: "Review 0: it was awful" },
      question: promptQuestion,
      questions: [promptQuestion],
      selfEvaluate: true,
      seed: `${first.id}:sentiment`,
    };
    const strategy = { kind: "variants" as const, variants: ["plain" as const, "letters" as const, "true_false" as const] };
    const plans = planVotes(ctx, strategy, "fake-model");
    expect(preview.plans.map((plan) => plan.agent)).toEqual(["fake-model/plain", "fake-model/letters", "fake-model/true_false"]);
    expect(preview.plans.map((plan) => plan.agent)).toEqual(plans.map((plan) => agentName("fake-model", plan)));
    expect(preview.plans.map((plan) => plan.calls.map((call) => call.messages))).toEqual(plans.map((plan) => plan.calls.map((call) => call.messages)));
    expect(preview.plans.map((plan) => plan.calls.map((call) => call.output))).toEqual(plans.map((plan) => plan.calls.map((call) => call.output)));
    expect(preview.plans[2]!.calls).toHaveLength(2); // true/false: one call per option
    expect(preview.plans.flatMap((plan) => plan.calls.map((call) => call.temperature))).toEqual([0.3, 0.3, 0.3, 0.3]);
    expect(preview.plans[0]!.calls[0]!.messages[1]!.content).toContain("Review 0: it was awful");
    expect(preview.customTemplate).toBe(false);
  });

  it("previews a proposer and a template being edited, and another sample record by external id", async () => {
    const preview = await previewPrompt(ws.curator, datasetId, {
      proposer: { model: "fake-model-large", strategy: { kind: "samples", count: 2, temperature: 0.9 }, selfEvaluate: false },
      question: "sentiment",
      externalId: "r-003",
      template: "Text: {{field.text}}\n{{unknown}}",
    });
    expect(preview.record.externalId).toBe("r-003");
    expect(preview.plans.map((plan) => plan.agent)).toEqual(["fake-model-large/sample-1", "fake-model-large/sample-2"]);
    expect(preview.plans[0]!.calls[0]!.temperature).toBe(0.9);
    const user = preview.plans[0]!.calls[0]!.messages.find((message) => message.role === "user")!.content;
    expect(user).toContain("Text: Review 3: it was great");
    expect(user).toContain("{{unknown}}"); // left as written, and named
    expect(preview.customTemplate).toBe(true);
    expect(preview.templateProblems).toEqual([expect.stringContaining("{{unknown}}: unknown placeholder")]);
  });

  it("names what is wrong with a preview request", async () => {
    expect((await rejection(previewPrompt(ws.curator, datasetId, { proposer: 0, question: "nope" }))).details[0]?.where).toBe("question");
    expect((await rejection(previewPrompt(ws.curator, datasetId, { proposer: 7, question: "sentiment" }))).details[0]?.where).toBe("proposer");
    expect((await rejection(previewPrompt(ws.curator, datasetId, { proposer: 0, question: "sentiment", externalId: "zzz" }))).details[0]?.where).toBe(
      "externalId",
    );
    const judge = await rejection(
      previewPrompt(ws.curator, datasetId, { proposer: { model: "m", strategy: { kind: "judge", mode: "listwise" } }, question: "sentiment" }),
    );
    expect(judge.details[0]).toMatchObject({ where: "proposer.strategy", message: expect.stringContaining("accept the strategies") });
  });
});

describe("run estimate and scope validation", () => {
  it("counts records × calls for a trial run", async () => {
    await updateLlmSettings(ws.curator, datasetId, variants(["plain", "letters"]));
    const estimate = await estimateRun(ws.curator, datasetId, { limit: 5 });
    expect(estimate).toMatchObject({ records: 5, votesPerRecord: 2, callsPerRecord: 2, calls: 10 });
    expect(estimate.inputTokens).toBeGreaterThan(0);
    expect(estimate.inputCostUsd).toBeCloseTo((estimate.inputTokens * 0.5) / 1_000_000, 9);
    expect((await estimateRun(ws.curator, datasetId, { filter: { q: "great" } })).records).toBe(4);
  });

  it("answers an invalid run scope with a 400 naming the path, not a server error", async () => {
    const error = await rejection(startRun(ws.curator, datasetId, { limit: 0 }));
    expect(error.details[0]?.where).toBe("limit");
    expect((await rejection(estimateRun(ws.curator, datasetId, { filter: { decision: "maybe" as "human" } }))).details[0]?.where).toBe("filter.decision");
  });
});

describe("who may", () => {
  it("refuses annotators (403) and other workspaces (404)", async () => {
    const annotator = ws.annotators[0]!;
    await expect(getLlmSettings(annotator, datasetId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateLlmSettings(annotator, datasetId, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(previewPrompt(annotator, datasetId, { question: "sentiment" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(estimateRun(annotator, datasetId, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getLlmSettings(other.curator, datasetId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateLlmSettings(other.admin, datasetId, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(previewPrompt(other.admin, datasetId, { question: "sentiment" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
