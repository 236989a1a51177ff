/**
 * When two answers agree. The question-type registry has no equality of its own, so values are compared by their
 * canonical JSON (object keys sorted): a label or rating agrees when equal, a ranking when the order is identical.
 * Set-valued answers (multi_label) must reach here in a canonical order: `from-records.ts` canonicalises every value
 * through the registry's own aggregate (see `canonicalValue` there), and the service stores consensus values in that
 * form too.
 */

/** JSON with object keys sorted at every depth, so that equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The key a value is compared and grouped by (a class for macro-F1); null for "no value". */
export function valueKey(value: unknown): string | null {
  return value === null || value === undefined ? null : canonicalJson(value);
}

/** Whether a proposal agrees with a reference; "no value" agrees with nothing. */
export function sameValue(a: unknown, b: unknown): boolean {
  const key = valueKey(a);
  return key !== null && key === valueKey(b);
}
