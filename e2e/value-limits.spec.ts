// Long values in the browser: the records table shows a preview of a long field with its size and "Show whole
// value", which loads it whole; and the API refuses a field over the limit, naming the record, field and limit.
import { expect, test } from "@playwright/test";
import { apiAuth, createPublishedDataset, deleteDatasets, signIn } from "./helpers";

const LONG_TEXT = `START of a long transcript. ${"The annotator reads every turn of this conversation. ".repeat(100)}END of it.`;

const settings = {
  name: "Long values e2e",
  fields: [{ name: "transcript", title: "Transcript", type: "text", required: true }],
  questions: [{ name: "ok", title: "OK?", type: "label", required: true, settings: { options: [{ value: "yes" }, { value: "no" }] } }],
  distribution: { minSubmitted: 1 },
  routing: { policy: "all_human" },
};

let datasetId: string | undefined;

test.afterAll(async () => {
  await deleteDatasets([datasetId]);
});

test("a long field shows as a preview with its size, and opens whole; an oversize one is refused", async ({ page, request }) => {
  datasetId = await createPublishedDataset(request, settings, [{ externalId: "long-1", fields: { transcript: LONG_TEXT } }]);

  const refused = await request.put(`/api/v1/datasets/${datasetId}/records`, {
    headers: { ...apiAuth, "content-type": "application/x-ndjson" },
    data: JSON.stringify({ externalId: "huge", fields: { transcript: "x".repeat(2 * 1024 * 1024) } }),
  });
  expect(refused.status()).toBe(400);
  const error = ((await refused.json()) as { error: { details: { where: string; message: string }[] } }).error;
  expect(error.details).toEqual([
    { where: 'line 1 (externalId "huge")', message: "fields.transcript: is 2,097,154 bytes; at most 1,048,576 bytes per field value (SIFT_MAX_FIELD_BYTES)" },
  ]);

  await signIn(page, "curator@sift.local", "sift-curator-demo");
  await page.goto(`/w/demo/d/${datasetId}/records`);
  const row = page.getByTestId("record-row").filter({ hasText: "long-1" });
  await row.getByText(/^Details/).click();
  const field = row.getByTestId("record-field-transcript");
  const preview = field.getByTestId("value-preview");
  await expect(preview).toContainText("START of a long transcript.");
  await expect(preview).not.toContainText("END of it.");
  await expect(preview).toContainText("Preview: the start of 5 KB.");
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/long-value-preview.png" });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: "test-results/screenshots/long-value-preview-dark.png" });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));

  const show = field.getByRole("button", { name: "Show the whole value of Transcript" });
  await show.focus();
  await page.keyboard.press("Enter");
  await expect(field.getByTestId("whole-value")).toContainText("END of it.");
  await expect(field.getByTestId("value-preview")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/long-value-whole.png" });
});
