"use client";

// The uncertainty histogram: 20 bins over 0..1, each bar stacked by the records' routing decision.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Decision, DatasetOverview } from "@/lib/server/services/overview";
import { axisTick, count, DECISION_COLOR, DECISION_LABEL, tooltipStyle } from "./chart-theme";
import { EmptyPanel, OverviewSection } from "./section";

const DECISIONS: Decision[] = ["auto", "audit", "human", "pending"];

export function UncertaintyPanel({ uncertainty }: { uncertainty: DatasetOverview["uncertainty"] }) {
  const data = uncertainty.bins.map((bin) => ({ ...bin, label: `${bin.lower.toFixed(2)}–${bin.upper.toFixed(2)}` }));
  const filled = data.filter((bin) => DECISIONS.some((d) => bin[d] > 0));
  const caption =
    filled.length === 0
      ? `No record has an uncertainty yet${uncertainty.withoutUncertainty > 0 ? ` (${count(uncertainty.withoutUncertainty)} without one)` : ""}.`
      : "Records per uncertainty bin: " +
        filled
          .map((bin) => `${bin.label}: ${DECISIONS.filter((d) => bin[d] > 0).map((d) => `${count(bin[d])} ${DECISION_LABEL[d].toLowerCase()}`).join(", ")}`)
          .join("; ") +
        `. ${count(uncertainty.withoutUncertainty)} records have no uncertainty yet.`;
  return (
    <OverviewSection title="Uncertainty of the LLMs' proposals" caption={caption} testId="overview-uncertainty">
      {filled.length === 0 ? (
        <EmptyPanel>Uncertainty appears once the records have suggestions from LLMs.</EmptyPanel>
      ) : (
        <div className="h-64" aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
              <XAxis dataKey="lower" tick={axisTick} stroke="var(--chart-grid)" tickFormatter={(v: number) => v.toFixed(1)} interval={3} />
              <YAxis tick={axisTick} stroke="var(--chart-grid)" allowDecimals={false} width={48} />
              <Tooltip {...tooltipStyle} labelFormatter={(_, payload) => `Uncertainty ${payload?.[0]?.payload?.label ?? ""}`} />
              <Legend wrapperStyle={{ fontSize: 12, color: "var(--chart-text)" }} />
              {DECISIONS.map((d) => (
                <Bar key={d} dataKey={d} name={DECISION_LABEL[d]} stackId="decision" fill={DECISION_COLOR[d]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </OverviewSection>
  );
}
