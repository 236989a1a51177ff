/**
 * Reading a judge's answers: response numbers back to options, pairwise wins into an order, and per-candidate
 * ratings and critiques into suggestions for the related rating and text questions.
 */
import type { PromptContext, SuggestionDraft, VoteOutcome } from "../contracts";
import type { JudgeStrategy } from "../contracts";
import { parsed, unparseable } from "./drafts";
import { resolveQuestion, type ResolvedQuestion } from "./resolve";

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function unquote(raw: string): string {
  return raw.trim().replace(/^["'`]+|["'`.]+$/g, "").trim();
}

/** 2, "2", "Response 2", "response_2" → 2 when within 1..n; anything else null. */
export function readResponseNumber(raw: unknown, n: number): number | null {
  let k: number | null = null;
  if (typeof raw === "number") k = raw;
  else if (typeof raw === "string") {
    const m = /^(?:response[\s_-]*)?(\d+)$/i.exec(unquote(raw));
    if (m) k = Number(m[1]);
  }
  return k !== null && Number.isInteger(k) && k >= 1 && k <= n ? k : null;
}

/** A pairwise verdict: the winning position (1 or 2), "tie", or null when unreadable. */
export function readWinner(raw: unknown): 1 | 2 | "tie" | null {
  if (typeof raw === "string" && ["tie", "draw", "equal"].includes(unquote(raw).toLowerCase())) return "tie";
  const k = readResponseNumber(raw, 2);
  return k === 1 || k === 2 ? k : null;
}

/**
 * Pairwise results → an order of positions, most wins first (a tie gives each half a win). Equal wins keep the
 * presentation order, on purpose: a judge that calls everything a tie then disagrees with itself across the two
 * presentation orders, which is exactly the uncertainty a tie expresses.
 */
export function orderByWins(n: number, results: readonly { first: number; second: number; winner: 1 | 2 | "tie" }[]): number[] {
  const wins = new Array<number>(n).fill(0);
  for (const r of results) {
    if (r.winner === "tie") {
      wins[r.first] = (wins[r.first] ?? 0) + 0.5;
      wins[r.second] = (wins[r.second] ?? 0) + 0.5;
    } else {
      const w = r.winner === 1 ? r.first : r.second;
      wins[w] = (wins[w] ?? 0) + 1;
    }
  }
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => (wins[b] ?? 0) - (wins[a] ?? 0) || a - b);
}

/** A candidate's verdict `{critique, rating}` as the judge wrote it; null when either part is unusable. */
export function readJudgement(raw: unknown): { rating: number; critique: string } | null {
  if (!isObject(raw)) return null;
  const rating = typeof raw.rating === "string" ? Number(unquote(raw.rating)) : raw.rating;
  const critique = typeof raw.critique === "string" ? raw.critique.trim() : "";
  if (typeof rating !== "number" || !Number.isInteger(rating) || critique === "") return null;
  return { rating, critique };
}

/** The rate targets with their questions resolved once, at planning time. */
export interface RateTarget {
  option: string;
  rating: ResolvedQuestion | null;
  critique: ResolvedQuestion | null;
}

export function resolveRateTargets(ctx: PromptContext, rate: JudgeStrategy["rate"]): RateTarget[] {
  const find = (name: string | undefined): ResolvedQuestion | null => {
    if (name === undefined) return null;
    const q = ctx.questions.find((x) => x.name === name);
    if (!q) throw new Error(`judge: question "${name}" is not a question of this dataset`);
    return resolveQuestion(q);
  };
  return rate.map((r) => ({ option: r.option, rating: find(r.ratingQuestion), critique: find(r.critiqueQuestion) }));
}

function relatedDraft(target: ResolvedQuestion, judgement: { rating: number; critique: string } | null, raw: string): SuggestionDraft {
  const v = judgement ? target.type.llm.fromJudgement?.(judgement, target.settings) : undefined;
  if (!judgement || !v?.ok) return unparseable(raw);
  // The critique explains a rating; for the critique question it is the value itself.
  return parsed(v.value, { rationale: v.value === judgement.critique ? null : judgement.critique });
}

/**
 * The related suggestions of one vote: per rate target, its rating and critique from `judgementOf(option)`
 * (null when the judge gave none that can be read, which makes those suggestions unparseable votes).
 */
export function relatedOutcomes(
  targets: readonly RateTarget[],
  judgementOf: (option: string) => { rating: number; critique: string } | null,
  raw: string,
): NonNullable<VoteOutcome["related"]> {
  const out: NonNullable<VoteOutcome["related"]> = [];
  for (const t of targets) {
    const j = judgementOf(t.option);
    if (t.rating) out.push({ question: t.rating.question.name, draft: relatedDraft(t.rating, j, raw) });
    if (t.critique) out.push({ question: t.critique.question.name, draft: relatedDraft(t.critique, j, raw) });
  }
  return out;
}
