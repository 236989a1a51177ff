// Administration end to end: an admin invites an annotator by link, the invitee makes an account through it and lands
// in the workspace, the admin changes their role and removes them, and finds all of it in the audit log.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { OWNER_LANDING, signIn } from "./helpers";

test("an invited annotator joins by link; the admin changes their role, removes them and audits it", async ({ page, browser }) => {
  const tag = randomBytes(3).toString("hex");
  const invitee = { username: `ines-${tag}`, name: `Inês ${tag}`, email: `ines-${tag}@example.org` };

  await signIn(page, "admin", "sift-admin-demo");
  await page.getByText("Workspace settings").click();
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await page.getByLabel("Role", { exact: true }).selectOption("annotator");
  await page.getByLabel(/^Email/).fill(invitee.email);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("Invitation link", { exact: true }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{32}$/);
  await expect(page.getByTestId("invitations-table")).toContainText(invitee.email);
  await page.screenshot({ path: "test-results/screenshots/admin-members.png", fullPage: true });

  // The invitee, in a browser of their own, makes an account through the link.
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(link);
  await expect(guestPage.getByRole("heading", { name: /Join / })).toBeVisible();
  await expect(guestPage.getByLabel("Email", { exact: true })).toHaveValue(invitee.email);
  await guestPage.getByLabel("Username", { exact: true }).fill(invitee.username);
  await guestPage.getByLabel("Full name").fill(invitee.name);
  await guestPage.getByLabel(/^Password \(at least/).fill("short");
  await guestPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(guestPage.getByText("must be at least 12 characters")).toBeVisible();
  await guestPage.screenshot({ path: "test-results/screenshots/admin-invite-signup.png", fullPage: true });
  await guestPage.getByLabel(/^Password \(at least/).fill("a long enough password");
  await guestPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(guestPage).toHaveURL(/\/w\/demo$/);
  await expect(guestPage.getByLabel(`Account menu for ${invitee.name}`)).toBeVisible();
  // The link worked once: opening it again says so.
  await guestPage.goto(link);
  await expect(guestPage.getByTestId("invitation-refused")).toContainText("already been used");
  await guestPage.screenshot({ path: "test-results/screenshots/admin-invite-used.png", fullPage: true });

  // The admin sees the new member, makes them a curator, then removes them.
  await page.reload();
  const row = page.getByTestId(`member-${invitee.username}`);
  await expect(row).toContainText(invitee.name);
  await expect(page.getByLabel(`Role of ${invitee.name}`)).toHaveValue("annotator");
  await page.getByLabel(`Role of ${invitee.name}`).selectOption("curator");
  await expect(page.getByTestId("members-notice")).toHaveText(`${invitee.name} is now curator.`);
  expect((await guestPage.request.get("/api/v1/me")).status()).toBe(401);
  await page.getByRole("button", { name: `Remove ${invitee.name}` }).click();
  await expect(page.getByRole("dialog")).toContainText(`Remove ${invitee.name} from`);
  await page.screenshot({ path: "test-results/screenshots/admin-remove-dialog.png" });
  await page.getByRole("button", { name: "Remove member" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("members-notice")).toContainText(`${invitee.name} was removed`);

  // The role change ended the member's session (and the removal would have): their next request is sent to sign in.
  await guestPage.goto("/w/demo");
  await expect(guestPage).toHaveURL(/\/signin/);
  await guest.close();

  // All of it is in the audit log, filterable by action.
  await page.getByRole("link", { name: "Audit log" }).click();
  const events = page.getByTestId("audit-event");
  for (const action of ["member.remove", "member.role_change", "invitation.accept", "user.sign_up", "invitation.create"])
    await expect(events.filter({ hasText: action }).first()).toBeVisible();
  await page.getByLabel("Action").selectOption("member.role_change");
  await page.getByLabel("Text").fill(invitee.username);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(events).toHaveCount(1);
  await expect(events.first()).toContainText("Adam Admin");
  await events.first().locator("summary").click();
  await expect(events.first().locator("pre")).toContainText('"to": "curator"');
  await page.screenshot({ path: "test-results/screenshots/admin-audit.png", fullPage: true });
});

test("the instance owner finds users and workspaces under Admin; others cannot open it", async ({ page, browser }) => {
  await signIn(page, "owner", "sift-owner-demo", OWNER_LANDING);
  await page.goto("/w/demo");
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await page.getByLabel("Search users").fill("kwame");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("users-table").locator("tbody tr")).toHaveCount(1);
  await page.getByLabel("Search users").fill("");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("users-table")).toContainText("maria");
  await page.screenshot({ path: "test-results/screenshots/admin-users.png", fullPage: true });
  await page.getByRole("link", { name: "Workspaces", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Workspaces", level: 1 })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/admin-workspaces.png", fullPage: true });

  const curator = await browser.newContext();
  const curatorPage = await curator.newPage();
  await signIn(curatorPage, "curator", "sift-curator-demo");
  await expect(curatorPage.getByRole("link", { name: "Admin" })).toHaveCount(0);
  const response = await curatorPage.goto("/admin/users");
  expect(response?.status()).toBe(404);
  expect((await curatorPage.request.get("/api/v1/users")).status()).toBe(403);
  await curator.close();
});
