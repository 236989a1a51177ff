// Sign-in rate limiting as a person sees it: after 5 failed attempts for one login the form says when to try again,
// and says it the same way whether or not the account exists. Forwarding headers a client writes itself
// (X-Forwarded-For, X-Real-IP) do not give it another address: without a trusted proxy the limit counts the
// connection's own. Each test clears its address's count afterwards, so the other specs' sign-ins are not limited.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { failedSignInMessage } from "./helpers";

async function addressCounts(): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const rows = (await client.query<{ key: string; points: number }>(`SELECT key, points FROM sign_in_attempts WHERE key LIKE 'address:%'`)).rows;
    return new Map(rows.map((row) => [row.key, row.points]));
  } finally {
    await client.end();
  }
}

async function clearAddressCounts(): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DELETE FROM sign_in_attempts WHERE key LIKE 'address:%'`);
  } finally {
    await client.end();
  }
}

test.afterEach(clearAddressCounts);

test("a client's own X-Forwarded-For and X-Real-IP do not give each attempt an address of its own", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const before = await addressCounts();
  const forged: string[] = [];
  for (let index = 0; index < 3; index++) {
    const address = `203.0.113.${index + 1 + (randomBytes(1)[0]! % 200)}`;
    forged.push(address);
    await page.setExtraHTTPHeaders({ "x-forwarded-for": address, "x-real-ip": address });
    await failedSignInMessage(page, `rotating-${randomBytes(4).toString("hex")}`);
  }
  const after = await addressCounts();
  for (const address of forged) expect(after.has(`address:${address}`), address).toBe(false);
  // All three were counted against the one real address of the connection.
  const grown = [...after].filter(([key, points]) => points - (before.get(key) ?? 0) === 3).map(([key]) => key);
  expect(grown).toHaveLength(1);
  expect(grown[0]).toMatch(/^address:(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  await context.close();
});

test("the sixth failed attempt for a login is refused with the wait, without saying whether the account exists", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const ghost = `ghost-${randomBytes(4).toString("hex")}`;
  for (let index = 0; index < 5; index++) expect(await failedSignInMessage(page, ghost)).toBe("Invalid email, username or password.");
  expect(await failedSignInMessage(page, ghost)).toBe("Too many attempts; try again in 15 minutes.");
  await page.screenshot({ path: "test-results/screenshots/sign-in-limited.png" });
  await expect(page).toHaveURL(/\/signin/);
  await context.close();
});

test("the Auth.js endpoint refuses a body over 64 KB with 413 and passes ordinary posts on to Auth.js", async ({ request }) => {
  const huge = await request.post("/api/auth/callback/credentials", {
    form: { login: "someone", password: "x".repeat(100_000) },
    maxRedirects: 0,
  });
  expect(huge.status()).toBe(413);
  expect(((await huge.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  // Without Auth.js's CSRF token the post is turned away by Auth.js itself (a redirect), which proves it got there.
  const ordinary = await request.post("/api/auth/callback/credentials", { form: { login: "someone", password: "x" }, maxRedirects: 0 });
  expect(ordinary.status()).toBe(302);
  expect(ordinary.headers().location).toMatch(/error=/);
});
