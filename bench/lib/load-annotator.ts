// One simulated annotator of bench:load: signs in with its API key and, until the deadline, loops POST queue/next →
// PUT response (a submit) with a short think time, as a person in the focus view does. Every request's route, status
// and latency is recorded; every submit answered 2xx is remembered, so the benchmark can check that the database holds
// each exactly once. A response submit needs no Idempotency-Key: PUT /records/{id}/response is idempotent by itself
// (one response per record and user, and a repeated submit does not count again).
export interface RequestSample {
  route: "POST queue/next" | "PUT response";
  status: number;
  ms: number;
}

export interface AnnotatorOutcome {
  username: string;
  samples: RequestSample[];
  /** Record ids whose submit was answered 2xx. */
  submitted: string[];
  /** Network errors (no HTTP answer at all). */
  networkErrors: number;
  /** Whether the queue ran dry for this annotator before the deadline. */
  queueEmpty: boolean;
}

export interface AnnotatorOptions {
  baseUrl: string;
  datasetId: string;
  username: string;
  apiKey: string;
  deadline: number;
  thinkMs: [number, number];
  label: string;
}

async function timed(sample: Omit<RequestSample, "status" | "ms">, request: () => Promise<Response>): Promise<{ sample: RequestSample; response: Response }> {
  const started = performance.now();
  const response = await request();
  // The latency a client sees: until the whole body has arrived.
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  return { sample: { ...sample, status: response.status, ms }, response: new Response(body, { status: response.status }) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function simulateAnnotator(options: AnnotatorOptions): Promise<AnnotatorOutcome> {
  const headers = { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" };
  const outcome: AnnotatorOutcome = { username: options.username, samples: [], submitted: [], networkErrors: 0, queueEmpty: false };
  const think = () => options.thinkMs[0] + Math.random() * (options.thinkMs[1] - options.thinkMs[0]);
  while (Date.now() < options.deadline) {
    try {
      const next = await timed({ route: "POST queue/next" }, () =>
        fetch(`${options.baseUrl}/api/v1/datasets/${options.datasetId}/queue/next`, { method: "POST", headers, body: "{}" }),
      );
      outcome.samples.push(next.sample);
      if (!next.response.ok) {
        await sleep(think());
        continue;
      }
      const record = ((await next.response.json()) as { record: { id: string } | null }).record;
      if (!record) {
        outcome.queueEmpty = true;
        return outcome;
      }
      await sleep(think());
      const saved = await timed({ route: "PUT response" }, () =>
        fetch(`${options.baseUrl}/api/v1/records/${record.id}/response`, {
          method: "PUT",
          headers,
          body: JSON.stringify({ status: "submitted", values: { quality: options.label }, timeSpentMs: 1_000 }),
        }),
      );
      outcome.samples.push(saved.sample);
      if (saved.response.ok) outcome.submitted.push(record.id);
    } catch {
      outcome.networkErrors += 1;
      await sleep(think());
    }
  }
  return outcome;
}
