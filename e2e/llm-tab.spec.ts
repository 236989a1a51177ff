// The dataset's LLM tab, end to end: an admin's provider points at a fake OpenAI-compatible server started in this
// process; a curator adds a proposer with two prompt variants (a mistake first, named next to its input), edits the
// prompt, previews the exact messages, starts a trial run on 5 records, watches it complete (the real worker makes
// the calls), and finds the suggestions on the records page. Annotators never see the tab.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../tests/fixtures/fake-openai-server";
import { apiKey, createPublishedDataset, deleteDatasets, signIn } from "./helpers";

const SCREENSHOTS = "test-results/screenshots";
const auth = { authorization: `Bearer ${apiKey}` };

let server: FakeOpenAiServer;
let datasetId: string | undefined;
let providerId: string | undefined;

test.beforeAll(async () => {
  // Slow enough, one call at a time (the provider's limit), that the run is seen in progress before it completes.
  server = await startFakeOpenAiServer({ latencyMs: 500, models: ["fake-model"] });
});

// The specs share the demo workspace, and others count its datasets and providers: what this spec made goes.
test.afterAll(async () => {
  await server?.close();
  await deleteDatasets([datasetId]);
  if (!providerId) return;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DELETE FROM "LlmProvider" WHERE id = $1`, [providerId]);
  } finally {
    await client.end();
  }
});

async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A small published dataset of 8 reviews with one label question, through the API (the admin's key). */
function createDataset(request: APIRequestContext): Promise<string> {
  const reviews = ["Loved it, would buy again.", "Broke after two days.", "Exactly as described.", "Terrible support.", "Fast delivery, great value.", "Not worth the money.", "Five stars.", "Meh."];
  return createPublishedDataset(
    request,
    {
      name: "E2E LLM reviews",
      guidelines: "Label the **overall** sentiment of the review.",
      fields: [{ name: "review", title: "Review", type: "text", required: true }],
      questions: [
        {
          name: "sentiment",
          title: "Sentiment",
          type: "label",
          required: true,
          settings: { options: [{ value: "positive", text: "Positive" }, { value: "negative", text: "Negative" }] },
        },
      ],
      metadata: [],
      distribution: { minSubmitted: 1 },
      routing: { policy: "budget", humanShare: 0.3 },
    },
    reviews.map((review, i) => ({ externalId: `rev-${i + 1}`, fields: { review } })),
  );
}

test("a curator configures a proposer, edits and previews the prompt, runs a trial and sees the suggestions", async ({ page, request }) => {
  test.setTimeout(150_000);
  datasetId = await createDataset(request);
  const providers = ((await (await request.get("/api/v1/llm-providers?workspace=demo", { headers: auth })).json()) as { providers: unknown[] }).providers;

  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${datasetId}/records`);
  await page.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "LLM", exact: true }).click();
  await expect(page.getByRole("heading", { name: "LLM", level: 2 })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Proposers" })).toHaveAttribute("aria-selected", "true");
  if (providers.length === 0) {
    // No provider in the workspace: the empty state says what a proposer is and who can add a provider.
    await expect(page.getByTestId("proposers-empty")).toContainText("A proposer is a model");
    await expect(page.getByTestId("proposers-empty")).toContainText("Ask a workspace admin");
    await screenshot(page, "llm-tab-no-provider");
  }

  // The admin's provider (through the API, as the providers spec does through the page), one call at a time.
  const provider = await request.post("/api/v1/llm-providers", {
    headers: auth,
    data: {
      workspace: "demo",
      name: `Fake endpoint ${randomBytes(3).toString("hex")}`,
      baseUrl: server.baseUrl,
      models: [{ name: "fake-model", inputPricePerMillion: 0.5, outputPricePerMillion: 1.5 }],
      maxConcurrency: 1,
    },
  });
  expect(provider.status(), await provider.text()).toBe(201);
  const { id, name: providerName } = (await provider.json()) as { id: string; name: string };
  providerId = id;
  const tested = await request.post(`/api/v1/llm-providers/${id}/test`, { headers: auth });
  expect(((await tested.json()) as { reachable: boolean }).reachable).toBe(true);
  server.resetStats(); // the test's own calls are not the run's

  await page.reload();
  await expect(page.getByTestId("proposers-empty")).toContainText("No proposers yet");
  await screenshot(page, "llm-tab-empty");
  await page.getByRole("button", { name: "Add a proposer" }).click();
  const form = page.getByTestId("proposer-form");
  await form.getByLabel("Provider", { exact: true }).selectOption({ label: providerName });
  await expect(form.getByLabel("Model", { exact: true })).toHaveValue("fake-model");
  await expect(form.getByTestId("model-price")).toHaveText("$0.50 in / $1.50 out per M tokens");
  await expect(form.getByTestId("capabilities")).toContainText("Connected");
  await expect(form.getByRole("checkbox", { name: /Sentiment/ })).toBeChecked(); // the only question
  await form.getByRole("radio", { name: /Prompt variants/ }).check();
  // Label questions accept every variant; uncheck one of the two defaults: a single variant is refused, in place.
  await form.getByRole("checkbox", { name: /Instruction after/ }).uncheck();
  await form.getByRole("button", { name: "Add proposer" }).click();
  await expect(form.getByTestId("field-error")).toContainText("choose at least two prompt variants: each one is a vote");
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("Not saved: the problems are shown next to what you changed.");
  await screenshot(page, "llm-tab-proposer-form");
  await form.getByRole("checkbox", { name: /Letters/ }).check();
  await form.getByRole("checkbox", { name: /Self-evaluation/ }).check();
  await form.getByRole("button", { name: "Add proposer" }).click();

  const proposer = page.getByRole("listitem", { name: "Proposer 1" });
  await expect(proposer).toContainText("fake-model");
  await expect(proposer).toContainText("Prompt variants: plain, letters");
  await expect(proposer).toContainText("self-evaluation");
  await expect(page.getByTestId("proposers-notice")).toHaveText("Proposer 1 added.");
  await screenshot(page, "llm-tab-configured");

  // The prompt: a broken template is named as you type and cannot be saved; a good one is, and the preview uses it.
  await page.getByRole("tab", { name: "Prompts" }).click();
  const template = page.getByLabel("Template");
  await template.fill("{{question}} {{oops}}");
  await expect(page.getByText("{{oops}}: unknown placeholder")).toBeVisible();
  await expect(page.getByText("the template shows no part of the record")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save prompt" })).toBeDisabled();
  await page.getByRole("button", { name: "Reset to default" }).click();
  await page.getByRole("button", { name: "Start from the default" }).click();
  await expect(template).toHaveValue(/\{\{guidelines\}\}/);
  await template.fill("{{guidelines}}\n\n{{question}}\n\n{{options}}\n\nThe review to label:\n{{field.review}}\n\n{{format}}");
  await page.getByRole("button", { name: "Save prompt" }).click();
  await expect(page.getByRole("button", { name: "Save prompt" })).toBeDisabled();
  await expect(page.getByRole("button", { name: /Sentiment/ })).toContainText("custom prompt");

  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("prompt-preview");
  await expect(preview.getByTestId("preview-agent")).toHaveText(["fake-model/plain", "fake-model/letters"]);
  await expect(preview).toContainText("Record rev-1");
  await expect(preview.getByRole("region", { name: "Vote fake-model/plain" }).getByLabel("user message of fake-model/plain")).toContainText(
    "The review to label:\nLoved it, would buy again.",
  );
  await expect(preview.getByRole("region", { name: "Vote fake-model/letters" })).toContainText("A.");
  await expect(preview.getByText("system", { exact: true }).first()).toBeVisible();
  // Markdown in the guidelines is sent as written and shown as text, never as HTML.
  await expect(preview.getByLabel("user message of fake-model/plain")).toContainText("**overall**");
  await preview.getByText("Output schema").first().click();
  await expect(preview.locator("details[open] pre").first()).toContainText('"confidence"');
  await screenshot(page, "llm-tab-preview");

  // A trial run on 5 records: the confirmation counts the calls; the run is watched until it completes.
  await page.getByRole("tab", { name: "Runs" }).click();
  await expect(page.getByTestId("runs-empty")).toBeVisible();
  await page.getByLabel("Trial run: at most").fill("5");
  await page.getByRole("button", { name: "Start run…" }).click();
  const confirmation = page.getByTestId("run-confirmation");
  await expect(confirmation).toContainText("5 records × 2 votes = about 10 calls");
  await expect(confirmation.getByRole("button", { name: "Start the run" })).toBeFocused();
  await page.keyboard.press("Enter");
  const run = page.getByTestId("llm-run").first();
  await expect(run.getByTestId("run-status")).toHaveText("running");
  await expect(run.getByRole("button", { name: "Pause" })).toBeVisible();
  // Polled every 2 s while running: catch it part-way (10 calls of 0.5 s, one at a time) for the screenshot.
  await expect(run.getByTestId("run-progress")).toHaveText(/^[1-4] of 5 records/, { timeout: 15_000 }).catch(() => undefined);
  await screenshot(page, "llm-tab-run-in-progress");

  await expect(run.getByTestId("run-status")).toHaveText("completed", { timeout: 90_000 });
  await expect(run.getByTestId("run-progress")).toHaveText("5 of 5 records");
  const stats = run.getByTestId("run-stats");
  await expect(stats).toContainText("Calls10");
  await expect(stats).toContainText("Failed calls0");
  await expect(stats).toContainText("Suggestions10");
  await expect(stats).toContainText("Answers Sift could not read0");
  await expect(run.getByRole("button", { name: "Pause" })).toHaveCount(0);
  await expect(run).toContainText("started by");
  expect(server.stats().chatRequests).toBe(10);
  await screenshot(page, "llm-tab-run-completed");

  // The suggestions on the records page, under each variant's agent name.
  await page.goto(`/w/demo/d/${datasetId}/records`);
  const first = page.getByTestId("record-row").filter({ hasText: "rev-1" });
  await first.getByText(/Details: fields, 2 suggestions/).click();
  await expect(first).toContainText("fake-model/plain");
  await expect(first).toContainText("fake-model/letters");
  const sixth = page.getByTestId("record-row").filter({ hasText: "rev-6" });
  await expect(sixth.getByText(/Details: fields, 0 suggestions/)).toBeVisible(); // outside the trial's 5
});

test("annotators see no LLM tab, and its page does not exist for them", async ({ page }) => {
  test.skip(!datasetId, "needs the dataset of the first test");
  await signIn(page, "kwame", "sift-kwame-demo");
  // The page streams behind its loading state, so the not-found page arrives with the stream, as on the records page.
  await page.goto(`/w/demo/d/${datasetId}/llm`);
  await expect(page.getByText("This page could not be found")).toBeVisible();
  await expect(page.getByRole("tab", { name: "Proposers" })).toHaveCount(0);
  await page.goto(`/w/demo/d/${datasetId}/annotate`);
  await expect(page.getByRole("navigation", { name: "Dataset sections" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Dataset sections" }).getByRole("link", { name: "LLM", exact: true })).toHaveCount(0);
  const api = await page.request.get(`/api/v1/datasets/${datasetId}/llm-settings`);
  expect(api.status()).toBe(403);
});
