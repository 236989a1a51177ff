/**
 * A probability distribution over a question's choices from the token log-probabilities of one answer.
 *
 * Which token is read: the one where the answer's value begins, i.e. the first character after `"answer":` (and
 * the opening quote, for a string answer) in the text the tokens spell, whatever the JSON around it looks like or
 * how the tokenizer split it. Prompts using this ask for single-token answers (letters A, B…; rating digits), so the
 * top alternatives at that position are the competing answers. An alternative token is cleaned of the part of the
 * chosen token that precedes the value (e.g. a merged `"`), of quotes and whitespace, and of a trailing `"` `}` or
 * `,`, then matched exactly to a choice (or ignoring case when that is unambiguous). Probabilities of tokens that
 * mean the same choice add up; the result is renormalised over the choices. Without an `"answer"` key in the text
 * (an endpoint that ignored the JSON format), the first token that is itself a choice is read instead.
 */
import type { TokenLogprob } from "../contracts";

export interface LogprobChoice {
  token: string;
  /** The distribution key, e.g. the option value a letter stands for. */
  key: string;
}

const ANSWER_VALUE = /"answer"\s*:\s*"?/;

function strip(token: string): string {
  return token.replace(/^[\s"']+/, "").replace(/[\s"'},]+$/, "");
}

function matcher(choices: readonly LogprobChoice[]): (token: string) => string | null {
  return (token) => {
    const t = strip(token);
    if (t === "") return null;
    const exact = choices.find((c) => c.token === t);
    if (exact) return exact.key;
    const loose = choices.filter((c) => c.token.toLowerCase() === t.toLowerCase());
    return loose.length === 1 ? (loose[0]?.key ?? null) : null;
  };
}

/** The index of the token at which the answer's value starts, and the part of that token before the value. */
function answerToken(tokens: readonly TokenLogprob[], match: (t: string) => string | null): { index: number; prefix: string } | null {
  const text = tokens.map((t) => t.token).join("");
  const m = ANSWER_VALUE.exec(text);
  if (m) {
    const offset = m.index + m[0].length;
    let start = 0;
    for (let i = 0; i < tokens.length; i++) {
      const end = start + (tokens[i]?.token.length ?? 0);
      if (offset < end) return { index: i, prefix: text.slice(start, offset) };
      start = end;
    }
    return null;
  }
  const i = tokens.findIndex((t) => match(t.token) !== null);
  return i < 0 ? null : { index: i, prefix: "" };
}

/** Normalised probabilities over every choice key (0 where no alternative meant it); null when nothing matched. */
export function logprobDistribution(
  logprobs: readonly TokenLogprob[] | undefined,
  choices: readonly LogprobChoice[],
): Record<string, number> | null {
  if (!logprobs || logprobs.length === 0 || choices.length === 0) return null;
  const match = matcher(choices);
  const at = answerToken(logprobs, match);
  const token = at ? logprobs[at.index] : undefined;
  if (!at || !token) return null;
  // The sampled token is usually among its own top alternatives; count it once either way.
  const alternatives = token.top.some((t) => t.token === token.token) ? token.top : [{ token: token.token, logprob: token.logprob }, ...token.top];
  const mass: Record<string, number> = Object.fromEntries(choices.map((c) => [c.key, 0]));
  let total = 0;
  for (const alt of alternatives) {
    const text = at.prefix !== "" && alt.token.startsWith(at.prefix) ? alt.token.slice(at.prefix.length) : alt.token;
    const key = match(text);
    const p = Math.exp(alt.logprob);
    if (key === null || !Number.isFinite(p) || p <= 0) continue;
    mass[key] = (mass[key] ?? 0) + p;
    total += p;
  }
  if (total <= 0) return null;
  for (const key of Object.keys(mass)) mass[key] = (mass[key] ?? 0) / total;
  return mass;
}
