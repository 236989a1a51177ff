/**
 * Whether a strategy can be used for a question, as readable sentences: the settings form shows them, and
 * `planVotes` refuses to plan while there are any.
 */
import { PROMPT_VARIANTS, type PromptQuestion, type Strategy } from "../contracts";
import { resolveQuestion, type ResolvedQuestion } from "./resolve";

function tryResolve(q: PromptQuestion, problems: string[]): ResolvedQuestion | null {
  try {
    return resolveQuestion(q);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
    return null;
  }
}

function judgeProblems(rq: ResolvedQuestion, questions: readonly PromptQuestion[], strategy: Extract<Strategy, { kind: "judge" }>): string[] {
  const problems: string[] = [];
  const options = new Set((rq.type.llm.options(rq.settings) ?? []).map((o) => o.value));
  for (const r of strategy.rate) {
    if (!options.has(r.option)) problems.push(`judge: "${r.option}" is not an option of question "${rq.question.name}"`);
    for (const name of [r.ratingQuestion, r.critiqueQuestion]) {
      if (name === undefined) continue;
      const target = questions.find((q) => q.name === name);
      if (!target) problems.push(`judge: question "${name}" is not a question of this dataset`);
      else if (name === rq.question.name) problems.push(`judge: question "${name}" cannot receive its own judgements`);
      else {
        const t = tryResolve(target, problems);
        if (t && !t.type.llm.fromJudgement) problems.push(`judge: question "${name}" is a ${target.type} question, which cannot receive a rating or critique`);
      }
    }
  }
  return problems;
}

export function findStrategyProblems(question: PromptQuestion, questions: readonly PromptQuestion[], strategy: Strategy): string[] {
  const problems: string[] = [];
  const rq = tryResolve(question, problems);
  if (!rq) return problems;
  const { llm } = rq.type;
  const where = `question "${question.name}"`;
  if (!llm.strategies.includes(strategy.kind))
    return [`${where}: ${question.type} questions accept the strategies ${llm.strategies.join(", ")}, not ${strategy.kind}`];
  switch (strategy.kind) {
    case "variants": {
      if (strategy.variants.length === 0) problems.push(`${where}: choose at least one prompt variant`);
      const seen = new Set<string>();
      for (const v of strategy.variants) {
        if (!PROMPT_VARIANTS.includes(v)) problems.push(`${where}: unknown prompt variant "${v}"`);
        else if (!llm.variants.includes(v)) problems.push(`${where}: the ${v} variant does not apply to ${question.type} questions (use ${llm.variants.join(", ")})`);
        // Each variant is one agent: asking one twice would store two suggestions under one name.
        else if (seen.has(v)) problems.push(`${where}: the ${v} variant is listed twice`);
        seen.add(v);
      }
      break;
    }
    case "samples":
      if (!Number.isInteger(strategy.count) || strategy.count < 1) problems.push(`${where}: samples needs a whole number of samples, at least 1`);
      if (!Number.isFinite(strategy.temperature) || strategy.temperature < 0 || strategy.temperature > 2)
        problems.push(`${where}: sampling temperature must be between 0 and 2`);
      break;
    case "judge":
      problems.push(...judgeProblems(rq, questions, strategy));
      break;
    case "single":
    case "logprobs":
      break;
  }
  return problems;
}
