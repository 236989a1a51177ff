// Script injection: a corpus of classic payloads goes in through the API everywhere data is shown (text, markdown,
// chat and JSON fields, metadata, suggestion values and rationales, question and option texts, guidelines, the
// dataset description); every payload would set `window.__xss` or open a dialog if it ran. Every page that shows
// them is visited: no dialog opens, `window.__xss` stays undefined, and the payloads show as plain text.
import { expect, test, type Page } from "@playwright/test";
import { apiAuth, createPublishedDataset, deleteDatasets, signIn, waitUntilRouted } from "./helpers";

const PAYLOADS = [
  `<script>window.__xss=true</script>`,
  `<img src=x onerror="window.__xss=true">`,
  `<svg onload="window.__xss=true"><circle r="1"/></svg>`,
  `"><iframe srcdoc="<script>parent.__xss=true</script>"></iframe>`,
  `'><body onload=alert(1)>`,
  `<a href="javascript:window.__xss=true">js-anchor</a>`,
  `[md-link](javascript:window.__xss=true)`,
  `![md-image](javascript:window.__xss=true)`,
  `[md-data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9dHJ1ZTwvc2NyaXB0Pg==)`,
  `<div onmouseover="window.__xss=true" style="position:fixed;inset:0">hover-me</div>`,
  `<details open ontoggle="window.__xss=true">x</details>`,
  "${alert(1)} `${window.__xss=true}` {{constructor.constructor('window.__xss=true')()}}",
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=true>`,
];
const ALL = PAYLOADS.join("\n\n");
/** A payload that must be visible, literally, wherever plain text is shown. */
const VISIBLE = `<img src=x onerror="window.__xss=true">`;

let datasetId: string | undefined;

test.afterAll(() => deleteDatasets([datasetId]));

async function createHostileDataset(request: Parameters<typeof createPublishedDataset>[0]): Promise<string> {
  return createPublishedDataset(
    request,
    {
      name: `XSS <img src=x onerror=window.__xss=true>`,
      description: ALL,
      guidelines: ALL,
      fields: [
        { name: "text", title: `Text <script>window.__xss=true</script>`, type: "text", required: true },
        { name: "notes", title: "Notes", type: "markdown", required: false },
        { name: "chat", title: "Chat", type: "chat", required: false },
        { name: "payload", title: "Payload", type: "json", required: false },
      ],
      questions: [
        {
          name: "sentiment",
          title: `Sentiment <svg onload="window.__xss=true">`,
          description: ALL,
          type: "label",
          required: true,
          settings: { options: [{ value: "pos", text: `<img src=x onerror="window.__xss=true"> pos` }, { value: "neg" }] },
        },
        { name: "summary", title: "Summary", type: "text", required: false },
      ],
      metadata: [{ name: "origin", title: `Origin <img src=x onerror=alert(1)>`, type: "terms", visibleForAnnotators: true }],
      distribution: { minSubmitted: 1 },
      routing: { policy: "all_human" },
    },
    PAYLOADS.map((payload, index) => ({
      externalId: `x-${index}`,
      fields: {
        text: `${VISIBLE} ${payload}`,
        notes: ALL,
        chat: [
          { role: "user", content: payload },
          { role: `<img src=x onerror=window.__xss=true>`, content: ALL },
        ],
        payload: { html: payload, [payload]: [payload] },
      },
      metadata: { origin: payload },
      suggestions: [
        { question: "sentiment", agent: `agent <script>window.__xss=true</script>`, value: index % 2 ? "pos" : "neg", rationale: ALL },
        { question: "sentiment", agent: "agent-b", value: index % 2 ? "neg" : "pos", rationale: payload },
        { question: "summary", agent: "agent-c", value: ALL, rationale: payload },
      ],
    })),
  );
}

/** Counts every dialog (alert, confirm, prompt) the page opens, and dismisses it. */
function watchDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on("dialog", (dialog) => {
    opened.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return opened;
}

async function expectNothingRan(page: Page, where: string, dialogs: string[]): Promise<void> {
  // Hover across the page (an injected full-screen onmouseover would fire) and give late handlers a moment.
  await page.mouse.move(640, 360);
  await page.mouse.move(200, 200);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `window.__xss on ${where}`).toBeUndefined();
  expect(dialogs, `dialogs on ${where}`).toEqual([]);
  // No link anywhere may point at javascript: or data: (the markdown links are rendered without those addresses).
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  expect(hrefs.filter((href) => /^\s*(javascript|data|vbscript):/i.test(href)), `dangerous links on ${where}`).toEqual([]);
  expect(await page.locator("iframe").count(), `injected frames on ${where}`).toBe(0);
}

test("no payload runs on any page that shows data, and the payloads read as text", async ({ page, request }) => {
  test.setTimeout(120_000);
  datasetId = await createHostileDataset(request);
  await waitUntilRouted(request, datasetId);
  // A flag with a hostile note puts a record in the review queue (the admin's key: the demo admin flags it).
  const { records } = (await (await request.get(`/api/v1/datasets/${datasetId}/records?limit=2`, { headers: apiAuth })).json()) as {
    records: { id: string }[];
  };
  const flagged = await request.put(`/api/v1/records/${records[1]!.id}/flag`, { headers: apiAuth, data: { note: PAYLOADS.slice(0, 6).join(" ") } });
  expect(flagged.status(), await flagged.text()).toBe(200);

  const dialogs = watchDialogs(page);
  await signIn(page, "admin", "sift-admin-demo");
  const base = `/w/demo/d/${datasetId}`;

  await page.goto("/w/demo");
  await expect(page.getByText("XSS <img src=x onerror=window.__xss=true>").first()).toBeVisible();
  await expectNothingRan(page, "the workspace page", dialogs);

  await page.goto(`${base}/records`);
  await expect(page.getByTestId("records-table")).toBeVisible();
  await expect(page.getByText(VISIBLE).first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/xss-records.png", fullPage: true });
  await expectNothingRan(page, "the records page", dialogs);
  // Every record's details: all fields, the suggestions with their rationales, metadata.
  const details = page.getByText(/^Details:/);
  for (let index = 0; index < (await details.count()); index++) await details.nth(index).click();
  await expect(page.getByText(ALL.split("\n\n")[3]!).first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/xss-records-details.png", fullPage: true });
  await expectNothingRan(page, "the records' details", dialogs);

  await page.goto(`${base}/annotate`);
  await expect(page.getByTestId("record-external-id")).toBeVisible();
  await expect(page.getByText(VISIBLE).first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/xss-annotate.png", fullPage: true });
  await expectNothingRan(page, "the focus view", dialogs);
  // An answer against the LLM's proposal puts the record in the review queue next to the flagged one.
  await page.keyboard.press("1");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByTestId("record-external-id")).not.toHaveText("x-0");
  // The answer is saved behind the next record: leaving before it is saved would ask first (and abort the goto).
  await expect(page.getByTestId("save-state")).toHaveText("Saved");

  for (const tab of ["annotate/bulk", "review", "overview", "llm", "quality", "agreement", "routing", "settings", "export", ""]) {
    await page.goto(`${base}/${tab}`);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("main").first()).toBeVisible();
    if (tab === "review") await expect(page.getByText(PAYLOADS[0]!).first()).toBeVisible();
    if (tab === "review" || tab === "overview") await page.screenshot({ path: `test-results/screenshots/xss-${tab}.png`, fullPage: true });
    await expectNothingRan(page, `the ${tab || "dataset"} page`, dialogs);
  }
});
