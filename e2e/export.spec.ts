// A curator downloads exports from the browser.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ownOrigin, routedDemoDatasets, signIn } from "./helpers";

test("a curator exports the LLMBar dataset as JSONL and as DPO pairs", async ({ page }) => {
  await signIn(page, "curator@sift.local", "sift-curator-demo");
  const llmbar = (await routedDemoDatasets(page)).find((dataset) => dataset.name.startsWith("LLMBar"))!;
  await page.goto(`/w/demo/d/${llmbar.id}/export`);
  await expect(page.getByRole("link", { name: "Export" })).toHaveAttribute("aria-current", "page");

  const jsonlDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const jsonl = await jsonlDownload;
  expect(jsonl.suggestedFilename()).toMatch(/\.jsonl$/);
  const lines = (await readFile(await jsonl.path(), "utf8")).trim().split("\n");
  expect(lines.length).toBeGreaterThanOrEqual(100);
  const first = JSON.parse(lines[0]!) as { externalId: string; suggestions: unknown[]; finalValues: Record<string, { provenance: string }> };
  expect(first.externalId).toBeTruthy();
  expect(first.suggestions.length).toBeGreaterThan(0);

  await page.getByLabel(/DPO/).check();
  await page.getByRole("combobox", { name: "Pairs" }).selectOption("best_vs_worst");
  await page.screenshot({ path: "test-results/screenshots/export.png" });
  const dpoDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const dpo = await dpoDownload;
  const pairs = (await readFile(await dpo.path(), "utf8")).trim().split("\n").map((line) => JSON.parse(line) as Record<string, string>);
  // Records accepted automatically (70%) have a final ranking; each gives one pair of two outputs.
  expect(pairs.length).toBeGreaterThanOrEqual(60);
  expect(Object.keys(pairs[0]!).sort()).toEqual(["chosen", "prompt", "rejected"]);
  await expect(page.getByTestId("export-status")).toContainText("Downloaded");
});

test("annotators have no Export tab and the export API refuses them", async ({ page }) => {
  await signIn(page, "maria", "sift-maria-demo");
  const llmbar = (await routedDemoDatasets(page)).find((dataset) => dataset.name.startsWith("LLMBar"))!;
  await page.goto(`/w/demo/d/${llmbar.id}/annotate`);
  await expect(page.getByRole("link", { name: "Export" })).toHaveCount(0);
  const response = await page.request.post(`/api/v1/datasets/${llmbar.id}/exports`, { headers: ownOrigin, data: { format: "jsonl" } });
  expect(response.status()).toBe(403);
});
