// Issue 13: a pre-filled LLM answer is not a person's own. In the focus view the label question starts from the LLMs'
// proposal and the free-text question starts empty (its type does not pre-fill unless the dataset says so); a label
// submitted as pre-filled is stored as `confirmed`, the critique Maria typed as `written`, and the final value made of
// that confirmation alone is `human_confirmed`, as the JSONL export shows.
import { mkdir } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { apiAuth, createPublishedDataset, deleteDatasets, signIn, waitUntilRouted } from "./helpers";

const SCREENSHOTS = "test-results/screenshots";
let datasetId: string | undefined;

test.afterAll(() => deleteDatasets([datasetId]));

test("a free-text question starts empty, and a pre-filled label submitted unchanged is stored as confirmed", async ({ page, request }) => {
  test.setTimeout(90_000);
  datasetId = await createPublishedDataset(
    request,
    {
      name: "E2E answer origins",
      fields: [{ name: "text", title: "Text", type: "text", required: true }],
      questions: [
        { name: "sentiment", title: "Sentiment", type: "label", required: true, settings: { options: [{ value: "pos" }, { value: "neg" }] } },
        { name: "critique", title: "Critique", type: "text", required: false, settings: {} },
      ],
      metadata: [],
      distribution: { minSubmitted: 1 },
      routing: { policy: "all_human" },
    },
    [
      {
        externalId: "origin-1",
        fields: { text: "The hotel was lovely." },
        suggestions: [
          { question: "sentiment", agent: "judge-a", value: "pos" },
          { question: "sentiment", agent: "judge-b", value: "pos" },
          { question: "critique", agent: "judge-a", value: "An LLM critique nobody wrote.", score: 0.9 },
        ],
      },
    ],
  );
  await waitUntilRouted(request, datasetId);

  await signIn(page, "maria@sift.local", "sift-maria-demo");
  await page.goto(`/w/demo/d/${datasetId}/annotate`);
  await expect(page.getByTestId("record-external-id")).toHaveText("origin-1", { timeout: 25_000 });
  const sentiment = page.getByTestId("question-sentiment");
  const critique = page.getByTestId("question-critique");
  // The label is pre-filled from the proposal; the critique is not, although the LLM proposed one.
  await expect(sentiment.getByRole("radio", { name: /pos/ })).toHaveAttribute("aria-checked", "true");
  await expect(critique.locator("textarea")).toHaveValue("");
  await mkdir(SCREENSHOTS, { recursive: true });
  await screenshots(page, "answer-origins");

  await critique.locator("textarea").fill("Short, but the sentiment is plain.");
  await page.getByTestId("submit-button").click();
  await expect(page.getByTestId("empty-queue")).toBeVisible({ timeout: 10_000 });

  const exported = await request.post(`/api/v1/datasets/${datasetId}/exports`, {
    headers: apiAuth,
    data: { format: "jsonl", selection: { includeResponses: true } },
  });
  expect(exported.status(), await exported.text()).toBe(200);
  const line = JSON.parse((await exported.text()).trim()) as {
    finalValues: Record<string, { value: unknown; provenance: string }>;
    responses: { user: string; values: Record<string, unknown>; origins: Record<string, string> }[];
  };
  expect(line.responses).toEqual([
    expect.objectContaining({
      user: "maria",
      values: { sentiment: "pos", critique: "Short, but the sentiment is plain." },
      origins: { sentiment: "confirmed", critique: "written" },
    }),
  ]);
  expect(line.finalValues.sentiment).toEqual({ value: "pos", provenance: "human_confirmed" });
  expect(line.finalValues.critique).toEqual({ value: "Short, but the sentiment is plain.", provenance: "human" });

  // An admin's side: the Agreement page leaves Maria's confirmation out and says so; the text question's settings
  // offer the pre-fill, off.
  await page.context().clearCookies();
  await signIn(page, "admin@sift.local", "sift-admin-demo");
  await page.goto(`/w/demo/d/${datasetId}/agreement`);
  await expect(page.getByTestId("agreement-confirmations")).toContainText("1 left out");
  await screenshots(page, "agreement-confirmations");
  await page.getByRole("link", { name: "Count them too" }).click();
  await expect(page.getByTestId("agreement-confirmations")).toContainText("are counted");
  await page.goto(`/w/demo/d/${datasetId}/settings`);
  const question = page.getByRole("listitem", { name: "Question 2" });
  const prefill = question.getByLabel("Start the answer from the LLM’s proposed text");
  await expect(prefill).not.toBeChecked();
  await question.scrollIntoViewIfNeeded();
  await screenshots(page, "text-question-prefill-setting");
});

async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.waitForTimeout(300); // let the colour transitions finish
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-dark.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}
