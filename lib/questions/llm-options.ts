/**
 * Presenting options to a model and reading its choice back, shared by the option types (label, multi_label,
 * ranking) so that letters, shuffled orders and sloppy answers are handled the same way everywhere.
 */
import type { JsonSchema, Presentation } from "./llm-types";
import type { QuestionOption } from "./options";
import { quoteList } from "./options";

/** A, B, …, Z, AA, AB, … (spreadsheet columns), so any number of options gets a key. */
export function letterFor(index: number): string {
  let n = index;
  let out = "";
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

/** The options in the order given (already shuffled by the caller when it wants), keyed by value or by letter. */
export function present(options: readonly QuestionOption[], keys: Presentation["keys"]): Presentation {
  return {
    keys,
    options: options.map((o, i) => ({
      key: keys === "letters" ? letterFor(i) : o.value,
      value: o.value,
      text: o.text,
      ...(o.description !== undefined ? { description: o.description } : {}),
    })),
  };
}

export function presentedKeys(shown: Presentation): string[] {
  return shown.options.map((o) => o.key);
}

/** `{type: "string", enum: keys}`: with strict structured outputs the model can only answer a key. */
export function keySchema(shown: Presentation): JsonSchema {
  return { type: "string", enum: presentedKeys(shown) };
}

/** `what` followed by the allowed keys, for the schema description the prompt repeats. */
export function describeKeys(what: string, shown: Presentation): string {
  return `${what}: ${quoteList(presentedKeys(shown))}`;
}

// Quotes, backticks, brackets and trailing punctuation that models put around a choice ("`pos`", "(B)", "B.").
const WRAPPING = /^[\s"'`“”‘’([{<*]+|[\s"'`“”‘’)\]}>*.,;:!]+$/g;

function clean(text: string): string {
  return text.replace(WRAPPING, "").replace(/\s+/g, " ").trim();
}

/** The one option for which `pick` matches, or null when none or several do (never guess between two). */
function unique(shown: Presentation, pick: (o: Presentation["options"][number]) => boolean): string | null {
  const hits = shown.options.filter(pick);
  return hits.length === 1 ? (hits[0]?.value ?? null) : null;
}

/**
 * The option value a model's answer stands for, tried from strictest to loosest: the exact key; the key, value or
 * text ignoring case, wrapping quotes and punctuation; for letters, "B) Negative" or "Option B". Null when nothing
 * matches or a loose rule matches two options.
 */
export function matchOption(raw: unknown, shown: Presentation): string | null {
  if (typeof raw !== "string" && typeof raw !== "number") return null;
  const text = String(raw);
  const exact = shown.options.find((o) => o.key === text);
  if (exact) return exact.value;
  const c = clean(text);
  if (c === "") return null;
  const lower = c.toLowerCase();
  for (const same of [
    (o: Presentation["options"][number]) => o.key === c,
    (o: Presentation["options"][number]) => o.key.toLowerCase() === lower,
    (o: Presentation["options"][number]) => o.value.toLowerCase() === lower,
    (o: Presentation["options"][number]) => clean(o.text).toLowerCase() === lower,
  ]) {
    const v = unique(shown, same);
    if (v !== null) return v;
  }
  if (shown.keys === "letters") {
    // "B) Negative", "B. Negative", "B: Negative", "Option B". Not "A negative review": there "A" is an article.
    const m = /^(?:option\s+)?([A-Z]{1,2})(?:\s*[).:-]|$)/i.exec(c);
    if (m?.[1]) return unique(shown, (o) => o.key === m[1]?.toUpperCase());
  }
  return null;
}

/**
 * A list answer, item by item; null when it is not a list or any item matches no option. A lone string is read as
 * one item if it is one option, else as a comma-separated list ("pos, neg"), since models answer so without a schema.
 */
export function matchOptionList(raw: unknown, shown: Presentation): string[] | null {
  let items: unknown[];
  if (Array.isArray(raw)) items = raw;
  else if (typeof raw === "string") items = matchOption(raw, shown) !== null ? [raw] : raw.split(",").filter((s) => s.trim() !== "");
  else return null;
  const out: string[] = [];
  for (const item of items) {
    const v = matchOption(item, shown);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

/** The shown order of the settings' options, for readers given no presentation (values, settings order). */
export function shownOrDefault(shown: Presentation | null, options: readonly QuestionOption[]): Presentation {
  return shown ?? present(options, "values");
}
