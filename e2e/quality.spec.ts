// The dataset's Quality tab: a curator sees LLM agreement with people, the calibration and
// frontier charts with the frontier table, and types a target accuracy to get the threshold advice. The dataset is
// made through the API (suggestions with scores; one submitted response per record from the demo admin) and deleted
// afterwards. Annotators never see the tab.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiAuth as auth, createPublishedDataset, deleteDatasets, signIn, waitUntilRouted } from "./helpers";

let datasetId: string | undefined;
let smallDatasetId: string | undefined;
let emptyDatasetId: string | undefined;

test.afterAll(() => deleteDatasets([datasetId, smallDatasetId, emptyDatasetId]));

/**
 * `count` records; vote entropies repeat 0, 0.918, 1 and every proposal is "pos" (a 2–2 tie goes to the first vote).
 * Humans answer "neg" on the records at entropy 1 (r-2, r-5, …) and "pos" elsewhere, one answer each (a consensus).
 * With 100 records: 33 at entropy 1, so the LLM is right on 67 of 100, and sending the 33 records above 0.918 to
 * humans reaches 100 %. With 10: right on 7 of 10, too few for advice (93 are needed, lib/quality/llm-agreement.ts).
 */
async function createDataset(request: APIRequestContext, { count = 100, answered = true } = {}): Promise<string> {
  const votes = [["pos", "pos", "pos", "pos"], ["pos", "pos", "neg"], ["pos", "neg", "neg", "pos"]];
  const scores = [0.9, 0.8, 0.5];
  const id = await createPublishedDataset(
    request,
    {
      name: "E2E quality",
      fields: [{ name: "text", title: "Text", type: "text", required: true }],
      questions: [{ name: "sentiment", title: "Sentiment", type: "label", required: true, settings: { options: [{ value: "pos" }, { value: "neg" }] } }],
      metadata: [],
      distribution: { minSubmitted: 1 },
      // People answer every record (the queue's rule: only records routed to people take answers).
      routing: { policy: "all_human" },
    },
    Array.from({ length: count }, (_, i) => ({
      externalId: `r-${i}`,
      fields: { text: `Record ${i}` },
      suggestions: votes[i % 3]!.map((value, agent) => ({ question: "sentiment", agent: `agent-${agent}`, value, score: scores[i % 3] })),
    })),
  );
  const list = (await (await request.get(`/api/v1/datasets/${id}/records?limit=200`, { headers: auth })).json()) as {
    records: { id: string; externalId: string }[];
  };
  expect(list.records).toHaveLength(count);
  if (!answered) return id;
  // The worker computes the proposals and routes the records a moment after the import.
  await waitUntilRouted(request, id);
  for (const value of ["pos", "neg"]) {
    const recordIds = list.records.filter((r) => (Number(r.externalId.slice(2)) % 3 === 2) === (value === "neg")).map((r) => r.id);
    const answered = await request.post(`/api/v1/datasets/${id}/bulk-responses`, {
      headers: auth,
      data: { action: "apply", recordIds, values: { sentiment: value } },
    });
    expect(answered.status(), await answered.text()).toBe(200);
  }
  await expect
    .poll(async () => {
      const quality = (await (await request.get(`/api/v1/datasets/${id}/quality`, { headers: auth })).json()) as { records: { measured: number } };
      return quality.records.measured;
    }, { timeout: 30_000 })
    .toBe(count);
  return id;
}

async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: `test-results/screenshots/${name}-dark.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}

test("a curator sees LLM agreement with people, calibration, the frontier, and the threshold for a target accuracy", async ({ page, request }) => {
  test.setTimeout(90_000);
  datasetId = await createDataset(request);
  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${datasetId}/records`);
  await page.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "Quality", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Quality", level: 2 })).toBeVisible();

  const section = page.getByTestId("quality-question-sentiment");
  await expect(section.getByText("LLM agreement with people", { exact: true })).toBeVisible();
  await expect(section.getByTestId("llm-accuracy")).toHaveText("67.0 %");
  await expect(section.getByTestId("llm-accuracy-detail")).toContainText("67 of 100 records with a human consensus, 95 % CI");
  // The method in use (the default, Automatic) first; with several votes per record it measures what the votes do.
  await expect(page.getByTestId("quality-method")).toContainText("Routing measures uncertainty as Automatic");
  await expect(section.getByRole("img", { name: /Calibration of Sentiment \(Automatic\)/ })).toBeVisible();
  await expect(section.getByRole("img", { name: /Calibration of Sentiment \(Votes only\)/ })).toBeVisible();
  await expect(section.getByRole("img", { name: /Calibration of Sentiment \(Confidence scores\)/ })).toBeVisible();
  await expect(section.getByRole("img", { name: /Cost–quality frontier of Sentiment/ })).toBeVisible();
  const table = section.getByTestId("frontier-table");
  await expect(table.getByRole("columnheader")).toHaveText(["To humans", "Automatic", "Votes only", "Confidence scores", "Random (baseline)"]);
  // 11 shares, 0 % to 100 %: the LLM alone at 0 %, every human answer at 100 %.
  await expect(table.getByRole("row")).toHaveCount(12);
  await expect(table.getByRole("row", { name: /^0 %/ })).toContainText("67.0 %");
  // 30 % to humans: 30 of the 33 wrong proposals fixed.
  await expect(table.getByRole("row", { name: /^30 %/ }).getByRole("cell").first()).toHaveText("97.0 % / 0.97");

  const advice = section.getByTestId("threshold-advice").getByRole("listitem").filter({ hasText: "Votes only" });
  // The default target, 95 %: the 33 records above 0.918 go to humans.
  await expect(advice).toContainText("above 0.918");
  await expect(advice).toContainText("33.0 % of the records (33 of 100)");
  await screenshots(page, "quality");

  // A lower target needs no human at all: every record is accepted.
  await page.getByTestId("quality-target").fill("60");
  await expect(advice).toContainText("0.0 % of the records (0 of 100)");
  await page.getByTestId("quality-target").fill("150");
  await expect(page.getByText("The target must be between 0 and 100 %.")).toBeVisible();
  await page.getByTestId("quality-target").fill("100");
  await expect(advice).toContainText("33.0 % of the records (33 of 100)");
  await expect(advice).toContainText("against the target 100.0 %");
  await page.screenshot({ path: "test-results/screenshots/quality-target.png", fullPage: true });
});

test("advice from a handful of records says it is not reliable yet", async ({ page, request }) => {
  smallDatasetId = await createDataset(request, { count: 10 });
  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${smallDatasetId}/quality`);
  const section = page.getByTestId("quality-question-sentiment");
  await expect(section.getByTestId("llm-accuracy-detail")).toContainText("7 of 10 records with a human consensus, 95 % CI");
  const advice = section.getByTestId("threshold-advice").getByRole("listitem").filter({ hasText: "Votes only" });
  await expect(advice).toContainText("not reliable yet: 10 records with a human consensus; at least 93 needed");
  await expect(advice).not.toContainText("of the records");
  await screenshots(page, "quality-not-reliable");
});

test("annotators do not see the Quality tab", async ({ page, request }) => {
  smallDatasetId ??= await createDataset(request, { count: 10 });
  await signIn(page, "maria", "sift-maria-demo");
  await page.goto(`/w/demo/d/${smallDatasetId}/annotate`);
  await expect(page.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "Quality" })).toHaveCount(0);
  await page.goto(`/w/demo/d/${smallDatasetId}/quality`);
  await expect(page.getByText("This page could not be found")).toBeVisible();
});

test("before any human answer, the tab says what is needed", async ({ page, request }) => {
  emptyDatasetId = await createDataset(request, { count: 10, answered: false });
  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${emptyDatasetId}/quality`);
  const empty = page.getByTestId("quality-empty");
  await expect(empty).toContainText("Nothing to measure yet.");
  await expect(empty).toContainText("Annotate some records");
  await expect(empty).toContainText("reference answers");
  await page.screenshot({ path: "test-results/screenshots/quality-empty.png", fullPage: true });
});
