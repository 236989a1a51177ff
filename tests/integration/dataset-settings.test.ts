import { describe, expect, it } from "vitest";
import type { DatasetSettingsInput } from "@/lib/datasets/settings";
import { PUBLISHED_REASONS } from "@/lib/datasets/settings-changes";
import { db } from "@/lib/server/db/client";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import {
  createDatasetFromBody,
  createDatasetWithSettings,
  getDatasetSettings,
  getDatasetSettingsForEditing,
  publishDataset,
  updateDatasetSettings,
} from "@/lib/server/services/dataset-settings";
import { importRecords } from "@/lib/server/services/record-import";
import { createTestWorkspace, sentimentRecords, sentimentSettings } from "./fixtures";

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const labelOptions = (settings: DatasetSettingsInput) =>
  (settings.questions[0]!.settings as { options: { value: string; text?: string }[] }).options;

describe("dataset settings", () => {
  it("creates a draft that reads back as the same settings.json, which creates the same dataset again", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createDatasetWithSettings(workspace.admin, workspace.slug, sentimentSettings);
    const read = await getDatasetSettings(workspace.annotators[0]!, id);
    expect(read.status).toBe("draft");
    expect(read.settings).toMatchObject({
      name: "Sentiment",
      guidelines: "Label the sentiment.",
      fields: [{ name: "text", title: "Text", type: "text", required: true }],
      questions: [{ name: "sentiment", type: "label", settings: { options: [{ value: "pos", text: "pos" }, { value: "neg", text: "neg" }] } }],
      metadata: [{ name: "source", type: "terms", visibleForAnnotators: false }],
      distribution: { minSubmitted: 1 },
      routing: { policy: "budget", humanShare: 0.3 },
      // Not given: the default, `auto` (issue 13).
      uncertainty: { method: "auto" },
    });
    // Round trip: the exported settings make an identical dataset.
    const copy = await createDatasetWithSettings(workspace.admin, workspace.workspaceId, { ...read.settings, name: "Copy" });
    const copied = await getDatasetSettings(workspace.admin, copy.id);
    expect({ ...copied.settings, name: "Sentiment" }).toEqual(read.settings);
    const audit = await db.auditEvent.findMany({ where: { targetId: id } });
    expect(audit.map((event) => event.action)).toEqual(["dataset.create"]);
  });

  it("creates from an API body, and refuses bad bodies naming the path", async () => {
    const workspace = await createTestWorkspace();
    const created = await createDatasetFromBody(workspace.admin, { workspace: workspace.slug, settings: sentimentSettings, publish: true });
    expect((await getDatasetSettings(workspace.admin, created.id)).status).toBe("published");
    const bad = await refusal(
      createDatasetFromBody(workspace.admin, {
        workspace: workspace.slug,
        settings: { ...sentimentSettings, name: "Bad", questions: [{ name: "q", type: "label", settings: { options: [{ value: "x" }] } }] },
      }),
    );
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.details).toContainEqual({ where: "questions[0].settings.options", message: "at least 2 options are required" });
    const companion = await refusal(
      createDatasetFromBody(workspace.admin, {
        workspace: workspace.slug,
        settings: { ...sentimentSettings, name: "Companion", questions: [{ name: "why", type: "text", settings: { companion: "nope" } }] },
      }),
    );
    expect(companion.details[0]).toMatchObject({ where: "questions[0].settings.companion", message: expect.stringContaining('"nope"') });
    const extra = await refusal(createDatasetFromBody(workspace.admin, { workspace: workspace.slug, settings: sentimentSettings, extra: 1 }));
    expect(extra.status).toBe(400);
    const duplicate = await refusal(createDatasetFromBody(workspace.admin, { workspace: workspace.slug, settings: sentimentSettings }));
    expect(duplicate).toBeInstanceOf(ConflictError);
  });

  it("edits a draft freely: removes and renames, adds questions, in one transaction, with an audit event", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createDatasetWithSettings(workspace.admin, workspace.slug, sentimentSettings);
    const updated = await updateDatasetSettings(workspace.admin, id, {
      description: "Short reviews",
      fields: [{ name: "review", title: "Review", type: "markdown", required: true }],
      questions: [
        { name: "stars", title: "Stars", type: "rating", settings: { min: 1, max: 5 } },
        { name: "why", type: "text", required: false, settings: { companion: "stars" } },
      ],
      metadata: [],
      distribution: { minSubmitted: 2 },
    });
    expect(updated.status).toBe("draft");
    expect(updated.settings.description).toBe("Short reviews");
    expect(updated.settings.fields).toEqual([{ name: "review", title: "Review", type: "markdown", required: true }]);
    expect(updated.settings.questions.map((question) => question.name)).toEqual(["stars", "why"]);
    expect(updated.settings.metadata).toEqual([]);
    expect(updated.settings.distribution).toEqual({ minSubmitted: 2, blind: false });
    expect(await db.question.count({ where: { datasetId: id } })).toBe(2);
    const audit = await db.auditEvent.findFirst({ where: { targetId: id, action: "dataset.update" } });
    expect(audit?.details).toMatchObject({ changed: ["description", "fields", "questions", "metadata", "distribution"], status: "draft" });
  });

  it("keeps a draft with records from orphaning their data, and says why", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createDatasetWithSettings(workspace.admin, workspace.slug, sentimentSettings);
    await importRecords(workspace.admin, id, sentimentRecords(3));
    const error = await refusal(updateDatasetSettings(workspace.admin, id, { metadata: [], questions: [{ name: "other", type: "text" }] }));
    expect(error.status).toBe(400);
    expect(error.code).toBe("change_refused");
    expect(error.message).toMatch(/while the dataset has records; nothing was saved/);
    expect(error.details.map((detail) => detail.message)).toEqual([
      expect.stringMatching(/^question "sentiment": 3 records exist: removing the question would delete/),
      expect.stringMatching(/^metadata property "source": 3 records exist/),
    ]);
    expect(await db.question.count({ where: { datasetId: id, name: "sentiment" } })).toBe(1);
  });

  it("publishes once, then refuses an unsafe change whole and lists every refused change", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createDatasetWithSettings(workspace.admin, workspace.slug, sentimentSettings);
    const published = await publishDataset(workspace.admin, id);
    expect(published.status).toBe("published");
    const again = await publishDataset(workspace.admin, id);
    expect(again.status).toBe("published");
    expect(await db.auditEvent.count({ where: { targetId: id, action: "dataset.publish" } })).toBe(1);

    const current = published.settings;
    const error = await refusal(
      updateDatasetSettings(workspace.admin, id, {
        guidelines: "Changed too, but refused with the rest",
        fields: [{ ...current.fields[0]!, type: "markdown" }],
        questions: [{ ...current.questions[0]!, settings: { options: [{ value: "pos" }, { value: "negative" }] } }],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toBe("2 changes are not allowed on a published dataset; nothing was saved.");
    expect(error.details).toEqual([
      { where: "fields[0].type", message: `field "text": ${PUBLISHED_REASONS.fieldType}` },
      { where: "questions[0].settings.options", message: `question "sentiment", option "neg": ${PUBLISHED_REASONS.optionValue}` },
    ]);
    const unchanged = await getDatasetSettings(workspace.admin, id);
    expect(unchanged.settings).toEqual(current);
  });

  it("allows safe changes on a published dataset: texts, a new label option, minSubmitted; and recomputes", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createDatasetWithSettings(workspace.admin, workspace.slug, sentimentSettings, { publish: true });
    await importRecords(workspace.admin, id, sentimentRecords(4));
    await db.dataset.update({ where: { id }, data: { routedAt: new Date() } });
    const current = (await getDatasetSettings(workspace.admin, id)).settings;
    const options = [...labelOptions(current), { value: "mixed", text: "Mixed" }];
    const updated = await updateDatasetSettings(workspace.admin, id, {
      name: "Sentiment (v2)",
      guidelines: "Label the sentiment. *Mixed* when both.",
      fields: [{ ...current.fields[0]!, title: "Review text" }],
      questions: [{ ...current.questions[0]!, title: "Tone", description: "How it sounds", settings: { options } }],
      distribution: { minSubmitted: 2 },
    });
    expect(updated.settings.name).toBe("Sentiment (v2)");
    expect(updated.settings.fields[0]!.title).toBe("Review text");
    expect(updated.settings.questions[0]).toMatchObject({ title: "Tone", description: "How it sounds" });
    expect(labelOptions(updated.settings).map((option) => option.value)).toEqual(["pos", "neg", "mixed"]);
    // Records nobody has answered take the new minSubmitted.
    const records = await db.record.findMany({ where: { datasetId: id }, select: { requiredResponses: true } });
    expect(records.every((record) => record.requiredResponses === 2)).toBe(true);
    // A new option changes the normalisation of vote entropy: proposals and routing are recomputed.
    const dataset = await db.dataset.findUniqueOrThrow({ where: { id } });
    expect(dataset.routedAt).toBeNull();
    const jobs = await db.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE key = ${`recompute_dataset:${id}`}`;
    expect(jobs[0]!.count).toBe(1);
  });

  it("changes nothing and writes no audit event for a PATCH that repeats the settings", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createDatasetWithSettings(workspace.admin, workspace.slug, sentimentSettings, { publish: true });
    const current = await getDatasetSettings(workspace.admin, id);
    const same = await updateDatasetSettings(workspace.admin, id, current.settings);
    expect(same).toEqual(current);
    expect(await db.auditEvent.count({ where: { targetId: id, action: "dataset.update" } })).toBe(0);
  });

  it("refuses unknown setting keys, invalid settings and a name another dataset has", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createDatasetWithSettings(workspace.admin, workspace.slug, sentimentSettings);
    await createDatasetWithSettings(workspace.admin, workspace.slug, { ...sentimentSettings, name: "Taken" });
    const unknown = await refusal(updateDatasetSettings(workspace.admin, id, { status: "draft" }));
    expect(unknown.details).toEqual([{ where: "status", message: expect.stringMatching(/^unknown setting/) }]);
    const invalid = await refusal(updateDatasetSettings(workspace.admin, id, { distribution: { minSubmitted: 0 } }));
    expect(invalid.details[0]!.where).toBe("distribution.minSubmitted");
    const notObject = await refusal(updateDatasetSettings(workspace.admin, id, [1]));
    expect(notObject.status).toBe(400);
    await expect(updateDatasetSettings(workspace.admin, id, { name: "Taken" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("answers 404 for another workspace's dataset and 403 to curators and annotators writing", async () => {
    const mine = await createTestWorkspace();
    const theirs = await createTestWorkspace();
    const { id } = await createDatasetWithSettings(theirs.admin, theirs.slug, sentimentSettings);
    await expect(getDatasetSettings(mine.admin, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateDatasetSettings(mine.admin, id, { guidelines: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(publishDataset(mine.admin, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createDatasetWithSettings(mine.admin, theirs.slug, sentimentSettings)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDatasetSettings(mine.admin, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    for (const actor of [theirs.curator, theirs.annotators[0]!]) {
      await expect(updateDatasetSettings(actor, id, { guidelines: "x" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(publishDataset(actor, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getDatasetSettingsForEditing(actor, id)).rejects.toBeInstanceOf(ForbiddenError);
      const denied = await refusal(createDatasetWithSettings(actor, theirs.slug, { ...sentimentSettings, name: "Mine" }));
      expect(denied.status).toBe(403);
      // Reading the settings is open to every member.
      expect((await getDatasetSettings(actor, id)).id).toBe(id);
    }
    // An annotator's invalid body is a 403, not a validation error: permission comes first.
    const invalid = await refusal(createDatasetWithSettings(theirs.annotators[0]!, theirs.slug, { name: "" }));
    expect(invalid.status).toBe(403);
  });

  it("gives the settings screen the number of records", async () => {
    const workspace = await createTestWorkspace();
    const { id } = await createDatasetWithSettings(workspace.admin, workspace.slug, sentimentSettings, { publish: true });
    await importRecords(workspace.admin, id, sentimentRecords(2));
    const view = await getDatasetSettingsForEditing(workspace.admin, id);
    expect(view).toMatchObject({ id, status: "published", recordCount: 2, workspaceId: workspace.workspaceId });
    expect(view.publishedAt).toBeInstanceOf(Date);
  });
});
