"use client";

// "LLM agreement with people" per question (lib/quality/llm-agreement.ts, the same figure and words as the Quality,
// Agreement and LLM tabs): a bar per question with the share, and the share with n and its Wilson interval as text.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { llmAgreementText } from "@/components/quality/format";
import { LLM_AGREEMENT_DEFINITION, LLM_AGREEMENT_NAME } from "@/components/quality/llm-agreement-figure";
import type { LlmAgreement } from "@/lib/server/services/overview";
import { axisTick, tooltipStyle } from "./chart-theme";
import { EmptyPanel, OverviewSection } from "./section";

export function LlmAgreementPanel({ questions }: { questions: LlmAgreement[] }) {
  const measured = questions.filter((q) => q.accuracy.n > 0);
  const data = measured.map((q) => ({ title: q.title, agreement: Math.round((q.accuracy.value ?? 0) * 1000) / 10 }));
  const caption =
    measured.length === 0
      ? `${LLM_AGREEMENT_DEFINITION} No record has both an LLM proposal and a human consensus yet.`
      : `${LLM_AGREEMENT_DEFINITION} ` + measured.map((q) => `${q.title}: ${llmAgreementText(q.accuracy)}`).join("; ") + ".";
  return (
    <OverviewSection title={LLM_AGREEMENT_NAME} caption={caption} testId="overview-llm-agreement">
      {measured.length === 0 ? (
        <EmptyPanel>
          {questions.length === 0 ? "This dataset has no question whose answers can be compared." : "It appears once people reach a consensus on records that have proposals (every required answer submitted, without a tie, or a curator's ruling)."}
        </EmptyPanel>
      ) : (
        <div className="space-y-3">
          <div style={{ height: 40 + 36 * data.length }} aria-hidden>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
                <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
                <XAxis type="number" domain={[0, 100]} tick={axisTick} stroke="var(--chart-grid)" unit="%" />
                <YAxis type="category" dataKey="title" tick={axisTick} stroke="var(--chart-grid)" width={110} />
                <Tooltip {...tooltipStyle} formatter={(v) => [`${String(v)} %`, "Agreement"]} />
                <Bar dataKey="agreement" name="Agreement" fill="var(--chart-human)" isAnimationActive={false} barSize={18} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ul className="space-y-1 text-sm">
            {questions.map((q) => (
              <li key={q.name} className="flex flex-wrap justify-between gap-x-4">
                <span className="font-medium">{q.title}</span>
                <span className="tabular-nums text-slate-600 dark:text-slate-400" data-testid={`llm-agreement-${q.name}`}>
                  {llmAgreementText(q.accuracy)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </OverviewSection>
  );
}
