"use client";

// Progress by routing decision: one stacked bar of all records, and the same counts as a list beside it.
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { OverviewProgress } from "@/lib/server/services/overview";
import { axisTick, count, tooltipStyle } from "./chart-theme";
import { EmptyPanel, OverviewSection } from "./section";

const PARTS = [
  { key: "auto", label: "Auto-accepted", color: "var(--chart-auto)" },
  { key: "humanDone", label: "To humans, done", color: "var(--chart-human)" },
  { key: "humanWaiting", label: "To humans, waiting", color: "var(--chart-waiting)" },
  { key: "audit", label: "Audit", color: "var(--chart-audit)" },
  { key: "pending", label: "Pending", color: "var(--chart-pending)" },
] as const;

const share = (part: number, total: number) => (total === 0 ? "0 %" : `${((part / total) * 100).toFixed(1)} %`);

export function ProgressPanel({ progress }: { progress: OverviewProgress }) {
  const caption =
    progress.total === 0
      ? "No records yet."
      : `${count(progress.total)} records: ` +
        PARTS.map((p) => `${p.label.toLowerCase()} ${count(progress[p.key])} (${share(progress[p.key], progress.total)})`).join(", ") +
        "." +
        (progress.audit > 0 ? ` ${count(progress.auditDone)} of the ${count(progress.audit)} audit records are checked.` : "");
  return (
    <OverviewSection title="Progress by routing decision" caption={caption} testId="overview-progress">
      {progress.total === 0 ? (
        <EmptyPanel>Import records to see how they are routed.</EmptyPanel>
      ) : (
        <div className="grid items-center gap-4 md:grid-cols-[1fr_16rem]">
          <div className="h-24" aria-hidden>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={[{ name: "Records", ...progress }]} layout="vertical" margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                <XAxis type="number" domain={[0, progress.total]} tick={axisTick} stroke="var(--chart-grid)" allowDecimals={false} />
                <YAxis type="category" dataKey="name" hide />
                <Tooltip {...tooltipStyle} />
                {PARTS.map((p) => (
                  <Bar key={p.key} dataKey={p.key} name={p.label} stackId="progress" fill={p.color} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <dl className="grid grid-cols-[auto_1fr_auto] items-center gap-x-2 gap-y-1 text-sm">
            {PARTS.map((p) => (
              <div key={p.key} className="contents">
                <span aria-hidden className="size-3 rounded-sm" style={{ background: p.color }} />
                <dt className="text-slate-600 dark:text-slate-400">{p.label}</dt>
                <dd className="text-right font-medium tabular-nums" data-testid={`progress-${p.key}`}>
                  {count(progress[p.key])}
                </dd>
              </div>
            ))}
            <div className="contents">
              <span />
              <dt className="border-t border-slate-200 pt-1 font-medium dark:border-slate-800">Total</dt>
              <dd className="border-t border-slate-200 pt-1 text-right font-semibold tabular-nums dark:border-slate-800">{count(progress.total)}</dd>
            </div>
          </dl>
        </div>
      )}
    </OverviewSection>
  );
}
