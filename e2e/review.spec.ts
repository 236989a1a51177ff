// The curators' review queue: an annotator flags a record with a note from the focus view (F), two annotators
// disagree on another, a curator sees both reasons with their counts in the Review tab, resolves with the keyboard,
// and the record's final value shows provenance curator on the Records page.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { apiAuth, createPublishedDataset, deleteDatasets, ownOrigin, signIn, waitUntilRouted } from "./helpers";

let datasetId: string | undefined;

test.afterAll(() => deleteDatasets([datasetId]));

async function signedIn(browser: Browser, login: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await signIn(page, login, `sift-${login}-demo`);
  return page;
}

test("an annotator flags, two disagree, a curator resolves both from the review queue", async ({ browser, request }) => {
  // r-0's LLM votes split (most uncertain: served first); r-1 and r-2 have a unanimous proposal "pos".
  datasetId = await createPublishedDataset(
    request,
    {
      name: "E2E review",
      fields: [{ name: "text", title: "Text", type: "text", required: true }],
      questions: [{ name: "sentiment", title: "Sentiment", type: "label", required: true, settings: { options: [{ value: "pos" }, { value: "neg" }] } }],
      metadata: [],
      distribution: { minSubmitted: 2 },
      routing: { policy: "budget", humanShare: 1 },
    },
    [["pos", "neg"], ["pos", "pos"], ["pos", "pos"]].map((votes, i) => ({
      externalId: `r-${i}`,
      fields: { text: `Review record ${i}` },
      suggestions: votes.map((value, agent) => ({ question: "sentiment", agent: `agent-${agent}`, value })),
    })),
  );
  await waitUntilRouted(request, datasetId);
  const records = ((await (await request.get(`/api/v1/datasets/${datasetId}/records`, { headers: apiAuth })).json()) as {
    records: { id: string; externalId: string }[];
  }).records;
  const idOf = (externalId: string) => records.find((record) => record.externalId === externalId)!.id;

  // Maria flags the record she is served, with a note, from the keyboard; flagging does not submit.
  const maria = await signedIn(browser, "maria");
  await maria.goto(`/w/demo/d/${datasetId}/annotate`);
  await expect(maria.getByTestId("record-external-id")).toHaveText("r-0");
  await maria.keyboard.press("f");
  await maria.getByTestId("flag-note").fill("unclear guidelines");
  await maria.screenshot({ path: "test-results/screenshots/review-flag.png", fullPage: true });
  await maria.keyboard.press("Enter");
  await expect(maria.getByTestId("flag-button")).toHaveAttribute("data-flagged", "true");
  await expect(maria.getByTestId("flag-button")).toHaveText(/Flagged/);
  await maria.keyboard.press("?");
  await expect(maria.getByTestId("shortcuts-dialog")).toContainText("Flag this record for a curator");
  await maria.keyboard.press("Escape");

  // Maria and Kwame disagree on r-1 (and Kwame disagrees with the LLM's proposal).
  const kwame = await signedIn(browser, "kwame");
  for (const [page, value] of [[maria, "pos"], [kwame, "neg"]] as const) {
    const saved = await page.request.put(`/api/v1/records/${idOf("r-1")}/response`, {
      headers: ownOrigin,
      data: { status: "submitted", values: { sentiment: value } },
    });
    expect(saved.status(), await saved.text()).toBe(200);
  }
  // The review endpoints are for curators only.
  expect((await kwame.request.get(`/api/v1/datasets/${datasetId}/review`)).status()).toBe(403);
  expect((await kwame.request.get(`/api/v1/records/${idOf("r-1")}/review`)).status()).toBe(403);

  const curator = await signedIn(browser, "curator");
  await curator.goto(`/w/demo/d/${datasetId}/records`);
  await curator.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "Review", exact: true }).click();
  await expect(curator.getByRole("heading", { name: "Review", level: 2 })).toBeVisible();
  await expect(curator.getByTestId("filter-all")).toContainText("2");
  await expect(curator.getByTestId("filter-human_disagreement")).toContainText("1");
  await expect(curator.getByTestId("filter-llm_disagreement")).toContainText("1");
  await expect(curator.getByTestId("filter-flagged")).toContainText("1");
  const items = curator.getByTestId("review-item");
  // Most reasons first: r-1 (two disagreements), then the flagged r-0 with Maria's note.
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute("data-external-id", "r-1");
  await expect(items.nth(1)).toContainText("maria: unclear guidelines");
  await expect(curator.getByTestId("review-external-id")).toHaveText("r-1");
  await curator.screenshot({ path: "test-results/screenshots/review-list.png", fullPage: true });

  // Filter by reason, then back to all.
  await curator.getByTestId("filter-flagged").click();
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveAttribute("data-external-id", "r-0");
  await curator.getByTestId("filter-all").click();
  await expect(items).toHaveCount(2);

  // j/k move between records.
  await curator.keyboard.press("j");
  await expect(curator.getByTestId("review-external-id")).toHaveText("r-0");
  await expect(curator.getByTestId("review-flags")).toContainText("unclear guidelines");
  await curator.keyboard.press("k");
  await expect(curator.getByTestId("review-external-id")).toHaveText("r-1");
  const question = curator.getByTestId("resolve-question-sentiment");
  await expect(question.getByTestId("response-candidate")).toHaveCount(2);
  await expect(question.getByTestId("response-candidate").nth(1)).toContainText("kwame");
  await expect(question.getByTestId("proposal-candidate")).toContainText("pos");
  await expect(question.getByTestId("suggestion")).toHaveCount(2);
  // Take Kwame's answer with one click, then resolve with Enter (the focus leaves the button first).
  await question.getByTestId("response-candidate").nth(1).getByRole("button", { name: /Use/ }).click();
  await expect(question.getByTestId("response-candidate").nth(1).getByRole("button")).toHaveAttribute("aria-pressed", "true");
  await curator.screenshot({ path: "test-results/screenshots/review-record.png", fullPage: true });
  await curator.locator("body").click({ position: { x: 5, y: 5 } });
  await curator.keyboard.press("Enter");
  // The next record of the queue opens; the counts follow.
  await expect(curator.getByTestId("review-external-id")).toHaveText("r-0");
  await expect(curator.getByTestId("filter-all")).toContainText("1");
  // Digit 2 picks "neg" for the flagged record with the keyboard too.
  await curator.keyboard.press("2");
  await expect(curator.getByTestId("resolve-question-sentiment").getByRole("radio", { name: /neg/ })).toHaveAttribute("aria-checked", "true");
  await expect(items).toHaveCount(1);
  // A flag-only record resolves with its values as they stand.
  await curator.keyboard.press("Enter");
  await expect(curator.getByTestId("review-empty")).toBeVisible();
  await expect(curator.getByTestId("filter-all")).toContainText("0");

  // The records page shows the curator's final value.
  await curator.goto(`/w/demo/d/${datasetId}/records`);
  const row = curator.getByTestId("record-row").filter({ hasText: "r-1" });
  await row.locator("summary").first().click();
  await expect(row).toContainText("final: neg (curator)");
});
