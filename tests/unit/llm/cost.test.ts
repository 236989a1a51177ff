import { describe, expect, it } from "vitest";
import { costUsd } from "@/lib/llm/cost";

describe("costUsd", () => {
  it("prices input and output tokens per million", () => {
    expect(costUsd({ inputTokens: 1_000_000, outputTokens: 500_000 }, { inputPerMillion: 0.15, outputPerMillion: 0.6 })).toBe(0.45);
    expect(costUsd({ inputTokens: 1234, outputTokens: 56 }, { inputPerMillion: 2.5, outputPerMillion: 10 })).toBe(0.003645);
  });
  it("rounds half up to 6 decimals in exact decimal arithmetic", () => {
    // 10 × 2.05 = 20.5 micro-dollars; in floats 20.499999999999996, which would round down.
    expect(costUsd({ inputTokens: 10, outputTokens: 0 }, { inputPerMillion: 2.05, outputPerMillion: 0 })).toBe(0.000021);
    expect(costUsd({ inputTokens: 1, outputTokens: 1 }, { inputPerMillion: 0.2, outputPerMillion: 0.2 })).toBe(0);
    expect(costUsd({ inputTokens: 3, outputTokens: 0 }, { inputPerMillion: "0.5", outputPerMillion: "0" })).toBe(0.000002);
  });
  it("accepts decimal strings and zero usage", () => {
    expect(costUsd({ inputTokens: 0, outputTokens: 0 }, { inputPerMillion: "3", outputPerMillion: "15" })).toBe(0);
    expect(costUsd({ inputTokens: 2000, outputTokens: 1000 }, { inputPerMillion: "3.00", outputPerMillion: "15.000" })).toBe(0.021);
  });
  it("refuses negative or malformed prices and token counts", () => {
    expect(() => costUsd({ inputTokens: -1, outputTokens: 0 }, { inputPerMillion: 1, outputPerMillion: 1 })).toThrow(/inputTokens/);
    expect(() => costUsd({ inputTokens: 1.5, outputTokens: 0 }, { inputPerMillion: 1, outputPerMillion: 1 })).toThrow(/inputTokens/);
    expect(() => costUsd({ inputTokens: 1, outputTokens: 0 }, { inputPerMillion: -1, outputPerMillion: 1 })).toThrow(/inputPerMillion/);
    expect(() => costUsd({ inputTokens: 1, outputTokens: 0 }, { inputPerMillion: "1e-3", outputPerMillion: 1 })).toThrow(/inputPerMillion/);
    expect(() => costUsd({ inputTokens: 1, outputTokens: 0 }, { inputPerMillion: 1, outputPerMillion: Number.NaN })).toThrow(/outputPerMillion/);
  });
});
