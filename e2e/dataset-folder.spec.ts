// An admin moves a whole dataset through its portable folder: downloaded from the Export tab, then created again from
// the file on the new-dataset page, with its records, suggestions and settings.
import { expect, test } from "@playwright/test";
import { createPublishedDataset, deleteDatasets, signIn } from "./helpers";

test("an admin exports a dataset as a portable folder and creates it again from the file", async ({ page }) => {
  const created: (string | undefined)[] = [];
  try {
    const id = await createPublishedDataset(
      page.request,
      {
        name: "Folder trip",
        guidelines: "Say whether the review is positive.",
        fields: [{ name: "text", type: "text" }],
        questions: [{ name: "sentiment", type: "label", settings: { options: [{ value: "pos" }, { value: "neg" }] } }],
      },
      ["Great phone", "Broke in a day", "Fine"].map((text, i) => ({
        externalId: `ft-${i}`,
        fields: { text },
        suggestions: [{ question: "sentiment", agent: "judge", value: i === 1 ? "neg" : "pos", score: 0.8, rationale: "Tone of the words." }],
      })),
    );
    created.push(id);
    await signIn(page, "admin", "sift-admin-demo");
    await page.goto(`/w/demo/d/${id}/export`);
    await page.getByLabel(/Whole dataset \(portable folder\)/).check();
    // The folder is the whole dataset: the record selection does not apply to it.
    await expect(page.getByRole("combobox", { name: "Records" })).toHaveCount(0);
    await page.screenshot({ path: "test-results/screenshots/export-folder.png", fullPage: true });
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export" }).click();
    const archive = await download;
    expect(archive.suggestedFilename()).toMatch(/^Folder-trip-[0-9a-f]{6}\.sift\.tar\.gz$/);
    const archivePath = await archive.path();
    await expect(page.getByTestId("export-status")).toContainText("Downloaded 3 records");

    // The same name cannot exist twice in a workspace: the original goes, its folder brings it back.
    await deleteDatasets([id]);
    await page.goto("/w/demo/datasets/new");
    await page.getByLabel("Folder archive (.tar.gz)").setInputFiles(archivePath);
    await page.getByRole("button", { name: "Import folder" }).click();
    const result = page.getByTestId("folder-import-result");
    await expect(result).toContainText(/Created Folder trip [0-9a-f]{6} with 3 records, 3 suggestions, 0 responses/);
    await page.screenshot({ path: "test-results/screenshots/import-folder.png", fullPage: true });
    const link = result.getByRole("link");
    created.push((await link.getAttribute("href"))?.split("/d/")[1]);
    await link.click();
    await expect(page).toHaveURL(/\/w\/demo\/d\/[0-9a-f-]{36}/);

    // A second import of the same folder is refused, saying why, and creates nothing.
    await page.goto("/w/demo/datasets/new");
    await page.getByLabel("Folder archive (.tar.gz)").setInputFiles(archivePath);
    await page.getByRole("button", { name: "Import folder" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "already exists" })).toContainText("already exists in this workspace");
  } finally {
    await deleteDatasets(created);
  }
});
