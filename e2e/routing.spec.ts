// The dataset's Routing tab: a curator changes the policy, the preview says what it would decide before saving, and
// after saving the worker routes the records accordingly (the human queue grows). Annotators never see the tab.
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
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

/** How many records the annotator's queue has left for them, as their annotate page shows it. */
async function remainingFor(browser: Browser, login: string, password: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, login, password);
  await page.goto(`/w/demo/d/${datasetId}/annotate`);
  const progress = page.getByTestId("progress");
  await expect(progress).toHaveAttribute("data-remaining", /\d+/);
  const remaining = (await progress.getAttribute("data-remaining"))!;
  await context.close();
  return remaining;
}

test("a curator previews a threshold policy, saves it, the records are routed by it and the queue follows", async ({ page, request, browser }) => {
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
  await expect(preview.getByTestId("preview-expected")).toContainText("once records have both a proposal and a human answer");
  expect(await remainingFor(browser, "maria", "sift-maria-demo")).toBe("3");

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
  // And so does the annotator's queue.
  expect(await remainingFor(browser, "maria", "sift-maria-demo")).toBe("6");
});

test("a curator deals the whole queue to one annotator: it is reserved for them", async ({ page, request, browser }) => {
  datasetId ??= await createDataset(request);
  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${datasetId}/routing`);
  const panel = page.getByTestId("assignments");
  const open = Number(await panel.getByTestId("open-records").textContent());
  expect(open).toBeGreaterThan(0);
  await panel.getByTestId("member-kwame").getByRole("checkbox").check();
  await panel.getByTestId("distribute").click();
  await expect(panel.getByRole("status")).toContainText(`${open} of ${open} open records assigned.`);
  await expect(panel.getByTestId("open-records")).toHaveText("0");
  await expect(panel.getByTestId("waiting-kwame")).toHaveText(String(open));
  await page.screenshot({ path: "test-results/screenshots/routing-assignments.png", fullPage: true });
  expect(await remainingFor(browser, "maria", "sift-maria-demo")).toBe("0");
  expect(await remainingFor(browser, "kwame", "sift-kwame-demo")).toBe(String(open));
  // The records page names who a record is reserved for.
  await page.goto(`/w/demo/d/${datasetId}/records?decision=human`);
  await expect(page.getByTestId("record-assignees").first()).toHaveText("for kwame");
  // Opening every record again gives Maria her queue back.
  await page.goto(`/w/demo/d/${datasetId}/routing`);
  await panel.getByRole("button", { name: "Open every record again" }).click();
  await expect(panel.getByTestId("open-records")).toHaveText(String(open));
  expect(await remainingFor(browser, "maria", "sift-maria-demo")).toBe(String(open));
});

test("annotators do not see the Routing tab", async ({ page, request }) => {
  datasetId ??= await createDataset(request);
  await signIn(page, "maria", "sift-maria-demo");
  await page.goto(`/w/demo/d/${datasetId}/annotate`);
  await expect(page.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "Routing" })).toHaveCount(0);
  await page.goto(`/w/demo/d/${datasetId}/routing`);
  await expect(page.getByText("This page could not be found")).toBeVisible();
});
