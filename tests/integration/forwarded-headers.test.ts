// A client's own forwarding headers (X-Forwarded-For, X-Real-IP, X-Forwarded-Host...) never reach the app unless
// SIFT_TRUST_PROXY=1: a real HTTP server with the guard that instrumentation.ts installs in the web server, called
// over a real socket.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FORWARDING_HEADERS, installForwardedHeaderGuard } from "@/lib/server/security/forwarded-headers";

let server: http.Server;
let port = 0;
const previousTrust = process.env.SIFT_TRUST_PROXY;

beforeAll(async () => {
  // Created before the guard is installed, like Next.js's server, which exists before instrumentation runs.
  server = http.createServer((request, response) => response.end(JSON.stringify(request.headers)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  installForwardedHeaderGuard();
  installForwardedHeaderGuard(); // idempotent: a second install must not wrap twice
});

afterEach(() => {
  if (previousTrust === undefined) delete process.env.SIFT_TRUST_PROXY;
  else process.env.SIFT_TRUST_PROXY = previousTrust;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const FORGED = {
  "x-forwarded-for": "203.0.113.7",
  "x-real-ip": "198.51.100.9",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  forwarded: "for=203.0.113.7;proto=https",
};

function headersSeen(headers: Record<string, string>): Promise<http.IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: "/", headers }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      response.on("end", () => resolve(JSON.parse(text) as http.IncomingHttpHeaders));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("forwarding headers", () => {
  it("are dropped without a trusted proxy, whatever the client wrote", async () => {
    delete process.env.SIFT_TRUST_PROXY;
    const seen = await headersSeen({ ...FORGED, "x-other": "kept" });
    for (const name of FORWARDING_HEADERS) expect(seen[name], name).toBeUndefined();
    expect(seen["x-other"]).toBe("kept");
    expect(seen.host).toBe(`127.0.0.1:${port}`);
  });

  it("reach the app unchanged behind a trusted proxy (SIFT_TRUST_PROXY=1)", async () => {
    process.env.SIFT_TRUST_PROXY = "1";
    const seen = await headersSeen(FORGED);
    for (const [name, value] of Object.entries(FORGED)) expect(seen[name], name).toBe(value);
  });
});
