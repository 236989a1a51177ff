// The Quality tab's two charts as plain SVG (no charting dependency for two small charts): calibration (agreement
// per uncertainty bin, with Wilson whiskers and n per bin) and the cost–quality frontier (final accuracy against the
// human share, one line per policy). Each is an `img` with a title and a description, and each has a table
// alternative next to it (see quality-view.tsx).
import { useId } from "react";
import type { Calibration, FrontierCurve } from "@/lib/quality";
import { estimatorLabel, pct, policyLabel, policyStyle } from "./format";

const W = 520;
const H = 260;
const M = { top: 14, right: 14, bottom: 48, left: 46 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

function yScale(low: number, high: number) {
  return (v: number) => M.top + PLOT_H - ((v - low) / (high - low)) * PLOT_H;
}

/** Ticks at round percentages: every 20 % on a wide axis, 10 % or 2 % on narrower ones. */
function ticksOf(low: number, high: number): number[] {
  const range = high - low;
  const step = range > 0.5 ? 0.2 : range > 0.15 ? 0.1 : 0.02;
  const out: number[] = [];
  for (let i = Math.ceil(low / step - 1e-9); i * step <= high + 1e-9; i++) out.push(Math.round(i * step * 1000) / 1000);
  return out;
}

function YAxis({ low, high, label }: { low: number; high: number; label: string }) {
  const y = yScale(low, high);
  const ticks = ticksOf(low, high);
  return (
    <g aria-hidden>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="stroke-slate-200 dark:stroke-slate-800" strokeWidth={1} />
          <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="fill-slate-500 text-[10px]">
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      <text transform={`translate(12 ${M.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle" className="fill-slate-600 text-[11px] dark:fill-slate-400">
        {label}
      </text>
    </g>
  );
}

/** Agreement with humans per uncertainty bin: a bar per bin (empty bins drawn as an outline), a whisker for the interval. */
export function CalibrationChart({ calibration, question }: { calibration: Calibration; question: string }) {
  const titleId = useId();
  const descId = useId();
  const y = yScale(0, 1);
  const bins = calibration.bins;
  const slot = PLOT_W / bins.length;
  const filled = bins.filter((b) => b.agreement.n > 0);
  const description =
    filled.length === 0
      ? "No record has an uncertainty under this estimator yet."
      : filled
          .map((b) => `uncertainty ${b.lower.toFixed(1)}–${b.upper.toFixed(1)}: ${pct(b.agreement.value, 0)} of ${b.agreement.n}`)
          .join("; ");
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={`${titleId} ${descId}`} data-testid="calibration-chart">
      <title id={titleId}>{`Calibration of ${question} (${estimatorLabel(calibration.estimator)}): the LLM's agreement with humans per uncertainty bin`}</title>
      <desc id={descId}>{description}</desc>
      <YAxis low={0} high={1} label="agreement with humans" />
      {bins.map((b, i) => {
        const x = M.left + i * slot + slot * 0.15;
        const width = slot * 0.7;
        const cx = x + width / 2;
        const empty = b.agreement.n === 0;
        return (
          <g key={i}>
            {empty ? (
              <rect x={x} y={M.top} width={width} height={PLOT_H} className="fill-none stroke-slate-200 dark:stroke-slate-800" strokeDasharray="3 3" />
            ) : (
              <rect x={x} y={y(b.agreement.value!)} width={width} height={y(0) - y(b.agreement.value!)} className="fill-blue-500/70 dark:fill-blue-400/60" />
            )}
            {!empty && <circle cx={cx} cy={y(b.agreement.value!)} r={3} className="fill-blue-700 dark:fill-blue-300" />}
            {b.agreement.interval && (
              <g className="stroke-slate-800 dark:stroke-slate-200" strokeWidth={1.5}>
                <line x1={cx} x2={cx} y1={y(b.agreement.interval.low)} y2={y(b.agreement.interval.high)} />
                <line x1={cx - 5} x2={cx + 5} y1={y(b.agreement.interval.low)} y2={y(b.agreement.interval.low)} />
                <line x1={cx - 5} x2={cx + 5} y1={y(b.agreement.interval.high)} y2={y(b.agreement.interval.high)} />
              </g>
            )}
            <text x={cx} y={H - M.bottom + 13} textAnchor="middle" className="fill-slate-500 text-[10px]">
              {b.lower.toFixed(1)}
            </text>
            <text x={cx} y={H - M.bottom + 26} textAnchor="middle" className={empty ? "fill-slate-400 text-[10px]" : "fill-slate-700 text-[10px] dark:fill-slate-300"}>
              {empty ? "–" : `n=${b.agreement.n}`}
            </text>
          </g>
        );
      })}
      <text x={M.left + PLOT_W / 2} y={H - 6} textAnchor="middle" className="fill-slate-600 text-[11px] dark:fill-slate-400">
        uncertainty (bin lower bound; n = records)
      </text>
    </svg>
  );
}

/** Final accuracy against the human share, one line per policy; the y axis starts at the lowest accuracy, rounded down. */
export function FrontierChart({ curves, question }: { curves: FrontierCurve[]; question: string }) {
  const titleId = useId();
  const descId = useId();
  const values = curves.flatMap((c) => c.points.flatMap((p) => (p.accuracy.value === null ? [] : [p.accuracy.value])));
  const low = values.length === 0 ? 0 : Math.max(0, Math.floor(Math.min(...values) * 10 - 1e-9) / 10);
  const safeLow = low >= 1 ? 0.9 : low;
  const y = yScale(safeLow, 1);
  const x = (share: number) => M.left + share * PLOT_W;
  const description = curves
    .map((c) => `${policyLabel(c.policy)}: ${c.points.map((p) => `${Math.round(p.share * 100)}% → ${pct(p.accuracy.value)}`).join(", ")}`)
    .join(". ");
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={`${titleId} ${descId}`} data-testid="frontier-chart">
        <title id={titleId}>{`Cost–quality frontier of ${question}: final accuracy by share of records sent to humans`}</title>
        <desc id={descId}>{description}</desc>
        <YAxis low={safeLow} high={1} label="final accuracy" />
        <g aria-hidden>
          {[0, 0.2, 0.4, 0.6, 0.8, 1].map((s) => (
            <text key={s} x={x(s)} y={H - M.bottom + 14} textAnchor="middle" className="fill-slate-500 text-[10px]">
              {Math.round(s * 100)}%
            </text>
          ))}
          <text x={M.left + PLOT_W / 2} y={H - 14} textAnchor="middle" className="fill-slate-600 text-[11px] dark:fill-slate-400">
            records sent to humans
          </text>
        </g>
        {curves.map((c, index) => {
          const style = policyStyle(c.policy);
          const points = c.points.filter((p) => p.accuracy.value !== null);
          // Earlier curves are drawn wider, underneath: where two policies coincide both stay visible.
          const width = 2 + (curves.length - 1 - index) * 1.75;
          return (
            <g key={c.policy.name} aria-hidden>
              <polyline
                points={points.map((p) => `${x(p.share)},${y(p.accuracy.value!)}`).join(" ")}
                fill="none"
                stroke={style.color}
                strokeWidth={width}
                strokeLinejoin="round"
                strokeDasharray={style.dash}
              />
              {points.map((p) => (
                <circle key={p.share} cx={x(p.share)} cy={y(p.accuracy.value!)} r={1.5 + width / 2} fill={style.color} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        {curves.map((c) => {
          const style = policyStyle(c.policy);
          return (
            <span key={c.policy.name} className="flex items-center gap-1.5">
              <svg width="22" height="8" aria-hidden>
                <line x1="0" x2="22" y1="4" y2="4" stroke={style.color} strokeWidth={2} strokeDasharray={style.dash} />
              </svg>
              {policyLabel(c.policy)}
            </span>
          );
        })}
        {coinciding(curves).map((names) => (
          <span key={names.join()} className="text-slate-500">
            ({names.join(" and ")} coincide: the lines overlap.)
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Groups of policies whose curves are identical point for point (drawn on top of each other). */
function coinciding(curves: FrontierCurve[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const c of curves) {
    const key = c.points.map((p) => `${p.accuracy.successes}/${p.accuracy.n}`).join(",");
    groups.set(key, [...(groups.get(key) ?? []), policyLabel(c.policy)]);
  }
  return [...groups.values()].filter((names) => names.length > 1);
}
