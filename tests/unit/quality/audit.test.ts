import { describe, expect, it } from "vitest";
import { auditEstimate } from "@/lib/quality";
import { decideRouting, type RoutingDecision } from "@/lib/routing/policies";
import { EXAMPLE, reordered } from "./example";

describe("auditEstimate", () => {
  it("estimates the accuracy of accepted records from the audited ones", () => {
    const decisions = new Map<string, RoutingDecision>([
      ["r1", "audit"], // right
      ["r2", "audit"], // wrong
      ["r3", "audit"], // right
      ["r4", "human"],
      ["r5", "auto"],
      ["r6", "auto"],
      ["r8", "audit"], // audited, but no human answer yet: counted as audited, not in the estimate
      ["r9", "pending"],
    ]);
    const a = auditEstimate(EXAMPLE, decisions);
    expect(a.accepted).toBe(6); // r1 r2 r3 r5 r6 r8
    expect(a.audited).toBe(4);
    // 2/3; Wilson: centre (0.6667 + 0.6403)/2.2805 = 0.5731; half 0.85945 · √(0.07407 + 0.10671) = 0.3655
    expect(a.accuracy).toMatchObject({ successes: 2, n: 3 });
    expect(a.accuracy.interval!.low).toBeCloseTo(0.2077, 3);
    expect(a.accuracy.interval!.high).toBeCloseTo(0.9385, 3);
    expect(auditEstimate(reordered(EXAMPLE), decisions)).toEqual(a);
  });

  it("uses the app's audit sample", () => {
    const candidates = EXAMPLE.map((i) => ({ id: i.id, importOrder: i.importOrder, uncertainty: i.uncertainty.vote_entropy ?? null }));
    const decisions = decideRouting(candidates, { policy: "threshold", threshold: 0.5 }, { auditRate: 0.5, seed: 7 });
    const a = auditEstimate(EXAMPLE, decisions);
    // threshold 0.5 sends r2, r4, r6 to humans; half of the other three (round(1.5) = 2) are audited.
    expect(a.accepted).toBe(3);
    expect(a.audited).toBe(2);
    expect(a.accuracy.n).toBe(2);
    // r1, r3, r5 are all right, so any sample of them is 2/2.
    expect(a.accuracy.value).toBe(1);
  });

  it("has no estimate without an audit sample", () => {
    const a = auditEstimate(EXAMPLE, new Map(EXAMPLE.map((i) => [i.id, "auto" as const])));
    expect(a.accuracy).toEqual({ successes: 0, n: 0, value: null, interval: null });
  });
});
