// The fake OpenAI-compatible server (tests/fixtures/fake-openai-server.ts) as a process of its own, for bench/llm.ts:
// its CPU is not the worker's, and its admin routes (/__fake/stats, /__fake/reset) are read over HTTP.
import { Writable } from "node:stream";
import { projectRoot, tsxArgs } from "../../scripts/lib/paths";
import { startProcess, type ManagedProcess } from "../../scripts/lib/processes";
import type { FakeServerStats } from "../../tests/fixtures/fake-openai/types";

export interface FakeServerProcess {
  process: ManagedProcess;
  /** http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  stats(): Promise<FakeServerStats>;
  reset(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

/** Lines of a child's output, also copied to `log` (if any). */
export class LineTap extends Writable {
  private buffer = "";
  constructor(
    private readonly onLine: (line: string) => void,
    private readonly log?: Writable,
  ) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = chunk.toString();
    this.log?.write(text);
    this.buffer += text;
    let newline = this.buffer.indexOf("\n");
    while (newline >= 0) {
      this.onLine(this.buffer.slice(0, newline));
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf("\n");
    }
    callback();
  }
}

export async function startFakeServerProcess(options: { latencyMs: number; apiKey: string; log?: Writable }): Promise<FakeServerProcess> {
  let resolveUrl: (url: string) => void = () => undefined;
  const urlLine = new Promise<string>((resolve) => (resolveUrl = resolve));
  const tap = new LineTap((line) => {
    const match = /^\[fake-openai\] (http:\/\/\S+\/v1)$/.exec(line);
    if (match?.[1]) resolveUrl(match[1]);
  }, options.log);
  const child = startProcess({
    name: "fake-openai",
    command: process.execPath,
    args: [
      ...tsxArgs("tests/fixtures/fake-openai-server.ts"),
      "--port",
      "0",
      "--latency",
      String(options.latencyMs),
      "--api-key",
      options.apiKey,
    ],
    env: process.env,
    cwd: projectRoot,
    output: tap,
  });
  const baseUrl = await Promise.race([
    urlLine,
    child.exited.then((status) => {
      throw new Error(`the fake OpenAI server exited before printing its URL (code ${status.code}, signal ${status.signal})`);
    }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the fake OpenAI server printed no URL within 30 s")), READY_TIMEOUT_MS).unref()),
  ]);
  const admin = baseUrl.replace(/\/v1$/, "/__fake");
  return {
    process: child,
    baseUrl,
    async stats() {
      const response = await fetch(`${admin}/stats`);
      return (await response.json()) as FakeServerStats;
    },
    async reset() {
      await fetch(`${admin}/reset`, { method: "POST" }).then((response) => response.text());
    },
  };
}
