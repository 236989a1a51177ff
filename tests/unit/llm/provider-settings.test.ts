import { describe, expect, it } from "vitest";
import {
  baseUrlAdvice,
  issuesByField,
  providerInputSchema,
  providerSettingsSchema,
  providerUpdateSchema,
  readCapabilities,
} from "@/lib/llm/provider-settings";

const valid = {
  name: "OpenAI",
  baseUrl: "https://api.openai.com/v1",
  models: [{ name: "gpt-4o-mini", inputPricePerMillion: 0.15, outputPricePerMillion: 0.6 }],
};

/** The messages of a failed parse by field path. */
function errorsOf(input: unknown, schema: typeof providerInputSchema | typeof providerUpdateSchema = providerInputSchema) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be refused");
  return issuesByField(parsed.error);
}

describe("providerInputSchema", () => {
  it("fills the defaults: concurrency 8, no rate limits, 60 s timeout, no key", () => {
    expect(providerInputSchema.parse(valid)).toEqual({
      ...valid,
      maxConcurrency: 8,
      requestsPerMinute: null,
      tokensPerMinute: null,
      timeoutMs: 60_000,
    });
  });

  it("normalises the base URL: trims it and drops trailing slashes", () => {
    expect(providerInputSchema.parse({ ...valid, baseUrl: "  http://localhost:11434/v1//  " }).baseUrl).toBe("http://localhost:11434/v1");
    expect(providerInputSchema.parse({ ...valid, baseUrl: "http://litellm:4000/" }).baseUrl).toBe("http://litellm:4000");
  });

  it("prices default to 0 (a local model) and trims model names", () => {
    expect(providerInputSchema.parse({ ...valid, models: [{ name: " llama3.1:8b " }] }).models).toEqual([
      { name: "llama3.1:8b", inputPricePerMillion: 0, outputPricePerMillion: 0 },
    ]);
  });

  it("names the field in every message", () => {
    expect(errorsOf({})).toMatchObject({
      name: ["name is required"],
      baseUrl: ["baseUrl is required"],
      models: ["models is required"],
    });
    expect(errorsOf({ ...valid, name: "  " }).name).toEqual(["name is required"]);
    expect(errorsOf({ ...valid, baseUrl: "localhost:8000/v1" }).baseUrl).toEqual(["baseUrl must start with http:// or https://, e.g. http://localhost:8000/v1"]);
    expect(errorsOf({ ...valid, baseUrl: "http://exa mple.com" }).baseUrl?.[0]).toMatch(/^baseUrl must be a URL such as https:\/\/api\.openai\.com\/v1/);
    expect(errorsOf({ ...valid, baseUrl: "ftp://host/v1" }).baseUrl).toEqual(["baseUrl must start with http:// or https://, not ftp://"]);
    expect(errorsOf({ ...valid, baseUrl: "https://user:pw@host/v1" }).baseUrl?.[0]).toMatch(/^baseUrl must not contain a user name/);
    expect(errorsOf({ ...valid, baseUrl: "https://host/v1?key=1" }).baseUrl?.[0]).toMatch(/^baseUrl must not have a query/);
    expect(errorsOf({ ...valid, models: [] }).models).toEqual(["models needs at least one model"]);
    expect(errorsOf({ ...valid, models: [{ name: "" }] })["models.0.name"]?.[0]).toMatch(/^model name is required/);
    expect(errorsOf({ ...valid, models: [{ name: "a" }, { name: "a" }] })["models.1.name"]).toEqual(['model name "a" is listed twice']);
    expect(errorsOf({ ...valid, models: [{ name: "a", inputPricePerMillion: -1 }] })["models.0.inputPricePerMillion"]).toEqual([
      "inputPricePerMillion must be 0 or more (USD per million tokens)",
    ]);
    expect(errorsOf({ ...valid, models: [{ name: "a", outputPricePerMillion: "2" }] })["models.0.outputPricePerMillion"]).toEqual([
      "outputPricePerMillion must be a number of USD per million tokens",
    ]);
    expect(errorsOf({ ...valid, maxConcurrency: 0 }).maxConcurrency).toEqual(["maxConcurrency must be a whole number from 1 to 512"]);
    expect(errorsOf({ ...valid, maxConcurrency: 513 }).maxConcurrency).toEqual(["maxConcurrency must be a whole number from 1 to 512"]);
    expect(errorsOf({ ...valid, maxConcurrency: 2.5 }).maxConcurrency).toEqual(["maxConcurrency must be a whole number from 1 to 512"]);
    expect(errorsOf({ ...valid, requestsPerMinute: 0 }).requestsPerMinute?.[0]).toMatch(/^requestsPerMinute must be a whole number of requests per minute/);
    expect(errorsOf({ ...valid, tokensPerMinute: -5 }).tokensPerMinute?.[0]).toMatch(/^tokensPerMinute must be a whole number of tokens per minute/);
    expect(errorsOf({ ...valid, timeoutMs: 10 }).timeoutMs).toEqual(["timeoutMs must be a whole number from 1,000 to 600,000 milliseconds"]);
    expect(errorsOf({ ...valid, apiKey: 42 }).apiKey).toEqual(["apiKey must be text"]);
  });

  it("refuses unknown keys, naming them", () => {
    expect(JSON.stringify(errorsOf({ ...valid, maxconcurrency: 3 }))).toContain("maxconcurrency");
  });
});

describe("providerUpdateSchema", () => {
  it("keeps absent keys absent (keep), and passes an empty apiKey (remove) and null limits (unlimited)", () => {
    expect(providerUpdateSchema.parse({})).toEqual({});
    expect(providerUpdateSchema.parse({ apiKey: "", requestsPerMinute: null })).toEqual({ apiKey: "", requestsPerMinute: null });
  });

  it("validates what is given with the same messages", () => {
    expect(errorsOf({ maxConcurrency: 1000 }, providerUpdateSchema).maxConcurrency).toEqual([
      "maxConcurrency must be a whole number from 1 to 512",
    ]);
    expect(errorsOf({ models: [] }, providerUpdateSchema).models).toEqual(["models needs at least one model"]);
  });
});

describe("stored values", () => {
  it("reads old settings with the defaults", () => {
    expect(providerSettingsSchema.parse({ maxConcurrency: 2 })).toEqual({
      maxConcurrency: 2,
      requestsPerMinute: null,
      tokensPerMinute: null,
      timeoutMs: 60_000,
    });
  });

  it("reads capabilities, or null before the first test", () => {
    expect(readCapabilities({})).toBeNull();
    const tested = { reachable: true, jsonSchema: true, logprobs: false, models: ["m"], error: null, latencyMs: 12, testedAt: "2025-01-01T00:00:00.000Z" };
    expect(readCapabilities(tested)).toEqual(tested);
  });

  it("advises /v1 for a base URL without a path", () => {
    expect(baseUrlAdvice("http://localhost:8000")).toMatch(/\/v1/);
    expect(baseUrlAdvice("http://localhost:8000/v1")).toBeNull();
  });
});
