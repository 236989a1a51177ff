// The dataset's Routing tab: a curator changes the policy, the preview says what it would decide before saving, and
// after saving the worker routes the records accordingly (the human queue grows). Annotators never see the tab.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiAuth, createPublishedDataset, deleteDatasets, signIn } from "./helpers";

let datasetId: string | undefined;

test.afterAll(() => deleteDatasets([datasetId]));

/**
 * 10 records whose uncertainties repeat 0, 0.918, 1 (4 agreeing votes; 2 against 1; 2 against 2), routed by a 30 %
 * budget: round(0.3 · 10) = 3 records to humans.
 */
function createDataset(request: APIRequestContext): Promise<string> {
  const votes = [["pos", "pos", "pos", "pos"], ["pos", "pos", "neg"], ["pos", "neg", "neg", "pos"]];
  return createPublishedDataset(
    request,
    {
      name: "E2E routing",
      fields: [{ name: "text", title: "Text", type: "text", required: true }],
      questions: [{ name: "sentiment", title: "Sentiment", type: "label", required: true, settings: { options: [{ value: "pos" }, { value: "neg" }] } }],
      metadata: [],
      distribution: { minSubmitted: 1 },
      routing: { policy: "budget", humanShare: 0.3 },
    },
    Array.from({ length: 10 }, (_, i) => ({
      externalId: `r-${i}`,
      fields: { text: `Record ${i}` },
      suggestions: votes[i % 3]!.map((value, agent) => ({ question: "sentiment", agent: `agent-${agent}`, value })),
    })),
  );
}

test("a curator previews a threshold policy, saves it, and the records are routed by it", async ({ page, request }) => {
  datasetId = await createDataset(request);
  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${datasetId}/records`);
  await page.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "Routing", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Routing", level: 2 })).toBeVisible();
  const preview = page.getByTestId("routing-preview");
  // The worker routes the new records a moment after the import: reload until the saved policy's decisions show.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Now: 3 to humans")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(preview.getByTestId("preview-human")).toHaveText("3");

  await page.getByRole("radio", { name: /^Threshold/ }).check();
  await page.getByLabel("Uncertainty threshold", { exact: true }).fill("0.5");
  // 0.918 and 1 are above 0.5: six of the ten records would go to humans; nothing is saved yet.
  await expect(preview.getByTestId("preview-human")).toHaveText("6");
  await expect(preview.getByTestId("preview-auto")).toHaveText("4");
  await expect(page.getByText("Now: 3 to humans")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/routing-preview.png", fullPage: true });

  await page.getByTestId("save-routing").click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Now: 6 to humans")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // The human queue follows: the dataset list counts six records for humans.
  const datasets = (await (await request.get("/api/v1/datasets?workspace=demo", { headers: apiAuth })).json()) as {
    datasets: { id: string; progress: Record<string, number> }[];
  };
  const mine = datasets.datasets.find((dataset) => dataset.id === datasetId);
  expect(mine?.progress.human).toBe(6);
});

test("annotators do not see the Routing tab", async ({ page, request }) => {
  datasetId ??= await createDataset(request);
  await signIn(page, "maria", "sift-maria-demo");
  await page.goto(`/w/demo/d/${datasetId}/annotate`);
  await expect(page.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "Routing" })).toHaveCount(0);
  await page.goto(`/w/demo/d/${datasetId}/routing`);
  await expect(page.getByText("This page could not be found")).toBeVisible();
});
