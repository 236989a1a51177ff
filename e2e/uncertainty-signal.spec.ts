// Issue 13, the imported-scores route on screen: one model's label with its confidence per record. The records table
// and the focus view say, in plain words, which signal each uncertainty came from ("from the model's confidence
// 0.40"), an unreadable answer is "an answer Sift could not read" with its effect said, a vote without a score is
// "no way to tell (one vote without a score)", and no method identifier ("self_eval", "unparseable", "no signal") is ever shown. The curator
// switches the method on the Routing tab and the records are measured again.
import { mkdir } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createPublishedDataset, deleteDatasets, signIn } from "./helpers";

const SCREENSHOTS = "test-results/screenshots";
const SCORES = [0.95, 0.9, 0.85, 0.4, 0.92, 0.88, 0.45, 0.8, 0.5, 0.93];
const RAW_WORDS = /unparseable|no signal|self_eval|vote_entropy|logprob|borda|__unparseable__/;

let datasetId: string | undefined;
test.afterAll(() => deleteDatasets([datasetId]));

async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.waitForTimeout(400); // let the colour transitions finish
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-dark.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}

const row = (page: Page, externalId: string) => page.getByTestId("record-row").filter({ hasText: externalId });

test("the screen names each uncertainty's signal in plain words, and the curator's choice of method is applied", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  datasetId = await createPublishedDataset(
    request,
    {
      name: "E2E scores",
      fields: [{ name: "text", title: "Text", type: "text", required: true }],
      questions: [{ name: "sentiment", title: "Sentiment", type: "label", required: true, settings: { options: [{ value: "pos" }, { value: "neg" }] } }],
      metadata: [],
      distribution: { minSubmitted: 1 },
      routing: { policy: "budget", humanShare: 0.3 },
    },
    [
      ...SCORES.map((score, i) => ({
        externalId: `s${String(i + 1).padStart(2, "0")}`,
        fields: { text: `Review ${i + 1}` },
        suggestions: [{ question: "sentiment", agent: "gpt-4o-mini", value: i % 2 ? "neg" : "pos", score }],
      })),
      { externalId: "garbled", fields: { text: "A reply the model mangled" }, suggestions: [{ question: "sentiment", agent: "gpt-4o-mini", value: "maybe?" }] },
      { externalId: "unscored", fields: { text: "A label without a score" }, suggestions: [{ question: "sentiment", agent: "gpt-4o-mini", value: "pos" }] },
    ],
  );

  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${datasetId}/records`);
  // The worker measures and routes the records a moment after the import.
  await expect(async () => {
    await page.reload();
    await expect(row(page, "s04")).toContainText("from the model's confidence 0.40", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row(page, "s04")).toContainText("60% uncertain");
  await expect(row(page, "s04").getByTestId("uncertainty-badge")).toHaveAttribute("aria-label", "Uncertainty 60%, high, from the model's confidence 0.40");
  await expect(row(page, "s01")).toContainText("from the model's confidence 0.95");
  await expect(row(page, "unscored")).toContainText("no way to tell");
  await expect(row(page, "unscored").getByTestId("uncertainty-signal")).toHaveText("one vote without a score");
  await expect(row(page, "unscored").getByTestId("uncertainty-badge")).toHaveAttribute("aria-label", "Uncertainty: no way to tell, one vote without a score");
  await expect(row(page, "garbled")).toContainText("set to 100% because Sift could not read the answer: a person must look");
  // The least confident go to people (s04 at 0.40, s07 at 0.45, and the unreadable one), not the first imported.
  for (const externalId of ["s04", "s07", "garbled"]) await expect(row(page, externalId)).toContainText("to humans");
  for (const externalId of ["s01", "s02", "s03"]) await expect(row(page, externalId)).toContainText("auto-accepted");
  await expect(page.locator("main")).not.toContainText(RAW_WORDS);
  await shoot(page, "records-signal");

  // The focus view: the most uncertain record first (the unreadable answer), with why and who answered what.
  const annotator = await browser.newContext();
  const focus = await annotator.newPage();
  await signIn(focus, "maria", "sift-maria-demo");
  await focus.goto(`/w/demo/d/${datasetId}/annotate`);
  await expect(focus.getByTestId("record-external-id")).toHaveText("garbled", { timeout: 20_000 });
  const question = focus.getByTestId("question-sentiment");
  await expect(question.getByTestId("uncertainty-signal")).toHaveText(
    "Uncertainty: set to 100% because Sift could not read the answer: a person must look",
  );
  await question.getByTestId("votes-toggle").click();
  const bucket = question.getByTestId("vote-bucket");
  await expect(bucket).toContainText("an answer Sift could not read");
  await expect(bucket).toContainText("from gpt-4o-mini");
  // What the model said stays visible, marked as unreadable.
  await expect(question.getByTestId("suggestion")).toContainText("Sift could not read this answer");
  await expect(question.getByTestId("suggestion")).toContainText("maybe?");
  await expect(focus.locator("main")).not.toContainText(RAW_WORDS);
  await shoot(focus, "focus-signal");
  await annotator.close();

  // The curator chooses "Votes only": one vote cannot disagree, so the records are measured again as 0 %.
  await page.goto(`/w/demo/d/${datasetId}/routing`);
  const methods = page.getByTestId("uncertainty-method");
  await expect(methods.getByRole("radio", { name: /^Automatic/ })).toBeChecked();
  await methods.getByRole("radio", { name: /^Votes only/ }).check();
  await expect(methods.getByRole("status")).toContainText("saving measures every record again");
  await shoot(page, "routing-method");
  await page.getByTestId("save-routing").click();
  await page.goto(`/w/demo/d/${datasetId}/records`);
  await expect(async () => {
    await page.reload();
    await expect(row(page, "s04")).toContainText("from 1 vote, which cannot disagree with itself", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row(page, "s04")).toContainText("0% uncertain");
  await expect(page.locator("main")).not.toContainText(RAW_WORDS);
});
