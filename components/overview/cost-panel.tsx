"use client";

// The LLM cost so far: totals, and per model its cost, tokens and suggestions (a bar per model and the table).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DatasetOverview } from "@/lib/server/services/overview";
import { axisTick, count, seriesColor, tooltipStyle } from "./chart-theme";
import { EmptyPanel, OverviewSection } from "./section";

export const usd = (x: number): string => `$${x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: x < 1 ? 4 : 2 })}`;

export function CostPanel({ cost }: { cost: DatasetOverview["cost"] }) {
  const caption =
    cost.suggestions === 0
      ? "No LLM suggestions yet."
      : `${usd(cost.costUsd)} for ${count(cost.suggestions)} suggestions (${count(cost.inputTokens)} input and ${count(cost.outputTokens)} output tokens). ` +
        cost.byModel.map((m) => `${m.model}: ${usd(m.costUsd)}, ${count(m.suggestions)} suggestions`).join("; ") +
        ".";
  return (
    <OverviewSection title="LLM cost so far" caption={caption} testId="overview-cost">
      {cost.suggestions === 0 ? (
        <EmptyPanel>Costs appear once LLMs have made suggestions (run them from the LLM tab).</EmptyPanel>
      ) : (
        <div className="space-y-4">
          <dl className="grid grid-cols-3 gap-3 text-center">
            {[
              ["Cost", usd(cost.costUsd)],
              ["Input tokens", count(cost.inputTokens)],
              ["Output tokens", count(cost.outputTokens)],
            ].map(([label, value]) => (
              <div key={label} className="rounded-md bg-slate-50 px-2 py-2 dark:bg-slate-950">
                <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
                <dd className="text-lg font-semibold tabular-nums" data-testid={`cost-${label!.toLowerCase().replace(" ", "-")}`}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
          {cost.costUsd > 0 && (
            <div style={{ height: 40 + 32 * cost.byModel.length }} aria-hidden>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={cost.byModel} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
                  <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
                  <XAxis type="number" tick={axisTick} stroke="var(--chart-grid)" tickFormatter={(v: number) => usd(v)} />
                  <YAxis type="category" dataKey="model" tick={axisTick} stroke="var(--chart-grid)" width={120} />
                  <Tooltip {...tooltipStyle} formatter={(v) => [usd(Number(v)), "Cost"]} />
                  <Bar dataKey="costUsd" name="Cost" fill={seriesColor(4)} isAnimationActive={false} barSize={16} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
          <table className="w-full text-sm">
            <caption className="sr-only">Cost and tokens by model</caption>
            <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 font-medium">Model</th>
                <th scope="col" className="py-1 text-right font-medium">Suggestions</th>
                <th scope="col" className="py-1 text-right font-medium">Tokens in / out</th>
                <th scope="col" className="py-1 text-right font-medium">Cost</th>
              </tr>
            </thead>
            <tbody>
              {cost.byModel.map((m) => (
                <tr key={m.model} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-1 text-left font-normal">{m.model}</th>
                  <td className="py-1 text-right tabular-nums">{count(m.suggestions)}</td>
                  <td className="py-1 text-right tabular-nums">
                    {count(m.inputTokens)} / {count(m.outputTokens)}
                  </td>
                  <td className="py-1 text-right tabular-nums">{usd(m.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </OverviewSection>
  );
}
