// An admin adds an LLM provider pointing at a fake OpenAI-compatible server (started here, in the spec's process),
// tests the connection, sees the capability badges, edits it, and never gets the API key back; then deletes it.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../tests/fixtures/fake-openai-server";
import { apiKey, signIn } from "./helpers";

const SCREENSHOTS = "test-results/screenshots";

/** From the top: a full-page shot of a scrolled page paints the sticky top bar in the middle. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}
const PROVIDER_KEY = `sk-e2e-${randomBytes(12).toString("hex")}`;

let server: FakeOpenAiServer;

test.beforeAll(async () => {
  server = await startFakeOpenAiServer({ apiKey: PROVIDER_KEY, models: ["fake-model", "fake-model-large"] });
});
test.afterAll(async () => {
  await server?.close();
});

test("an admin adds, tests, edits and deletes an LLM provider; the key is never shown back", async ({ page, request }) => {
  const name = `Fake vLLM ${randomBytes(3).toString("hex")}`;
  await signIn(page, "admin", "sift-admin-demo");
  await page.getByText("Workspace settings").click();
  await page.getByRole("link", { name: "LLM providers" }).click();
  await expect(page.getByRole("heading", { name: "LLM providers", level: 1 })).toBeVisible();

  // Other specs may have added providers to the demo workspace; the empty state only shows without any.
  const existing = await request.get("/api/v1/llm-providers?workspace=demo", { headers: { authorization: `Bearer ${apiKey}` } });
  const empty = ((await existing.json()) as { providers: unknown[] }).providers.length === 0;
  if (empty) {
    await expect(page.getByTestId("providers-empty")).toContainText("OpenAI-compatible endpoint");
    await screenshot(page, "llm-providers-empty");
    await page.getByRole("button", { name: "Add a provider" }).click();
  } else {
    await page.getByRole("button", { name: "Add provider" }).click();
  }

  // A first try with mistakes: each is named next to its input, and focus goes to the first.
  const form = page.getByTestId("provider-form");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Base URL").fill("localhost:8000");
  await form.getByRole("button", { name: "Add provider" }).click();
  await expect(form.getByLabel("Base URL")).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("baseUrl must start with http:// or https://, e.g. http://localhost:8000");
  await expect(form).toContainText("model name is required");
  await expect(form.getByLabel("Base URL")).toBeFocused();
  await screenshot(page, "llm-providers-form-error");

  await form.getByLabel("Base URL").fill(server.baseUrl);
  await form.getByLabel("API key (optional)").fill(PROVIDER_KEY);
  await form.getByLabel("Model 1 name").fill("fake-model");
  await form.getByLabel("Model 1 input price, USD per million tokens").fill("0.5");
  await form.getByLabel("Model 1 output price, USD per million tokens").fill("1.5");
  await form.getByRole("button", { name: "Add model" }).click();
  await expect(form.getByLabel("Model 2 name")).toBeFocused();
  await page.keyboard.type("fake-model-large");
  await form.getByLabel("Max concurrent calls").fill("4");
  await form.getByLabel("Requests per minute").fill("600");
  await form.getByRole("button", { name: "Add provider" }).click();

  const card = page.getByRole("region", { name });
  await expect(card).toBeVisible();
  await expect(card.getByTestId("capabilities")).toContainText("Not tested");
  await expect(card).toContainText("fake-model-large");
  await expect(card).toContainText("$0.50");
  await expect(card.getByTestId("limits")).toHaveText("4 concurrent calls · 600 requests/min · no token limit · timeout 60 s");
  await expect(card.getByTestId("api-key-status")).toContainText(`••••${PROVIDER_KEY.slice(-4)}`);

  await card.getByRole("button", { name: `Test connection to ${name}` }).click();
  await expect(card.getByTestId("test-result")).toContainText("Connected in", { timeout: 15_000 });
  await expect(card.getByTestId("capabilities")).toContainText("Connected");
  await expect(card.getByTitle("JSON schema: supported")).toBeVisible();
  await expect(card.getByTitle("Logprobs: supported")).toBeVisible();
  await expect(card.getByTestId("capabilities")).toContainText("tested");
  expect(server.stats().unauthorized).toBe(0); // the server decrypted the key and sent it
  await screenshot(page, "llm-providers-list");

  // Edit: the key input starts empty (write-only), and leaving it empty keeps the key.
  await card.getByRole("button", { name: `Edit ${name}` }).click();
  const edit = page.getByTestId("provider-form");
  await expect(edit.getByLabel("Replace the API key")).toHaveValue("");
  await expect(edit.getByLabel("Replace the API key")).toHaveAttribute("placeholder", new RegExp(`ends in ${PROVIDER_KEY.slice(-4)}`));
  await expect(edit.getByLabel("Max concurrent calls")).toHaveValue("4");
  await edit.getByLabel("Max concurrent calls").fill("6");
  await edit.getByLabel("Tokens per minute").fill("100000");
  await screenshot(page, "llm-providers-edit");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(card.getByTestId("limits")).toHaveText("6 concurrent calls · 600 requests/min · 100,000 tokens/min · timeout 60 s");
  await expect(card.getByTestId("api-key-status")).toContainText(`••••${PROVIDER_KEY.slice(-4)}`);
  // Limits do not change what the endpoint can do: the test result stays.
  await expect(card.getByTestId("capabilities")).toContainText("Connected");

  // The key is in neither the page nor the API's answers.
  expect(await page.content()).not.toContain(PROVIDER_KEY);
  const listed = await request.get("/api/v1/llm-providers?workspace=demo", { headers: { authorization: `Bearer ${apiKey}` } });
  expect(listed.status()).toBe(200);
  const body = await listed.text();
  expect(body).toContain(name);
  expect(body).not.toContain(PROVIDER_KEY);

  // Delete, after confirming in a dialog.
  await card.getByRole("button", { name: `Delete ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Delete provider" }).click();
  await expect(page.getByRole("region", { name })).toHaveCount(0);
});

test("curators do not see the providers page", async ({ page }) => {
  await signIn(page, "curator", "sift-curator-demo");
  await expect(page.getByText("Workspace settings")).toHaveCount(0);
  const response = await page.goto("/w/demo/settings/llm-providers");
  expect(response?.status()).toBe(404);
});
