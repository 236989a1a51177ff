// Cross-site requests with the session cookie, through the real route handlers against PostgreSQL: every
// state-changing handler refuses a signed-in browser's request that another page made it send (403
// `cross_site_request`, nothing written), Sift's own pages' requests still work, and API-key requests are unaffected.
// Auth.js's cookie decoding is the one part replaced: `auth()` answers the session a valid cookie would carry (it
// needs Next's request scope, which a test has not; e2e/cross-site.spec.ts uses the real cookie).
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { createApiKey } from "@/lib/server/auth/api-keys";
import { startSession } from "@/lib/server/auth/sessions";
import { db } from "@/lib/server/db/client";
import { importRecords } from "@/lib/server/services/record-import";
import { createSentimentDataset, createTestWorkspace, sentimentRecords, type TestWorkspace } from "./fixtures";

const session = vi.hoisted(() => ({ userId: null as string | null, sessionId: null as string | null }));
vi.mock("@/lib/server/auth/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: session.sessionId } : null),
}));

const APP = "http://127.0.0.1:3000";
const OTHER_PORT = "http://127.0.0.1:8081";
/** What a form or `no-cors` fetch on another port of the same host makes the browser send. */
const FORGED = { "sec-fetch-site": "same-site", origin: OTHER_PORT, "content-type": "text/plain" };
/** What Sift's own pages send. */
const OWN_PAGE = { "sec-fetch-site": "same-origin", origin: APP, host: "127.0.0.1:3000", "content-type": "application/json" };

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const appDir = path.join(process.cwd(), "app");
const UNSAFE = ["POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** Every state-changing handler on disk but Auth.js's (its own CSRF token) and the catch-all 404 (writes nothing). */
function unsafeHandlers(): { file: string; method: string; params: Record<string, string> }[] {
  return routeFiles(path.join(appDir, "api"))
    .filter((file) => !file.includes("[...nextauth]") && !file.includes("[...unknown]"))
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const params = Object.fromEntries([...path.relative(appDir, file).matchAll(/\[([^\].]+)\]/g)].map((match) => [match[1]!, randomUUID()]));
      return UNSAFE.filter((method) => new RegExp(`export\\s+(?:const|(?:async\\s+)?function)\\s+${method}\\b`).test(source)).map((method) => ({
        file,
        method,
        params,
      }));
    });
}

async function call(file: string, method: string, headers: Record<string, string>, body?: string, params: Record<string, string> = {}) {
  const module = (await import(file)) as Record<string, Handler>;
  const request = new Request(`${APP}/${path.relative(appDir, path.dirname(file))}`, { method, headers, body });
  const response = await module[method]!(request, { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null };
}

const recordsRoute = path.join(appDir, "api/v1/datasets/[id]/records/route.ts");
const resolveRoute = path.join(appDir, "api/v1/records/[id]/resolve/route.ts");

let team: TestWorkspace;
let datasetId: string;
let recordId: string;

beforeAll(async () => {
  team = await createTestWorkspace(1);
  datasetId = (await createSentimentDataset(team)).id;
  await importRecords(team.admin, datasetId, sentimentRecords(2));
  recordId = (await db.record.findFirstOrThrow({ where: { datasetId }, select: { id: true } })).id;
});

/** A real server-side session row (lib/server/auth/sessions.ts), as a sign-in makes one. */
async function signedInAs(actor: Actor): Promise<void> {
  session.userId = actor.userId;
  session.sessionId = await startSession(actor.userId, 3600);
}

const recordCount = () => db.record.count({ where: { datasetId } });
const resolutions = () => db.finalValue.count({ where: { recordId, provenance: "curator" } });

describe("a signed-in browser's request made by another page", () => {
  it("is refused by every state-changing API handler with 403 cross_site_request", async () => {
    await signedInAs(team.admin);
    const handlers = unsafeHandlers();
    expect(handlers.length).toBeGreaterThan(30);
    for (const handler of handlers) {
      const answer = await call(handler.file, handler.method, FORGED, "{}", handler.params);
      expect({ route: `${handler.method} ${path.relative(appDir, handler.file)}`, status: answer.status, code: answer.body?.error?.code }).toEqual({
        route: `${handler.method} ${path.relative(appDir, handler.file)}`,
        status: 403,
        code: "cross_site_request",
      });
    }
  }, 60_000);

  it("writes no record: the text/plain form POST to the records endpoint", async () => {
    await signedInAs(team.admin);
    const before = await recordCount();
    const answer = await call(recordsRoute, "POST", FORGED, `{"externalId":"forged","fields":{"text":"x"}}`, { id: datasetId });
    expect(answer.status).toBe(403);
    expect(answer.body?.error?.message).toContain("Sec-Fetch-Site: same-site");
    expect(await recordCount()).toBe(before);
  });

  it("resolves nothing: the no-cors POST to resolve, with and without Sec-Fetch-Site", async () => {
    await signedInAs(team.curator);
    const body = JSON.stringify({ values: { sentiment: "neg" } });
    expect((await call(resolveRoute, "POST", FORGED, body, { id: recordId })).status).toBe(403);
    const oldBrowser = { origin: OTHER_PORT, host: "127.0.0.1:3000", "content-type": "text/plain" };
    expect((await call(resolveRoute, "POST", oldBrowser, body, { id: recordId })).status).toBe(403);
    const noHeaders = { "content-type": "application/json" };
    expect((await call(resolveRoute, "POST", noHeaders, body, { id: recordId })).status).toBe(403);
    expect(await resolutions()).toBe(0);
  });

  it("is refused when its body is not JSON even from Sift's own origin (a form cannot send JSON)", async () => {
    await signedInAs(team.curator);
    const body = JSON.stringify({ values: { sentiment: "neg" } });
    const answer = await call(resolveRoute, "POST", { ...OWN_PAGE, "content-type": "text/plain" }, body, { id: recordId });
    expect(answer.status).toBe(403);
    expect(answer.body?.error).toMatchObject({ code: "cross_site_request" });
    expect(answer.body?.error?.message).toContain("application/json");
    await signedInAs(team.admin);
    const before = await recordCount();
    const records = await call(recordsRoute, "POST", { ...OWN_PAGE, "content-type": "multipart/form-data; boundary=x" }, sentimentRecords(1, "mp"), { id: datasetId });
    expect(records.status).toBe(403);
    expect(await recordCount()).toBe(before);
    expect(await resolutions()).toBe(0);
  });
});

describe("Sift's own pages and API keys", () => {
  it("still write: same-origin JSON, and Origin alone from a browser without Sec-Fetch-Site", async () => {
    await signedInAs(team.curator);
    const body = JSON.stringify({ values: { sentiment: "neg" } });
    expect((await call(resolveRoute, "POST", OWN_PAGE, body, { id: recordId })).status).toBe(200);
    expect(await resolutions()).toBe(1);
    await signedInAs(team.admin);
    const oldBrowser = { origin: APP, host: "127.0.0.1:3000", "content-type": "application/x-ndjson" };
    const pushed = await call(recordsRoute, "POST", oldBrowser, sentimentRecords(1, "own"), { id: datasetId });
    expect(pushed.status).toBe(200);
    expect(await db.record.count({ where: { datasetId, externalId: "own-0000" } })).toBe(1);
  });

  it("leave API-key requests alone, whatever their origin headers and content type", async () => {
    session.userId = null;
    const { key } = await createApiKey(team.admin.userId, "cross-site test");
    const headers = { authorization: `Bearer ${key}`, "sec-fetch-site": "cross-site", origin: OTHER_PORT, "content-type": "text/plain" };
    const pushed = await call(recordsRoute, "POST", headers, sentimentRecords(1, "key"), { id: datasetId });
    expect(pushed.status).toBe(200);
    expect(await db.record.count({ where: { datasetId, externalId: "key-0000" } })).toBe(1);
  });

  it("answers an anonymous cross-site write 401, as before: only the session cookie is at risk", async () => {
    session.userId = null;
    expect((await call(resolveRoute, "POST", FORGED, "{}", { id: recordId })).status).toBe(401);
  });
});
