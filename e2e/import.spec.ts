// A curator imports a CSV from the browser: upload, map a column by hand, preview with a problem row, import with
// progress, counts and the rejected-rows report.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ownOrigin, routedDemoDatasets, signIn } from "./helpers";

// Line 1 is the header; the row of e2e-import-3 (line 4) has no output_2, which the dataset requires.
const CSV = [
  "id,prompt,output_1,output_2,preference,preference.rationale",
  'e2e-import-1,Say hi,Hi!,Hello there,"[""output_1"",""output_2""]",Shorter',
  'e2e-import-2,Count to three,"1, 2, 3",one two,"[""output_1"",""output_2""]",Digits as asked',
  'e2e-import-3,Name a colour,Blue,,"[""output_2"",""output_1""]",The second is empty',
  'e2e-import-4,Add 2 and 2,4,5,"[""output_1"",""output_2""]",Correct sum',
].join("\n");

test("a curator uploads a CSV, maps a column by hand, previews a problem row, imports and downloads the report", async ({ page }) => {
  await signIn(page, "curator@sift.local", "sift-curator-demo");
  const llmbar = (await routedDemoDatasets(page)).find((dataset) => dataset.name.startsWith("LLMBar"))!;
  await page.goto(`/w/demo/d/${llmbar.id}/records`);
  await page.getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("link", { name: "Import" })).toHaveAttribute("aria-current", "page");

  await page.getByLabel("File to import").setInputFiles({ name: "llmbar-extra.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(page.getByTestId("import-file-name")).toHaveText("llmbar-extra.csv");
  // Columns named like their targets are mapped already; "prompt" is not, so the required instruction has no column.
  await expect(page.getByLabel("Column for the external id")).toHaveValue("id");
  await expect(page.getByLabel("Column for field output_1")).toHaveValue("output_1");
  await expect(page.getByLabel("Suggestion 1 value column")).toHaveValue("preference");
  await expect(page.getByLabel("Suggestion 1 rationale column")).toHaveValue("preference.rationale");
  await expect(page.getByRole("alert").filter({ hasText: "Fix the mapping" })).toContainText('the required field "instruction" has no column');
  await expect(page.getByTestId("unknown-columns")).toContainText('"prompt"');
  await expect(page.getByRole("button", { name: "Start the import" })).toBeDisabled();

  await page.getByLabel("Column for field instruction").selectOption("prompt");
  await page.getByLabel("Suggestion 1 agent name").fill("judge:csv/e2e");
  await expect(page.getByTestId("preview-summary")).toHaveText("The first 4 rows: 1 with problems.");
  await expect(page.getByTestId("unknown-columns")).toHaveCount(0);
  const problemRow = page.locator('[data-testid="preview-row"][data-problem="true"]');
  await expect(problemRow).toHaveCount(1);
  await expect(problemRow).toContainText("e2e-import-3");
  await expect(problemRow.getByTestId("preview-problems")).toContainText("fields.output_2: is required");
  await expect(page.getByTestId("preview-row").first()).toContainText("judge:csv/e2e");
  // From the top: a full-page screenshot of a scrolled page would paint the sticky top bar across the middle.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/screenshots/import-mapping.png", fullPage: true });

  await page.getByRole("button", { name: "Start the import" }).click();
  await expect(page).toHaveURL(/\/import\?task=/);
  await expect(page.getByTestId("import-status")).toHaveText("Done", { timeout: 30_000 });
  await expect(page.getByTestId("import-processed")).toContainText("4 of 4 rows read · 3 imported · 1 rejected");
  await expect(page.getByTestId("import-records")).toContainText(/created\s*3/);
  await expect(page.getByTestId("import-suggestions")).toContainText(/created\s*3/);
  await expect(page.getByTestId("import-problems")).toContainText("line 4 (e2e-import-3): fields.output_2: is required");

  const download = page.waitForEvent("download");
  await page.getByTestId("report-csv").click();
  const report = await download;
  expect(report.suggestedFilename()).toBe("llmbar-extra-problems.csv");
  const lines = (await readFile(await report.path(), "utf8")).trim().split("\n");
  // Each problem comes with its row as read, so the report says what to fix as well as where.
  expect(lines).toHaveLength(2);
  expect(lines[0]).toBe("line,externalId,path,message,row");
  expect(lines[1]).toMatch(/^4,e2e-import-3,fields\.output_2,is required,"\{""id"":""e2e-import-3"",""prompt"":""Name a colour"",""output_1"":""Blue""/);

  // The imported records are there, with the suggestion under the agent named by hand.
  const listed = await page.request.get(`/api/v1/datasets/${llmbar.id}/records?q=${encodeURIComponent('"Count to three"')}&limit=500`);
  expect(listed.status()).toBe(200);
  const body = (await listed.json()) as { records: { externalId: string }[] };
  expect(body.records.map((record) => record.externalId)).toContain("e2e-import-2");
});

test("annotators have no Import tab and the upload API refuses them", async ({ page }) => {
  await signIn(page, "maria", "sift-maria-demo");
  const llmbar = (await routedDemoDatasets(page)).find((dataset) => dataset.name.startsWith("LLMBar"))!;
  await page.goto(`/w/demo/d/${llmbar.id}/annotate`);
  await expect(page.getByRole("link", { name: "Annotate" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Import" })).toHaveCount(0);
  const response = await page.request.post(`/api/v1/datasets/${llmbar.id}/imports?fileName=x.csv`, { headers: ownOrigin, data: "id,text\n1,a\n" });
  expect(response.status()).toBe(403);
});
