/**
 * Which options a prompt shows, in which order and under which keys, and the "## Options" block that shows them.
 */
import { present } from "../../questions/llm-options";
import type { Presentation } from "../../questions/llm-types";
import { seededShuffle } from "./seeded-shuffle";
import type { ResolvedQuestion } from "./resolve";

/**
 * The question's options keyed by value or letter; shuffled with `shuffleSeed` when given. Null for types without
 * options, or when `keys` is null (a logprobs prompt that reads digits).
 */
export function presentationFor(
  rq: ResolvedQuestion,
  keys: Presentation["keys"] | null,
  shuffleSeed?: string,
): Presentation | null {
  const options = rq.type.llm.options(rq.settings);
  if (!options || keys === null) return null;
  return present(shuffleSeed === undefined ? options : seededShuffle(options, shuffleSeed), keys);
}

/** `- "pos": Positive — description` for values, `A. Positive — description` for letters; "" without options. */
export function optionsBlock(shown: Presentation | null): string {
  if (!shown) return "";
  const lines = shown.options.map((o) => {
    const desc = o.description?.trim() ? ` — ${o.description.trim()}` : "";
    if (shown.keys === "letters") return `${o.key}. ${o.text}${desc}`;
    return `- "${o.key}"${o.text !== o.key ? `: ${o.text}` : ""}${desc}`;
  });
  return ["## Options", ...lines].join("\n");
}
