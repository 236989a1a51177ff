// The annotator's focus view, end to end: Maria signs in, is served a record that routing sent to people, answers
// with the keyboard, submits, gets a different record, and can go back to the one she answered.
import { mkdir } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";

const MARIA = { login: "maria@sift.local", password: "sift-maria-demo" };
const PANDALM = "PandaLM — human vs LLM judges";
const SCREENSHOTS = "test-results/screenshots";

async function signIn(page: Page, who: { login: string; password: string }): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email or username").fill(who.login);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/w\/demo(\/|$|\?)/);
}

/** Opens the dataset's focus view from the workspace home, by the dataset's name. */
async function openAnnotate(page: Page, datasetName: string): Promise<void> {
  await page.goto("/w/demo");
  const card = page.getByTestId("dataset-card").filter({ hasText: datasetName });
  await card.locator('a[href$="/annotate"]').first().click();
  await page.waitForURL(/\/w\/demo\/d\/[^/]+\/annotate/);
  await expect(page.getByTestId("focus-view")).toBeVisible();
}

/** The worker routes the demo data a moment after seeding: reload until the queue serves a record. */
async function waitForRecord(page: Page): Promise<string> {
  const externalId = page.getByTestId("record-external-id");
  const empty = page.getByTestId("empty-queue");
  await expect(async () => {
    await expect(externalId.or(empty)).toBeVisible({ timeout: 5_000 });
    if (await empty.isVisible()) {
      await page.reload();
      throw new Error("The queue is empty: routing has not finished yet.");
    }
  }).toPass({ timeout: 25_000, intervals: [500, 1_000, 2_000] });
  return (await externalId.textContent())!.trim();
}

async function submittedCount(page: Page): Promise<number> {
  const progress = page.getByTestId("progress");
  await expect(progress).toHaveAttribute("data-submitted", /\d+/);
  return Number(await progress.getAttribute("data-submitted"));
}

/** Reads the served record back through the API with the page's session: routed to people, never auto-accepted. */
async function expectRoutedToPeople(page: Page): Promise<{ id: string; myResponse: { status: string; values: Record<string, unknown> } | null }> {
  const id = await page.getByTestId("record-fields").getAttribute("data-record-id");
  expect(id).toBeTruthy();
  const response = await page.request.get(`/api/v1/records/${id}`);
  expect(response.ok()).toBe(true);
  const record = (await response.json()) as {
    id: string;
    routingDecision: string;
    myResponse: { status: string; values: Record<string, unknown> } | null;
  };
  expect(["human", "audit"]).toContain(record.routingDecision);
  expect(record.routingDecision).not.toBe("auto");
  return record;
}

test.describe("focus view", () => {
  test.setTimeout(90_000);

  test("serves a record routed to people, answers it with the keyboard and moves on", async ({ page }) => {
    await signIn(page, MARIA);
    await openAnnotate(page, PANDALM);
    const first = await waitForRecord(page);
    await expectRoutedToPeople(page);

    const fields = page.getByTestId("record-fields");
    await expect(fields.getByRole("heading", { name: "Instruction" })).toBeVisible();
    const verdict = page.getByTestId("question-verdict");
    await expect(verdict.getByTestId("uncertainty-badge")).toBeVisible();
    await expect(verdict.getByRole("radiogroup")).toBeVisible();
    const before = await submittedCount(page);

    // The votes breakdown opens and shows the judges.
    await verdict.getByTestId("votes-toggle").click();
    await expect(verdict.getByTestId("suggestion").first()).toBeVisible();

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/focus-view.png`, fullPage: true });
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await page.waitForTimeout(400); // let the colour transitions finish
    await page.screenshot({ path: `${SCREENSHOTS}/focus-view-dark.png`, fullPage: true });
    await page.evaluate(() => document.documentElement.classList.remove("dark"));

    // The shortcuts dialog lists the keys.
    // Enter on a focused button presses that button: leave the votes toggle first.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("?");
    await expect(page.getByTestId("shortcuts-dialog")).toBeVisible();
    await expect(page.getByTestId("shortcuts-dialog")).toContainText("Skip");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("shortcuts-dialog")).toBeHidden();

    // Digit 2 picks "Response 2 is better" on the active question; Enter submits.
    await expect(verdict).toHaveAttribute("data-active", "true");
    await page.keyboard.press("2");
    await expect(verdict.getByRole("radio", { name: /Response 2 is better/ })).toHaveAttribute("aria-checked", "true");
    await page.keyboard.press("Enter");

    await expect(page.getByTestId("record-external-id")).not.toHaveText(first, { timeout: 10_000 });
    await expect(page.getByTestId("progress")).toHaveAttribute("data-submitted", String(before + 1));
    await expectRoutedToPeople(page);
  });

  test("Back returns to the previous record with the submitted answer", async ({ page }) => {
    await signIn(page, MARIA);
    await openAnnotate(page, PANDALM);
    const first = await waitForRecord(page);
    const firstRecord = await expectRoutedToPeople(page);

    await page.keyboard.press("3");
    await expect(page.getByTestId("question-verdict").getByRole("radio", { name: /Tie/ })).toHaveAttribute("aria-checked", "true");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("record-external-id")).not.toHaveText(first, { timeout: 10_000 });
    const second = (await page.getByTestId("record-external-id").textContent())!.trim();

    await page.keyboard.press("ArrowLeft");
    await expect(page.getByTestId("record-external-id")).toHaveText(first, { timeout: 10_000 });
    const verdict = page.getByTestId("question-verdict");
    await expect(verdict.getByRole("radio", { name: /Tie/ })).toHaveAttribute("aria-checked", "true");
    await expect(page.getByTestId("my-response-status")).toContainText("submitted");

    // Changing the answer and submitting again updates it, and goes forward to the record held in the queue.
    await page.keyboard.press("1");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("record-external-id")).toHaveText(second, { timeout: 10_000 });
    // The answer is saved in the background: the top bar says when it is.
    await expect(page.getByTestId("save-state")).toHaveText("Saved");
    const updated = await page.request.get(`/api/v1/records/${firstRecord.id}`);
    const body = (await updated.json()) as { myResponse: { status: string; values: Record<string, unknown> } };
    expect(body.myResponse.status).toBe("submitted");
    expect(body.myResponse.values.verdict).toBe("response_1");
  });
});
