// The API documented and searchable: the OpenAPI document and the API page (public), and the records list's
// filters and full-text search through the API and on the records page.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiKey, routedDemoDatasets, signIn } from "./helpers";

const auth = { authorization: `Bearer ${apiKey}` };

interface Page {
  records: { externalId: string; routingDecision: string; uncertainty: number | null; fields: { value: unknown }[]; metadata: { name: string; value: unknown }[] }[];
  nextCursor: number | null;
}

async function pageThrough(request: APIRequestContext, datasetId: string, query: string, limit: number): Promise<Page["records"]> {
  const all: Page["records"] = [];
  let after: number | null = null;
  do {
    const response = await request.get(`/api/v1/datasets/${datasetId}/records?${query}&limit=${limit}${after === null ? "" : `&after=${after}`}`, { headers: auth });
    expect(response.status()).toBe(200);
    const page = (await response.json()) as Page;
    expect(page.records.length).toBeLessThanOrEqual(limit);
    all.push(...page.records);
    after = page.nextCursor;
  } while (after !== null);
  return all;
}

test("GET /api/v1/openapi.json is a public OpenAPI 3.1 document with every endpoint", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining([
      "/api/health",
      "/api/v1/me",
      "/api/v1/datasets",
      "/api/v1/datasets/{id}",
      "/api/v1/datasets/{id}/publish",
      "/api/v1/datasets/{id}/records",
      "/api/v1/records/{id}",
      "/api/v1/datasets/{id}/queue/next",
      "/api/v1/records/{id}/response",
      "/api/v1/datasets/{id}/exports",
      "/api/v1/tasks/{id}",
    ]),
  );
  expect(Object.keys(document.paths["/api/v1/datasets/{id}/records"])).toEqual(expect.arrayContaining(["get", "put", "post"]));
  const parameters = document.paths["/api/v1/datasets/{id}/records"].get.parameters.map((parameter: { name: string }) => parameter.name);
  expect(parameters).toEqual(expect.arrayContaining(["after", "limit", "decision", "uncertaintyMin", "uncertaintyMax", "responseStatus", "q", "metadata.{name}"]));
  expect(document.components.schemas.RecordInput.required).toEqual(["externalId", "fields"]);
  expect(document.components.securitySchemes.apiKey.scheme).toBe("bearer");
});

test("the API page renders every endpoint from the document, without signing in", async ({ page, request }) => {
  const document = await (await request.get("/api/v1/openapi.json")).json();
  const operations = Object.values(document.paths as Record<string, Record<string, unknown>>).reduce((sum, item) => sum + Object.keys(item).length, 0);
  await page.goto("/docs/api");
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sift API" })).toBeVisible();
  await expect(page.getByTestId("api-operation")).toHaveCount(operations);
  for (const tag of ["Meta", "Datasets", "Records and suggestions", "Annotation", "Import and export"]) {
    await expect(page.getByRole("heading", { level: 2, name: tag, exact: true })).toBeVisible();
  }
  const list = page.locator("#op-listRecords");
  await expect(list.getByTestId("api-operation-path")).toHaveText("/api/v1/datasets/{id}/records");
  await expect(list).toContainText("uncertaintyMin");
  await expect(list).toContainText("websearch_to_tsquery");
  await expect(list.getByLabel("curl listRecords")).toContainText('curl "$SIFT_URL/api/v1/datasets/$DATASET_ID/records?decision=human');
  const upsert = page.locator("#op-upsertRecords");
  await expect(upsert).toContainText("Idempotency-Key");
  await expect(upsert).toContainText("application/x-ndjson");
  await expect(page.locator("#schema-RecordInput")).toContainText("externalId");
  // Schema names link to their definitions.
  await upsert.getByRole("link", { name: "RecordInput" }).first().click();
  await expect(page).toHaveURL(/#schema-RecordInput$/);
  await page.goto("/docs/api");
  await page.screenshot({ path: "test-results/screenshots/api-docs.png" });
  await page.locator("#op-listRecords").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/api-docs-list-records.png" });
});

test("the records list filters and searches through the API, page by page, and names bad parameters", async ({ page, request }) => {
  const pandalm = (await routedDemoDatasets(page)).find((dataset) => dataset.name.startsWith("PandaLM"))!;
  const everything = await pageThrough(request, pandalm.id, "q=information", 500);
  expect(everything.length).toBeGreaterThan(3);
  for (const record of everything) {
    expect(record.fields.some((field) => /\binformation\b/i.test(JSON.stringify(field.value)))).toBe(true);
  }
  // The same records, three at a time.
  expect((await pageThrough(request, pandalm.id, "q=information", 3)).map((record) => record.externalId)).toEqual(
    everything.map((record) => record.externalId),
  );
  const combined = await pageThrough(request, pandalm.id, "q=information&decision=human&uncertaintyMin=0.5&responseStatus=none", 2);
  for (const record of combined) {
    expect(record.routingDecision).toBe("human");
    expect(record.uncertainty).toBeGreaterThanOrEqual(0.5);
  }
  const weather = await pageThrough(request, pandalm.id, "metadata.motivation_app=Weather", 5);
  expect(weather.length).toBeGreaterThan(0);
  for (const record of weather) {
    expect(record.metadata.find((item) => item.name === "motivation_app")?.value).toBe("Weather");
  }
  const bad = await request.get(`/api/v1/datasets/${pandalm.id}/records?sort=uncertainty&uncertaintyMax=2&metadata.colour=red`, { headers: auth });
  expect(bad.status()).toBe(400);
  const error = (await bad.json()).error;
  expect(error.code).toBe("invalid_request");
  expect(error.details.map((detail: { where: string }) => detail.where).sort()).toEqual(["sort", "uncertaintyMax"]);
  const unknownProperty = await request.get(`/api/v1/datasets/${pandalm.id}/records?metadata.colour=red`, { headers: auth });
  expect(unknownProperty.status()).toBe(400);
  expect((await unknownProperty.json()).error.details[0].where).toBe("metadata.colour");
});

test("a curator searches and filters on the records page", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, "curator@sift.local", "sift-curator-demo");
  const pandalm = (await routedDemoDatasets(page)).find((dataset) => dataset.name.startsWith("PandaLM"))!;
  await page.goto(`/w/demo/d/${pandalm.id}/records`);
  await page.getByLabel("Search the fields").fill("information");
  await page.getByLabel("Uncertainty at least").fill("0.5");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=information/);
  const rows = page.getByTestId("record-row");
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId("records-count")).toContainText("matching the filters");
  // Switching the routing decision keeps the search.
  await page.getByRole("toolbar", { name: "Filter by routing decision" }).getByRole("link", { name: "To humans" }).click();
  await expect(page).toHaveURL(/decision=human/);
  await expect(page).toHaveURL(/q=information/);
  await expect(page.getByLabel("Search the fields")).toHaveValue("information");
  const routing = await page.getByTestId("record-routing").allTextContents();
  expect(routing.length).toBeGreaterThan(0);
  for (const text of routing) expect(text).toContain("to humans");
  await page.screenshot({ path: "test-results/screenshots/records-filters.png" });
  // Metadata filters sit in a collapsible panel, open when one is active.
  await page.getByText("Metadata filters").click();
  await page.getByLabel("Task category (app)").selectOption("Weather");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/metadata\.motivation_app=Weather/);
  await expect(page.getByText(/Metadata filters \(1 active\)/)).toBeVisible();
  // A bad value is named on the page instead of failing it.
  await page.goto(`/w/demo/d/${pandalm.id}/records?uncertaintyMin=5`);
  await expect(page.getByTestId("filter-errors")).toContainText("uncertaintyMin");
});
