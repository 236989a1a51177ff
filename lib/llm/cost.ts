/**
 * The cost of one call in USD from its token counts and the provider's prices per million tokens.
 * Computed in exact decimal (BigInt) and rounded half up to 6 places (one micro-dollar), because float
 * arithmetic turns e.g. 10 tokens × $2.05/M into 20.499999… micro-dollars and rounds the wrong way.
 */

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Prices in USD per million tokens, as numbers or decimal strings (e.g. from a Decimal column). */
export interface TokenPrices {
  inputPerMillion: number | string;
  outputPerMillion: number | string;
}

// Prices are held to 12 decimals: far below a micro-dollar per token, so the rounding below is the only one.
const SCALE_DIGITS = 12;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

/** A non-negative decimal as an integer count of 10^-12. Throws on anything else: a price is configuration. */
function scaled(price: number | string, what: string): bigint {
  const text = typeof price === "number" ? (Number.isFinite(price) ? price.toFixed(SCALE_DIGITS) : "") : price.trim();
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) throw new RangeError(`${what} must be a non-negative decimal number, got ${JSON.stringify(price)}`);
  const frac = (m[2] ?? "").slice(0, SCALE_DIGITS).padEnd(SCALE_DIGITS, "0");
  return BigInt(m[1] ?? "0") * SCALE + BigInt(frac);
}

function tokens(n: number, what: string): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
  return BigInt(n);
}

/** USD, rounded half up to 6 decimal places. Prices per million tokens × tokens is exactly micro-dollars. */
export function costUsd(usage: TokenUsage, prices: TokenPrices): number {
  const total =
    tokens(usage.inputTokens, "inputTokens") * scaled(prices.inputPerMillion, "inputPerMillion") +
    tokens(usage.outputTokens, "outputTokens") * scaled(prices.outputPerMillion, "outputPerMillion");
  const micro = (total + SCALE / 2n) / SCALE;
  return Number(micro) / 1e6;
}
