// Formatting shared by the Quality tab's parts.
import type { Proportion } from "@/lib/quality";
import { LLM_AGREEMENT_UNIT } from "@/lib/quality/llm-agreement";
import { methodLabel } from "@/lib/ui/uncertainty-signal";

export const pct = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined ? "–" : `${(x * 100).toFixed(digits)} %`;

export const num = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined ? "–" : x.toFixed(digits));

/** "72.0 % (95 % CI 60.1–82.3 %, n = 40)"; "no data" when n = 0. */
export function proportionText(p: Proportion): string {
  if (p.n === 0 || p.value === null) return "no data (n = 0)";
  const ci = p.interval ? `, 95 % CI ${pct(p.interval.low)}–${pct(p.interval.high)}` : "";
  return `${pct(p.value)} (${p.successes} of ${p.n}${ci})`;
}

/** The same words as the Routing tab's choice of method, so a curve and the setting it stands for read alike. */
export const estimatorLabel = (estimator: string): string => methodLabel(estimator);

export function policyLabel(policy: { kind: string; estimator: string }): string {
  return policy.kind === "random" ? "Random (baseline)" : estimatorLabel(policy.estimator);
}

/** Line colour and dash per policy: estimators in distinct hues, the random baseline grey and dashed. */
export function policyStyle(policy: { kind: string; estimator: string }): { color: string; dash?: string } {
  if (policy.kind === "random") return { color: "#64748b", dash: "5 4" };
  return { color: { auto: "#ea580c", vote_entropy: "#2563eb", self_eval: "#059669", logprob: "#9333ea" }[policy.estimator] ?? "#0891b2" };
}

/**
 * "LLM agreement with people" in the same words on every tab (lib/quality/llm-agreement.ts):
 * "66.7 % (2 of 3 records with a human consensus, 95 % CI 20.8–93.9 %)"; says so when there is none yet.
 */
export function llmAgreementText(p: Proportion): string {
  if (p.n === 0 || p.value === null) return llmAgreementDetail(p);
  return `${pct(p.value)} (${llmAgreementDetail(p)})`;
}

/** The same without the share, under a figure that shows it large: "2 of 3 records with a human consensus, 95 % CI …". */
export function llmAgreementDetail(p: Proportion): string {
  if (p.n === 0 || p.value === null) return `no ${LLM_AGREEMENT_UNIT} yet`;
  const ci = p.interval ? `, 95 % CI ${pct(p.interval.low)}–${pct(p.interval.high)}` : "";
  return `${p.successes} of ${p.n} ${LLM_AGREEMENT_UNIT}${ci}`;
}
