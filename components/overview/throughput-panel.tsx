"use client";

// Annotators' throughput: submitted responses per day over the last 14 days (stacked by annotator), and each
// annotator's totals in a table.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DatasetOverview } from "@/lib/server/services/overview";
import { axisTick, count, seriesColor, tooltipStyle } from "./chart-theme";
import { EmptyPanel, OverviewSection } from "./section";

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

export function ThroughputPanel({ throughput }: { throughput: DatasetOverview["throughput"] }) {
  const { days, annotators } = throughput;
  const data = days.map((day, i) => ({ day: shortDay(day), ...Object.fromEntries(annotators.map((a) => [a.username, a.perDay[i] ?? 0])) }));
  const recent = (a: (typeof annotators)[number]) => a.perDay.reduce((x, y) => x + y, 0);
  const caption =
    annotators.length === 0
      ? "No submitted responses yet."
      : `Submitted responses, last ${days.length} days (UTC, ${shortDay(days[0]!)} to ${shortDay(days[days.length - 1]!)}): ` +
        annotators.map((a) => `${a.username} ${count(recent(a))} (${count(a.total)} in all)`).join(", ") +
        ".";
  return (
    <OverviewSection title="Annotators' throughput" caption={caption} testId="overview-throughput">
      {annotators.length === 0 ? (
        <EmptyPanel>Throughput appears once annotators submit responses.</EmptyPanel>
      ) : (
        <div className="space-y-4">
          <div className="h-56" aria-hidden>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
                <XAxis dataKey="day" tick={axisTick} stroke="var(--chart-grid)" interval={1} />
                <YAxis tick={axisTick} stroke="var(--chart-grid)" allowDecimals={false} width={40} />
                <Tooltip {...tooltipStyle} />
                <Legend wrapperStyle={{ fontSize: 12, color: "var(--chart-text)" }} />
                {annotators.map((a, i) => (
                  <Bar key={a.username} dataKey={a.username} name={a.username} stackId="day" fill={seriesColor(i)} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="w-full text-sm">
            <caption className="sr-only">Submitted responses per annotator</caption>
            <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 font-medium">Annotator</th>
                <th scope="col" className="py-1 text-right font-medium">Last {days.length} days</th>
                <th scope="col" className="py-1 text-right font-medium">In all</th>
              </tr>
            </thead>
            <tbody>
              {annotators.map((a, i) => (
                <tr key={a.username} className="border-t border-slate-100 dark:border-slate-800" data-testid={`throughput-${a.username}`}>
                  <th scope="row" className="py-1 text-left font-normal">
                    <span aria-hidden className="mr-2 inline-block size-2.5 rounded-sm align-middle" style={{ background: seriesColor(i) }} />
                    {a.name} <span className="text-slate-500 dark:text-slate-400">({a.username})</span>
                  </th>
                  <td className="py-1 text-right tabular-nums">{count(recent(a))}</td>
                  <td className="py-1 text-right tabular-nums">{count(a.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </OverviewSection>
  );
}
