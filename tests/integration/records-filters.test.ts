// GET /api/v1/datasets/{id}/records: every filter (routing decision, uncertainty range, response status, metadata,
// full-text search) alone and together, each paged through with keyset pagination so that the pages add up to
// exactly the matching records in import order; and 400s that name the parameter.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listRecordsRoute } from "@/app/api/v1/datasets/[id]/records/route";
import type { Actor } from "@/lib/server/auth/actor";
import { ValidationError } from "@/lib/server/errors";
import { importRecords } from "@/lib/server/services/record-import";
import { recomputeDataset } from "@/lib/server/services/recompute";
import { listRecords, listRecordsQuerySchema } from "@/lib/server/services/records";
import { saveResponse } from "@/lib/server/services/responses";
import { createSentimentDataset, createTestWorkspace, type TestWorkspace } from "./fixtures";

// The route handler authenticates through Auth.js, which plain Node cannot load outside Next; the caller is given here.
const caller = vi.hoisted(() => ({ actor: null as unknown }));
vi.mock("@/lib/server/auth/actor", () => ({ requestActor: async () => caller.actor, sessionActor: async () => caller.actor }));

const COUNT = 30;
const SOURCES = ["web", "forum", "news"];

/**
 * Record i: votes that give uncertainty 0 (i % 3 = 0), 0.918 (i % 3 = 1) or 1 (i % 3 = 2); text with "battery" when i
 * is even and "screen broke" when i % 5 = 0; metadata source = SOURCES[i % 3], turns = i % 4, score = i / 10.
 */
function records(): string {
  const votes = [["pos", "pos", "pos", "pos"], ["pos", "pos", "neg"], ["pos", "neg", "neg", "pos"]];
  return Array.from({ length: COUNT }, (_, i) =>
    JSON.stringify({
      externalId: `f-${String(i).padStart(2, "0")}`,
      fields: {
        text: [`Review ${i}.`, i % 2 === 0 ? "The battery lasts long." : "", i % 5 === 0 ? "The screen broke." : "", i === 7 ? "Un café crème." : ""]
          .filter(Boolean)
          .join(" "),
      },
      metadata: { source: SOURCES[i % 3], turns: i % 4, score: i / 10 },
      suggestions: votes[i % 3]!.map((value, agent) => ({ question: "sentiment", agent: `agent-${agent}`, value })),
    }),
  ).join("\n");
}

const ids = (predicate: (i: number) => boolean) =>
  Array.from({ length: COUNT }, (_, i) => i).filter(predicate).map((i) => `f-${String(i).padStart(2, "0")}`);

let workspace: TestWorkspace;
let datasetId: string;

/** Pages through the list `limit` at a time; checks page sizes and cursors; returns every external id in order. */
async function pageThrough(actor: Actor, raw: Record<string, string>, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let after: number | undefined;
  for (let guard = 0; guard < 100; guard += 1) {
    const query = listRecordsQuerySchema.parse({ ...raw, limit: String(limit), ...(after === undefined ? {} : { after: String(after) }) });
    const page = await listRecords(actor, datasetId, query);
    expect(page.records.length).toBeLessThanOrEqual(limit);
    seen.push(...page.records.map((record) => record.externalId));
    if (page.nextCursor === null) return seen;
    expect(page.records).toHaveLength(limit);
    expect(page.nextCursor).toBe(page.records[page.records.length - 1]!.importOrder);
    after = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

const list = (raw: Record<string, string>, limit = 4) => pageThrough(workspace.curator, raw, limit);

async function validationDetails(raw: Record<string, string>): Promise<string[]> {
  const query = listRecordsQuerySchema.parse(raw);
  const error = await listRecords(workspace.curator, datasetId, query).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).details.map((detail) => `${detail.where}: ${detail.message}`);
}

beforeAll(async () => {
  workspace = await createTestWorkspace(2);
  ({ id: datasetId } = await createSentimentDataset(workspace, {
    metadata: [
      { name: "source", title: "Source", type: "terms" },
      { name: "turns", title: "Turns", type: "integer" },
      { name: "score", title: "Score", type: "float" },
    ],
  }));
  await importRecords(workspace.curator, datasetId, records());
  await recomputeDataset(datasetId);
  const all = await listRecords(workspace.curator, datasetId, { limit: 500 });
  const idOf = (i: number) => all.records[i]!.id;
  const [maria, kwame] = workspace.annotators;
  const submit = { status: "submitted", values: { sentiment: "pos" } };
  // Kwame's draft first: once Maria's submit completes the record, nobody else may write to it (the queue's rule).
  await saveResponse(kwame!, idOf(2), { status: "draft", values: {} });
  await saveResponse(maria!, idOf(2), submit);
  await saveResponse(maria!, idOf(5), submit);
  await saveResponse(kwame!, idOf(8), { status: "draft", values: { sentiment: "neg" } });
  await saveResponse(maria!, idOf(11), { status: "discarded", values: {} });
});

describe("records list filters, each with keyset pagination", () => {
  it("without filters pages through every record in import order", async () => {
    expect(await list({}, 7)).toEqual(ids(() => true));
  });

  it("routing decision", async () => {
    // budget 0.3 of 30: 9 of the 10 records with a 2-vs-2 split go to humans (ties by import order: f-29 is
    // accepted), the rest are accepted.
    expect(await list({ decision: "human" }, 3)).toEqual(ids((i) => i % 3 === 2 && i < 29));
    expect(await list({ decision: "auto" }, 6)).toEqual(ids((i) => i % 3 !== 2 || i === 29));
    expect(await list({ decision: "pending" })).toEqual([]);
  });

  it("uncertainty range (inclusive), alone and with a decision", async () => {
    expect(await list({ uncertaintyMin: "0.5", uncertaintyMax: "0.95" })).toEqual(ids((i) => i % 3 === 1));
    expect(await list({ uncertaintyMin: "1" })).toEqual(ids((i) => i % 3 === 2));
    expect(await list({ uncertaintyMax: "0" }, 3)).toEqual(ids((i) => i % 3 === 0));
    expect(await list({ decision: "auto", uncertaintyMin: "0.5", uncertaintyMax: "0.95" }, 2)).toEqual(ids((i) => i % 3 === 1));
    expect(await list({ decision: "auto", uncertaintyMin: "0.5" }, 2)).toEqual(ids((i) => i % 3 === 1 || i === 29));
    expect(await list({ decision: "human", uncertaintyMax: "0.5" })).toEqual([]);
  });

  it("response status: at least one response with that status, or none at all", async () => {
    expect(await list({ responseStatus: "submitted" }, 1)).toEqual(["f-02", "f-05"]);
    // A record with a submitted response and a draft by someone else matches both.
    expect(await list({ responseStatus: "draft" }, 1)).toEqual(["f-02", "f-08"]);
    expect(await list({ responseStatus: "discarded" })).toEqual(["f-11"]);
    expect(await list({ responseStatus: "none" }, 7)).toEqual(ids((i) => ![2, 5, 8, 11].includes(i)));
    expect(await list({ responseStatus: "submitted", decision: "human", uncertaintyMin: "1" }, 1)).toEqual(["f-02", "f-05"]);
  });

  it("metadata: terms equality, integer and float equality and ranges", async () => {
    expect(await list({ "metadata.source": "web" }, 3)).toEqual(ids((i) => i % 3 === 0));
    expect(await list({ "metadata.source": "nowhere" })).toEqual([]);
    expect(await list({ "metadata.turns": "0" }, 2)).toEqual(ids((i) => i % 4 === 0));
    expect(await list({ "metadata.turns.min": "2", "metadata.turns.max": "3" }, 5)).toEqual(ids((i) => i % 4 >= 2));
    expect(await list({ "metadata.score.min": "1.5" }, 5)).toEqual(ids((i) => i >= 15));
    expect(await list({ "metadata.score.max": "0.25" })).toEqual(ids((i) => i <= 2));
    expect(await list({ "metadata.score": "0.7" })).toEqual(["f-07"]);
    expect(await list({ "metadata.source": "forum", "metadata.turns.max": "1", decision: "auto" }, 2)).toEqual(
      ids((i) => i % 3 === 1 && i % 4 <= 1),
    );
  });

  it("full-text search over the fields with websearch syntax", async () => {
    expect(await list({ q: "battery" }, 4)).toEqual(ids((i) => i % 2 === 0));
    expect(await list({ q: "BATTERY Lasts" }, 4)).toEqual(ids((i) => i % 2 === 0));
    expect(await list({ q: "screen broke" }, 2)).toEqual(ids((i) => i % 5 === 0));
    expect(await list({ q: '"broke screen"' })).toEqual([]);
    expect(await list({ q: '"screen broke"' }, 2)).toEqual(ids((i) => i % 5 === 0));
    expect(await list({ q: "battery -screen" }, 4)).toEqual(ids((i) => i % 2 === 0 && i % 5 !== 0));
    expect(await list({ q: "screen or café" }, 3)).toEqual(ids((i) => i % 5 === 0 || i === 7));
    expect(await list({ q: "café" })).toEqual(["f-07"]);
    // Words only: no stemming ("simple"), and a query without words matches nothing rather than failing.
    expect(await list({ q: "batteries" })).toEqual([]);
    expect(await list({ q: "!!! ---" })).toEqual([]);
  });

  it("every filter at once", async () => {
    const raw = {
      q: "battery",
      decision: "auto",
      uncertaintyMin: "0",
      uncertaintyMax: "0.95",
      responseStatus: "none",
      "metadata.source": "news",
      "metadata.turns.min": "1",
    };
    // news = i % 3 === 2, which are routed to humans: nothing is auto.
    expect(await list(raw, 1)).toEqual([]);
    const forum = { ...raw, "metadata.source": "forum" };
    expect(await list(forum, 1)).toEqual(ids((i) => i % 2 === 0 && i % 3 === 1 && i % 4 >= 1));
  });

  it("a search resumes from a cursor in the middle of the dataset", async () => {
    const all = await listRecords(workspace.curator, datasetId, { limit: 500 });
    const next = async (after: number) =>
      listRecords(workspace.curator, datasetId, listRecordsQuerySchema.parse({ q: "screen", after: String(after), limit: "1" }));
    let page = await next(all.records[14]!.importOrder);
    const seen = [page.records[0]!.externalId];
    while (page.nextCursor !== null) {
      page = await next(page.nextCursor);
      seen.push(...page.records.map((record) => record.externalId));
    }
    expect(seen).toEqual(["f-15", "f-20", "f-25"]);
  });
});

describe("records list: bad filters answer 400 naming the parameter", () => {
  it("refuses metadata filters that do not fit the dataset", async () => {
    expect(await validationDetails({ "metadata.nope": "x" })).toEqual(["metadata.nope: unknown metadata property (the dataset has source, turns, score)"]);
    expect(await validationDetails({ "metadata.source.min": "1" })).toEqual([
      'metadata.source.min: "source" is a terms property: filter it with metadata.source=<value>',
    ]);
    expect(await validationDetails({ "metadata.turns": "1.5" })).toEqual(["metadata.turns: must be an integer"]);
    expect(await validationDetails({ "metadata.score": "high" })).toEqual(["metadata.score: must be a number"]);
    expect(await validationDetails({ "metadata.turns.min": "3", "metadata.turns.max": "1" })).toEqual([
      "metadata.turns.min: must not be greater than metadata.turns.max",
    ]);
  });

  it("answers 400 JSON through the route, with details naming each parameter", async () => {
    caller.actor = workspace.curator;
    const call = (search: string) =>
      listRecordsRoute(new Request(`http://sift.test/api/v1/datasets/${datasetId}/records?${search}`), {
        params: Promise.resolve({ id: datasetId }),
      });
    const bad = await call("sort=uncertainty&uncertaintyMin=2&decision=human");
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { where: string; message: string }[] } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details.map((detail) => detail.where).sort()).toEqual(["sort", "uncertaintyMin"]);
    const unknownProperty = await call("metadata.colour=red");
    expect(unknownProperty.status).toBe(400);
    expect(((await unknownProperty.json()) as { error: { details: { where: string }[] } }).error.details[0]!.where).toBe("metadata.colour");
    const good = await call("q=battery&metadata.source=web&limit=2");
    expect(good.status).toBe(200);
    const page = (await good.json()) as { records: { externalId: string }[]; nextCursor: number | null };
    expect(page.records.map((record) => record.externalId)).toEqual(["f-00", "f-06"]);
    expect(page.nextCursor).not.toBeNull();
  });
});
