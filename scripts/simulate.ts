// `npm run simulate -- --file records.jsonl [--settings settings.json] [--json] [--target 0.95] [--seed N]`:
// DESIGN.md's simulator. Reads a file of records in the record format (suggestions and responses), treats the
// submitted responses as the human answers (their majority; ties go to the value answered first) and prints, per
// question, the LLM's accuracy, the cost–quality frontier (final accuracy and macro-F1 for each policy and each
// human share), the calibration bins and the threshold advice; `--json` prints the same as JSON.
//
// Without settings every question that appears is a `label` question whose options are the (string) values seen.
// The file is read twice, line by line, never whole: the first pass checks it and collects the options (the
// normalised uncertainty needs the number of options before any record is aggregated), the second aggregates.
// Exit codes: 0 done, 1 the input has problems (each printed with file and line), 2 bad arguments.
import { createReadStream, readFileSync } from "node:fs";
import { z } from "zod";
import { parseCommandLine, UsageError } from "./lib/cli";
import { datasetSettingsSchema } from "@/lib/datasets/settings";
import { readJsonl } from "@/lib/io/formats/read-jsonl";
import { validateResponses } from "@/lib/io/mapping/responses";
import { suggestionInputSchema } from "@/lib/io/record-format";
import { formatZodError, type RecordUncertaintyMode } from "@/lib/questions";
import { DEFAULT_ROUTING_SEED } from "@/lib/routing/policies";
import {
  estimatorsToMeasure,
  LabelInference,
  questionQuality,
  recordItems,
  type Estimator,
  type FrontierPoint,
  type Proportion,
  type QualityItem,
  type QuestionQuality,
  type SimulationQuestion,
} from "@/lib/quality";

const USAGE = `Usage: npm run simulate -- --file records.jsonl [options]
  --file PATH        records in Sift's record format, one JSON object per line (suggestions and responses)
  --settings PATH    the dataset's settings.json (question types, options, routing.aggregate); without it every
                     question is a label question whose options are the values seen
  --json             print the result as JSON instead of tables
  --target X         target accuracy for the threshold advice, 0..1 (default 0.95)
  --seed N           seed of the random policy (default: the settings' routing seed, else ${DEFAULT_ROUTING_SEED})
  --help             this text
Exit codes: 0 done, 1 problems in the input (printed with file and line), 2 bad arguments.`;

const DEFAULT_TARGET = 0.95;
/** Enough to fix a file by; the count of the rest is printed. */
const MAX_PROBLEMS_SHOWN = 50;

/** A problem of the input; `line` null for one about the whole file (printed first). */
interface Problem {
  file: string;
  line: number | null;
  message: string;
}

class InputError extends Error {
  readonly problems: string[];
  constructor(problems: Problem[]) {
    super(`${problems.length} problem(s) in the input`);
    // In file order, so the list reads top to bottom whatever pass found each problem.
    this.problems = [...problems]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      .map((p) => `${p.file}${p.line === null ? "" : `:${p.line}`}: ${p.message}`);
  }
}

interface Options {
  file: string;
  settings: string | null;
  json: boolean;
  target: number;
  seed: number | null;
}

function parseOptions(argv: string[]): Options {
  const values = parseCommandLine(
    argv,
    {
      file: { type: "string" },
      settings: { type: "string" },
      json: { type: "boolean", default: false },
      target: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", default: false },
    },
    USAGE,
  );
  if (!values.file) throw new UsageError(`--file is required\n\n${USAGE}`);
  const target = values.target === undefined ? DEFAULT_TARGET : Number(values.target);
  if (!(target >= 0 && target <= 1)) throw new UsageError(`--target must be a number between 0 and 1, got ${values.target}`);
  const seed = values.seed === undefined ? null : Number(values.seed);
  if (seed !== null && !Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${values.seed}`);
  return { file: values.file, settings: values.settings ?? null, json: values.json, target, seed };
}

interface SettingsView {
  questions: SimulationQuestion[] | null;
  mode: RecordUncertaintyMode;
  seed: number;
  /** The settings' uncertainty method (measured first); `auto` without settings, as in the app. */
  method: Estimator;
}

function readSettings(file: string | null): SettingsView {
  if (file === null) return { questions: null, mode: "max", seed: DEFAULT_ROUTING_SEED, method: "auto" };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError([{ file, line: null, message: `cannot read settings: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  const parsed = datasetSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new InputError([{ file, line: null, message: `invalid settings: ${formatZodError(parsed.error)}` }]);
  const s = parsed.data;
  return {
    questions: s.questions.map((q) => ({ name: q.name, type: q.type, settings: q.settings, required: q.required })),
    mode: s.routing.aggregate,
    seed: s.routing.seed,
    method: s.uncertainty.method,
  };
}

// What the simulator needs of a line. Loose, so that Sift's own JSONL exports (which add finalValues, proposals,
// routingDecision...) can be simulated as they are; suggestions are checked as strictly as an import checks them.
const lineSchema = z.looseObject({
  externalId: z.string("externalId must be a string").trim().min(1, "externalId must not be empty"),
  suggestions: z.array(suggestionInputSchema, "suggestions must be a list").default([]),
  responses: z.unknown().optional(),
});
type Line = z.output<typeof lineSchema>;

/** Every valid line of the file with its number; problems are collected, never thrown, so all are reported. */
async function* lines(file: string, problems: Problem[]): AsyncGenerator<{ line: number; record: Line }> {
  for await (const item of readJsonl(createReadStream(file))) {
    if (item.kind === "problem") {
      problems.push({ file, line: item.line, message: item.message });
      continue;
    }
    const parsed = lineSchema.safeParse(item.row);
    if (!parsed.success) problems.push({ file, line: item.line, message: formatZodError(parsed.error) });
    else yield { line: item.line, record: parsed.data };
  }
}

/** Pass 1: check the lines, collect the options of inferred questions and which estimators have data. */
async function scan(file: string, known: SimulationQuestion[] | null, method: Estimator) {
  const problems: Problem[] = [];
  const add = (line: number, message: string) => problems.push({ file, line, message });
  const inference = new LabelInference();
  const names = known ? new Set(known.map((q) => q.name)) : null;
  const ids = new Map<string, number>();
  let records = 0;
  let scores = false;
  let distributions = false;
  for await (const { line, record } of lines(file, problems)) {
    records += 1;
    const first = ids.get(record.externalId);
    if (first !== undefined) add(line, `externalId "${record.externalId}" is a duplicate of line ${first}`);
    else ids.set(record.externalId, line);
    const agents = new Set<string>();
    record.suggestions.forEach((s, i) => {
      if (names && !names.has(s.question)) add(line, `suggestions[${i}].question: unknown question "${s.question}"`);
      const key = `${s.question}\u0000${s.agent}`;
      if (agents.has(key)) add(line, `suggestions[${i}]: a second suggestion of agent "${s.agent}" for "${s.question}"`);
      agents.add(key);
      if (s.score !== null && s.score !== undefined) scores = true;
      if (s.distribution) distributions = true;
      if (!known) inference.see(s.question, s.value);
    });
    if (!known && Array.isArray(record.responses))
      for (const r of record.responses)
        if (r !== null && typeof r === "object" && "values" in r && r.values !== null && typeof r.values === "object")
          for (const [question, value] of Object.entries(r.values)) inference.see(question, value);
  }
  let questions = known;
  if (!questions) {
    const inferred = inference.questions();
    problems.push(...inferred.problems.map((message) => ({ file, line: null, message })));
    questions = inferred.questions;
  }
  // `auto` (the app's default) first, then the alternatives the data can measure, as on the Quality tab.
  const estimators: Estimator[] = estimatorsToMeasure({ scores, distributions }, method);
  return { problems, questions, estimators, records };
}

/**
 * Pass 2: aggregate every record and collect the quality items per question. Only the responses are checked here
 * (they need the questions, which without settings are known only after pass 1); what pass 1 reported about a line
 * is not reported again.
 */
async function collect(file: string, questions: SimulationQuestion[], estimators: Estimator[], mode: RecordUncertaintyMode) {
  const problems: Problem[] = [];
  const items = new Map<string, QualityItem[]>(questions.map((q) => [q.name, []]));
  let importOrder = 0;
  for await (const { line, record } of lines(file, [])) {
    const responses = validateResponses(record.responses, { questions }, { line, externalId: record.externalId });
    for (const p of responses.problems) problems.push({ file, line, message: p.path ? `${p.path}: ${p.message}` : p.message });
    const suggestions = record.suggestions.map((s) => ({
      question: s.question,
      agent: s.agent,
      value: s.value ?? null,
      score: s.score ?? null,
      distribution: s.distribution ?? null,
    }));
    const rows = recordItems({ id: record.externalId, importOrder: importOrder++, suggestions, responses: responses.responses }, questions, {
      estimators,
      mode,
    });
    for (const { question, item } of rows) items.get(question)?.push(item);
  }
  return { problems, items };
}

// ---- printing ----

const fixed = (x: number | null) => (x === null ? "–" : x.toFixed(3));
const percent = (x: number) => `${Math.round(x * 100)}%`;
const interval = (p: Proportion) => (p.interval ? `[${fixed(p.interval.low)}, ${fixed(p.interval.high)}]` : "");

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

function printQuestion(question: SimulationQuestion, q: QuestionQuality): string {
  const out: string[] = [];
  out.push(`Question "${question.name}" (${question.type}): ${q.n} record(s) with a human answer`);
  if (q.n === 0) return out.join("\n");
  out.push(`LLM alone: accuracy ${fixed(q.llm.accuracy.value)} ${interval(q.llm.accuracy)}, macro-F1 ${fixed(q.llm.macroF1)}`);
  out.push("", "Final accuracy / macro-F1 by human share (routed records take the human answer):");
  const cell = (p: FrontierPoint | undefined) => (p ? `${fixed(p.accuracy.value)} / ${fixed(p.macroF1)}` : "");
  out.push(
    table(
      ["human share", ...q.frontier.map((c) => c.policy.name)],
      (q.frontier[0]?.points ?? []).map((point, i) => [percent(point.share), ...q.frontier.map((c) => cell(c.points[i]))]),
    ),
  );
  for (const c of q.frontier)
    if (c.pending > 0) out.push(`(${c.policy.name}: ${c.pending} record(s) without a ${c.policy.estimator} uncertainty left out)`);
  for (const cal of q.calibration) {
    out.push("", `Calibration (${cal.estimator}): agreement of the LLM with humans per uncertainty bin, 95% Wilson interval`);
    out.push(
      table(
        ["uncertainty", "records", "agreement", "interval"],
        cal.bins.map((b) => [
          `${b.lower.toFixed(1)}–${b.upper.toFixed(1)}`,
          String(b.agreement.n),
          b.agreement.n === 0 ? "empty" : fixed(b.agreement.value),
          interval(b.agreement),
        ]),
      ),
    );
  }
  out.push("");
  for (const a of q.advice) {
    const share = a.humanShare === null ? "–" : percent(a.humanShare);
    const reach = a.reached
      ? `reaches accuracy ${fixed(a.accuracy.value)} ${interval(a.accuracy)} (target ${fixed(a.target)})`
      : `does not reach the target ${fixed(a.target)}; best accuracy ${fixed(a.accuracy.value)} ${interval(a.accuracy)}`;
    out.push(
      `Threshold advice (${a.estimator}): threshold ${fixed(a.threshold)} sends ${a.humans} of ${a.n} records (${share}) to humans and ${reach}`,
    );
    // The same small-sample rule as the Quality tab (lib/quality/llm-agreement.ts).
    if (!a.reliability.reliable)
      out.push(`  not reliable yet: ${a.reliability.n} records with a human answer; at least ${a.reliability.minimum} needed`);
  }
  return out.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const settings = readSettings(options.settings);
  const scanned = await scan(options.file, settings.questions, settings.method);
  const { questions, estimators } = scanned;
  // Pass 2 runs even after problems in pass 1, so that a bad file is reported whole in one go.
  const collected = await collect(options.file, questions, estimators, settings.mode);
  const problems = [...scanned.problems, ...collected.problems];
  if (problems.length > 0) throw new InputError(problems);

  const qualityOptions = { target: options.target, seed: options.seed ?? settings.seed, estimators };
  const results = questions.map((question) => ({
    question,
    quality: questionQuality(collected.items.get(question.name) ?? [], qualityOptions),
  }));
  if (options.json) {
    const json = {
      file: options.file,
      records: scanned.records,
      target: options.target,
      questions: results.map(({ question, quality }) => ({ name: question.name, type: question.type, ...quality })),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const header = `${options.file}: ${scanned.records} record(s), ${questions.length} question(s)${options.settings ? "" : " (inferred as label questions)"}`;
  process.stdout.write(`${[header, ...results.map(({ question, quality }) => printQuestion(question, quality))].join("\n\n")}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof InputError) {
    for (const p of error.problems.slice(0, MAX_PROBLEMS_SHOWN)) console.error(p);
    if (error.problems.length > MAX_PROBLEMS_SHOWN) console.error(`… and ${error.problems.length - MAX_PROBLEMS_SHOWN} more problem(s)`);
    if (error.problems.some((p) => p.includes("invalid label value")) && !process.argv.includes("--settings"))
      console.error("(without --settings every question is read as a label question; pass --settings for other question types)");
    process.exit(1);
  }
  // A file that cannot be opened is the user's problem, not a crash: say which and why, no stack.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("E")) {
    console.error(`simulate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  throw error;
});
