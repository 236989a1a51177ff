import { Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { db, pool } from "@/lib/server/db/client";
import { encryptSecret } from "@/lib/server/crypto/secret-box";
import { ForbiddenError, ValidationError } from "@/lib/server/errors";
import { createDataset } from "@/lib/server/services/datasets";
import { exportDatasetFolder } from "@/lib/server/services/dataset-folder";
import { importDatasetFolder } from "@/lib/server/services/dataset-folder-import";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { saveResponse } from "@/lib/server/services/responses";
import { createTestWorkspace, type TestWorkspace } from "./fixtures";

const richSettings = {
  name: "Rich",
  description: "Every question type, suggestions with all their attributes, several annotators.",
  guidelines: "# Guidelines\nBe careful.",
  fields: [
    { name: "prompt", title: "Prompt", type: "text" as const, required: true },
    { name: "answer_a", title: "Answer A", type: "markdown" as const, required: true },
    { name: "answer_b", title: "Answer B", type: "text" as const, required: false },
  ],
  questions: [
    { name: "topic", title: "Topic", type: "label" as const, settings: { options: [{ value: "math" }, { value: "code" }] } },
    { name: "tags", title: "Tags", type: "multi_label" as const, required: false, settings: { options: [{ value: "x" }, { value: "y" }, { value: "z" }] } },
    { name: "preference", title: "Preference", type: "ranking" as const, settings: { options: [{ value: "answer_a" }, { value: "answer_b" }] } },
    { name: "quality", title: "Quality", type: "rating" as const, settings: { min: 1, max: 5 } },
    { name: "comment", title: "Comment", type: "text" as const, required: false, settings: {} },
  ],
  metadata: [
    { name: "source", title: "Source", type: "terms" as const, visibleForAnnotators: false },
    { name: "turns", title: "Turns", type: "integer" as const },
  ],
  distribution: { minSubmitted: 2, blind: true },
  // 9 of 12 to people: rich-000 … rich-008 (the responses below go to records the queue serves), the rest accepted.
  routing: { policy: "budget", humanShare: 0.75 },
};

function richRecords(count: number): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      externalId: `rich-${String(i).padStart(3, "0")}`,
      fields: { prompt: `What is ${i} + ${i}?`, answer_a: `**${2 * i}**`, ...(i % 2 ? { answer_b: `${2 * i + 1}` } : {}) },
      metadata: { source: i % 3 ? "mt-bench" : "arena", turns: 1 + (i % 2) },
      suggestions: [
        { question: "topic", agent: "judge:gpt/ab", value: "math", score: 0.9, rationale: "It is arithmetic.", distribution: { math: 0.9, code: 0.1 }, model: "gpt" },
        { question: "topic", agent: "judge:gpt/ba", value: i % 4 === 0 ? "code" : "math", score: 0.55 },
        { question: "topic", agent: "broken", value: null },
        { question: "tags", agent: "tagger", value: ["x", "z"] },
        { question: "preference", agent: "judge:gpt/ab", value: ["answer_a", "answer_b"], rationale: "A is right." },
        { question: "quality", agent: "rater", value: 4, score: 0.7 },
        { question: "comment", agent: "writer", value: `Looks fine (${i}).` },
      ],
    }),
  ).join("\n");
}

async function archiveOf(actor: Actor, datasetId: string): Promise<Buffer> {
  const folder = await exportDatasetFolder(actor, datasetId);
  return Buffer.from(await new Response(folder.stream).arrayBuffer());
}

async function filesOf(archive: Buffer): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on("end", () => {
      files[header.name] = Buffer.concat(chunks).toString("utf8");
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on("finish", resolve);
    extract.on("error", reject);
    Readable.from([archive]).pipe(createGunzip()).pipe(extract);
  });
  return files;
}

function body(archive: Buffer): AsyncIterable<Uint8Array> {
  return Readable.from([archive]);
}

async function provider(workspaceId: string): Promise<string> {
  const row = await db.llmProvider.create({
    data: { workspaceId, name: "shared-endpoint", baseUrl: "http://127.0.0.1:9/v1", apiKeyEncrypted: encryptSecret("sk-secret-never-exported"), models: [{ name: "gpt" }] },
  });
  return row.id;
}

/** A published dataset with everything a folder must carry. */
async function richDataset(workspace: TestWorkspace): Promise<string> {
  const { id } = await createDataset(workspace.admin, workspace.workspaceId, richSettings, { publish: true });
  const providerId = await provider(workspace.workspaceId);
  await db.dataset.update({
    where: { id },
    data: {
      llm: {
        proposers: [{ providerId, model: "gpt", questions: ["topic"], strategy: { kind: "variants", variants: ["plain", "letters"] }, selfEvaluate: true }],
        templates: { topic: "Classify {{prompt}}" },
        temperature: 0.2,
      },
    },
  });
  await importRecords(workspace.curator, id, richRecords(12));
  // What an LLM run records on its suggestions: the variant, tokens, cost and the raw answer.
  await pool().query(
    `UPDATE "Suggestion" s SET "promptVariant" = 'letters', "inputTokens" = 120, "outputTokens" = 7, "costUsd" = 0.000123, "rawOutput" = '{"label":"math"}'
     FROM "Record" r WHERE r.id = s."recordId" AND r."datasetId" = $1 AND s.agent = 'judge:gpt/ab'`,
    [id],
  );
  await recomputeDataset(id);
  const records = await db.record.findMany({ where: { datasetId: id }, orderBy: { importOrder: "asc" } });
  const [first, second] = workspace.annotators;
  const values = { topic: "math", tags: ["y"], preference: ["answer_b", "answer_a"], quality: 3, comment: "ok" };
  for (const record of records.slice(0, 6)) {
    await saveResponse(first!, record.id, { status: "submitted", values, timeSpentMs: 1500 });
    await saveResponse(second!, record.id, { status: record.importOrder % 2 ? "submitted" : "draft", values: { ...values, quality: 5 } });
  }
  await saveResponse(second!, records[7]!.id, { status: "discarded", values: {} });
  await pool().query(
    `INSERT INTO "FinalValue" ("recordId", "questionId", value, provenance, "resolvedById")
     SELECT $1, q.id, '"code"', 'curator', $2 FROM "Question" q WHERE q."datasetId" = $3 AND q.name = 'topic'
     ON CONFLICT ("recordId", "questionId") DO UPDATE SET value = EXCLUDED.value, provenance = 'curator', "resolvedById" = $2`,
    [records[10]!.id, workspace.curator.userId, id],
  );
  // The dataset is blind, so every answer is `written`; the first record with a human final value has its answers
  // travel as confirmations of the LLMs instead, with the final values they make (issue 13), to see that the folder
  // keeps both exactly.
  const confirmed = (
    await pool().query<{ recordId: string }>(
      `SELECT f."recordId" FROM "FinalValue" f JOIN "Record" r ON r.id = f."recordId"
       WHERE r."datasetId" = $1 AND f.provenance = 'human' ORDER BY r."importOrder" LIMIT 1`,
      [id],
    )
  ).rows[0]!.recordId;
  await pool().query(
    `UPDATE "Response" s SET origins = (SELECT jsonb_object_agg(key, 'confirmed') FROM jsonb_each(s.values)) WHERE s."recordId" = $1`,
    [confirmed],
  );
  await pool().query(`UPDATE "FinalValue" SET provenance = 'human_confirmed' WHERE "recordId" = $1 AND provenance = 'human'`, [confirmed]);
  return id;
}

/** A workspace holding the same users (matched by username), and a provider of the same name. */
async function sameTeamWorkspace(source: TestWorkspace, members: Actor[]): Promise<string> {
  const workspace = await db.workspace.create({ data: { slug: `copy-${source.slug}`, name: "Copy" } });
  await db.membership.createMany({
    data: members.map((member) => ({ workspaceId: workspace.id, userId: member.userId, role: member === source.admin ? ("admin" as const) : ("annotator" as const) })),
  });
  await provider(workspace.id);
  return workspace.id;
}

describe("dataset folders", () => {
  it("exports, imports into a fresh workspace and exports again byte for byte", async () => {
    const source = await createTestWorkspace(2);
    const datasetId = await richDataset(source);
    const first = await archiveOf(source.curator, datasetId);
    const files = await filesOf(first);
    expect(Object.keys(files)).toEqual(["settings.json", "records.jsonl"]);
    // No id of this Sift travels: not the dataset's, not a user's, not the provider's; and never a provider's key.
    const everything = files["settings.json"]! + files["records.jsonl"]!;
    expect(everything).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(everything).not.toContain("sk-secret");
    const lines = files["records.jsonl"]!.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(12);
    expect(lines[0].suggestions).toHaveLength(7);
    expect(lines[0].suggestions[0]).toMatchObject({ agent: "judge:gpt/ab", score: 0.9, distribution: { math: 0.9, code: 0.1 }, inputTokens: 120, outputTokens: 7, costUsd: "0.000123", promptVariant: "letters" });
    expect(lines[0].suggestions[2]).toEqual(expect.objectContaining({ agent: "broken", value: null }));
    expect(lines[0].responses.map((response: { user: string; status: string }) => [response.user, response.status])).toEqual([
      [source.annotators[0]!.username, "submitted"],
      [source.annotators[1]!.username, "submitted"],
    ]);
    expect(lines[1].responses[1].status).toBe("draft");
    expect(lines[7].responses).toEqual([expect.objectContaining({ status: "discarded" })]);
    expect(lines[10].finalValues.topic).toEqual({ value: "code", provenance: "curator", resolvedBy: source.curator.username });
    const provenances = new Set(lines.flatMap((line) => Object.values(line.finalValues).map((final) => (final as { provenance: string }).provenance)));
    expect([...provenances].sort()).toEqual(["curator", "human", "human_confirmed", "llm"]);
    const confirmedOnly = (line: { finalValues: Record<string, { provenance: string }> }) =>
      Object.values(line.finalValues).some((final) => final.provenance === "human_confirmed");
    expect(lines.find((line) => line.responses.length > 0 && !confirmedOnly(line)).responses[0].origins).toEqual({
      topic: "written",
      tags: "written",
      preference: "written",
      quality: "written",
      comment: "written",
    });
    expect(lines.find(confirmedOnly).responses[0].origins).toMatchObject({ topic: "confirmed", quality: "confirmed" });
    const settings = JSON.parse(files["settings.json"]!);
    expect(settings.llm.proposers[0]).toMatchObject({ provider: "shared-endpoint", model: "gpt" });
    expect(settings.dataset.distribution).toEqual({ minSubmitted: 2, blind: true });
    expect(settings.published).toBe(true);

    const targetId = await sameTeamWorkspace(source, [source.admin, source.curator, ...source.annotators]);
    const imported = await importDatasetFolder(source.admin, targetId, body(first));
    expect(imported).toMatchObject({ records: 12, suggestions: 84, responses: 13, unknownUsers: [], skippedResponses: 0, unknownProviders: [] });
    const copy = await db.record.findMany({ where: { datasetId: imported.datasetId }, orderBy: { importOrder: "asc" } });
    expect(copy.slice(0, 6).map((record) => record.submittedCount)).toEqual([2, 1, 2, 1, 2, 1]);

    // The second archive must be the same bytes: the files hold no ids at all, so none needs normalising.
    const second = await archiveOf(source.admin, imported.datasetId);
    expect(await filesOf(second)).toEqual(files);
    expect(second.equals(first)).toBe(true);
  });

  it("skips and counts the responses of users the workspace does not have, and names them", async () => {
    const source = await createTestWorkspace(2);
    const datasetId = await richDataset(source);
    const archive = await archiveOf(source.curator, datasetId);
    const targetId = await sameTeamWorkspace(source, [source.admin, source.annotators[0]!]);
    const imported = await importDatasetFolder(source.admin, targetId, body(archive));
    expect(imported.unknownUsers).toEqual([source.annotators[1]!.username, source.curator.username].sort());
    expect(imported.skippedResponses).toBe(7);
    expect(imported.responses).toBe(6);
    expect(await db.response.count({ where: { record: { datasetId: imported.datasetId } } })).toBe(6);
    // The curator's final value stays, without a resolver this workspace does not know.
    const curated = await db.finalValue.findMany({ where: { record: { datasetId: imported.datasetId }, provenance: "curator" } });
    expect(curated).toHaveLength(1);
    expect(curated[0]!.resolvedById).toBeNull();
  });

  it("imports nothing from a folder with a bad line, naming the line; annotators may not import", async () => {
    const source = await createTestWorkspace(2);
    const datasetId = await richDataset(source);
    const files = await filesOf(await archiveOf(source.curator, datasetId));
    const lines = files["records.jsonl"]!.trim().split("\n");
    lines[4] = JSON.stringify({ ...JSON.parse(lines[4]!), suggestions: [{ question: "nope", agent: "a", value: 1 }] });
    const pack = tar.pack();
    pack.entry({ name: "settings.json" }, files["settings.json"]!);
    pack.entry({ name: "records.jsonl" }, `${lines.join("\n")}\n`);
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of pack.pipe(createGzip())) chunks.push(chunk as Buffer);
    const broken = Buffer.concat(chunks);
    const targetId = await sameTeamWorkspace(source, [source.admin]);
    const error = await importDatasetFolder(source.admin, targetId, body(broken)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([{ where: "records.jsonl:5.suggestions[0].question", message: 'unknown question "nope"' }]);
    expect(await db.dataset.count({ where: { workspaceId: targetId } })).toBe(0);
    await expect(importDatasetFolder(source.annotators[0]!, source.workspaceId, body(broken))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
