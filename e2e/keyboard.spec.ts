// An annotator's keyboard that cannot betray her (issue 13): rankings typed with digits are stored in the order typed,
// the form starts on its first question, Tab stays in the form, letters typed in a text box are text, a discard can be
// undone, and an answer whose save is cut off by the network is kept, retried and saved exactly once while the next
// record is already on screen.
import { expect, test, type Page } from "@playwright/test";
import { createPublishedDataset, deleteDatasets, signIn } from "./helpers";

const SCREENSHOTS = "test-results/screenshots";
const made: string[] = [];
test.afterAll(() => deleteDatasets(made));

const options = (count: number) => Array.from({ length: count }, (_, i) => ({ value: "abcd"[i]!, text: `Option ${"ABCD"[i]}` }));

const KWAME = ["kwame", "sift-kwame-demo"] as const;
const MARIA = ["maria", "sift-maria-demo"] as const;

async function openQueue(page: Page, datasetId: string, [login, password]: readonly [string, string] = KWAME): Promise<void> {
  await signIn(page, login, password);
  await expect(async () => {
    await page.goto(`/w/demo/d/${datasetId}/annotate`);
    await expect(page.getByTestId("record-fields")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

const recordIdOf = async (page: Page) => (await page.getByTestId("record-fields").getAttribute("data-record-id"))!;

async function myResponse(page: Page, recordId: string): Promise<{ status: string; values: Record<string, unknown> } | null> {
  const body = (await (await page.request.get(`/api/v1/records/${recordId}`)).json()) as { myResponse: { status: string; values: Record<string, unknown> } | null };
  return body.myResponse;
}

test("digits typed on rankings of 2, 3 and 4 items store the order typed, best first", async ({ page, request }) => {
  const datasetId = await createPublishedDataset(
    request,
    {
      name: "E2E ranking keys",
      fields: [{ name: "prompt", title: "Prompt", type: "text", required: true }],
      questions: [2, 3, 4].map((count) => ({ name: `rank${count}`, title: `Rank ${count}`, type: "ranking", required: true, settings: { options: options(count) } })),
      metadata: [],
      distribution: { minSubmitted: 1 },
      routing: { policy: "all_human" },
    },
    // A judge's suggestion gives each record an uncertainty, so that routing sends it to people; it pre-fills the
    // rankings in the listed order, as an unranked list shows them.
    Array.from({ length: 3 }, (_, i) => ({
      externalId: `keys-${i}`,
      fields: { prompt: `Prompt ${i}` },
      suggestions: [2, 3, 4].map((count) => ({ question: `rank${count}`, agent: "judge", value: [..."abcd".slice(0, count)] })),
    })),
  );
  made.push(datasetId);
  await openQueue(page, datasetId);

  // Each case: the digits typed on each ranking (Tab between them), and the order that must be stored.
  const cases: { keys: string[][]; stored: Record<string, string[]> }[] = [
    { keys: [["2", "1"], ["3", "1", "2"], ["2", "4", "1", "3"]], stored: { rank2: ["b", "a"], rank3: ["c", "a", "b"], rank4: ["b", "d", "a", "c"] } },
    { keys: [["1", "2"], ["2", "3"], ["4", "3", "2"]], stored: { rank2: ["a", "b"], rank3: ["b", "c", "a"], rank4: ["d", "c", "b", "a"] } },
    // A digit pressed again is ignored; a digit after every place was typed starts a new order.
    { keys: [["2"], ["1", "1", "3", "2", "2", "1"], ["3", "3", "1", "2"]], stored: { rank2: ["b", "a"], rank3: ["b", "a", "c"], rank4: ["c", "a", "b", "d"] } },
  ];
  for (const { keys, stored } of cases) {
    const recordId = await recordIdOf(page);
    for (const [index, digits] of keys.entries()) {
      const question = page.getByTestId(`question-rank${[2, 3, 4][index]}`);
      await expect(question).toHaveAttribute("data-active", "true");
      for (const digit of digits) await page.keyboard.press(digit);
      if (index === 2 && stored.rank4[0] === "d") {
        // The order is visible while it is typed: the places typed first, then the ones still free.
        await expect(question.getByTestId("ranking-row")).toHaveText([/Rank 1: Option D/, /Rank 2: Option C/, /Rank 3: Option B/, /Rank 4: Option A/]);
      }
      if (index < 2) await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    // The next record, or after the last one the empty queue.
    await expect(page.locator(`[data-testid="record-fields"][data-record-id="${recordId}"]`)).toHaveCount(0);
    await expect.poll(() => myResponse(page, recordId)).toEqual({ status: "submitted", values: stored });
  }
});

test.describe("the focus view's keys", () => {
  let datasetId: string;
  test.beforeAll(async ({ request }) => {
    datasetId = await createPublishedDataset(
      request,
      {
        name: "E2E keyboard",
        fields: [{ name: "answer", title: "Answer", type: "text", required: true }],
        questions: [
          { name: "critique", title: "Critique", type: "text", required: false },
          { name: "verdict", title: "Verdict", type: "label", required: true, settings: { options: [{ value: "good", text: "Good" }, { value: "bad", text: "Bad" }] } },
        ],
        metadata: [],
        distribution: { minSubmitted: 1 },
        routing: { policy: "all_human" },
      },
      Array.from({ length: 12 }, (_, i) => ({
        externalId: `k-${String(i).padStart(2, "0")}`,
        fields: { answer: `Answer ${i}` },
        // Routing sends a record to people once it has an uncertainty, from a suggestion.
        suggestions: [{ question: "verdict", agent: "judge", value: "good" }],
      })),
    );
    made.push(datasetId);
  });

  test("the form starts on its first question, letters typed in a text box are text, and Tab cycles within the form", async ({ page }) => {
    await openQueue(page, datasetId);
    const recordId = await recordIdOf(page);
    // The first question, though optional and the second required and unanswered.
    const critique = page.getByTestId("question-critique");
    await expect(critique).toHaveAttribute("data-active", "true");
    const box = critique.locator("textarea");
    await expect(box).toBeFocused();

    // No letter is a shortcut while the box has the focus: B (blind), S (skip), F (flag), V (votes), G, ? are text.
    const typed = "Bad: Skips Facts, Vague? gbsfv?";
    await page.keyboard.type(typed);
    await expect(box).toHaveValue(typed);
    await expect(page.getByTestId("blind-toggle")).toHaveAttribute("aria-pressed", "false");
    await expect(page.getByTestId("shortcuts-dialog")).toBeHidden();
    await expect(page.locator("#annotate-guidelines")).toHaveCount(0);
    expect(await recordIdOf(page)).toBe(recordId);

    // Tab: critique → verdict → … → the form's last control (Submit) → back to the first question, never the page.
    await page.keyboard.press("Tab");
    await expect(page.getByTestId("question-verdict")).toHaveAttribute("data-active", "true");
    const seen: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press("Tab");
      const where = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return "body";
        if (!element.closest('aside[aria-label="Questions"]')) return "outside";
        return element.closest("[data-question]")?.getAttribute("data-testid") ?? element.getAttribute("data-testid") ?? element.textContent?.trim() ?? "?";
      });
      seen.push(where);
      if (where === "question-critique") break;
    }
    expect(seen).not.toContain("body");
    expect(seen).not.toContain("outside");
    expect(seen).toContain("submit-button");
    expect(seen.at(-1)).toBe("question-critique");
    await expect(box).toBeFocused();
    // Shift+Tab from the first question goes to the form's last control.
    await page.keyboard.press("Shift+Tab");
    await expect(page.getByTestId("submit-button")).toBeFocused();
  });

  test("Backspace-to-discard, a submit and a skip are undone with Ctrl+Z (or the toast's Undo), newest first", async ({ page }) => {
    await openQueue(page, datasetId, MARIA);
    const ids: string[] = [];
    const externalId = page.getByTestId("record-external-id");

    // 1: discard with a verdict chosen. The critique box has the focus: Esc leaves it, then the keys act.
    ids.push(await recordIdOf(page));
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("2");
    await page.keyboard.press("Backspace");
    await expect(page.getByTestId("record-fields")).not.toHaveAttribute("data-record-id", ids[0]!);
    await expect(page.getByTestId("undo-toast")).toContainText("Record discarded");
    await page.screenshot({ path: `${SCREENSHOTS}/undo-toast.png`, fullPage: true });
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await page.screenshot({ path: `${SCREENSHOTS}/undo-toast-dark.png`, fullPage: true });
    await page.evaluate(() => document.documentElement.classList.remove("dark"));

    // 2: submit "Good".
    ids.push(await recordIdOf(page));
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("1");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("record-fields")).not.toHaveAttribute("data-record-id", ids[1]!);

    // 3: skip.
    ids.push(await recordIdOf(page));
    await page.keyboard.press("Escape");
    await page.keyboard.press("s");
    await expect(page.getByTestId("record-fields")).not.toHaveAttribute("data-record-id", ids[2]!);
    await expect(page.getByTestId("save-state")).toHaveText("Saved");
    expect(await myResponse(page, ids[0]!)).toEqual({ status: "discarded", values: { verdict: "bad" } });

    // Undo the skip: that record comes back.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+z");
    await expect(page.getByTestId("record-fields")).toHaveAttribute("data-record-id", ids[2]!);
    // Undo the submit: the record comes back with its answer, now a draft again.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+z");
    await expect(page.getByTestId("record-fields")).toHaveAttribute("data-record-id", ids[1]!);
    await expect(page.getByTestId("question-verdict").getByRole("radio", { name: /Good/ })).toHaveAttribute("aria-checked", "true");
    expect(await myResponse(page, ids[1]!)).toEqual({ status: "draft", values: { verdict: "good" } });
    // Undo the discard: the same, the discarded record is a draft again with its verdict.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+z");
    await expect(page.getByTestId("record-fields")).toHaveAttribute("data-record-id", ids[0]!);
    await expect(page.getByTestId("question-verdict").getByRole("radio", { name: /Bad/ })).toHaveAttribute("aria-checked", "true");
    expect(await myResponse(page, ids[0]!)).toEqual({ status: "draft", values: { verdict: "bad" } });
    await expect(externalId).toBeVisible();
  });

  test("an answer whose save the network cuts off is kept, retried and saved exactly once, the next record shown at once", async ({ page }) => {
    await openQueue(page, datasetId);
    const recordId = await recordIdOf(page);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let attempts = 0;
    let delivered = 0;
    await page.route(/\/api\/v1\/records\/[^/]+\/response$/, async (route) => {
      if (route.request().method() !== "PUT") return route.fallback();
      attempts += 1;
      if (attempts === 1) {
        await held;
        return route.abort("internetdisconnected");
      }
      if (attempts === 2) return route.abort("internetdisconnected");
      delivered += 1;
      return route.fallback();
    });
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("1");
    await page.keyboard.press("Enter");
    // The next record is there while the answer is still on its way.
    await expect(page.getByTestId("record-fields")).not.toHaveAttribute("data-record-id", recordId);
    await expect(page.getByTestId("save-state")).toHaveText("Saving…");
    release();
    await expect(page.getByTestId("save-state")).toContainText("Not saved — retrying");
    await page.screenshot({ path: `${SCREENSHOTS}/save-retrying.png`, fullPage: true });
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await page.screenshot({ path: `${SCREENSHOTS}/save-retrying-dark.png`, fullPage: true });
    await page.evaluate(() => document.documentElement.classList.remove("dark"));
    // Leaving the page now would ask first.
    expect(await page.evaluate(() => localStorage.getItem(Object.keys(localStorage).find((key) => key.startsWith("sift-unsaved:"))!))).toContain(recordId);
    await expect(page.getByTestId("save-state")).toHaveText("Saved", { timeout: 15_000 });
    expect(attempts).toBe(3);
    expect(delivered).toBe(1);
    // (Kwame's first record may carry the critique typed in the test above, kept as his draft.)
    expect(await myResponse(page, recordId)).toMatchObject({ status: "submitted", values: { verdict: "good" } });
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("sift-unsaved:")))).toEqual([]);
  });
});

test("an answer the server refuses is set aside, shown, and sent again with Retry", async ({ page, request }) => {
  const datasetId = await createPublishedDataset(
    request,
    {
      name: "E2E refused save",
      fields: [{ name: "answer", title: "Answer", type: "text", required: true }],
      questions: [{ name: "verdict", title: "Verdict", type: "label", required: true, settings: { options: [{ value: "good", text: "Good" }, { value: "bad", text: "Bad" }] } }],
      metadata: [],
      distribution: { minSubmitted: 1 },
      routing: { policy: "all_human" },
    },
    Array.from({ length: 3 }, (_, i) => ({ externalId: `r-${i}`, fields: { answer: `Answer ${i}` }, suggestions: [{ question: "verdict", agent: "judge", value: "good" }] })),
  );
  made.push(datasetId);
  await openQueue(page, datasetId, MARIA);
  const recordId = await recordIdOf(page);
  let refuse = true;
  await page.route(/\/api\/v1\/records\/[^/]+\/response$/, (route) => {
    if (route.request().method() !== "PUT" || !refuse) return route.fallback();
    return route.fulfill({ status: 409, contentType: "application/json", body: JSON.stringify({ error: { code: "conflict", message: "Refused for the test." } }) });
  });
  await page.keyboard.press("2");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("record-fields")).not.toHaveAttribute("data-record-id", recordId);
  await expect(page.getByTestId("save-state")).toContainText("Your answer not saved: Refused for the test.");
  expect(await myResponse(page, recordId)).toBeNull();
  refuse = false;
  await page.getByRole("button", { name: "Retry now" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  expect(await myResponse(page, recordId)).toEqual({ status: "submitted", values: { verdict: "bad" } });
});
