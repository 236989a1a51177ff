// Deleting records on the Records page, as the demo curator: one record from its details panel, a selection of rows
// (ticked with the keyboard), and every record matching a search, each after a confirmation that states the count
// (Escape cancels it, deleting nothing). Screenshots in light and dark.
import { expect, test, type Page } from "@playwright/test";
import { apiAuth, createPublishedDataset, deleteDatasets, signIn, waitUntilRouted } from "./helpers";

const SCREENSHOTS = "test-results/screenshots";
let datasetId: string | undefined;

test.afterAll(() => deleteDatasets([datasetId]));

/** 12 records: d-00..d-11, the even ones about apples, the odd ones about pears; votes split on every third. */
function records() {
  return Array.from({ length: 12 }, (_, i) => ({
    externalId: `d-${String(i).padStart(2, "0")}`,
    fields: { text: `Review ${i} of the ${i % 2 === 0 ? "apples" : "pears"}: fresh and well packed.` },
    suggestions: (i % 3 === 2 ? ["pos", "neg", "neg", "pos"] : ["pos", "pos", "pos"]).map((value, agent) => ({
      question: "sentiment",
      agent: `agent-${agent}`,
      value,
    })),
  }));
}

async function remaining(page: Page): Promise<string[]> {
  const response = await page.request.get(`/api/v1/datasets/${datasetId}/records?limit=100`, { headers: apiAuth });
  return ((await response.json()) as { records: { externalId: string }[] }).records.map((record) => record.externalId);
}

async function dark(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  // Buttons fade their colours (transition-colors): the picture is taken once they are dark.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-dark.png` });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}

test("a curator deletes one record, a selection and all matching a search, each after confirming the count", async ({ page, request }) => {
  datasetId = await createPublishedDataset(
    request,
    {
      name: "E2E delete",
      fields: [{ name: "text", title: "Text", type: "text", required: true }],
      questions: [{ name: "sentiment", title: "Sentiment", type: "label", required: true, settings: { options: [{ value: "pos" }, { value: "neg" }] } }],
      metadata: [],
      distribution: { minSubmitted: 1 },
      routing: { policy: "budget", humanShare: 0.3 },
    },
    records(),
  );
  await waitUntilRouted(request, datasetId);
  await signIn(page, "curator", "sift-curator-demo");
  await page.goto(`/w/demo/d/${datasetId}/records`);
  const rows = page.getByTestId("record-row");
  await expect(rows).toHaveCount(12);
  await expect(page.getByTestId("delete-matching")).toHaveText("Delete all 12 records");
  const dialog = page.getByTestId("delete-confirm");

  // One record, from its details panel. Escape first: nothing is deleted.
  await rows.first().getByText(/^Details:/).click();
  await rows.first().getByTestId("delete-record").click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading")).toHaveText("Delete 1 record?");
  await expect(dialog).toContainText("d-00");
  await expect(dialog).toContainText("This cannot be undone.");
  // Cancel has the focus, so an Enter by habit does not delete.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.screenshot({ path: `${SCREENSHOTS}/delete-one-confirm.png` });
  await dark(page, "delete-one-confirm");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await remaining(page)).toHaveLength(12);
  await rows.first().getByTestId("delete-record").click();
  await dialog.getByTestId("delete-confirm-submit").click();
  await expect(page.getByTestId("deletion-status")).toHaveText("Deleted 1 record. Routing is being decided again.");
  await expect(page.getByTestId("deletion-status")).toBeFocused();
  await expect(rows).toHaveCount(11);
  expect(await remaining(page)).not.toContain("d-00");

  // A selection: two rows ticked with the keyboard (Space on the focused checkbox; Tab goes through each row's
  // details link to the next row's checkbox).
  await page.getByRole("checkbox", { name: "Select record d-01" }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("checkbox", { name: "Select record d-02" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("selected-count")).toHaveText("2 selected");
  await page.getByTestId("delete-selected").click();
  await expect(dialog.getByRole("heading")).toHaveText("Delete 2 records?");
  await expect(dialog).toContainText("Their suggestions, responses and final values are deleted too. This cannot be undone.");
  await page.screenshot({ path: `${SCREENSHOTS}/delete-selected-confirm.png` });
  await dark(page, "delete-selected-confirm");
  await dialog.getByTestId("delete-confirm-submit").click();
  await expect(page.getByTestId("deletion-status")).toHaveText("Deleted 2 records. Routing is being decided again.");
  await expect(rows).toHaveCount(9);
  expect(await remaining(page)).toEqual(["d-03", "d-04", "d-05", "d-06", "d-07", "d-08", "d-09", "d-10", "d-11"]);

  // Every record matching a search: the apples left (d-04, d-06, d-08, d-10), on every page.
  await page.getByLabel("Search the fields").fill("apples");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId("delete-matching")).toHaveText("Delete all 4 matching records");
  await page.screenshot({ path: `${SCREENSHOTS}/records-selectable.png`, fullPage: true });
  await dark(page, "records-selectable");
  await page.getByTestId("delete-matching").click();
  await expect(dialog.getByRole("heading")).toHaveText("Delete 4 records?");
  await expect(dialog).toContainText("Every record matching the current filters, on every page, is deleted");
  await page.screenshot({ path: `${SCREENSHOTS}/delete-matching-confirm.png` });
  await dark(page, "delete-matching-confirm");
  await dialog.getByTestId("delete-confirm-submit").click();
  await expect(page.getByTestId("deletion-status")).toHaveText("Deleted 4 records. Routing is being decided again.");
  await expect(page.getByText("No records match this filter.")).toBeVisible();
  expect(await remaining(page)).toEqual(["d-03", "d-05", "d-07", "d-09", "d-11"]);
  // The worker decides routing again over what is left: round(0.3 × 5) = 2 records to humans.
  await waitUntilRouted(request, datasetId);
  const { datasets } = (await (await request.get("/api/v1/datasets?workspace=demo", { headers: apiAuth })).json()) as {
    datasets: { id: string; progress: { total: number; human: number } }[];
  };
  expect(datasets.find((dataset) => dataset.id === datasetId)?.progress).toMatchObject({ total: 5, human: 2 });
});
