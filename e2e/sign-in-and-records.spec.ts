// Sign-in, and the curator's records page showing what annotators answered.
import { expect, test } from "@playwright/test";
import { failedSignInMessage, ownOrigin, routedDemoDatasets, signIn } from "./helpers";

test("a wrong password gets a generic error that does not say whether the user exists", async ({ page }) => {
  const attempts: string[] = [];
  for (const login of ["maria@sift.local", "nobody@sift.local"]) attempts.push(await failedSignInMessage(page, login));
  expect(attempts[0]).toBe("Invalid email, username or password.");
  expect(attempts[1]).toBe(attempts[0]);
  await expect(page).toHaveURL(/\/signin/);
});

test("pages need a session", async ({ page }) => {
  await page.goto("/w/demo");
  await expect(page).toHaveURL(/\/signin/);
});

test("a curator sees an annotator's submitted response on the records page", async ({ browser }) => {
  const annotator = await browser.newPage();
  await signIn(annotator, "kwame", "sift-kwame-demo");
  const pandalm = (await routedDemoDatasets(annotator)).find((dataset) => dataset.name.startsWith("PandaLM"))!;
  const next = await annotator.request.post(`/api/v1/datasets/${pandalm.id}/queue/next`, { headers: ownOrigin, data: {} });
  const { record } = (await next.json()) as { record: { id: string; externalId: string; routingDecision: string } };
  expect(["human", "audit"]).toContain(record.routingDecision);
  const saved = await annotator.request.put(`/api/v1/records/${record.id}/response`, {
    headers: ownOrigin,
    data: { status: "submitted", values: { verdict: "tie", critique: "Both answers miss the point." }, timeSpentMs: 4000 },
  });
  expect(saved.status()).toBe(200);
  // Annotators may not open the records page.
  await annotator.goto(`/w/demo/d/${pandalm.id}/records`);
  await expect(annotator.getByText("This page could not be found")).toBeVisible();

  const curator = await browser.newPage();
  await signIn(curator, "curator@sift.local", "sift-curator-demo");
  await curator.goto(`/w/demo/d/${pandalm.id}/records?decision=human&limit=100`);
  const row = curator.getByTestId("record-row").filter({ hasText: record.externalId });
  await expect(row.getByTestId("record-responses")).toContainText("kwame");
  await expect(row.getByTestId("record-responses")).toContainText("submitted");
  await expect(row.getByTestId("record-responses")).toContainText("verdict: Tie");
  await curator.screenshot({ path: "test-results/screenshots/records-page.png", fullPage: false });
  await curator.goto("/w/demo");
  await expect(curator.getByTestId("dataset-card")).toHaveCount(2);
  await curator.screenshot({ path: "test-results/screenshots/workspace-home.png" });
});
