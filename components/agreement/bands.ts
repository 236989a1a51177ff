// The usual reading of kappa and alpha (Landis & Koch's bands, merged as most annotation guides do), with a cell
// colour per band for the pairwise matrix. A guide for reading the numbers, not a verdict on the annotators.

export interface Band {
  /** "weak", "moderate"... */
  name: string;
  /** The name with its range, for the legend. */
  label: string;
  /** Background and text for a matrix cell, in light and dark mode. */
  className: string;
}

export const BANDS: readonly (Band & { below: number })[] = [
  { below: 0, name: "below chance", label: "below chance (< 0)", className: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
  { below: 0.4, name: "weak", label: "weak (< 0.4)", className: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200" },
  { below: 0.6, name: "moderate", label: "moderate (0.4–0.6)", className: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100" },
  { below: 0.8, name: "substantial", label: "substantial (0.6–0.8)", className: "bg-lime-100 text-lime-900 dark:bg-lime-900/50 dark:text-lime-100" },
  { below: Infinity, name: "strong", label: "strong (> 0.8)", className: "bg-emerald-200 text-emerald-950 dark:bg-emerald-800 dark:text-emerald-50" },
];

const UNDEFINED_BAND: Band = { name: "undefined", label: "undefined", className: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300" };

export function bandOf(value: number | null): Band {
  if (value === null) return UNDEFINED_BAND;
  return BANDS.find((band) => value < band.below) ?? BANDS[BANDS.length - 1]!;
}

export function msText(ms: number | null): string {
  if (ms === null) return "–";
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
}
