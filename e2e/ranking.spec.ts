// Ranking by drag and drop in the focus view, and the team's progress beside the annotator's own: Kwame drags the
// last candidate to the top, submits with Enter, and the saved order and the team's count follow.
import { expect, test } from "@playwright/test";
import { createPublishedDataset, deleteDatasets, signIn } from "./helpers";

let datasetId: string | undefined;

test.afterAll(() => deleteDatasets([datasetId]));

test("an annotator reorders a ranking by dragging and the team's progress counts the answer", async ({ page, request }) => {
  datasetId = await createPublishedDataset(
    request,
    {
      name: "E2E ranking",
      fields: [{ name: "prompt", title: "Prompt", type: "text", required: true }],
      questions: [
        {
          name: "preference",
          title: "Best answer first",
          type: "ranking",
          required: true,
          settings: { options: [{ value: "a", text: "Answer A" }, { value: "b", text: "Answer B" }, { value: "c", text: "Answer C" }] },
        },
      ],
      metadata: [],
      distribution: { minSubmitted: 1 },
      routing: { policy: "all_human" },
    },
    Array.from({ length: 3 }, (_, i) => ({
      externalId: `rank-${i}`,
      fields: { prompt: `Prompt ${i}` },
      suggestions: [{ question: "preference", agent: "judge", value: ["a", "b", "c"] }],
    })),
  );
  await signIn(page, "kwame", "sift-kwame-demo");
  await expect(async () => {
    await page.goto(`/w/demo/d/${datasetId}/annotate`);
    await expect(page.getByTestId("ranking-list")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("team-progress")).toContainText("Team: 0 of 3 answers (0 %) · 0 annotators");

  const rows = page.getByTestId("ranking-row");
  await expect(rows).toHaveCount(3);
  // Drag "Answer C" by its handle above "Answer A".
  const handle = (await page.getByRole("button", { name: "Drag Answer C" }).boundingBox())!;
  const top = (await rows.first().boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2, handle.y - 8, { steps: 5 });
  await page.mouse.move(handle.x + handle.width / 2, top.y + 2, { steps: 10 });
  await page.mouse.up();
  await expect(rows).toHaveText([/Rank 1: Answer C/, /Rank 2: Answer A/, /Rank 3: Answer B/]);
  await page.screenshot({ path: "test-results/screenshots/ranking-dragged.png", fullPage: true });

  const recordId = await page.getByTestId("record-fields").getAttribute("data-record-id");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("record-fields")).not.toHaveAttribute("data-record-id", recordId!);
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  const saved = (await (await page.request.get(`/api/v1/records/${recordId}`)).json()) as { myResponse: { status: string; values: Record<string, unknown> } };
  expect(saved.myResponse).toEqual({ status: "submitted", values: { preference: ["c", "a", "b"] } });
  await page.reload();
  await expect(page.getByTestId("team-progress")).toContainText("Team: 1 of 3 answers (33 %) · 1 annotator");
});
