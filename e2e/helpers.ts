import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";

export const apiKey = process.env.SIFT_DEMO_API_KEY ?? "";

/** Signs in and waits for the landing page: the demo workspace for its members, the workspaces page for the owner. */
export async function signIn(page: Page, login: string, password: string, landing: RegExp = /\/w\/demo/): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email or username").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(landing);
}

/** The instance owner belongs to no demo workspace: signing in lands on the workspaces page, not on a queue. */
export const OWNER_LANDING = /\/admin\/workspaces$/;

export interface DatasetListItem {
  id: string;
  name: string;
  routedAt: string | null;
  progress: { total: number; human: number; auto: number };
}

/** The demo datasets through the API, once the worker has routed them (other specs may add datasets of their own). */
export async function routedDemoDatasets(page: Page): Promise<DatasetListItem[]> {
  let datasets: DatasetListItem[] = [];
  await expect
    .poll(
      async () => {
        const response = await page.request.get("/api/v1/datasets", { headers: { authorization: `Bearer ${apiKey}` } });
        const all = ((await response.json()) as { datasets: DatasetListItem[] }).datasets;
        datasets = all.filter((dataset) => dataset.name.startsWith("LLMBar") || dataset.name.startsWith("PandaLM"));
        return datasets.length === 2 && datasets.every((dataset) => dataset.routedAt !== null);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return datasets;
}

/**
 * The Origin header Sift's own pages send with their writes. `page.request` shares the browser's session cookie but
 * is not a browser: it sends neither Origin nor Sec-Fetch-Site, so its state-changing calls must say where they
 * come from, or Sift refuses them as cross-site (403 cross_site_request).
 */
export const ownOrigin = { origin: new URL(process.env.E2E_BASE_URL || "http://localhost:3000").origin };

/** The demo admin's API key as request headers. */
export const apiAuth = { authorization: `Bearer ${apiKey}` };

/**
 * A published dataset in the demo workspace, made through the API with `settings` (its name gets a random suffix so
 * that runs never collide) and `records` pushed as NDJSON. Specs delete what they made with `deleteDatasets`,
 * because other specs count the demo workspace's datasets.
 */
export async function createPublishedDataset(
  request: APIRequestContext,
  settings: Record<string, unknown> & { name: string },
  records: object[],
): Promise<string> {
  const created = await request.post("/api/v1/datasets", {
    headers: apiAuth,
    data: { workspace: "demo", publish: true, settings: { ...settings, name: `${settings.name} ${randomBytes(3).toString("hex")}` } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  if (records.length > 0) {
    const pushed = await request.post(`/api/v1/datasets/${id}/records`, {
      headers: { ...apiAuth, "content-type": "application/x-ndjson" },
      data: records.map((record) => JSON.stringify(record)).join("\n"),
    });
    expect(pushed.status(), await pushed.text()).toBe(200);
  }
  return id;
}

/** Submits the sign-in form with a wrong password; the error the form shows. */
export async function failedSignInMessage(page: Page, login: string): Promise<string> {
  await page.goto("/signin");
  await page.getByLabel("Email or username").fill(login);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.getByTestId("signin-error");
  await expect(alert).toBeVisible();
  return (await alert.textContent()) ?? "";
}

/** Waits until the worker has routed a dataset made by a spec (its records then have routing decisions). */
export async function waitUntilRouted(request: APIRequestContext, datasetId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const { datasets } = (await (await request.get("/api/v1/datasets?workspace=demo", { headers: apiAuth })).json()) as {
          datasets: { id: string; routedAt: string | null }[];
        };
        return datasets.find((dataset) => dataset.id === datasetId)?.routedAt ?? null;
      },
      { timeout: 30_000 },
    )
    .not.toBeNull();
}

/** Deletes datasets (and with them their records) straight in the e2e database. */
export async function deleteDatasets(ids: (string | undefined)[]): Promise<void> {
  const present = ids.filter((id): id is string => id !== undefined);
  if (present.length === 0) return;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DELETE FROM "Dataset" WHERE id = ANY($1::uuid[])`, [present]);
  } finally {
    await client.end();
  }
}
