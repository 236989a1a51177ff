// A page on another origin of the same site (another port of Sift's host: `SameSite=Lax` cookies still go along)
// tries to use a signed-in person's browser: a text/plain form POST writing records, a no-cors fetch resolving a
// review item, a form posting Sift's sign-out server action, and an iframe of the Members page. The attacker's page
// is served by a tiny HTTP server this spec starts. Afterwards the database shows nothing was written, and the frame
// stayed empty. Sift's own pages still render without a single Content-Security-Policy violation.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { apiAuth, createPublishedDataset, deleteDatasets, routedDemoDatasets, signIn, waitUntilRouted } from "./helpers";

const base = new URL(process.env.E2E_BASE_URL || "http://localhost:3000");
const attackerPages = new Map<string, string>();
let attacker: http.Server;
let attackerOrigin = "";
let datasetId: string | undefined;

test.beforeAll(async () => {
  attacker = http.createServer((request, response) => {
    const html = attackerPages.get(request.url ?? "");
    response.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    response.end(html ?? "not found");
  });
  // The same host name as Sift, another port: another origin of the same site.
  await new Promise<void>((resolve) => attacker.listen(0, base.hostname, resolve));
  attackerOrigin = `http://${base.hostname}:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => attacker.close(() => resolve()));
  await deleteDatasets([datasetId]);
});

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function signedIn(browser: Browser, login: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await signIn(page, login, `sift-${login}-demo`);
  return page;
}

/** Serves `html` from the attacker's server and opens it in the victim's browser. */
async function visitAttacker(page: Page, html: string): Promise<void> {
  const path = `/${randomBytes(6).toString("hex")}.html`;
  attackerPages.set(path, `<!doctype html><html><body>${html}</body></html>`);
  await page.goto(`${attackerOrigin}${path}`);
}

const recordCount = async (id: string) => Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "Record" WHERE "datasetId" = $1`, [id]))[0]!.n);

test("another origin's text/plain form cannot make a signed-in admin's browser write records", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  const dataset = (await routedDemoDatasets(admin)).find((candidate) => candidate.name.startsWith("LLMBar"));
  const before = await recordCount(dataset!.id);
  const target = `${base.origin}/api/v1/datasets/${dataset!.id}/records`;
  // The classic JSON-in-a-text/plain-form trick: the body, name + "=" + value, is a valid JSON record.
  const answer = admin.waitForResponse((response) => response.url() === target);
  await visitAttacker(
    admin,
    `<form method="POST" action="${target}" enctype="text/plain">
       <input name='{"externalId":"forged-by-form","fields":{"instruction":"x","output_1":"a","output_2":"' value='b"}}'>
     </form>
     <script>document.forms[0].submit()</script>`,
  );
  const response = await answer;
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("cross_site_request");
  expect(await recordCount(dataset!.id)).toBe(before);
  expect(await query(`SELECT id FROM "Record" WHERE "externalId" = 'forged-by-form'`, [])).toEqual([]);
  await admin.context().close();
});

test("another origin's no-cors fetch cannot make a curator's browser resolve a review item", async ({ browser, request }) => {
  datasetId = await createPublishedDataset(
    request,
    {
      name: "E2E cross-site",
      fields: [{ name: "text", title: "Text", type: "text", required: true }],
      questions: [{ name: "sentiment", title: "Sentiment", type: "label", required: true, settings: { options: [{ value: "pos" }, { value: "neg" }] } }],
      metadata: [],
      distribution: { minSubmitted: 1 },
      routing: { policy: "all_human" },
    },
    [{ externalId: "x-0", fields: { text: "Cross-site record" }, suggestions: [{ question: "sentiment", agent: "a", value: "pos" }] }],
  );
  await waitUntilRouted(request, datasetId);
  const records = ((await (await request.get(`/api/v1/datasets/${datasetId}/records`, { headers: apiAuth })).json()) as { records: { id: string }[] }).records;
  const recordId = records[0]!.id;
  const curatorResolutions = async () =>
    (await query<{ provenance: string }>(`SELECT provenance FROM "FinalValue" WHERE "recordId" = $1 AND provenance = 'curator'`, [recordId])).length;

  const curator = await signedIn(browser, "curator");
  const target = `${base.origin}/api/v1/records/${recordId}/resolve`;
  const answer = curator.waitForResponse((response) => response.url() === target);
  await visitAttacker(
    curator,
    `<script>
       fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", credentials: "include",
         body: JSON.stringify({ values: { sentiment: "neg" }, note: "forged" }) });
     </script>`,
  );
  expect((await answer).status()).toBe(403);
  expect(await curatorResolutions()).toBe(0);

  // The same curator resolves it from Sift's own review page's API call: the check does not get in the way.
  await curator.goto(`/w/demo/d/${datasetId}/review`);
  const own = await curator.evaluate(
    async (url) => (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ values: { sentiment: "neg" } }) })).status,
    `/api/v1/records/${recordId}/resolve`,
  );
  expect(own).toBe(200);
  expect(await curatorResolutions()).toBe(1);
  await curator.context().close();
});

test("another origin's form cannot post Sift's sign-in server action (signing the victim in as someone else)", async ({ browser }) => {
  // The attacker copies the sign-in form's server-action fields from Sift's sign-in page, as anyone can.
  const anonymous = await browser.newPage();
  await anonymous.goto("/signin");
  const fields = await anonymous
    .locator('form:has(input[name="password"]) input[type="hidden"]')
    .evaluateAll((inputs) => inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value] as const));
  expect(fields.some(([name]) => name.startsWith("$ACTION_"))).toBe(true);
  await anonymous.close();

  const admin = await signedIn(browser, "admin");
  const target = `${base.origin}/signin`;
  const answer = admin.waitForResponse((response) => response.url() === target && response.request().method() === "POST");
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const inputs = [...fields, ["login", "maria"], ["password", "sift-maria-demo"]]
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join("");
  await visitAttacker(admin, `<form method="POST" action="${target}" enctype="multipart/form-data">${inputs}</form><script>document.forms[0].submit()</script>`);
  expect((await answer).status()).toBe(403);
  // Still the admin: the attacker's account did not replace the session.
  const me = (await (await admin.request.get("/api/v1/me")).json()) as { username: string };
  expect(me.username).toBe("admin");
  await admin.context().close();
});

test("another origin cannot frame the Members page with its role controls", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  const refusals: string[] = [];
  admin.on("console", (message) => {
    if (message.text().includes("frame-ancestors")) refusals.push(message.text());
  });
  const members = `${base.origin}/w/demo/settings/members`;
  const answer = admin.waitForResponse((response) => response.url() === members);
  await visitAttacker(admin, `<h1>Win a prize</h1><iframe id="victim" src="${members}" width="1000" height="600"></iframe>`);
  const response = await answer;
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  await expect.poll(() => refusals.length).toBeGreaterThan(0);
  const frame = admin.frames().find((candidate) => candidate !== admin.mainFrame());
  expect(frame).toBeDefined();
  // Blocked: the frame holds the browser's error page, not Sift's role controls.
  expect(await frame!.locator("select, button").count()).toBe(0);
  expect(frame!.url()).not.toBe(members);
  await admin.screenshot({ path: "test-results/screenshots/cross-site-frame-blocked.png" });
  await admin.context().close();
});

test("Sift's pages send the security headers and run under their Content-Security-Policy without violations", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: "dark" });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await signIn(page, "admin", "sift-admin-demo");
  const [dataset] = await routedDemoDatasets(page);
  const paths = [
    "/w/demo",
    "/w/demo/settings/members",
    `/w/demo/d/${dataset!.id}/records`,
    `/w/demo/d/${dataset!.id}/overview`,
    `/w/demo/d/${dataset!.id}/quality`,
    `/w/demo/d/${dataset!.id}/annotate`,
    `/w/demo/d/${dataset!.id}/settings`,
    "/docs/api",
  ];
  const nonces = new Set<string>();
  for (const path of paths) {
    const response = await page.goto(path);
    await page.waitForLoadState("networkidle");
    const headers = response!.headers();
    const policy = headers["content-security-policy"] ?? "";
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy, path).not.toContain("'unsafe-inline' 'strict-dynamic'");
    nonces.add(/'nonce-([^']+)'/.exec(policy)![1]!);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    // Served over plain HTTP here: no HSTS.
    expect(headers["strict-transport-security"], path).toBeUndefined();
    // The nonced theme script ran (the dark class comes from it, before React).
    await expect(page.locator("html"), path).toHaveClass(/dark/);
  }
  expect(nonces.size).toBe(paths.length);
  // Hydrated: client navigation and the API work under the policy.
  await page.goto("/w/demo/settings/members");
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await expect(page.getByText("curator@sift.local").first()).toBeVisible();
  expect(violations).toEqual([]);
  const api = await page.request.get("/api/v1/me");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
  await context.close();
});

test("unknown API paths answer JSON 404 for every method, also under existing prefixes", async ({ request }) => {
  for (const path of ["/api/v1/nope", "/api/v1/datasets/x/nope", "/api/v1/records/1/2/3/4"]) {
    for (const method of ["GET", "POST", "DELETE"] as const) {
      const response = await request.fetch(path, { method, headers: apiAuth, data: method === "GET" ? undefined : {} });
      expect(response.status(), `${method} ${path}`).toBe(404);
      expect(response.headers()["content-type"], `${method} ${path}`).toContain("application/json");
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("not_found");
      expect(body.error.message).toContain(path);
    }
  }
  // Known routes are untouched by the catch-all.
  expect((await request.get("/api/v1/me", { headers: apiAuth })).status()).toBe(200);
});
