import { describe, expect, it } from "vitest";
import { createDealer, type DealtRecord } from "@/lib/routing/distribute";

const records = (count: number, needed = 1): DealtRecord[] =>
  Array.from({ length: count }, (_, index) => ({ id: `r${index}`, needed, answeredBy: [] }));

function dealAll(dealer: ReturnType<typeof createDealer>, list: DealtRecord[]): string[][] {
  return list.map((record) => dealer.deal(record));
}

describe("dealing the queue to annotators", () => {
  it("deals records in proportion to the weights, alternating through the queue order", () => {
    const dealer = createDealer([{ userId: "maria", weight: 2 }, { userId: "li", weight: 1 }], 100);
    const dealt = dealAll(dealer, records(6));
    // (load+1)/weight: maria 0.5 < li 1 → maria; then maria 1 = li 1 → maria (listed first); then li 1 < maria 1.5 …
    expect(dealt).toEqual([["maria"], ["maria"], ["li"], ["maria"], ["maria"], ["li"]]);
    expect(dealer.loads()).toEqual([{ userId: "maria", records: 4 }, { userId: "li", records: 2 }]);
  });

  it("deals exactly the share, spread evenly through the queue, and leaves the rest open", () => {
    const dealer = createDealer([{ userId: "a", weight: 1 }], 30);
    const dealt = dealAll(dealer, records(10));
    expect(dealt.map((assignees) => assignees.length)).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
    expect(dealer.loads()).toEqual([{ userId: "a", records: 3 }]);
  });

  it("gives a record as many different assignees as it still needs, never someone who already answered it", () => {
    const dealer = createDealer(["a", "b", "c"].map((userId) => ({ userId, weight: 1 })), 100);
    expect(dealer.deal({ id: "x", needed: 2, answeredBy: [] })).toEqual(["a", "b"]);
    expect(dealer.deal({ id: "y", needed: 2, answeredBy: ["c"] })).toEqual(["a", "b"]);
    expect(dealer.deal({ id: "z", needed: 3, answeredBy: [] })).toEqual(["c", "a", "b"]);
    // Fewer eligible annotators than needed: everyone eligible, no one twice.
    expect(dealer.deal({ id: "w", needed: 3, answeredBy: ["a", "b"] })).toEqual(["c"]);
  });

  it("is deterministic: the same queue and annotators give the same assignments", () => {
    const annotators = [{ userId: "a", weight: 3 }, { userId: "b", weight: 1.5 }, { userId: "c", weight: 1 }];
    const list = records(200, 2);
    expect(dealAll(createDealer(annotators, 70), list)).toEqual(dealAll(createDealer(annotators, 70), list));
    const dealer = createDealer(annotators, 100);
    dealAll(dealer, records(1_100));
    // Weights 3 : 1.5 : 1 of 1,100 records → 600, 300, 200.
    expect(dealer.loads().map((load) => load.records)).toEqual([600, 300, 200]);
  });

  it("refuses what it cannot deal with, naming the problem", () => {
    expect(() => createDealer([], 100)).toThrow(/at least one annotator/);
    expect(() => createDealer([{ userId: "a", weight: 1 }], 0)).toThrow(/whole percentage from 1 to 100/);
    expect(() => createDealer([{ userId: "a", weight: 1 }], 50.5)).toThrow(/whole percentage/);
    expect(() => createDealer([{ userId: "a", weight: 0 }], 100)).toThrow(/annotator a needs a positive weight/);
    expect(() => createDealer([{ userId: "a", weight: 1 }, { userId: "a", weight: 2 }], 100)).toThrow(/listed twice/);
  });
});
