import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatPercent, uncertaintyLevel, type UncertaintyLevel } from "@/lib/ui/uncertainty";
import { NO_WAY_TO_TELL, signalNextToBadge, type SignalSource } from "@/lib/ui/uncertainty-signal";

const toneOf: Record<UncertaintyLevel, BadgeTone> = { low: "green", medium: "amber", high: "red", none: "neutral" };
const wordOf: Record<UncertaintyLevel, string> = { low: "low", medium: "medium", high: "high", none: NO_WAY_TO_TELL };

/**
 * The uncertainty of a proposal or record: colour and percentage, with the words for screen readers too. Given the
 * proposal (`source`), the tooltip and the accessible name also say which signal the uncertainty came from.
 */
export function UncertaintyBadge({ value, source }: { value: number | null | undefined; source?: SignalSource }) {
  const level = uncertaintyLevel(value);
  const signal = source ? signalNextToBadge(source) : null;
  const summary = level === "none" ? `Uncertainty: ${NO_WAY_TO_TELL}` : `Uncertainty ${formatPercent(value)}, ${wordOf[level]}`;
  return (
    <Badge
      tone={toneOf[level]}
      title={signal ? `${summary}: ${signal}` : summary}
      aria-label={signal ? `${summary}, ${signal}` : summary}
      data-testid="uncertainty-badge"
    >
      <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-current" />
      {level === "none" ? (
        <span className="font-normal">{NO_WAY_TO_TELL}</span>
      ) : (
        <>
          {formatPercent(value)} <span className="font-normal opacity-80">uncertain</span>
        </>
      )}
    </Badge>
  );
}

/** The badge followed by its signal in words, for places with room for one short line (records table, review). */
export function UncertaintyWithSignal({ value, source }: { value: number | null | undefined; source: SignalSource }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
      <UncertaintyBadge value={value} source={source} />
      <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="uncertainty-signal">
        {signalNextToBadge(source)}
      </span>
    </span>
  );
}
