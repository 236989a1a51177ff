// `npm run simulate` (scripts/simulate.ts) as a user runs it: a child process (node + tsx) on the fixture files in
// tests/fixtures/simulate. No database. The numbers are the hand-computed ones of ./example.ts (same records).
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const fixture = (name: string) => path.join("tests", "fixtures", "simulate", name);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function simulate(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/simulate.ts", ...args], { cwd: root }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The table row that starts with `first`, with its cells split on runs of spaces. */
function row(stdout: string, first: string): string[] | undefined {
  return stdout
    .split("\n")
    .map((l) => l.trim().split(/\s{2,}/))
    .find((cells) => cells[0] === first);
}

// Starting node + tsx takes a second or two; a busy machine makes it slower.
const TIMEOUT = 60_000;

describe("npm run simulate", () => {
  it(
    "prints the frontier table, the calibration bins and the threshold advice",
    async () => {
      const { code, stdout, stderr } = await simulate(["--file", fixture("records.jsonl")]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain(`${fixture("records.jsonl")}: 6 record(s), 1 question(s) (inferred as label questions)`);
      expect(stdout).toContain('Question "sentiment" (label): 6 record(s) with a human answer');
      // 4/6 right, Wilson [0.300, 0.903]; macro-F1 (0.5 + 0.8 + 0.667)/3.
      expect(stdout).toContain("LLM alone: accuracy 0.667 [0.300, 0.903], macro-F1 0.656");
      // `auto` (the app's default) first: every record has three votes, so it measures what vote entropy measures.
      expect(row(stdout, "human share")).toEqual(["human share", "budget:auto", "budget:vote_entropy", "budget:self_eval", "random"]);
      expect(row(stdout, "0%")).toEqual(["0%", "0.667 / 0.656", "0.667 / 0.656", "0.667 / 0.656", "0.667 / 0.656"]);
      // 1 human (round 0.6): r4 under both estimators → 5/6, macro-F1 (0.8 + 0.8 + 1)/3.
      expect(row(stdout, "10%")).toEqual(["10%", "0.833 / 0.867", "0.833 / 0.867", "0.833 / 0.867", expect.any(String)]);
      // 2 humans: vote entropy takes r4 and r2 → 6/6; self-evaluation r4 and r6 → still 5/6.
      expect(row(stdout, "30%")!.slice(0, 4)).toEqual(["30%", "1.000 / 1.000", "1.000 / 1.000", "0.833 / 0.867"]);
      expect(row(stdout, "100%")).toEqual(["100%", "1.000 / 1.000", "1.000 / 1.000", "1.000 / 1.000", "1.000 / 1.000"]);
      expect(stdout).toContain("Calibration (vote_entropy)");
      expect(row(stdout, "0.0–0.1")).toEqual(["0.0–0.1", "3", "1.000", "[0.439, 1.000]"]);
      expect(row(stdout, "0.1–0.2")).toEqual(["0.1–0.2", "0", "empty"]);
      expect(row(stdout, "0.9–1.0")).toEqual(["0.9–1.0", "1", "0.000", "[0.000, 0.793]"]);
      expect(stdout).toContain(
        "Threshold advice (vote_entropy): threshold 0.000 sends 3 of 6 records (50%) to humans and reaches accuracy 1.000 [0.610, 1.000] (target 0.950)",
      );
    },
    TIMEOUT,
  );

  it(
    "prints the same as JSON with --json",
    async () => {
      const { code, stdout } = await simulate(["--file", fixture("records.jsonl"), "--json", "--target", "0.8"]);
      expect(code).toBe(0);
      const json = JSON.parse(stdout);
      expect(json).toMatchObject({ file: fixture("records.jsonl"), records: 6, target: 0.8 });
      const [q] = json.questions;
      expect(q).toMatchObject({ name: "sentiment", type: "label", n: 6 });
      expect(q.llm.accuracy).toMatchObject({ successes: 4, n: 6 });
      expect(q.llm.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
      const curves = q.frontier.map((c: { policy: { name: string; seed?: number }; points: { share: number; humans: number; accuracy: { successes: number } }[] }) => ({
        name: c.policy.name,
        seed: c.policy.seed,
        shares: c.points.map((p) => p.share),
        humans: c.points.map((p) => p.humans),
        right: c.points.map((p) => p.accuracy.successes),
      }));
      const shares = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
      const humans = [0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6];
      expect(curves[0]).toEqual({ name: "budget:auto", seed: undefined, shares, humans, right: [4, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6] });
      expect(curves[1]).toEqual({ name: "budget:vote_entropy", seed: undefined, shares, humans, right: [4, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6] });
      expect(curves[2]).toEqual({ name: "budget:self_eval", seed: undefined, shares, humans, right: [4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6] });
      expect(curves[3]).toMatchObject({ name: "random", seed: 42, shares, humans });
      expect(q.calibration[0].bins.map((b: { agreement: { n: number } }) => b.agreement.n)).toEqual([3, 0, 0, 0, 0, 2, 0, 0, 0, 1]);
      // Target 0.8: routing r4 alone (t = 0.5794) is enough.
      expect(q.advice[0]).toMatchObject({ estimator: "auto", reached: true, humans: 1, n: 6 });
      expect(q.advice[1]).toMatchObject({ estimator: "vote_entropy", reached: true, humans: 1, n: 6 });
      expect(q.advice[1].threshold).toBeCloseTo(0.5794, 4);
    },
    TIMEOUT,
  );

  it(
    "one model's label with its score per record: auto ranks by 1 − score, so the two wrong labels go to people first",
    async () => {
      const { code, stdout } = await simulate(["--file", fixture("one-model.jsonl"), "--json"]);
      expect(code).toBe(0);
      const [q] = JSON.parse(stdout).questions;
      const right = (name: string) =>
        q.frontier
          .find((c: { policy: { name: string } }) => c.policy.name === name)
          .points.map((p: { accuracy: { successes: number } }) => p.accuracy.successes);
      // 4 of 6 right alone; m3 (0.40) and m5 (0.45) are the wrong ones: 2 people fix both under auto and self_eval.
      // Votes only: one vote cannot disagree, every record is 0 and the budget goes by import order (m1, m2 first).
      expect(right("budget:auto")).toEqual(right("budget:self_eval"));
      expect(right("budget:auto").slice(0, 4)).toEqual([4, 5, 5, 6]);
      expect(right("budget:vote_entropy").slice(0, 4)).toEqual([4, 4, 4, 4]);
    },
    TIMEOUT,
  );

  it(
    "takes question types, options and the routing seed from --settings",
    async () => {
      const { code, stdout } = await simulate(["--file", fixture("records.jsonl"), "--settings", fixture("settings.json"), "--json"]);
      expect(code).toBe(0);
      const [q] = JSON.parse(stdout).questions;
      // Four options: a 2–1 split is 0.9183 bits / log2 4 = 0.459, so r2 and r6 move from bin 5 to bin 4; r4's
      // three different votes are log2 3 / log2 4 = 0.792, bin 7 (it was 1 with three options).
      expect(q.calibration[0].bins.map((b: { agreement: { n: number } }) => b.agreement.n)).toEqual([3, 0, 0, 0, 2, 0, 0, 1, 0, 0]);
      expect(q.frontier[3].policy).toMatchObject({ name: "random", seed: 7 });
    },
    TIMEOUT,
  );

  it(
    "names the file and line of every problem, and exits 1",
    async () => {
      const { code, stdout, stderr } = await simulate(["--file", fixture("bad.jsonl"), "--settings", fixture("settings.json")]);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      const file = fixture("bad.jsonl");
      expect(stderr.trim().split("\n")).toEqual([
        expect.stringMatching(new RegExp(`^${file}:2: not valid JSON`)),
        `${file}:3: externalId "b1" is a duplicate of line 1`,
        `${file}:4: suggestions[0].agent: Invalid input: expected string, received undefined`,
        `${file}:5: suggestions[0].question: unknown question "mood"`,
        `${file}:5: responses[0].values.sentiment: invalid label value: "great" is not an option (expected one of "pos", "neg", "neu", "mixed")`,
      ]);
    },
    TIMEOUT,
  );

  it(
    "explains its arguments and exits 2 without --file",
    async () => {
      const { code, stderr } = await simulate([]);
      expect(code).toBe(2);
      expect(stderr).toContain("--file is required");
      expect(stderr).toContain("Usage: npm run simulate");
      const missing = await simulate(["--file", fixture("missing.jsonl")]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("missing.jsonl");
    },
    TIMEOUT,
  );
});
