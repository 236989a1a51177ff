// Cohen's kappa for every pair of annotators as an annotator × annotator table: the value, its band as the cell's
// colour, and n (the records both answered) in each cell; an empty cell where a pair shares no record.
import type { RaterPairKappa } from "@/lib/quality/agreement";
import { cn } from "@/lib/ui/cn";
import { bandOf, BANDS } from "./bands";

export function KappaMatrix({ pairs, annotators, question }: { pairs: RaterPairKappa[]; annotators: string[]; question: string }) {
  const pairOf = new Map(pairs.map((p) => [JSON.stringify([p.raterA, p.raterB]), p]));
  const find = (a: string, b: string) => pairOf.get(JSON.stringify(a < b ? [a, b] : [b, a]));
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="border-separate border-spacing-1 text-xs" data-testid={`kappa-matrix-${question}`}>
          <caption className="sr-only">Cohen&apos;s kappa between each pair of annotators on {question}, with the records they both answered</caption>
          <thead>
            <tr>
              <td />
              {annotators.map((a) => (
                <th key={a} scope="col" className="px-2 py-1 text-left font-medium text-slate-600 dark:text-slate-400">
                  {a}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {annotators.map((row) => (
              <tr key={row}>
                <th scope="row" className="px-2 py-1 text-left font-medium text-slate-600 dark:text-slate-400">
                  {row}
                </th>
                {annotators.map((column) => {
                  if (row === column)
                    return (
                      <td key={column} className="min-w-20 rounded px-2 py-1.5 text-center text-slate-400 dark:text-slate-600">
                        <span aria-label="same annotator">·</span>
                      </td>
                    );
                  const pair = find(row, column);
                  if (!pair)
                    return (
                      <td key={column} className="min-w-20 rounded border border-dashed border-slate-200 px-2 py-1.5 dark:border-slate-800">
                        <span className="sr-only">no shared records</span>
                      </td>
                    );
                  return (
                    <td key={column} className={cn("min-w-20 rounded px-2 py-1.5 text-center tabular-nums", bandOf(pair.kappa).className)}>
                      <div className="font-semibold">{pair.kappa === null ? "undef." : pair.kappa.toFixed(2)}</div>
                      <div className="opacity-80">n = {pair.n}</div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400" aria-label="Colour scale">
        {BANDS.map((band) => (
          <li key={band.label} className="flex items-center gap-1">
            <span aria-hidden className={cn("inline-block size-3 rounded-sm", band.className)} />
            {band.label}
          </li>
        ))}
        <li className="flex items-center gap-1">
          <span aria-hidden className="inline-block size-3 rounded-sm border border-dashed border-slate-300 dark:border-slate-700" />
          no shared records
        </li>
      </ul>
    </div>
  );
}
