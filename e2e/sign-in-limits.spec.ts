// Sign-in rate limiting as a person sees it: after 5 failed attempts for one login the form says when to try again,
// and says it the same way whether or not the account exists. The attempts come from an address of their own
// (X-Real-IP, honoured without a trusted proxy), so the other specs' sign-ins from 127.0.0.1 are not counted.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { failedSignInMessage } from "./helpers";

test("the sixth failed attempt for a login is refused with the wait, without saying whether the account exists", async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    extraHTTPHeaders: { "x-real-ip": `198.51.100.${randomBytes(1)[0]! % 250}` },
  });
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
