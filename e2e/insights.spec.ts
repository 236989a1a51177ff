// The Overview and Agreement tabs: a curator opens a dataset (it lands on Overview), sees its progress, LLM–human
// agreement and the annotators' throughput, then the Agreement tab with kappa, alpha, the pairwise matrix and each
// annotator's figures, and downloads the CSV. The dataset is made through the API; maria and kwame answer it with
// their own sessions (separate browser contexts). Annotators never see either tab.
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { apiAuth as auth, createPublishedDataset, deleteDatasets, ownOrigin, signIn, waitUntilRouted } from "./helpers";

const SCREENSHOTS = "test-results/screenshots";
let datasetId: string | undefined;

test.afterAll(() => deleteDatasets([datasetId]));

// Six records, every LLM proposal "pos". maria answers pos, pos, neg, neg, pos, neg; kwame the same but neg on r-4.
// By hand: they agree on 5 of 6 (po = 5/6); maria 3 pos / 3 neg, kwame 2 / 4: pe = (3·2 + 3·4)/36 = 1/2, so Cohen's
// kappa = (5/6 − 1/2)/(1/2) = 2/3. Fleiss (m = 2): P̄ = 5/6, totals pos 5 neg 7 of 12, P̄e = 74/144: κ = 46/70 ≈ 0.657.
// With the LLM (always pos): maria 3 of 6, kwame 2 of 6.
const maria = ["pos", "pos", "neg", "neg", "pos", "neg"];
const kwame = ["pos", "pos", "neg", "neg", "neg", "neg"];

async function annotatorPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username, `sift-${username}-demo`);
  return page;
}

async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-dark.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}

test("a curator reads the Overview and Agreement tabs and downloads the agreement CSV", async ({ page, request, browser }) => {
  // Two annotators' sessions, twelve answers, the worker's recompute and two tabs in two themes: more than 30 s on a
  // loaded machine.
  test.setTimeout(120_000);
  const votes = [["pos", "pos", "pos"], ["pos", "pos", "neg"]];
  datasetId = await createPublishedDataset(
    request,
    {
      name: "E2E insights",
      fields: [{ name: "text", title: "Text", type: "text", required: true }],
      questions: [{ name: "sentiment", title: "Sentiment", type: "label", required: true, settings: { options: [{ value: "pos" }, { value: "neg" }] } }],
      metadata: [],
      // Blind: the annotators answer without seeing the proposals, so their answers are their own (origin `written`)
      // and count in agreement, where answers that confirm a proposal are left out by default.
      distribution: { minSubmitted: 2, blind: true },
      // Both answer every record (the queue's rule: only records routed to people take answers).
      routing: { policy: "all_human" },
    },
    Array.from({ length: 6 }, (_, i) => ({
      externalId: `r-${i}`,
      fields: { text: `Record ${i}` },
      suggestions: votes[i % 2]!.map((value, agent) => ({ question: "sentiment", agent: `agent-${agent}`, value, model: `model-${agent % 2}` })),
    })),
  );
  const list = (await (await request.get(`/api/v1/datasets/${datasetId}/records?limit=100`, { headers: auth })).json()) as {
    records: { id: string; externalId: string }[];
  };
  expect(list.records).toHaveLength(6);
  // The worker computes the proposals and routes the records a moment after the import.
  await waitUntilRouted(request, datasetId);
  for (const [username, answers] of [["maria", maria], ["kwame", kwame]] as const) {
    const annotator = await annotatorPage(browser, username);
    for (const record of list.records) {
      const i = Number(record.externalId.slice(2));
      const saved = await annotator.request.put(`/api/v1/records/${record.id}/response`, {
        headers: ownOrigin,
        data: { status: "submitted", values: { sentiment: answers[i] }, timeSpentMs: username === "maria" ? 3000 : 6000 },
      });
      expect(saved.status(), await saved.text()).toBe(200);
    }
    // Annotators see neither tab.
    await annotator.goto(`/w/demo/d/${datasetId}/agreement`);
    await expect(annotator.getByText("This page could not be found")).toBeVisible();
    await annotator.context().close();
  }
  await expect
    .poll(async () => {
      const agreement = (await (await request.get(`/api/v1/datasets/${datasetId}/agreement`, { headers: auth })).json()) as {
        questions: { annotators: { withLlm: { n: number } | null }[] }[];
      };
      return agreement.questions[0]!.annotators.map((a) => a.withLlm?.n ?? 0);
    }, { timeout: 30_000 })
    .toEqual([6, 6]);

  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${datasetId}`);
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("heading", { name: "Overview", level: 2 })).toBeVisible();
  const progress = page.getByTestId("overview-progress");
  await expect(progress.locator("figcaption")).toContainText("6 records");
  const routed = await Promise.all(
    ["auto", "humanDone", "humanWaiting", "audit", "pending"].map(async (key) => Number(await progress.getByTestId(`progress-${key}`).textContent())),
  );
  expect(routed.reduce((x, y) => x + y, 0)).toBe(6);
  // Every record has two answers; the 1–1 tie on r-4 has no final value (it waits for a curator), so the LLM's "pos"
  // is measured on 5 records and matches the people's answer on r-0 and r-1.
  const figure = "40.0 % (2 of 5 records with a human consensus, 95 % CI";
  await expect(page.getByTestId("overview-llm-agreement").getByRole("heading", { name: "LLM agreement with people" })).toBeVisible();
  await expect(page.getByTestId("llm-agreement-sentiment")).toContainText(figure);
  await expect(page.getByTestId("throughput-maria")).toContainText("6");
  await expect(page.getByTestId("throughput-kwame")).toContainText("6");
  await expect(page.getByTestId("overview-cost")).toContainText("18 suggestions");
  await expect(page.getByTestId("overview-uncertainty").locator("figcaption")).toContainText("Records per uncertainty bin");
  await screenshots(page, "overview");

  await page.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "Agreement", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Agreement", level: 2 })).toBeVisible();
  await expect(page.getByTestId("agreement-explanations")).toContainText("0.6–0.8 substantial");
  await expect(page.getByTestId("agreement-summary")).toContainText("6 records have answers from two or more of the 2 annotators");
  const pace = page.getByTestId("annotator-pace");
  await expect(pace.getByRole("row", { name: /maria/ })).toContainText("3.0 s");
  await expect(pace.getByRole("row", { name: /kwame/ })).toContainText("6.0 s");
  await expect(page.getByTestId("fleiss-sentiment")).toHaveText("0.657");
  const matrix = page.getByTestId("kappa-matrix-sentiment");
  // Row kwame: kwame itself (·), then maria; annotators in name order.
  const kwameWithMaria = matrix.getByRole("row", { name: /^kwame/ }).getByRole("cell").last();
  await expect(kwameWithMaria).toContainText("0.67");
  await expect(kwameWithMaria).toContainText("n = 6");
  // The same figure in the same words as the Overview, and the per-answer one under its own name.
  await expect(page.getByTestId("agreement-llm-sentiment")).toContainText(figure);
  const annotators = page.getByTestId("annotator-agreement-sentiment");
  await expect(annotators.getByRole("columnheader", { name: /Their answers vs the LLM's proposal/ })).toBeVisible();
  await expect(annotators.getByRole("row", { name: /^kwame/ })).toContainText("33.3 % (2 of 6, 95 % CI");
  await expect(annotators.getByRole("row", { name: /^maria/ })).toContainText("50.0 % (3 of 6, 95 % CI");
  await screenshots(page, "agreement");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`agreement-${datasetId}.csv`);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("question,measure,annotator,other_annotator,value,successes,n,ci_low,ci_high,level");
  expect(lines.find((line) => line.startsWith("sentiment,cohen_kappa,kwame,maria,"))).toMatch(/^sentiment,cohen_kappa,kwame,maria,0\.666666\d*,,6,/);
  expect(lines.find((line) => line.startsWith("sentiment,agreement_with_llm,kwame,"))).toMatch(/,2,6,/);

  // The Quality and LLM tabs say the same. The LLM tab opens on the agents that pushed the suggestions (no proposers
  // here): agent-0 and agent-1 always "pos" agree on r-0 and r-1 (2 of 5), agent-2 on r-0, r-3 and r-5 (3 of 5).
  await page.goto(`/w/demo/d/${datasetId}/quality`);
  await expect(page.getByTestId("llm-accuracy")).toHaveText("40.0 %");
  await expect(page.getByTestId("llm-accuracy-detail")).toContainText(figure.slice(figure.indexOf("(") + 1));
  await page.goto(`/w/demo/d/${datasetId}/llm`);
  await expect(page.getByRole("tab", { name: /Agents/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("agents-proposal-sentiment")).toContainText(figure);
  const agentRows = page.getByTestId("agents-table").getByTestId("agent-row");
  await expect(agentRows).toHaveCount(3);
  await expect(agentRows.filter({ hasText: "agent-0" })).toContainText("model-0 · pushed through the API or imported");
  await expect(agentRows.filter({ hasText: "agent-0" })).toContainText("unknown");
  await expect(agentRows.filter({ hasText: "agent-0" })).toContainText("40.0 % (2 of 5 records with a human consensus");
  await expect(agentRows.filter({ hasText: "agent-2" })).toContainText("60.0 % (3 of 5 records with a human consensus");
  await screenshots(page, "llm-agents");
  await page.getByRole("tab", { name: "Proposers" }).click();
  await expect(page.getByTestId("existing-suggestions")).toContainText("18 suggestions from 3 agents");
});
