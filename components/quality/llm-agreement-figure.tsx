// "LLM agreement with people" as every tab shows it (Overview, Quality, Agreement, LLM): the same name, the same
// words for what it compares, n and the 95 % interval (lib/quality/llm-agreement.ts has the definition).
import type { Proportion } from "@/lib/quality";
import { LLM_AGREEMENT_DEFINITION, LLM_AGREEMENT_NAME } from "@/lib/quality/llm-agreement";
import { cn } from "@/lib/ui/cn";
import { llmAgreementText } from "./format";

export { LLM_AGREEMENT_DEFINITION, LLM_AGREEMENT_NAME };

/** One question's figure on one line: "LLM agreement with people: 66.7 % (2 of 3 records with a human consensus, …)". */
export function LlmAgreementLine({ figure, label = LLM_AGREEMENT_NAME, testId, className }: { figure: Proportion; label?: string; testId: string; className?: string }) {
  return (
    <p className={cn("text-sm", className)}>
      <span className="font-medium">{label}: </span>
      <span className="tabular-nums text-slate-700 dark:text-slate-300" data-testid={testId}>
        {llmAgreementText(figure)}
      </span>
    </p>
  );
}

/** The definition under a figure, in small print. */
export function LlmAgreementDefinition({ className }: { className?: string }) {
  return <p className={cn("text-xs text-slate-500 dark:text-slate-400", className)}>{LLM_AGREEMENT_DEFINITION}</p>;
}
