// Screens that stay current and fit: counters another annotator moves update without a reload, an import's state
// moves on screen, the annotate page, the bulk view and the dataset tabs fit a 390 px phone, every page has one
// element per id, and the first Tab reaches "Skip to content".
import { createServer, type AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { apiAuth, createPublishedDataset, deleteDatasets, routedDemoDatasets, signIn, waitUntilRouted } from "./helpers";

const made: string[] = [];
test.afterAll(() => deleteDatasets(made));

async function signedIn(browser: Browser, login: string, options: { width?: number; dark?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.width && options.width < 500 ? 844 : 800 },
    colorScheme: options.dark ? "dark" : "light",
  });
  const page = await context.newPage();
  const password = login.includes("@") ? `sift-${login.split("@")[0]}-demo` : `sift-${login}-demo`;
  await signIn(page, login, password);
  return page;
}

const sentiment = {
  fields: [{ name: "text", title: "Text", type: "text", required: true }],
  questions: [{ name: "sentiment", title: "Sentiment", type: "label", required: true, settings: { options: [{ value: "pos" }, { value: "neg" }] } }],
  metadata: [],
  distribution: { minSubmitted: 1 },
  routing: { policy: "all_human" },
};

async function sentimentDataset(request: APIRequestContext, name: string, count: number): Promise<string> {
  const id = await createPublishedDataset(
    request,
    { name, ...sentiment },
    // One vote each, so that routing decides (all to humans); records without suggestions stay pending.
    Array.from({ length: count }, (_, i) => ({
      externalId: `s-${i}`,
      fields: { text: `Screens record ${i}` },
      suggestions: [{ question: "sentiment", agent: "agent-0", value: "pos" }],
    })),
  );
  made.push(id);
  await waitUntilRouted(request, id);
  return id;
}

test("another annotator's submission moves My queue, the counts and the team's progress without a reload", async ({ browser, request, baseURL }) => {
  test.setTimeout(90_000);
  const datasetId = await sentimentDataset(request, "E2E live counters", 4);
  const maria = await signedIn(browser, "maria");
  await maria.goto(`/w/demo/d/${datasetId}/annotate`);
  await expect(maria.getByTestId("record-external-id")).toBeVisible();
  await expect(maria.getByTestId("team-progress")).toContainText("Team: 0 of 4 answers");
  await expect(maria.getByTestId("progress")).toHaveAttribute("data-remaining", "4");
  const queueBefore = Number((await maria.getByTestId("my-queue-count").textContent())?.replace(/\D/g, ""));

  // Kwame, in his own session, takes the next record through the API and submits it (a cookie write: Origin sent).
  const kwame = await signedIn(browser, "kwame");
  const headers = { origin: baseURL ?? "" };
  const next = await kwame.request.post(`/api/v1/datasets/${datasetId}/queue/next`, { data: {}, headers });
  expect(next.status(), await next.text()).toBe(200);
  const { record } = (await next.json()) as { record: { id: string } };
  const saved = await kwame.request.put(`/api/v1/records/${record.id}/response`, {
    data: { status: "submitted", values: { sentiment: "pos" }, timeSpentMs: 1000 },
    headers,
  });
  expect(saved.status(), await saved.text()).toBe(200);

  // Maria's page follows within the polling interval (10 s), with no reload and no action of hers.
  const url = maria.url();
  await expect(maria.getByTestId("team-progress")).toContainText("Team: 1 of 4 answers", { timeout: 20_000 });
  await expect(maria.getByTestId("progress")).toHaveAttribute("data-remaining", "3", { timeout: 20_000 });
  await expect(maria.getByTestId("my-queue-count")).toHaveText(new RegExp(`\\b${queueBefore - 1}$`), { timeout: 20_000 });
  expect(maria.url()).toBe(url);
  await maria.context().close();
  await kwame.context().close();
});

/** NDJSON of `count` records for the sentiment dataset, as an import file. */
function importFile(count: number, prefix: string): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ externalId: `${prefix}-${i}`, fields: { text: `Imported record ${i} of ${prefix}` }, suggestions: [{ question: "sentiment", agent: "agent-0", value: "pos" }] }),
  ).join("\n");
}

async function startImport(request: APIRequestContext, datasetId: string, name: string, body: string): Promise<string> {
  const uploaded = await request.post(`/api/v1/datasets/${datasetId}/imports`, { headers: { ...apiAuth, "x-file-name": name }, data: body });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const preview = (await uploaded.json()) as { taskId: string; mapping: unknown };
  const started = await request.post(`/api/v1/datasets/${datasetId}/imports/${preview.taskId}/start`, { headers: apiAuth, data: { mapping: preview.mapping } });
  expect(started.status(), await started.text()).toBe(202);
  return preview.taskId;
}

test("an import's state moves from queued to running to succeeded on the import page without a reload", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const datasetId = await sentimentDataset(request, "E2E live imports", 1);
  // The worker runs two jobs at a time: with two large imports ahead, the third waits in the queue.
  const ahead = [await startImport(request, datasetId, "first.jsonl", importFile(40_000, "a")), await startImport(request, datasetId, "second.jsonl", importFile(40_000, "b"))];
  const watched = await startImport(request, datasetId, "third.jsonl", importFile(40_000, "c"));
  expect(ahead).toHaveLength(2);

  const curator = await signedIn(browser, "curator@sift.local");
  await curator.goto(`/w/demo/d/${datasetId}/import`);
  const row = curator.getByTestId("recent-import").filter({ hasText: "third.jsonl" });
  const status = row.getByTestId("recent-import-status");
  const seen: string[] = [];
  const record = async () => {
    const text = (await status.textContent())?.trim() ?? "";
    if (text && seen.at(-1) !== text) seen.push(text);
    return text;
  };
  await record();
  await expect.poll(record, { timeout: 150_000, intervals: [250] }).toBe("succeeded");
  expect(seen).toEqual(["queued", "running", "succeeded"]);
  expect(curator.url()).toMatch(new RegExp(`/import$`));
  expect(watched).toBeTruthy();
  await curator.context().close();
});

/** The page is no wider than the screen: nothing sticks out sideways. */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const found = await page.evaluate(() => {
    // The outermost elements that stick out, to name in the failure.
    const sticking = [...document.querySelectorAll("body *")]
      .filter((element) => {
        if (element.getBoundingClientRect().right <= 391) return false;
        // Inside a strip that scrolls sideways on its own (the dataset tabs), sticking out is what scrolling is for.
        for (let up = element.parentElement; up; up = up.parentElement) {
          if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(up).overflowX)) return false;
        }
        return !(element.parentElement && element.parentElement.getBoundingClientRect().right > 391);
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 80)} (${Math.round(element.getBoundingClientRect().right)} px)`);
    return { scroll: document.documentElement.scrollWidth, sticking };
  });
  expect.soft(found.scroll, `${what}: the page is ${found.scroll} px wide on a 390 px screen; sticking out: ${found.sticking.join("; ")}`).toBeLessThanOrEqual(390);
}

for (const dark of [false, true]) {
  test(`at 390 px the annotate page, the bulk view and the dataset tabs fit (${dark ? "dark" : "light"})`, async ({ browser }) => {
    test.setTimeout(60_000);
    const theme = dark ? "dark" : "light";
    const curator = await signedIn(browser, "curator@sift.local", { width: 390, dark });
    const pandalm = (await routedDemoDatasets(curator)).find((dataset) => dataset.name.startsWith("PandaLM"))!;
    const base = `/w/demo/d/${pandalm.id}`;

    await curator.goto(`${base}/annotate`);
    await expect(curator.getByTestId("record-external-id")).toBeVisible();
    await expectNoSidewaysScroll(curator, "the annotate page");
    await curator.screenshot({ path: `test-results/screenshots/screens-annotate-390-${theme}.png`, fullPage: true });

    await curator.goto(`${base}/annotate/bulk`);
    await expect(curator.getByTestId("bulk-table")).toBeVisible();
    // Every field of a pairwise item shows in the row, under its title.
    const fields = curator.getByTestId("bulk-row").first().getByTestId("bulk-field");
    await expect(fields.first()).toBeVisible();
    expect(await fields.count()).toBeGreaterThanOrEqual(3); // the instruction and both outputs, at least
    // The free-text critique is no filter: its proposals are one distinct text per record.
    await expect(curator.getByTestId("proposal-filter-critique")).toHaveCount(0);
    await expectNoSidewaysScroll(curator, "the bulk view");
    await curator.screenshot({ path: `test-results/screenshots/screens-bulk-390-${theme}.png`, fullPage: true });

    // The curator's dataset tabs (the most of any role but admin) scroll in their own strip.
    await curator.goto(`${base}/records`);
    await expect(curator.getByRole("navigation", { name: "Dataset sections" })).toBeVisible();
    await expectNoSidewaysScroll(curator, "the records page with the dataset tabs");
    await curator.screenshot({ path: `test-results/screenshots/screens-tabs-390-${theme}.png` });
    await curator.context().close();
  });
}

/** A loopback port nothing listens on: one the system just gave out, closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Ids used by more than one element of the page. */
async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const counts = new Map<string, number>();
    for (const element of document.querySelectorAll("[id]")) counts.set(element.id, (counts.get(element.id) ?? 0) + 1);
    return [...counts].filter(([, count]) => count > 1).map(([id]) => id);
  });
}

test("no page repeats an id: the invitation page, sign-in, and the pages of a workspace", async ({ browser, request, page }) => {
  test.setTimeout(90_000);
  // The invitation page shows its sign-up and sign-in forms together, both with a password.
  const invited = await request.post("/api/v1/workspaces/demo/invitations", { headers: apiAuth, data: { role: "annotator" } });
  expect(invited.status(), await invited.text()).toBe(201);
  const { path: invitePath } = (await invited.json()) as { path: string };
  await page.goto(invitePath);
  await expect(page.getByRole("form", { name: "Create an account" })).toBeVisible();
  expect(await duplicateIds(page), "the invitation page").toEqual([]);
  await page.goto("/signin");
  expect(await duplicateIds(page), "the sign-in page").toEqual([]);

  const admin = await signedIn(browser, "admin@sift.local");
  const pandalm = (await routedDemoDatasets(admin)).find((dataset) => dataset.name.startsWith("PandaLM"))!;
  const base = `/w/demo/d/${pandalm.id}`;
  for (const path of ["/w/demo", `${base}/records`, `${base}/annotate`, `${base}/annotate/bulk`, `${base}/import`, `${base}/export`, `${base}/settings`, `${base}/llm`, "/w/demo/settings/audit", "/w/demo/settings/members", "/w/demo/settings/llm-providers"]) {
    await admin.goto(path);
    await admin.waitForLoadState("networkidle");
    expect(await duplicateIds(admin), path).toEqual([]);
  }
  await admin.context().close();
});

test("the first Tab focuses Skip to content, which moves focus past the top bar to the page", async ({ browser }) => {
  const maria = await signedIn(browser, "maria");
  await maria.goto("/w/demo");
  await maria.keyboard.press("Tab");
  const skip = maria.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await maria.screenshot({ path: "test-results/screenshots/screens-skip-link.png" });
  await maria.keyboard.press("Enter");
  await expect(maria.locator("main")).toBeFocused();
  // The next Tab goes into the page, not back to the top bar's first link.
  await maria.keyboard.press("Tab");
  expect(await maria.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
  await maria.context().close();
});

test("the instance owner, a member of no workspace, lands on the workspaces page rather than someone's queue", async ({ page }) => {
  await signIn(page, "owner", "sift-owner-demo", /\/admin\/workspaces$/);
  await expect(page.getByRole("heading", { name: "Workspaces", level: 1 })).toBeVisible();
  await expect(page.getByTestId("my-queue-count")).toHaveCount(0);
});

test("Test connection to a closed port says what failed and what it could not test; the audit log names what it is about", async ({ browser, request }) => {
  test.setTimeout(60_000);
  const name = `Closed port ${Date.now().toString(36)}`;
  const port = await closedPort();
  const created = await request.post("/api/v1/llm-providers", {
    headers: apiAuth,
    data: { workspace: "demo", name, baseUrl: `http://127.0.0.1:${port}/v1`, models: [{ name: "any-model" }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  try {
    for (const dark of [false, true]) {
      const admin = await signedIn(browser, "admin@sift.local", { dark });
      const theme = dark ? "dark" : "light";
      await admin.goto("/w/demo/settings/llm-providers");
      const card = admin.getByRole("region", { name });
      await card.getByRole("button", { name: `Test connection to ${name}` }).click();
      await expect(card.getByTestId("test-result")).toContainText(
        `could not connect: connection refused at 127.0.0.1:${port} — is the server running, and is the port right?`,
        { timeout: 15_000 },
      );
      await expect(card.getByTestId("test-result")).toContainText("Not tested: JSON-schema output, logprobs.");
      await expect(card.getByTitle("JSON schema: not tested")).toBeVisible();
      await expect(card.getByTitle("JSON schema: not supported")).toHaveCount(0);
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: `test-results/screenshots/screens-test-connection-${theme}.png` });

      await admin.goto("/w/demo/settings/audit");
      const tested = admin.getByTestId("audit-event").filter({ hasText: "llm_provider.test" }).first();
      await expect(tested.getByTestId("audit-target")).toContainText(name);
      await expect(admin.getByTestId("audit-target").filter({ hasText: "dataset" }).first()).not.toContainText(/^[0-9a-f]{8}-/);
      await admin.screenshot({ path: `test-results/screenshots/screens-audit-${theme}.png`, fullPage: true });
      await admin.context().close();
    }
  } finally {
    await request.delete(`/api/v1/llm-providers/${id}`, { headers: apiAuth });
  }
});
