// One theme-aware palette for the Overview's charts. Recharts draws SVG with the colours it is given, so the colours
// are CSS custom properties set on the chart's wrapper (light values, overridden under `.dark`), and the series refer
// to them with `var(...)`: the same chart reads well in both themes without re-rendering on a theme switch.
import type { Decision } from "@/lib/server/services/overview";

export const CHART_THEME_CLASS = [
  "[--chart-auto:#059669] dark:[--chart-auto:#34d399]",
  "[--chart-human:#2563eb] dark:[--chart-human:#60a5fa]",
  "[--chart-waiting:#93c5fd] dark:[--chart-waiting:#1e40af]",
  "[--chart-audit:#d97706] dark:[--chart-audit:#fbbf24]",
  "[--chart-pending:#94a3b8] dark:[--chart-pending:#475569]",
  "[--chart-s1:#2563eb] dark:[--chart-s1:#60a5fa]",
  "[--chart-s2:#db2777] dark:[--chart-s2:#f472b6]",
  "[--chart-s3:#059669] dark:[--chart-s3:#34d399]",
  "[--chart-s4:#d97706] dark:[--chart-s4:#fbbf24]",
  "[--chart-s5:#7c3aed] dark:[--chart-s5:#a78bfa]",
  "[--chart-s6:#0891b2] dark:[--chart-s6:#22d3ee]",
  "[--chart-text:#475569] dark:[--chart-text:#94a3b8]",
  "[--chart-grid:#e2e8f0] dark:[--chart-grid:#1e293b]",
  "[--chart-tooltip-bg:#ffffff] dark:[--chart-tooltip-bg:#0f172a]",
  "[--chart-tooltip-border:#cbd5e1] dark:[--chart-tooltip-border:#334155]",
].join(" ");

export const DECISION_COLOR: Record<Decision, string> = {
  auto: "var(--chart-auto)",
  human: "var(--chart-human)",
  audit: "var(--chart-audit)",
  pending: "var(--chart-pending)",
};

export const DECISION_LABEL: Record<Decision, string> = {
  auto: "Auto-accepted",
  human: "To humans",
  audit: "Audit",
  pending: "Pending",
};

/** Colours for series that have no meaning of their own (annotators), in turn. */
export function seriesColor(index: number): string {
  return `var(--chart-s${(index % 6) + 1})`;
}

export const axisTick = { fill: "var(--chart-text)", fontSize: 11 };

export const tooltipStyle = {
  contentStyle: {
    background: "var(--chart-tooltip-bg)",
    border: "1px solid var(--chart-tooltip-border)",
    borderRadius: 6,
    fontSize: 12,
  },
  labelStyle: { color: "var(--chart-text)" },
  cursor: { fill: "var(--chart-grid)", fillOpacity: 0.5 },
};

export const count = (n: number): string => n.toLocaleString("en-US");
