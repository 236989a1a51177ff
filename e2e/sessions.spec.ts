// Sessions that end when they should (issue 12): a copied session cookie dies with sign-out; the owner's password
// reset ends the user's session; a temporary password must be changed first and stops working when it expires.
import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { OWNER_LANDING, signIn } from "./helpers";

const SCREENSHOTS = "test-results/screenshots";

/** The answer of GET /api/v1/me with this page's cookies: status and error code. */
async function me(page: Page): Promise<{ status: number; code: string | undefined }> {
  const response = await page.request.get("/api/v1/me");
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status(), code: body.error?.code };
}

async function signInWith(browser: Browser, login: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email or username").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

/** The owner resets a user's password on the Admin page; the new temporary password shown once. */
async function resetPassword(owner: Page, username: string, name: string): Promise<string> {
  await owner.goto("/admin/users");
  await owner.getByLabel("Search users").fill(username);
  await owner.getByRole("button", { name: "Search" }).click();
  await owner.getByRole("button", { name: `Reset the password of ${name}` }).click();
  await owner.getByRole("dialog").getByRole("button", { name: "Reset password" }).click();
  const secret = owner.getByTestId("temporary-password");
  await expect(secret).toContainText(username);
  return (await secret.locator("code").textContent()) ?? "";
}

test("a copied session cookie stops working when its owner signs out", async ({ page, browser }) => {
  await signIn(page, "kwame", "sift-kwame-demo");
  const cookies = await page.context().cookies();
  expect(cookies.some((cookie) => cookie.name.includes("session-token"))).toBe(true);

  // Someone copies the cookie into another browser: it works, as long as the session lives.
  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  expect((await me(stolen)).status).toBe(200);

  await page.getByLabel(/^Account menu for/).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  expect(await me(stolen)).toEqual({ status: 401, code: "unauthorized" });
  await stolen.goto("/w/demo");
  await expect(stolen).toHaveURL(/\/signin/);
  await thief.close();
});

test("an owner-made user must change the temporary password first; a reset ends their session; it expires", async ({ page, browser }) => {
  const tag = randomBytes(3).toString("hex");
  const user = { username: `nadia-${tag}`, name: `Nadia ${tag}`, email: `nadia-${tag}@example.org` };
  await signIn(page, "owner", "sift-owner-demo", OWNER_LANDING);
  await page.goto("/admin/users");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Full name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Create user" }).click();
  const secret = page.getByTestId("temporary-password");
  await expect(secret).toContainText("choose their own password");
  const temporary = (await secret.locator("code").textContent()) ?? "";
  expect(temporary).toHaveLength(16);

  // Signed in with it, every page leads to the change-password page and every API call is refused.
  const newcomer = await signInWith(browser, user.username, temporary);
  await expect(newcomer).toHaveURL(/\/account\/password$/);
  await expect(newcomer.getByTestId("password-change-required")).toBeVisible();
  expect(await me(newcomer)).toEqual({ status: 403, code: "password_change_required" });
  await newcomer.goto("/w/demo");
  await expect(newcomer).toHaveURL(/\/account\/password$/);
  await newcomer.screenshot({ path: `${SCREENSHOTS}/change-password-required.png`, fullPage: true });
  await newcomer.evaluate(() => document.documentElement.classList.add("dark"));
  await newcomer.screenshot({ path: `${SCREENSHOTS}/change-password-required-dark.png`, fullPage: true });
  await newcomer.evaluate(() => document.documentElement.classList.remove("dark"));

  // A mismatch and a wrong current password are named at their fields; then the change goes through.
  await newcomer.getByLabel("Current password").fill(temporary);
  await newcomer.getByLabel(/^New password/).fill("nadia's own password");
  await newcomer.getByLabel("Repeat the new password").fill("something else entirely");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer.getByText("does not match the new password")).toBeVisible();
  await newcomer.getByLabel("Current password").fill("not the temporary one");
  await newcomer.getByLabel(/^New password/).fill("nadia's own password");
  await newcomer.getByLabel("Repeat the new password").fill("nadia's own password");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer.getByText("is not your current password")).toBeVisible();
  await newcomer.screenshot({ path: `${SCREENSHOTS}/change-password-error.png`, fullPage: true });
  await newcomer.getByLabel("Current password").fill(temporary);
  await newcomer.getByLabel(/^New password/).fill("nadia's own password");
  await newcomer.getByLabel("Repeat the new password").fill("nadia's own password");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer.getByTestId("password-changed")).toContainText("Your password was changed");
  expect((await me(newcomer)).status).toBe(200);
  await newcomer.goto("/");
  await expect(newcomer.getByRole("heading", { name: "No workspace yet" })).toBeVisible();

  // The owner resets the password: the session that was working ends at once.
  const second = await resetPassword(page, user.username, user.name);
  expect(second).not.toBe(temporary);
  expect(await me(newcomer)).toEqual({ status: 401, code: "unauthorized" });
  await newcomer.goto("/");
  await expect(newcomer).toHaveURL(/\/signin/);

  // Unused past its expiry, the temporary password is refused with a reason (only its holder learns it).
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`UPDATE "User" SET "passwordTemporaryUntil" = now() - interval '1 minute' WHERE username = $1`, [user.username]);
  } finally {
    await client.end();
  }
  await newcomer.getByLabel("Email or username").fill(user.username);
  await newcomer.getByLabel("Password").fill(second);
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await expect(newcomer.getByTestId("signin-error")).toHaveText("Your temporary password has expired. Ask the instance owner to reset it again.");
  await newcomer.context().close();
});

test("the change-password page is in the account menu", async ({ page }) => {
  await signIn(page, "maria", "sift-maria-demo");
  await page.getByLabel(/^Account menu for/).click();
  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await expect(page.getByTestId("password-change-required")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/change-password.png`, fullPage: true });
});
