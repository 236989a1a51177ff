/**
 * The `judge` strategy for ranking questions: the options name candidate responses whose text lives in the record
 * fields of the same name (the option text when there is no such field). The model sees them only as "Response 1",
 * "Response 2"…, never by option name, and its verdict is mapped back.
 *  - listwise: one call ranks all candidates, best first;
 *  - pairwise: one call per pair, combined by wins (see `orderByWins` for ties);
 *  - bothOrders: a second vote with the candidates presented in reverse, labelled `ab` / `ba` for two candidates and
 *    `forward` / `reversed` for more, so position bias shows up as disagreement;
 *  - rate: each call also asks every candidate's critique and 1–5 rating (before the verdict, so the verdict can
 *    rest on them); pairwise, a candidate's first readable judgement in call order is the one kept.
 * Judges always give a short `rationale` before the verdict (it becomes the suggestion's rationale, prefixed with
 * which option each "Response n" was); `confidence` is asked only with self-evaluation, as for other questions.
 */
import type { QuestionOption } from "../../questions/options";
import type { ChatCall, JudgeStrategy, PromptContext, VotePlan } from "../contracts";
import { joinedRaw, meanScore, parsed, unparseable } from "./drafts";
import { CONFIDENCE_SCHEMA, RATIONALE_SCHEMA, readRationale, readScore, strictObject, type JsonSchema } from "./envelope";
import { renderFieldByName, renderFields } from "./fields";
import { isObject, orderByWins, readJudgement, readResponseNumber, readWinner, relatedOutcomes, resolveRateTargets } from "./judge-read";
import { guidelinesBlock, JUDGE_SYSTEM, messages, questionBlock, userMessage } from "./messages";
import type { ResolvedQuestion } from "./resolve";
import { DEFAULT_JUDGE_TEMPLATE } from "./template";

interface Candidate {
  option: QuestionOption;
  content: string;
}

function candidates(ctx: PromptContext, rq: ResolvedQuestion): Candidate[] {
  const options = rq.type.llm.options(rq.settings) ?? [];
  return options.map((option) => ({ option, content: renderFieldByName(ctx, option.value) ?? option.text }));
}

function judgementSchema(k: number): JsonSchema {
  return {
    ...strictObject({
      critique: { type: "string", description: `what is good and bad in Response ${k}` },
      rating: { type: "integer", enum: [1, 2, 3, 4, 5], description: "from 1 (poor) to 5 (excellent)" },
    }),
    description: `your critique of Response ${k} and its rating from 1 (poor) to 5 (excellent), as {"critique": …, "rating": …}`,
  };
}

function verdictSchema(ctx: PromptContext, n: number, rate: boolean, verdict: Record<string, JsonSchema>): JsonSchema {
  const judgements = rate ? Object.fromEntries(Array.from({ length: n }, (_, i) => [`response_${i + 1}`, judgementSchema(i + 1)])) : {};
  return strictObject({
    ...judgements,
    rationale: { ...RATIONALE_SCHEMA, description: "a short comparison of the responses that explains your verdict" },
    ...verdict,
    ...(ctx.selfEvaluate ? { confidence: CONFIDENCE_SCHEMA } : {}),
  });
}

const RANKING = (n: number): JsonSchema => ({
  type: "array",
  items: { type: "integer", enum: Array.from({ length: n }, (_, i) => i + 1) },
  description: `the response numbers 1 to ${n}, each exactly once, best first`,
});

const WINNER: JsonSchema = {
  type: "string",
  enum: ["1", "2", "tie"],
  description: '"1" if Response 1 is better, "2" if Response 2 is better, "tie" only if neither is better',
};

const RATE_TASK = " Before your verdict, write a short critique of each response and rate it from 1 (poor) to 5 (excellent).";

function judgeCall(ctx: PromptContext, rq: ResolvedQuestion, shown: readonly Candidate[], task: string, schema: JsonSchema): ChatCall {
  const output = { name: "sift_judge", schema };
  const responses = shown.map((c, i) => `### Response ${i + 1}\n${c.content}`).join("\n\n");
  const context = renderFields(ctx, new Set(shown.map((c) => c.option.value)));
  const user = userMessage(ctx, {
    blocks: {
      guidelines: guidelinesBlock(ctx),
      fields: context === "" ? "" : `## Context\n${context}`,
      question: questionBlock(ctx, task),
      options: `## Responses\n${responses}`,
    },
    output,
    defaultTemplate: DEFAULT_JUDGE_TEMPLATE,
    recordFirst: false,
  });
  return { messages: messages(JUDGE_SYSTEM, user), output };
}

/** "Response 1 = Answer A; Response 2 = Answer B": a rationale refers to positions the reader never saw. */
function legend(shown: readonly Candidate[]): string {
  return shown.map((c, i) => `Response ${i + 1} = ${c.option.text}`).join("; ");
}

function withLegend(shown: readonly Candidate[], rationale: string | null): string | null {
  return rationale === null ? null : `(${legend(shown)}) ${rationale}`;
}

function listwisePlan(ctx: PromptContext, rq: ResolvedQuestion, strategy: JudgeStrategy, label: string, shown: Candidate[]): VotePlan {
  const n = shown.length;
  const rate = strategy.rate.length > 0;
  const targets = resolveRateTargets(ctx, strategy.rate);
  const call = judgeCall(ctx, rq, shown, `Rank the ${n} responses from best to worst.${rate ? RATE_TASK : ""}`, verdictSchema(ctx, n, rate, { ranking: RANKING(n) }));
  return {
    label,
    variant: "judge",
    calls: [call],
    interpret(answers) {
      const a = answers[0];
      const raw = a?.result.text ?? "";
      const json = isObject(a?.json) ? a.json : null;
      const position = (option: string) => shown.findIndex((c) => c.option.value === option) + 1;
      const related = relatedOutcomes(targets, (option) => readJudgement(json?.[`response_${position(option)}`]), raw);
      if (!json || !Array.isArray(json.ranking)) return { ...unparseable(raw), related };
      const numbers = json.ranking.map((r) => readResponseNumber(r, n));
      const values = numbers.map((k) => (k === null ? null : shown[k - 1]?.option.value));
      const v = values.includes(null) ? ({ ok: false } as const) : rq.type.parse(values, rq.settings);
      const rationale = withLegend(shown, readRationale(json));
      if (!v.ok) return { ...unparseable(raw, { rationale }), related };
      return { ...parsed(v.value, { rationale, score: ctx.selfEvaluate ? readScore(json.confidence) : null }), related };
    },
  };
}

function pairwisePlan(ctx: PromptContext, rq: ResolvedQuestion, strategy: JudgeStrategy, label: string, shown: Candidate[]): VotePlan {
  const rate = strategy.rate.length > 0;
  const targets = resolveRateTargets(ctx, strategy.rate);
  const pairs: [number, number][] = [];
  for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) pairs.push([i, j]);
  const schema = verdictSchema(ctx, 2, rate, { winner: WINNER });
  const task = `Which of the two responses is better?${rate ? RATE_TASK : ""}`;
  const calls = pairs.map(([i, j]) => judgeCall(ctx, rq, [shown[i], shown[j]] as Candidate[], task, schema));
  return {
    label,
    variant: "judge",
    calls,
    interpret(answers) {
      const raw = joinedRaw(pairs.map(([i, j], c) => ({ heading: `${shown[i]?.option.value} vs ${shown[j]?.option.value}`, result: answers[c]?.result })));
      const jsons = pairs.map((_, c) => (isObject(answers[c]?.json) ? (answers[c]?.json as Record<string, unknown>) : null));
      const judgementOf = (option: string) => {
        for (const [c, [i, j]] of pairs.entries()) {
          const slot = shown[i]?.option.value === option ? 1 : shown[j]?.option.value === option ? 2 : null;
          const found = slot === null ? null : readJudgement(jsons[c]?.[`response_${slot}`]);
          if (found) return found;
        }
        return null;
      };
      const related = relatedOutcomes(targets, judgementOf, raw);
      const results: { first: number; second: number; winner: 1 | 2 | "tie" }[] = [];
      const rationales: string[] = [];
      for (const [c, [i, j]] of pairs.entries()) {
        const winner = readWinner(jsons[c]?.winner);
        if (winner === null) return { ...unparseable(raw), related };
        results.push({ first: i, second: j, winner });
        const why = jsons[c] ? readRationale(jsons[c] as Record<string, unknown>) : null;
        if (why) rationales.push(`(${legend([shown[i], shown[j]] as Candidate[])}) ${why}`);
      }
      const order = orderByWins(shown.length, results).map((p) => shown[p]?.option.value);
      const v = rq.type.parse(order, rq.settings);
      const rationale = rationales.length > 0 ? rationales.join("\n") : null;
      if (!v.ok) return { ...unparseable(raw, { rationale }), related };
      const score = ctx.selfEvaluate ? meanScore(jsons.map((j) => readScore(j?.confidence))) : null;
      return { ...parsed(v.value, { rationale, score }), related };
    },
  };
}

export function judgePlans(ctx: PromptContext, rq: ResolvedQuestion, strategy: JudgeStrategy): VotePlan[] {
  const forward = candidates(ctx, rq);
  const [first, second] = forward.length === 2 ? ["ab", "ba"] : ["forward", "reversed"];
  const plan = strategy.mode === "listwise" ? listwisePlan : pairwisePlan;
  const plans = [plan(ctx, rq, strategy, first, forward)];
  if (strategy.bothOrders) plans.push(plan(ctx, rq, strategy, second, [...forward].reverse()));
  return plans;
}
