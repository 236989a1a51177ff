// The permission matrix: every route of the OpenAPI document, called in-process through its real route handler with
// a real API key, as the instance owner, an admin, a curator, an annotator, a member of another workspace only and
// an anonymous caller, on objects of the callers' workspace (A) and of another workspace (B). The expected status
// comes from ONE table below (the permission each route needs, as its service asks lib/server/policy.ts):
// 401 anonymous; 404 for another workspace's objects, with exactly the body a missing id gets; 403 for a role
// without the permission; 2xx (or a 400 for a deliberately minimal write body, which proves access passed).
// It also scans every answer an annotator gets for another annotator's identity and for metadata hidden from them.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { HTTP_METHODS } from "@/lib/api/registry";
import type { Actor } from "@/lib/server/auth/actor";
import { createApiKey } from "@/lib/server/auth/api-keys";
import { createUser } from "@/lib/server/auth/users";
import { encryptSecret } from "@/lib/server/crypto/secret-box";
import { db, pool } from "@/lib/server/db/client";
import { can, type Permission, type Role } from "@/lib/server/policy";
import { startExport } from "@/lib/server/services/exports";
import { assignRecords } from "@/lib/server/services/assignments";
import { createInvitation } from "@/lib/server/services/invitations";
import { uploadImportFile } from "@/lib/server/services/imports";
import { startRun } from "@/lib/server/services/llm-runs";
import { claimNext } from "@/lib/server/services/queue";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { importRecords } from "@/lib/server/services/record-import";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace, sentimentRecords, type TestWorkspace } from "./fixtures";

// No session cookie in these calls: the API key (or nothing) decides who is asking.
vi.mock("@/lib/server/auth/auth", () => ({ auth: async () => null }));

type Side = "A" | "B";
type Target =
  | "none"
  | "workspace"
  | "slug"
  | "member"
  | "invitation"
  | "user"
  | "dataset"
  | "record"
  | "provider"
  | "run"
  | "importTask"
  | "reportTask"
  | "exportTask";

interface RouteCase {
  method: (typeof HTTP_METHODS)[number];
  path: string;
  /**
   * The permission the route's service checks; "public" needs no caller, "signedIn" any caller, "instanceOwner" the
   * instance owner (everyone else signed in gets 403, wherever the object lives).
   */
  need: Permission | "public" | "signedIn" | "instanceOwner";
  /** Statuses that also prove access passed (an unknown invitation token answers 404 to anyone signed in). */
  okAlso?: number[];
  /** Which object the path (or the `workspace` query/body) names. */
  target: Target;
  body?: (objects: SideObjects) => unknown;
  /** The route changes state that a later caller then finds changed (started, cancelled): a 409 proves access. */
  conflictOk?: true;
  /** The route destroys its object: each permitted call gets a fresh one. */
  fresh?: true;
  /**
   * The route writes an annotator's work on the record (queue-rule.ts): on a record the queue would not serve the
   * caller and that they did not answer, it answers exactly like a missing record, whatever the caller's role.
   */
  queueRule?: true;
}

const INVALID = { unexpected: true };

// ONE table: every documented route and what its service requires (see each service's datasetAccess/recordAccess).
const ROUTES: RouteCase[] = [
  { method: "get", path: "/api/health", need: "public", target: "none" },
  { method: "get", path: "/api/v1/openapi.json", need: "public", target: "none" },
  { method: "get", path: "/api/v1/me", need: "signedIn", target: "none" },
  { method: "get", path: "/api/v1/datasets", need: "dataset.view", target: "workspace" },
  { method: "post", path: "/api/v1/datasets", need: "dataset.create", target: "workspace", body: (o) => ({ workspace: o.workspace, settings: {} }) },
  { method: "get", path: "/api/v1/datasets/{id}", need: "dataset.view", target: "dataset" },
  { method: "patch", path: "/api/v1/datasets/{id}", need: "dataset.configure", target: "dataset", body: () => ({ name: 42 }) },
  { method: "post", path: "/api/v1/datasets/{id}/publish", need: "dataset.configure", target: "dataset", conflictOk: true },
  { method: "get", path: "/api/v1/datasets/{id}/records", need: "records.view", target: "dataset" },
  { method: "post", path: "/api/v1/datasets/{id}/records", need: "records.write", target: "dataset", body: () => [INVALID] },
  { method: "put", path: "/api/v1/datasets/{id}/records", need: "records.write", target: "dataset", body: () => [INVALID] },
  { method: "delete", path: "/api/v1/datasets/{id}/records", need: "records.write", target: "dataset", body: () => INVALID },
  { method: "get", path: "/api/v1/records/{id}", need: "records.annotate", target: "record" },
  { method: "delete", path: "/api/v1/records/{id}", need: "records.write", target: "record", fresh: true },
  { method: "get", path: "/api/v1/records/{id}/fields/{name}", need: "records.annotate", target: "record" },
  // The matrix's metadata property is hidden from annotators, who get 404 for it (value-limits.test.ts checks who sees what).
  { method: "get", path: "/api/v1/records/{id}/metadata/{name}", need: "records.annotate", target: "record", okAlso: [404] },
  // The matrix's record stays open to everybody: no caller's claim takes it (a claim would keep the others out).
  { method: "post", path: "/api/v1/datasets/{id}/queue/next", need: "records.annotate", target: "dataset", body: (o) => ({ exclude: [o.recordId] }) },
  { method: "get", path: "/api/v1/datasets/{id}/queue/progress", need: "records.annotate", target: "dataset" },
  { method: "get", path: "/api/v1/workspaces/{slug}/my-queue", need: "records.annotate", target: "slug" },
  {
    method: "put",
    path: "/api/v1/records/{id}/response",
    need: "records.annotate",
    target: "record",
    body: () => ({ status: "draft", values: { sentiment: "neg" } }),
    queueRule: true,
  },
  { method: "post", path: "/api/v1/datasets/{id}/exports", need: "dataset.export", target: "dataset", body: () => INVALID },
  { method: "get", path: "/api/v1/datasets/{id}/imports", need: "records.write", target: "dataset" },
  { method: "post", path: "/api/v1/datasets/{id}/imports", need: "records.write", target: "dataset", body: () => "" },
  {
    method: "post",
    path: "/api/v1/datasets/{id}/imports/{taskId}/preview",
    need: "records.write",
    target: "importTask",
    body: () => ({ mapping: { kind: "record" } }),
  },
  {
    method: "post",
    path: "/api/v1/datasets/{id}/imports/{taskId}/start",
    need: "records.write",
    target: "importTask",
    body: () => ({ mapping: { kind: "record" } }),
    conflictOk: true,
  },
  { method: "get", path: "/api/v1/tasks/{id}", need: "records.write", target: "importTask" },
  // An export still waiting for the worker answers 409 to a caller allowed to download it.
  { method: "get", path: "/api/v1/tasks/{id}/download", need: "dataset.export", target: "exportTask", conflictOk: true },
  { method: "get", path: "/api/v1/tasks/{id}/report", need: "records.write", target: "reportTask" },
  { method: "get", path: "/api/v1/llm-providers", need: "llm.providers.view", target: "workspace" },
  {
    method: "post",
    path: "/api/v1/llm-providers",
    need: "llm.providers.manage",
    target: "workspace",
    body: (o) => ({ workspace: o.workspace, name: `made-${randomUUID().slice(0, 8)}`, baseUrl: "http://127.0.0.1:9/v1", models: [{ name: "m" }] }),
  },
  { method: "get", path: "/api/v1/llm-providers/{id}", need: "llm.providers.view", target: "provider" },
  { method: "patch", path: "/api/v1/llm-providers/{id}", need: "llm.providers.manage", target: "provider", body: () => ({ name: 42 }) },
  { method: "delete", path: "/api/v1/llm-providers/{id}", need: "llm.providers.manage", target: "provider", fresh: true },
  { method: "post", path: "/api/v1/llm-providers/{id}/test", need: "llm.providers.manage", target: "provider" },
  { method: "get", path: "/api/v1/datasets/{id}/llm-settings", need: "llm.runs.manage", target: "dataset" },
  { method: "put", path: "/api/v1/datasets/{id}/llm-settings", need: "llm.runs.manage", target: "dataset", body: () => INVALID },
  { method: "post", path: "/api/v1/datasets/{id}/llm-settings/preview", need: "llm.runs.manage", target: "dataset", body: () => INVALID },
  { method: "get", path: "/api/v1/datasets/{id}/llm-runs", need: "llm.runs.manage", target: "dataset" },
  { method: "post", path: "/api/v1/datasets/{id}/llm-runs", need: "llm.runs.manage", target: "dataset", body: () => INVALID },
  { method: "post", path: "/api/v1/datasets/{id}/llm-runs/estimate", need: "llm.runs.manage", target: "dataset", body: () => INVALID },
  { method: "get", path: "/api/v1/llm-runs/{id}", need: "llm.runs.manage", target: "run" },
  { method: "post", path: "/api/v1/llm-runs/{id}/pause", need: "llm.runs.manage", target: "run", conflictOk: true },
  { method: "post", path: "/api/v1/llm-runs/{id}/resume", need: "llm.runs.manage", target: "run", conflictOk: true },
  { method: "post", path: "/api/v1/llm-runs/{id}/cancel", need: "llm.runs.manage", target: "run", conflictOk: true },
  { method: "get", path: "/api/v1/datasets/{id}/routing", need: "routing.configure", target: "dataset" },
  { method: "put", path: "/api/v1/datasets/{id}/routing", need: "routing.configure", target: "dataset", body: () => INVALID },
  { method: "post", path: "/api/v1/datasets/{id}/routing/preview", need: "routing.configure", target: "dataset", body: () => INVALID },
  { method: "get", path: "/api/v1/datasets/{id}/assignments", need: "records.assign", target: "dataset" },
  { method: "post", path: "/api/v1/datasets/{id}/assignments", need: "records.assign", target: "dataset", body: () => INVALID },
  { method: "post", path: "/api/v1/datasets/{id}/assignments/distribute", need: "records.assign", target: "dataset", body: () => INVALID },
  { method: "get", path: "/api/v1/datasets/{id}/review", need: "records.review", target: "dataset" },
  { method: "get", path: "/api/v1/records/{id}/review", need: "records.review", target: "record" },
  { method: "post", path: "/api/v1/records/{id}/resolve", need: "records.review", target: "record", body: () => INVALID },
  { method: "get", path: "/api/v1/records/{id}/flag", need: "records.annotate", target: "record", queueRule: true },
  { method: "put", path: "/api/v1/records/{id}/flag", need: "records.annotate", target: "record", body: () => ({}), queueRule: true },
  { method: "delete", path: "/api/v1/records/{id}/flag", need: "records.annotate", target: "record", queueRule: true },
  { method: "post", path: "/api/v1/datasets/{id}/bulk-responses", need: "records.annotate", target: "dataset", body: () => INVALID },
  { method: "get", path: "/api/v1/datasets/{id}/overview", need: "records.view", target: "dataset" },
  { method: "get", path: "/api/v1/datasets/{id}/quality", need: "quality.view", target: "dataset" },
  { method: "get", path: "/api/v1/datasets/{id}/agreement", need: "quality.view", target: "dataset" },
  { method: "get", path: "/api/v1/datasets/{id}/queue/counts", need: "records.annotate", target: "dataset" },
  { method: "get", path: "/api/v1/datasets/{id}/folder", need: "dataset.export", target: "dataset" },
  { method: "post", path: "/api/v1/workspaces/{slug}/datasets/import-folder", need: "dataset.create", target: "slug", body: () => "not an archive" },
  { method: "patch", path: "/api/v1/workspaces/{slug}", need: "workspace.manage", target: "slug", body: () => INVALID },
  { method: "get", path: "/api/v1/workspaces/{slug}/members", need: "workspace.manage", target: "slug" },
  { method: "patch", path: "/api/v1/workspaces/{slug}/members/{userId}", need: "workspace.manage", target: "member", body: () => INVALID },
  { method: "delete", path: "/api/v1/workspaces/{slug}/members/{userId}", need: "workspace.manage", target: "member", fresh: true },
  { method: "get", path: "/api/v1/workspaces/{slug}/invitations", need: "workspace.manage", target: "slug" },
  { method: "post", path: "/api/v1/workspaces/{slug}/invitations", need: "workspace.manage", target: "slug", body: () => INVALID },
  { method: "delete", path: "/api/v1/workspaces/{slug}/invitations/{id}", need: "workspace.manage", target: "invitation", fresh: true },
  { method: "get", path: "/api/v1/workspaces/{slug}/audit-events", need: "workspace.manage", target: "slug" },
  { method: "post", path: "/api/v1/invitations/{token}/accept", need: "signedIn", target: "none", okAlso: [404] },
  { method: "post", path: "/api/v1/workspaces", need: "instanceOwner", target: "none", body: () => INVALID },
  { method: "get", path: "/api/v1/users", need: "instanceOwner", target: "none" },
  { method: "post", path: "/api/v1/users", need: "instanceOwner", target: "none", body: () => INVALID },
  { method: "patch", path: "/api/v1/users/{id}", need: "instanceOwner", target: "user", body: () => INVALID },
];

type CallerName = "owner" | "admin" | "curator" | "annotator" | "outsider" | "anonymous";
const CALLERS: CallerName[] = ["owner", "admin", "curator", "annotator", "outsider", "anonymous"];

/** The caller's role in each workspace (null: not a member). The outsider is a curator of B only. */
const ROLES: Record<CallerName, Record<Side, Role | null>> = {
  owner: { A: "owner", B: "owner" },
  admin: { A: "admin", B: null },
  curator: { A: "curator", B: null },
  annotator: { A: "annotator", B: null },
  outsider: { A: null, B: "curator" },
  anonymous: { A: null, B: null },
};

interface SideObjects {
  workspace: string;
  /** A member of the workspace (an annotator), and makers of fresh members and invitations to remove. */
  memberId: string;
  newMember: () => Promise<string>;
  newInvitation: () => Promise<string>;
  datasetId: string;
  datasetName: string;
  recordId: string;
  /** A record of the dataset made for a caller allowed to delete it. */
  newRecord: () => Promise<string>;
  providerId: string;
  runId: string;
  importTaskId: string;
  reportTaskId: string;
  exportTaskId: string;
}

type Expected = { kind: "ok"; statuses: number[] } | { kind: "status"; status: number };

function expectedFor(route: RouteCase, caller: CallerName, side: Side): Expected {
  const writeOk = route.method === "get" ? [200] : [200, 201, 202, 204, 400];
  const ok: Expected = { kind: "ok", statuses: [...writeOk, ...(route.conflictOk ? [409] : []), ...(route.okAlso ?? [])] };
  if (route.need === "public") return ok;
  if (caller === "anonymous") return { kind: "status", status: 401 };
  if (route.need === "signedIn") return ok;
  if (route.need === "instanceOwner") return caller === "owner" ? ok : { kind: "status", status: 403 };
  const role = ROLES[caller][side];
  if (!role) return { kind: "status", status: 404 };
  return can(role, route.need) ? ok : { kind: "status", status: 403 };
}

let filesDir: string;
const previousFilesDir = process.env.SIFT_FILES_DIR;
const keys = new Map<CallerName, string>();
const objects = new Map<Side, SideObjects>();
let teamA: TestWorkspace;
let hiddenValue: string;

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** A provider row of the workspace (its endpoint refuses connections, so a connection test fails fast). */
async function newProvider(workspaceId: string): Promise<string> {
  const provider = await db.llmProvider.create({
    data: {
      workspaceId,
      name: `provider-${randomUUID().slice(0, 8)}`,
      baseUrl: "http://127.0.0.1:9/v1",
      apiKeyEncrypted: encryptSecret("sk-matrix"),
      models: [{ name: "fake-model", inputPricePerMillion: 0.5, outputPricePerMillion: 1.5 }],
      settings: { maxConcurrency: 2, timeoutMs: 1_000 },
    },
  });
  return provider.id;
}

/**
 * A workspace's objects: a dataset (metadata `source` hidden from annotators, set to `hidden`) with 12 records and
 * their suggestions, routed; a response by `answerer` on a record routed to humans that stays open for others
 * (two answers wanted); an LLM provider and a run; a draft import; a failed import with a report; a queued export.
 */
async function buildSide(team: TestWorkspace, answerer: Actor, hidden: string): Promise<SideObjects> {
  const datasetName = `Confidential ${randomUUID().slice(0, 8)}`;
  const { id: datasetId } = await createSentimentDataset(team, { name: datasetName, distribution: { minSubmitted: 2 } });
  const records = sentimentRecords(12)
    .split("\n")
    .map((line) => JSON.stringify({ ...JSON.parse(line), metadata: { source: hidden } }))
    .join("\n");
  await importRecords(team.curator, datasetId, records);
  await recomputeDataset(datasetId);
  const recordId = await claimNext(answerer, datasetId);
  if (!recordId) throw new Error("no record routed to humans");
  await saveResponse(answerer, recordId, { status: "submitted", values: { sentiment: "pos" } });
  const providerId = await newProvider(team.workspaceId);
  await db.dataset.update({
    where: { id: datasetId },
    data: { llm: { proposers: [{ providerId, model: "fake-model", questions: ["sentiment"], strategy: { kind: "variants", variants: ["plain", "letters"] }, selfEvaluate: true }] } },
  });
  const run = await startRun(team.curator, datasetId, {});
  const draft = await uploadImportFile(team.curator, datasetId, {
    fileName: "rows.jsonl",
    body: bytes(JSON.stringify({ externalId: "new-1", fields: { text: "hello" } })),
  });
  const report = await db.datasetTask.create({
    data: {
      datasetId,
      createdById: team.curator.userId,
      kind: "import",
      status: "failed",
      fileName: "broken.jsonl",
      result: { problems: [{ line: 1, path: "fields.text", message: "is required" }], problemsTotal: 1 },
    },
  });
  const exported = await startExport(team.curator, datasetId, { format: "jsonl", mode: "task" });
  if (exported.kind !== "task") throw new Error("the export should run as a task");
  const newMember = async () => {
    const tag = randomUUID().slice(0, 8);
    const user = await createUser({ email: `member-${tag}@test.local`, username: `member-${tag}`, name: "Member", password: "correct horse battery" });
    await db.membership.create({ data: { workspaceId: team.workspaceId, userId: user.id, role: "annotator" } });
    return user.id;
  };
  const newInvitation = async () => (await createInvitation(team.admin, team.slug, { role: "annotator" })).invitation.id;
  const newRecord = async () => {
    const externalId = `doomed-${randomUUID().slice(0, 8)}`;
    await importRecords(team.curator, datasetId, JSON.stringify({ externalId, fields: { text: "to delete" }, metadata: { source: hidden } }));
    return (await db.record.findFirstOrThrow({ where: { datasetId, externalId } })).id;
  };
  return {
    workspace: team.slug,
    memberId: answerer.userId,
    newMember,
    newInvitation,
    datasetId,
    newRecord,
    datasetName,
    recordId,
    providerId,
    runId: run.id,
    importTaskId: draft.taskId,
    reportTaskId: report.id,
    exportTaskId: exported.taskId,
  };
}

const RULE_HOLES = ["auto-accepted", "reserved for another", "held by another's claim", "already complete"] as const;
type RuleHole = (typeof RULE_HOLES)[number];
let ruleRecords: Record<RuleHole, string>;

/**
 * Records of a side's dataset that the queue would serve none of the callers (none answered them): one routing
 * accepted automatically, one reserved for `other`, one `other` holds (a live claim), one `other` completed (a human
 * final value made of their answer alone).
 */
async function buildRuleRecords(team: TestWorkspace, datasetId: string, other: Actor): Promise<Record<RuleHole, string>> {
  const records = await db.record.findMany({ where: { datasetId }, orderBy: { importOrder: "asc" } });
  const auto = records.find((record) => record.routingDecision === "auto");
  const [reserved, held, complete] = records.filter((record) => record.routingDecision === "human" && record.submittedCount === 0);
  if (!auto || !complete) throw new Error("the matrix's dataset needs an auto-accepted record and three more routed to people");
  await assignRecords(team.curator, datasetId, { action: "assign", userIds: [other.userId], recordIds: [reserved!.id] });
  await pool().query(`UPDATE "Record" SET "leaseUserId" = $2, "leaseExpiresAt" = now() + interval '1 hour' WHERE id = $1`, [held!.id, other.userId]);
  await pool().query(`UPDATE "Record" SET "requiredResponses" = 1 WHERE id = $1`, [complete.id]);
  await saveResponse(other, complete.id, { status: "submitted", values: { sentiment: "pos" } });
  return { "auto-accepted": auto.id, "reserved for another": reserved!.id, "held by another's claim": held!.id, "already complete": complete.id };
}

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), "sift-matrix-"));
  process.env.SIFT_FILES_DIR = filesDir;
  hiddenValue = `hidden-${randomUUID()}`;
  teamA = await createTestWorkspace(2);
  const teamB = await createTestWorkspace(1);
  const tag = randomUUID().slice(0, 8);
  const owner = await createUser({ email: `owner-${tag}@test.local`, username: `owner-${tag}`, name: "Owner", password: "correct horse battery", isOwner: true });
  const users: Record<Exclude<CallerName, "anonymous">, string> = {
    owner: owner.id,
    admin: teamA.admin.userId,
    curator: teamA.curator.userId,
    annotator: teamA.annotators[0]!.userId,
    outsider: teamB.curator.userId,
  };
  for (const [name, userId] of Object.entries(users)) keys.set(name as CallerName, (await createApiKey(userId, "matrix")).key);
  objects.set("A", await buildSide(teamA, teamA.annotators[1]!, hiddenValue));
  objects.set("B", await buildSide(teamB, teamB.annotators[0]!, hiddenValue));
  ruleRecords = await buildRuleRecords(teamA, objects.get("A")!.datasetId, teamA.annotators[1]!);
}, 120_000);

afterAll(async () => {
  if (previousFilesDir === undefined) delete process.env.SIFT_FILES_DIR;
  else process.env.SIFT_FILES_DIR = previousFilesDir;
  await rm(filesDir, { recursive: true, force: true });
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

async function handlerFor(route: RouteCase): Promise<Handler> {
  const folder = route.path.replace(/^\//, "").replace(/\{([^}]+)\}/g, "[$1]");
  const module = (await import(path.join(process.cwd(), "app", folder, "route.ts"))) as Record<string, Handler | undefined>;
  const handler = module[route.method.toUpperCase()];
  if (!handler) throw new Error(`${route.method.toUpperCase()} ${route.path} has no handler`);
  return handler;
}

/** The path parameters and `workspace` naming the target; all random (missing) when `missing`. */
async function paramsFor(route: RouteCase, side: SideObjects, missing: boolean): Promise<{ params: Record<string, string>; workspace: string }> {
  const pick = (value: string) => (missing ? randomUUID() : value);
  const workspace = missing ? `missing-${randomUUID().slice(0, 8)}` : side.workspace;
  switch (route.target) {
    case "dataset":
      return { params: { id: pick(side.datasetId) }, workspace };
    case "record": {
      const params: Record<string, string> = { id: pick(route.fresh && !missing ? await side.newRecord() : side.recordId) };
      if (route.path.endsWith("{name}")) params.name = route.path.includes("/metadata/") ? "source" : "text";
      return { params, workspace };
    }
    case "provider":
      return { params: { id: pick(route.fresh && !missing ? await newProvider((await db.dataset.findUniqueOrThrow({ where: { id: side.datasetId } })).workspaceId) : side.providerId) }, workspace };
    case "run":
      return { params: { id: pick(side.runId) }, workspace };
    case "importTask":
      return route.path.startsWith("/api/v1/tasks")
        ? { params: { id: pick(side.importTaskId) }, workspace }
        : { params: { id: pick(side.datasetId), taskId: pick(side.importTaskId) }, workspace };
    case "reportTask":
      return { params: { id: pick(side.reportTaskId) }, workspace };
    case "exportTask":
      return { params: { id: pick(side.exportTaskId) }, workspace };
    case "slug":
      return { params: { slug: workspace }, workspace };
    case "member":
      return { params: { slug: workspace, userId: pick(route.fresh && !missing ? await side.newMember() : side.memberId) }, workspace };
    case "invitation":
      return { params: { slug: workspace, id: missing ? randomUUID() : await side.newInvitation() }, workspace };
    case "user":
      return { params: { id: pick(side.memberId) }, workspace };
    default:
      return { params: route.path.includes("{token}") ? { token: `unknown-${randomUUID()}` } : {}, workspace };
  }
}

interface Answer {
  status: number;
  text: string;
}

async function call(route: RouteCase, caller: CallerName, side: SideObjects, missing = false): Promise<Answer> {
  const { params, workspace } = await paramsFor(route, side, missing);
  let url = `http://sift.test${route.path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name]!)}`;
  if (route.target === "workspace" && route.method === "get") url += `?workspace=${encodeURIComponent(workspace)}`;
  const headers = new Headers({ "content-type": "application/json" });
  const key = keys.get(caller);
  if (key) headers.set("authorization", `Bearer ${key}`);
  const body = route.body?.({ ...side, workspace });
  const request = new Request(url, {
    method: route.method.toUpperCase(),
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await (await handlerFor(route))(request, { params: Promise.resolve(params) });
  return { status: response.status, text: await response.text() };
}

function documentedRoutes(): string[] {
  return Object.entries(openApiDocument().paths).flatMap(([route, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${route}`),
  );
}

describe("the permission matrix", () => {
  it("has one row for every documented route", () => {
    expect(ROUTES.map((route) => `${route.method.toUpperCase()} ${route.path}`).sort()).toEqual(documentedRoutes().sort());
  });

  it("answers every route, as every caller, on both workspaces' objects, as the policy table says", async () => {
    const failures: string[] = [];
    const leaks: string[] = [];
    const otherAnnotator = teamA.annotators[1]!;
    let calls = 0;
    // Controls, so that a scan finding nothing means something: the annotator did get a record, and a curator's
    // view of the same records does show the other annotator and the hidden value.
    let annotatorSawRecord = false;
    let curatorSawSecrets = false;
    for (const route of ROUTES) {
      for (const side of ["A", "B"] as const) {
        const sideObjects = objects.get(side)!;
        for (const caller of CALLERS) {
          const expected = expectedFor(route, caller, side);
          const answer = await call(route, caller, sideObjects);
          calls++;
          const label = `${route.method.toUpperCase()} ${route.path} as ${caller} on ${side}`;
          if (expected.kind === "ok" && !expected.statuses.includes(answer.status)) {
            failures.push(`${label}: ${answer.status}, expected one of ${expected.statuses.join("/")} — ${answer.text.slice(0, 200)}`);
          }
          if (expected.kind === "status" && answer.status !== expected.status) {
            failures.push(`${label}: ${answer.status}, expected ${expected.status} — ${answer.text.slice(0, 200)}`);
          }
          if (expected.kind === "status" && expected.status === 404) {
            // Indistinguishable from an id that does not exist: same status, same body, nothing named.
            const missing = await call(route, caller, sideObjects, true);
            if (missing.status !== answer.status || missing.text !== answer.text) {
              failures.push(`${label}: answers ${answer.status} ${answer.text} but a missing id answers ${missing.status} ${missing.text}`);
            }
            if (answer.text.includes(sideObjects.datasetName)) failures.push(`${label}: the 404 names the dataset`);
          }
          if (caller === "curator" && answer.text.includes(otherAnnotator.username) && answer.text.includes(hiddenValue)) curatorSawSecrets = true;
          if (caller === "annotator" && answer.status < 300) {
            if (answer.text.includes("Record number")) annotatorSawRecord = true;
            for (const secret of [otherAnnotator.username, otherAnnotator.email, otherAnnotator.userId, hiddenValue]) {
              if (answer.text.includes(secret)) leaks.push(`${label} shows ${secret === hiddenValue ? "the hidden metadata value" : "another annotator"}`);
            }
          }
        }
      }
    }
    // routes × callers × workspaces: every call was made.
    expect(calls).toBe(ROUTES.length * CALLERS.length * 2);
    expect(failures).toEqual([]);
    expect(leaks).toEqual([]);
    expect(annotatorSawRecord).toBe(true);
    expect(curatorSawSecrets).toBe(true);
  }, 300_000);
});

describe("the queue's rule in the matrix", () => {
  const ruleRoutes = ROUTES.filter((route) => route.queueRule);
  const members: CallerName[] = ["owner", "admin", "curator", "annotator"];

  it("answers a write of annotator work on a record the queue would not serve the caller exactly like a missing record", async () => {
    expect(ruleRoutes.map((route) => `${route.method.toUpperCase()} ${route.path}`).sort()).toEqual([
      "DELETE /api/v1/records/{id}/flag",
      "GET /api/v1/records/{id}/flag",
      "PUT /api/v1/records/{id}/flag",
      "PUT /api/v1/records/{id}/response",
    ]);
    const failures: string[] = [];
    for (const route of ruleRoutes) {
      for (const hole of RULE_HOLES) {
        // Every caller may annotate in A (the first test proves each passes on the matrix's own record).
        const side = { ...objects.get("A")!, recordId: ruleRecords[hole] };
        for (const caller of members) {
          const answer = await call(route, caller, side);
          const missing = await call(route, caller, side, true);
          if (answer.status !== 404 || answer.text !== missing.text) {
            failures.push(`${route.method.toUpperCase()} ${route.path} as ${caller} on a record ${hole}: ${answer.status} ${answer.text.slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("shows an annotator no final value made of another annotator's answer; a curator sees it", async () => {
    const route = ROUTES.find((candidate) => candidate.method === "get" && candidate.path === "/api/v1/records/{id}")!;
    const side = { ...objects.get("A")!, recordId: ruleRecords["already complete"] };
    const finals = async (caller: CallerName) => {
      const answer = await call(route, caller, side);
      expect(answer.status, answer.text).toBe(200);
      return (JSON.parse(answer.text) as { questions: { finalValue: unknown }[] }).questions.map((question) => question.finalValue);
    };
    // The other annotator confirmed the proposal ("pos"): a human final value of confirmations only (issue 13).
    expect(await finals("curator")).toEqual([{ value: "pos", display: expect.any(String), provenance: "human_confirmed" }]);
    expect(await finals("annotator")).toEqual([null]);
  });
});

describe("request body limits", () => {
  const bodyRoutes = ROUTES.filter((route) => route.method !== "get" && route.method !== "delete" && route.body);

  async function oversized(route: RouteCase, body: string, declaredLength?: number): Promise<Answer & { json: unknown }> {
    const side = objects.get("A")!;
    const { params } = await paramsFor(route, side, false);
    const headers = new Headers({ "content-type": "application/json", authorization: `Bearer ${keys.get("owner")}` });
    if (declaredLength !== undefined) headers.set("content-length", String(declaredLength));
    const url = `http://sift.test${route.path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name]!)}`;
    const response = await (await handlerFor(route))(new Request(url, { method: route.method.toUpperCase(), headers, body }), {
      params: Promise.resolve(params),
    });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as unknown };
  }

  it("refuses a body that declares more than the route's limit with 413 and says so, on every route that reads one", async () => {
    for (const route of bodyRoutes) {
      const answer = await oversized(route, "{}", 10 * 1024 * 1024 * 1024);
      expect(answer.status, `${route.method} ${route.path}`).toBe(413);
      expect(answer.json, `${route.method} ${route.path}`).toMatchObject({ error: { code: "payload_too_large", message: expect.stringMatching(/(this endpoint accepts at most [\d,]+ bytes|larger than the upload limit of)/) } });
    }
  });

  it("stops reading a JSON body that runs past its limit (1 MB at most) without declaring its length", async () => {
    // Raw uploads (records in bulk, import files, folder archives) stream with their own limits, tested above.
    const jsonRoutes = bodyRoutes.filter((route) => !/\/(records|imports|import-folder)$/.test(route.path));
    const padding = JSON.stringify({ padding: "x".repeat(1_100_000) });
    for (const route of jsonRoutes) {
      const answer = await oversized(route, padding);
      expect(answer.status, `${route.method} ${route.path}`).toBe(413);
      expect(answer.json, `${route.method} ${route.path}`).toMatchObject({ error: { code: "payload_too_large", message: expect.stringMatching(/accepts at most (1,000,000|100,000|10,000) bytes\.$/) } });
    }
  });
});
