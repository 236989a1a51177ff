#!/usr/bin/env node
// One-off developer tool: regenerates the demo datasets committed under prisma/demo/ from the raw research
// data in ../shared/oracles/raw (see that folder's SOURCES.md). Neither the product nor the tests run this
// script or read ../shared: they use the committed files in prisma/demo/. Run it only to rebuild those files
// after changing this script:
//
//   node scripts/dev/build-demo-data.mjs            # rewrite prisma/demo/*/{settings.json,records.jsonl}
//   node scripts/dev/build-demo-data.mjs --check    # exit 1 if the committed files differ from a rebuild
//
// SIFT_DEMO_SOURCES=/path/to/oracles/raw overrides the source folder. Plain Node ESM (>= 20), no
// dependencies, deterministic: the same sources always give byte-identical output (no clock, no
// randomness, fixed key order). It prints, per agent, the agreement with the reference answer; those
// tables are copied into prisma/demo/README.md.
//
// Only two sources may be shipped in the product: LLMBar (MIT) and PandaLM (Apache-2.0). The LICENSE
// files next to the generated data are written by hand, not by this script.
//
// Verdict conventions (worked out from the data and the source repositories; details in the README):
// - LLMBar: every "swap=True" verdict is already expressed in the instance's own numbering ("1" means
//   output_1 won, whatever position it was shown in). LLMBar's evaluate.py stores
//   `winner if not swap else reverse_label(winner)`, and the GPT-4 CoT rationales confirm it: when the
//   swapped rationale ends "Output (a) is better" the recorded verdict is "2" in 59 of 59 cases. So
//   "1" -> ["output_1","output_2"], "2" -> ["output_2","output_1"] in both orders; null/other -> null.
// - PandaLM: human annotators use 0 = tie, 1 = response 1 better, 2 = response 2 better (PandaLM
//   README; the majority-label counts 105/422/472 match its table). gpt-3.5-turbo uses "1", "2", "Tie"
//   and "garbage" (an unparseable answer with an empty reason); PandaLM-7B uses 0/1/2 like the humans.

import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, resolve, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SRC = resolve(process.env.SIFT_DEMO_SOURCES ?? join(ROOT, "..", "shared", "oracles", "raw"));
const OUT = join(ROOT, "prisma", "demo");
const CHECK = process.argv.includes("--check");
const MAX_BYTES = 2 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------
// helpers

function readJsonl(path) {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line);
      } catch (e) {
        throw new Error(`${path}:${i + 1}: ${e.message}`);
      }
    });
}

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

const pad3 = (n) => String(n).padStart(3, "0");
const pct = (a, n) => (n === 0 ? "–" : `${((100 * a) / n).toFixed(1)}%`);

/** Source cells are strings, except a few PandaLM responses that a YAML round-trip turned into booleans. */
function asText(v) {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null || v === undefined) return "";
  return String(v);
}

/** Macro-F1 over the classes that occur in the reference (as DESIGN.md defines it). null predictions count as wrong. */
function macroF1(pairs) {
  const classes = [...new Set(pairs.map(([ref]) => ref))].sort();
  let sum = 0;
  for (const c of classes) {
    let tp = 0, fp = 0, fn = 0;
    for (const [ref, pred] of pairs) {
      if (pred === c && ref === c) tp++;
      else if (pred === c) fp++;
      else if (ref === c) fn++;
    }
    const p = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = tp + fn === 0 ? 0 : tp / (tp + fn);
    sum += p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  return classes.length === 0 ? 0 : sum / classes.length;
}

// ---------------------------------------------------------------------------------------------------------
// 1. LLMBar Natural

const LLMBAR_COMMIT = "900616bff90b6c6c8e1681f7d079250637c55992";
const PANDALM_COMMIT = "3871806e72b4832f815ecafd24d3503c73403f48";

// evaluator/strategy combinations, in suggestion order (consensus ties go to the earliest vote).
// model: the model behind LLMBar's evaluator name, from LLMEvaluator/evaluators/config/<evaluator>/*.json.
const LLMBAR_JUDGES = [
  { key: "GPT-4/Vanilla", agent: "gpt-4/vanilla", model: "gpt-4" },
  { key: "GPT-4/CoT", agent: "gpt-4/cot", model: "gpt-4", rationale: true },
  { key: "ChatGPT/Vanilla", agent: "chatgpt/vanilla", model: "gpt-3.5-turbo-0613" },
  { key: "LLaMA2/Vanilla", agent: "llama2/vanilla", model: "meta-llama/Llama-2-70b-chat-hf" },
  { key: "PaLM2/Vanilla", agent: "palm2/vanilla", model: "text-bison-001" },
];
const ORDERS = [
  { swap: "swap=False", suffix: "ab", note: "[Judged in order ab: Output (a) = Output 1, Output (b) = Output 2.]" },
  { swap: "swap=True", suffix: "ba", note: "[Judged in order ba: Output (a) = Output 2, Output (b) = Output 1.]" },
];
const LLMBAR_TARGET = 150; // total after topping up from Adversarial/Neighbor
const LLMBAR_MIN_NATURAL = 100; // top up only if Natural has fewer usable rows than this

function llmbarRanking(verdict) {
  if (verdict === "1") return ["output_1", "output_2"];
  if (verdict === "2") return ["output_2", "output_1"];
  return null; // unparseable vote
}

function llmbarUsable(row) {
  if (typeof row.input !== "string" || !row.input.trim()) return false;
  if (typeof row.output_1 !== "string" || typeof row.output_2 !== "string") return false;
  if (row.gold !== 1 && row.gold !== 2) return false;
  return LLMBAR_JUDGES.every((j) => {
    const v = row.judgments?.[j.key];
    return v && Array.isArray(v["swap=False"]) && Array.isArray(v["swap=True"]);
  });
}

// Rows left out on purpose (by source file and idx), with the reason. Empty: the 100 Natural rows were read
// and none is offensive (row 7 discusses protecting a sister from sexual assault, seriously; it stays).
const LLMBAR_EXCLUDED = new Map([]);

function buildLlmbar() {
  const dir = join(SRC, "llmbar_pairwise_judgments");
  const natural = readJsonl(join(dir, "LLMBar_Natural.jsonl")).map((r) => ({ ...r, _file: "LLMBar_Natural" }));
  let rows = natural.filter((r) => llmbarUsable(r) && !LLMBAR_EXCLUDED.has(`LLMBar_Natural:${r.idx}`));
  if (rows.length < LLMBAR_MIN_NATURAL) {
    // top up from the Adversarial Neighbor subset, in file order, up to ~150 records
    const neighbor = readJsonl(join(dir, "LLMBar_Adversarial_Neighbor.jsonl")).map((r) => ({
      ...r,
      _file: "LLMBar_Adversarial_Neighbor",
    }));
    for (const r of neighbor) {
      if (rows.length >= LLMBAR_TARGET) break;
      if (llmbarUsable(r) && !LLMBAR_EXCLUDED.has(`LLMBar_Adversarial_Neighbor:${r.idx}`)) rows.push(r);
    }
  }
  const subsets = [...new Set(rows.map((r) => r.subset))];

  const records = rows.map((r, i) => {
    const suggestions = [];
    const critiques = [];
    for (const j of LLMBAR_JUDGES) {
      for (const o of ORDERS) {
        const verdict = r.judgments[j.key][o.swap][0] ?? null;
        const s = { question: "preference", agent: `judge:${j.agent}/${o.suffix}`, value: llmbarRanking(verdict) };
        const text = j.rationale ? r.gpt4_cot_rationale?.[o.swap] : null;
        if (typeof text === "string" && text.trim()) {
          s.rationale = `${o.note} ${text.trim()}`;
          critiques.push({ question: "critique", agent: s.agent, value: s.rationale, model: j.model });
        }
        s.model = j.model;
        suggestions.push(s);
      }
    }
    return {
      externalId: `llmbar-natural-${pad3(i)}`,
      fields: { instruction: r.input, output_1: r.output_1, output_2: r.output_2 },
      metadata: {
        subset: r.subset,
        source_index: r.idx,
        reference: r.gold === 1 ? "output_1" : "output_2",
      },
      suggestions: [...suggestions, ...critiques],
    };
  });

  const settings = {
    name: "LLMBar — natural pairwise preference",
    description:
      "Instructions from the LLMBar Natural set, each with two model outputs of which one follows the instruction better, with the recorded verdicts of four LLM judges asked in both presentation orders.",
    guidelines: [
      "# Which output follows the instruction better?",
      "",
      "Each record shows an **instruction** and two outputs written for it. Exactly one of them is better; rank it first.",
      "",
      "## How to judge",
      "1. **Instruction following comes first.** Does the output honestly, precisely and closely do what the instruction asks? An output that does more or less than what was asked (extra content, a different task, missing parts, ignored constraints such as length or format) does not precisely follow the instruction, however polished or long it is.",
      "2. **Then** weigh helpfulness, accuracy, level of detail and harmlessness.",
      "3. **Be objective.** Output 1 and Output 2 are equally likely to be the better one: do not let their order, length or style decide for you.",
      "4. **No ties.** Even if both outputs are flawed, pick the one that serves the instruction better.",
      "",
      "## The suggestions",
      "The pre-filled ranking comes from recorded verdicts of GPT-4 (plain and with chain-of-thought), ChatGPT (gpt-3.5-turbo-0613), LLaMA-2-70B-Chat and PaLM 2 (text-bison-001). Each judge was asked twice: in order *ab* (Output 1 shown first) and *ba* (Output 2 shown first), and both answers are separate votes, so a judge that flips with the order exposes position bias. All verdicts are already translated to this dataset's options. GPT-4's chain-of-thought rationales speak of \"Output (a)\" and \"Output (b)\" as the judge saw them; the bracketed note at their start says which is which.",
      "",
      "## Critique (optional)",
      "One or two sentences on the deciding difference, e.g. *\"Output 2 ignores the 5-sentence limit.\"*",
      "",
      "---",
      `Data: LLMBar (Zeng et al., *Evaluating Large Language Models at Evaluating Instruction Following*, ICLR 2024), [princeton-nlp/LLMBar](https://github.com/princeton-nlp/LLMBar) at commit \`${LLMBAR_COMMIT.slice(0, 7)}\`, MIT licence; see LICENSE in this folder.`,
    ].join("\n"),
    fields: [
      { name: "instruction", title: "Instruction", type: "text", required: true },
      { name: "output_1", title: "Output 1", type: "text", required: true },
      { name: "output_2", title: "Output 2", type: "text", required: true },
    ],
    questions: [
      {
        name: "preference",
        title: "Which output is better?",
        description:
          "Rank the output that follows the instruction better first. Instruction following first, then helpfulness, accuracy, detail and harmlessness. No ties.",
        type: "ranking",
        required: true,
        settings: {
          options: [
            { value: "output_1", text: "Output 1" },
            { value: "output_2", text: "Output 2" },
          ],
        },
      },
      {
        name: "critique",
        title: "Critique",
        description: "Optional: why the better output wins, in a sentence or two.",
        type: "text",
        required: false,
        settings: { useMarkdown: false },
      },
    ],
    metadata: [
      { name: "subset", title: "LLMBar subset", type: "terms", visibleForAnnotators: true, settings: { values: subsets } },
      { name: "source_index", title: "Index in the LLMBar subset", type: "integer", visibleForAnnotators: false, settings: {} },
      {
        name: "reference",
        title: "Reference answer",
        type: "terms",
        visibleForAnnotators: false,
        settings: { values: ["output_1", "output_2"] },
      },
    ],
    distribution: { minSubmitted: 1 },
    routing: { policy: "budget", humanShare: 0.3, seed: 42, auditRate: 0, aggregate: "max" },
    uncertainty: { method: "auto" },
  };

  // ---- agreement with the reference, per agent, plus position consistency and the plain majority vote
  const report = [];
  for (const j of LLMBAR_JUDGES) {
    for (const o of ORDERS) {
      const agent = `judge:${j.agent}/${o.suffix}`;
      let agree = 0, nulls = 0;
      for (const rec of records) {
        const s = rec.suggestions.find((x) => x.agent === agent && x.question === "preference");
        if (s.value === null) nulls++;
        else if (s.value[0] === rec.metadata.reference) agree++;
      }
      report.push({ agent, model: j.model, n: records.length, agree, nulls });
    }
  }
  const consistency = LLMBAR_JUDGES.map((j) => {
    let same = 0;
    for (const rec of records) {
      const ab = rec.suggestions.find((x) => x.agent === `judge:${j.agent}/ab` && x.question === "preference").value;
      const ba = rec.suggestions.find((x) => x.agent === `judge:${j.agent}/ba` && x.question === "preference").value;
      if (ab && ba && ab[0] === ba[0]) same++;
    }
    return { judge: j.agent, same, n: records.length };
  });
  // majority of first places over all votes; a tie goes to the option whose first vote came first
  let majAgree = 0, majTies = 0;
  for (const rec of records) {
    const counts = new Map();
    const firstSeen = [];
    for (const s of rec.suggestions) {
      if (s.question !== "preference" || s.value === null) continue;
      const top = s.value[0];
      if (!counts.has(top)) firstSeen.push(top);
      counts.set(top, (counts.get(top) ?? 0) + 1);
    }
    let best = null;
    for (const opt of firstSeen) if (best === null || counts.get(opt) > counts.get(best)) best = opt;
    if (firstSeen.length === 2 && counts.get(firstSeen[0]) === counts.get(firstSeen[1])) majTies++;
    if (best === rec.metadata.reference) majAgree++;
  }

  const lines = [];
  lines.push(`LLMBar: ${records.length} records (subsets: ${subsets.join(", ")})`);
  lines.push("");
  lines.push("| agent | model | agrees with reference | unparseable |");
  lines.push("|---|---|---|---|");
  for (const r of report)
    lines.push(`| \`${r.agent}\` | ${r.model} | ${r.agree}/${r.n} (${pct(r.agree, r.n)}) | ${r.nulls} |`);
  lines.push(`| majority of all ${LLMBAR_JUDGES.length * 2} votes | – | ${majAgree}/${records.length} (${pct(majAgree, records.length)}) | ${majTies} ties |`);
  lines.push("");
  lines.push("| judge | same winner in both orders |");
  lines.push("|---|---|");
  for (const c of consistency) lines.push(`| \`${c.judge}\` | ${c.same}/${c.n} (${pct(c.same, c.n)}) |`);

  return { dir: "llmbar-natural", settings, records, report: lines.join("\n") };
}

// ---------------------------------------------------------------------------------------------------------
// 2. PandaLM

const PANDALM_ROWS = 300;
const PANDALM_HUMAN = { 0: "tie", 1: "response_1", 2: "response_2" };
const PANDALM_GPT = { 1: "response_1", 2: "response_2", tie: "tie" }; // "garbage" and anything else -> null
const PANDALM_EXCLUDED = new Map([]); // idx -> reason; none of the first 300 rows is offensive

function gptVerdict(v) {
  const k = String(v ?? "").trim().toLowerCase();
  return Object.hasOwn(PANDALM_GPT, k) ? PANDALM_GPT[k] : null;
}
function pandalmVerdict(v) {
  return v === 0 || v === 1 || v === 2 ? PANDALM_HUMAN[v] : null;
}

function buildPandalm() {
  const dir = join(SRC, "pandalm_human_vs_llm_judge");
  const test = readJson(join(dir, "testset-v1.json"));
  const gpt = readJson(join(dir, "gpt-3.5-turbo-testset-v1.json"));
  const panda = readJson(join(dir, "pandalm-7b-testset-v1.json"));
  const gptByIdx = new Map(gpt.map((x) => [x.idx, x]));
  const pandaByIdx = new Map(panda.map((x) => [x.idx, x]));

  const rows = test.slice(0, PANDALM_ROWS).filter((x) => !PANDALM_EXCLUDED.has(x.idx));
  const apps = [...new Set(rows.map((x) => x.motivation_app))].sort();
  const responseModels = new Set();

  const records = rows.map((x, i) => {
    const labels = [x.annotator1, x.annotator2, x.annotator3];
    const counts = new Map();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    const [majLabel, majCount] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (majCount < 2) throw new Error(`PandaLM idx ${x.idx}: no majority among ${labels}`);
    const [m1, m2] = String(x.cmp_key).split("_"); // "opt-7b_pythia-6.9b": response 1 from opt-7b, 2 from pythia
    responseModels.add(m1);
    responseModels.add(m2);

    const g = gptByIdx.get(x.idx);
    const p = pandaByIdx.get(x.idx);
    if (!g || !p) throw new Error(`PandaLM idx ${x.idx}: missing judge row`);
    const suggestions = [];
    const gReason = asText(g.gpt_reason).trim();
    const pReason = asText(p.pandalm_reason).trim();
    const gs = { question: "verdict", agent: "judge:gpt-3.5-turbo", value: gptVerdict(g.gpt_result) };
    if (gReason) gs.rationale = gReason;
    gs.model = "gpt-3.5-turbo";
    const ps = { question: "verdict", agent: "judge:pandalm-7b", value: pandalmVerdict(p.pandalm_result) };
    if (pReason) ps.rationale = pReason;
    ps.model = "pandalm-7b";
    suggestions.push(gs, ps);
    if (gReason) suggestions.push({ question: "critique", agent: "judge:gpt-3.5-turbo", value: gReason, model: "gpt-3.5-turbo" });
    if (pReason) suggestions.push({ question: "critique", agent: "judge:pandalm-7b", value: pReason, model: "pandalm-7b" });

    return {
      externalId: `pandalm-${pad3(i)}`,
      fields: {
        instruction: asText(x.instruction),
        input: asText(x.input),
        response_1: asText(x.response1),
        response_2: asText(x.response2),
      },
      metadata: {
        motivation_app: x.motivation_app,
        reference: PANDALM_HUMAN[majLabel],
        annotators: labels.join(","),
        human_agreement: majCount,
        response_1_model: m1,
        response_2_model: m2,
        source_index: x.idx,
      },
      suggestions,
    };
  });

  const models = [...responseModels].sort();
  const settings = {
    name: "PandaLM — human vs LLM judges",
    description:
      "The first 300 pairs of the PandaLM human-annotated test set: two instruction-tuned 7B models answer the same instruction, and three people, gpt-3.5-turbo and PandaLM-7B each said which response is better or that they tie.",
    guidelines: [
      "# Which response is better?",
      "",
      "Each record shows an **instruction**, an optional **input** it applies to, and two responses written by small instruction-tuned models. Say which response is better, or *Tie* if they are of similar quality.",
      "",
      "## How to judge",
      "1. **Correctness and instruction following first**: does the response do the task on the given input, and is it right?",
      "2. **Then** conciseness, clarity, completeness and an appropriate tone or format.",
      "3. **Tie** when both are equally good or equally bad (for example both wrong, or both correct and nearly identical). Do not use *Tie* to avoid a hard call when one response is clearly better.",
      "4. Ignore which response is shown first and how long it is.",
      "",
      "## The suggestions",
      "Two recorded LLM judges pre-fill the form: **gpt-3.5-turbo** and **PandaLM-7B** (an open 7B judge model trained for this task). Each gives a verdict and a short reason, which also appears as a suggested critique. Some gpt-3.5-turbo answers could not be parsed; they count as an unparseable vote.",
      "",
      "## Critique (optional)",
      "One sentence on the deciding difference.",
      "",
      "---",
      `Data: PandaLM (Wang et al., 2023, *PandaLM: An Automatic Evaluation Benchmark for LLM Instruction Tuning Optimization*), [WeOpenML/PandaLM](https://github.com/WeOpenML/PandaLM) at commit \`${PANDALM_COMMIT.slice(0, 7)}\`, Apache License 2.0; see LICENSE in this folder. The instructions come from the self-instruct human evaluation set.`,
    ].join("\n"),
    fields: [
      { name: "instruction", title: "Instruction", type: "text", required: true },
      { name: "input", title: "Input", type: "text", required: false },
      // not required: a few responses are empty (the model produced nothing), which is itself judged
      { name: "response_1", title: "Response 1", type: "text", required: false },
      { name: "response_2", title: "Response 2", type: "text", required: false },
    ],
    questions: [
      {
        name: "verdict",
        title: "Which response is better?",
        description: "Correctness and instruction following first, then conciseness, clarity and completeness. Tie if they are of similar quality.",
        type: "label",
        required: true,
        settings: {
          options: [
            { value: "response_1", text: "Response 1 is better" },
            { value: "response_2", text: "Response 2 is better" },
            { value: "tie", text: "Tie" },
          ],
        },
      },
      {
        name: "critique",
        title: "Critique",
        description: "Optional: why, in a sentence.",
        type: "text",
        required: false,
        settings: { useMarkdown: false },
      },
    ],
    metadata: [
      { name: "motivation_app", title: "Task category (app)", type: "terms", visibleForAnnotators: true, settings: { values: apps } },
      {
        name: "reference",
        title: "Reference answer (human majority)",
        type: "terms",
        visibleForAnnotators: false,
        settings: { values: ["response_1", "response_2", "tie"] },
      },
      { name: "annotators", title: "Human labels (0 = tie, 1, 2)", type: "terms", visibleForAnnotators: false, settings: {} },
      { name: "human_agreement", title: "Annotators agreeing with the majority", type: "integer", visibleForAnnotators: false, settings: {} },
      { name: "response_1_model", title: "Model of response 1", type: "terms", visibleForAnnotators: false, settings: { values: models } },
      { name: "response_2_model", title: "Model of response 2", type: "terms", visibleForAnnotators: false, settings: { values: models } },
      { name: "source_index", title: "Index in the PandaLM test set", type: "integer", visibleForAnnotators: false, settings: {} },
    ],
    distribution: { minSubmitted: 1 },
    routing: { policy: "budget", humanShare: 0.3, seed: 42, auditRate: 0, aggregate: "max" },
    uncertainty: { method: "auto" },
  };

  // ---- agreement with the human majority
  const lines = [];
  const refCounts = { response_1: 0, response_2: 0, tie: 0 };
  for (const r of records) refCounts[r.metadata.reference]++;
  const unanimous = records.filter((r) => r.metadata.human_agreement === 3).length;
  lines.push(
    `PandaLM: ${records.length} records; human majority response_1 ${refCounts.response_1}, response_2 ${refCounts.response_2}, tie ${refCounts.tie}; unanimous ${unanimous}`,
  );
  lines.push("");
  lines.push("| agent | model | agrees with human majority | macro-F1 | unparseable | says tie |");
  lines.push("|---|---|---|---|---|---|");
  for (const agent of ["judge:gpt-3.5-turbo", "judge:pandalm-7b"]) {
    let agree = 0, nulls = 0, ties = 0, model = "";
    const pairs = [];
    for (const r of records) {
      const s = r.suggestions.find((x) => x.agent === agent && x.question === "verdict");
      model = s.model;
      if (s.value === null) nulls++;
      if (s.value === "tie") ties++;
      if (s.value === r.metadata.reference) agree++;
      pairs.push([r.metadata.reference, s.value]);
    }
    lines.push(
      `| \`${agent}\` | ${model} | ${agree}/${records.length} (${pct(agree, records.length)}) | ${macroF1(pairs).toFixed(3)} | ${nulls} | ${ties} |`,
    );
  }
  // single annotators against the majority of all three (an upper bound: each is part of the majority)
  for (const k of [0, 1, 2]) {
    let agree = 0;
    const pairs = [];
    for (const r of records) {
      const v = PANDALM_HUMAN[r.metadata.annotators.split(",")[k]];
      if (v === r.metadata.reference) agree++;
      pairs.push([r.metadata.reference, v]);
    }
    lines.push(
      `| human annotator ${k + 1} (part of the majority) | – | ${agree}/${records.length} (${pct(agree, records.length)}) | ${macroF1(pairs).toFixed(3)} | 0 | – |`,
    );
  }
  return { dir: "pandalm", settings, records, report: lines.join("\n") };
}

// ---------------------------------------------------------------------------------------------------------
// validation and output

function validate({ dir, settings, records }) {
  const problems = [];
  const questions = new Map(settings.questions.map((q) => [q.name, q]));
  const fieldNames = new Set(settings.fields.map((f) => f.name));
  const metaNames = new Set(settings.metadata.map((m) => m.name));
  const ids = new Set();
  for (const r of records) {
    const where = `${dir}/${r.externalId}`;
    if (ids.has(r.externalId)) problems.push(`${where}: duplicate externalId`);
    ids.add(r.externalId);
    for (const f of settings.fields) {
      if (typeof r.fields[f.name] !== "string") problems.push(`${where}: field ${f.name} is not a string`);
      else if (f.required && r.fields[f.name].trim() === "") problems.push(`${where}: required field ${f.name} is empty`);
    }
    for (const k of Object.keys(r.fields)) if (!fieldNames.has(k)) problems.push(`${where}: unknown field ${k}`);
    for (const k of Object.keys(r.metadata)) if (!metaNames.has(k)) problems.push(`${where}: unknown metadata ${k}`);
    for (const m of settings.metadata) {
      const v = r.metadata[m.name];
      if (m.type === "terms" && m.settings.values && !m.settings.values.includes(v))
        problems.push(`${where}: metadata ${m.name}=${v} not in its values`);
      if (m.type === "integer" && !Number.isInteger(v)) problems.push(`${where}: metadata ${m.name} is not an integer`);
    }
    const seen = new Set();
    for (const s of r.suggestions) {
      const q = questions.get(s.question);
      if (!q) {
        problems.push(`${where}: suggestion for unknown question ${s.question}`);
        continue;
      }
      const key = `${s.question}\u0000${s.agent}`;
      if (seen.has(key)) problems.push(`${where}: two suggestions by ${s.agent} on ${s.question}`);
      seen.add(key);
      if (s.agent !== s.agent.toLowerCase()) problems.push(`${where}: agent ${s.agent} is not lower-case`);
      const opts = q.settings.options?.map((o) => o.value);
      if (q.type === "ranking" && s.value !== null) {
        const ok = Array.isArray(s.value) && s.value.length === opts.length && opts.every((o) => s.value.includes(o));
        if (!ok) problems.push(`${where}: bad ranking ${JSON.stringify(s.value)}`);
      }
      if (q.type === "label" && s.value !== null && !opts.includes(s.value)) problems.push(`${where}: bad label ${s.value}`);
      if (q.type === "text" && (typeof s.value !== "string" || !s.value.trim())) problems.push(`${where}: empty text suggestion`);
    }
  }
  return problems;
}

function serialise({ settings, records }) {
  return {
    "settings.json": JSON.stringify(settings, null, 2) + "\n",
    "records.jsonl": records.map((r) => JSON.stringify(r)).join("\n") + "\n",
  };
}

const datasets = [buildLlmbar(), buildPandalm()];
let failed = false;
for (const ds of datasets) {
  const problems = validate(ds);
  if (problems.length) {
    console.error(problems.slice(0, 20).join("\n"));
    throw new Error(`${ds.dir}: ${problems.length} validation problem(s)`);
  }
  const files = serialise(ds);
  const size = Buffer.byteLength(files["records.jsonl"]);
  if (size > MAX_BYTES) throw new Error(`${ds.dir}/records.jsonl is ${size} bytes, over ${MAX_BYTES}`);
  const outDir = join(OUT, ds.dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(outDir, name);
    if (CHECK) {
      const current = existsSync(path) ? readFileSync(path, "utf8") : null;
      if (current !== content) {
        console.error(`out of date: prisma/demo/${ds.dir}/${name}`);
        failed = true;
      }
    } else {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path, content);
    }
  }
  console.log(`${CHECK ? "checked" : "wrote"} prisma/demo/${ds.dir}: ${ds.records.length} records, records.jsonl ${(size / 1024).toFixed(0)} KiB`);
  console.log("");
  console.log(ds.report);
  console.log("");
}
if (failed) process.exit(1);
