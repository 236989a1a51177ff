import { Flag, Users, Bot } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { REASON_LABELS, type ReviewReason } from "@/components/review/api";

const TONES: Record<ReviewReason, BadgeTone> = { human_disagreement: "amber", llm_disagreement: "violet", flagged: "red" };
const ICONS = { human_disagreement: Users, llm_disagreement: Bot, flagged: Flag } as const;

/** Why a record is in the review queue, one badge per reason. */
export function ReasonBadges({ reasons }: { reasons: readonly ReviewReason[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {reasons.map((reason) => {
        const Icon = ICONS[reason];
        return (
          <Badge key={reason} tone={TONES[reason]} data-testid={`reason-${reason}`}>
            <Icon aria-hidden className="h-3 w-3" />
            {REASON_LABELS[reason]}
          </Badge>
        );
      })}
    </span>
  );
}
