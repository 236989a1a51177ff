// The dataset's Quality tab: a curator sees the LLM's accuracy against the human answers, the calibration and
// frontier charts with the frontier table, and types a target accuracy to get the threshold advice. The dataset is
// made through the API (suggestions with scores; one submitted response per record from the demo admin) and deleted
// afterwards. Annotators never see the tab.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiAuth as auth, createPublishedDataset, deleteDatasets, signIn, waitUntilRouted } from "./helpers";

let datasetId: string | undefined;
let emptyDatasetId: string | undefined;

test.afterAll(() => deleteDatasets([datasetId, emptyDatasetId]));

/**
 * 10 records; vote entropies repeat 0, 0.918, 1 and every proposal is "pos" (a 2–2 tie goes to the first vote).
 * Humans answer "neg" on the records at entropy 1 (r-2, r-5, r-8) and "pos" elsewhere: the LLM is right on 7 of 10,
 * and sending the 3 records above 0.918 to humans reaches 100 %.
 */
async function createDataset(request: APIRequestContext, { answered = true } = {}): Promise<string> {
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
    Array.from({ length: 10 }, (_, i) => ({
      externalId: `r-${i}`,
      fields: { text: `Record ${i}` },
      suggestions: votes[i % 3]!.map((value, agent) => ({ question: "sentiment", agent: `agent-${agent}`, value, score: scores[i % 3] })),
    })),
  );
  const list = (await (await request.get(`/api/v1/datasets/${id}/records?limit=100`, { headers: auth })).json()) as {
    records: { id: string; externalId: string }[];
  };
  expect(list.records).toHaveLength(10);
  if (!answered) return id;
  // The worker computes the proposals and routes the records a moment after the import.
  await waitUntilRouted(request, id);
  for (const record of list.records) {
    const i = Number(record.externalId.slice(2));
    const answered = await request.put(`/api/v1/records/${record.id}/response`, {
      headers: auth,
      data: { status: "submitted", values: { sentiment: i % 3 === 2 ? "neg" : "pos" } },
    });
    expect(answered.status(), await answered.text()).toBe(200);
  }
  await expect
    .poll(async () => {
      const quality = (await (await request.get(`/api/v1/datasets/${id}/quality`, { headers: auth })).json()) as { records: { measured: number } };
      return quality.records.measured;
    }, { timeout: 30_000 })
    .toBe(10);
  return id;
}

test("a curator sees the LLM's accuracy, calibration, the frontier, and the threshold for a target accuracy", async ({ page, request }) => {
  datasetId = await createDataset(request);
  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${datasetId}/records`);
  await page.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "Quality", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Quality", level: 2 })).toBeVisible();

  const section = page.getByTestId("quality-question-sentiment");
  await expect(section.getByTestId("llm-accuracy")).toHaveText("70.0 %");
  await expect(section.getByTestId("llm-accuracy-detail")).toContainText("n = 10");
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
  await expect(table.getByRole("row", { name: /^0 %/ })).toContainText("70.0 %");
  await expect(table.getByRole("row", { name: /^30 %/ }).getByRole("cell").first()).toHaveText("100.0 % / 1.00");

  const advice = section.getByTestId("threshold-advice").getByRole("listitem").filter({ hasText: "Votes only" });
  // The default target, 95 %: the three records above 0.918 go to humans.
  await expect(advice).toContainText("above 0.918");
  await expect(advice).toContainText("30.0 % of the records (3 of 10)");
  await page.screenshot({ path: "test-results/screenshots/quality.png", fullPage: true });

  // A lower target needs no human at all: every record is accepted.
  await page.getByTestId("quality-target").fill("60");
  await expect(advice).toContainText("0.0 % of the records (0 of 10)");
  await page.getByTestId("quality-target").fill("150");
  await expect(page.getByText("The target must be between 0 and 100 %.")).toBeVisible();
  await page.getByTestId("quality-target").fill("100");
  await expect(advice).toContainText("30.0 % of the records (3 of 10)");
  await expect(advice).toContainText("against the target 100.0 %");
  await page.screenshot({ path: "test-results/screenshots/quality-target.png", fullPage: true });
});

test("annotators do not see the Quality tab", async ({ page, request }) => {
  datasetId ??= await createDataset(request);
  await signIn(page, "maria", "sift-maria-demo");
  await page.goto(`/w/demo/d/${datasetId}/annotate`);
  await expect(page.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "Quality" })).toHaveCount(0);
  await page.goto(`/w/demo/d/${datasetId}/quality`);
  await expect(page.getByText("This page could not be found")).toBeVisible();
});

test("before any human answer, the tab says what is needed", async ({ page, request }) => {
  emptyDatasetId = await createDataset(request, { answered: false });
  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${emptyDatasetId}/quality`);
  const empty = page.getByTestId("quality-empty");
  await expect(empty).toContainText("Nothing to measure yet.");
  await expect(empty).toContainText("Annotate some records");
  await expect(empty).toContainText("reference answers");
  await page.screenshot({ path: "test-results/screenshots/quality-empty.png", fullPage: true });
});
