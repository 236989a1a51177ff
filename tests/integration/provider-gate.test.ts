import { describe, expect, it } from "vitest";
import { db, pool } from "@/lib/server/db/client";
import { ProviderGate } from "@/lib/server/llm/provider-gate";
import { createTestWorkspace } from "./fixtures";

async function createProvider(): Promise<string> {
  const workspace = await createTestWorkspace(0);
  const provider = await db.llmProvider.create({
    data: { workspaceId: workspace.workspaceId, name: "fake", baseUrl: "http://127.0.0.1:1/v1" },
  });
  return provider.id;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("provider gate", () => {
  it("holds the maximum concurrency across two processes' gates, and returns the slots on close", async () => {
    const providerId = await createProvider();
    // Two gates with different holders behave like two worker processes.
    const gates = [
      new ProviderGate(pool(), providerId, { maxConcurrency: 3 }, "process-a"),
      new ProviderGate(pool(), providerId, { maxConcurrency: 3 }, "process-b"),
    ];
    let inFlight = 0;
    let peak = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 24 }, async (_, index) => {
        const permit = await gates[index % 2]!.acquire();
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await pause(15);
        inFlight -= 1;
        done += 1;
        await permit.release(0);
      }),
    );
    expect(done).toBe(24);
    expect(peak).toBeLessThanOrEqual(3);
    // All three slots can be held at once, across the two processes, and a fourth call then waits.
    const held = await Promise.all([gates[0]!.acquire(), gates[1]!.acquire(), gates[0]!.acquire()]);
    await expect(gates[1]!.acquire(AbortSignal.timeout(300))).rejects.toBeDefined();
    await Promise.all(held.map((permit) => permit.release(0)));
    const leases = await db.llmProviderLease.findMany({ where: { providerId } });
    expect(leases.length).toBeLessThanOrEqual(3);
    expect(leases.every((lease) => lease.slot < 3)).toBe(true);
    await Promise.all(gates.map((gate) => gate.close()));
    expect(await db.llmProviderLease.count({ where: { providerId } })).toBe(0);
  });

  it("takes over the slots of a process that stopped renewing them once they expire", async () => {
    const providerId = await createProvider();
    await db.llmProviderLease.createMany({
      data: [0, 1].map((slot) => ({ providerId, slot, holder: "crashed", expiresAt: new Date(Date.now() - 1000) })),
    });
    const gate = new ProviderGate(pool(), providerId, { maxConcurrency: 2 }, "survivor");
    const permits = await Promise.all([gate.acquire(), gate.acquire()]);
    const holders = await db.llmProviderLease.findMany({ where: { providerId }, select: { holder: true } });
    expect(holders.map((row) => row.holder)).toEqual(["survivor", "survivor"]);
    await Promise.all(permits.map((permit) => permit.release(0)));
    await gate.close();
  });

  it("admits requests while the request bucket has some, then makes the next one wait", async () => {
    const providerId = await createProvider();
    const gate = new ProviderGate(pool(), providerId, { maxConcurrency: 10, requestsPerMinute: 60 });
    // Start from a bucket holding two requests (refilling at one a second).
    await db.llmProviderBucket.create({ data: { providerId, requests: 2, tokens: 0, updatedAt: new Date() } });
    const first = await gate.acquire();
    const second = await gate.acquire();
    await Promise.all([first.release(0), second.release(0)]);
    const third = gate.acquire(AbortSignal.timeout(300));
    await expect(third).rejects.toBeDefined();
    await gate.close();
  });

  it("makes calls wait while the token bucket is in debt after a call used more than the minute's tokens", async () => {
    const providerId = await createProvider();
    const gate = new ProviderGate(pool(), providerId, { maxConcurrency: 10, tokensPerMinute: 1_000 });
    const permit = await gate.acquire();
    await permit.release(5_000);
    const bucket = await db.llmProviderBucket.findUniqueOrThrow({ where: { providerId } });
    expect(bucket.tokens).toBeLessThan(0);
    await expect(gate.acquire(AbortSignal.timeout(300))).rejects.toBeDefined();
    await gate.close();
  });
});
