// What the last connection test found, as badges: a ✓ or ✗ is always spelled out for screen readers.
import { Check, HelpCircle, X } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { ProviderCapabilities } from "@/lib/llm/provider-settings";
import { formatRelative } from "@/lib/ui/dates";

/** `supported` null: the test did not get as far as asking (the endpoint failed first), so nothing is claimed. */
function Capability({ label, supported }: { label: string; supported: boolean | null }) {
  const Icon = supported === null ? HelpCircle : supported ? Check : X;
  const said = supported === null ? "not tested" : supported ? "supported" : "not supported";
  return (
    <Badge tone={supported ? "green" : "neutral"} title={`${label}: ${said}`}>
      {label}
      <Icon aria-hidden className="h-3 w-3" />
      <span className={supported === null ? "text-xs" : "sr-only"}>{supported === null ? "not tested" : said}</span>
    </Badge>
  );
}

export function CapabilityBadges({ capabilities }: { capabilities: ProviderCapabilities | null }) {
  if (!capabilities) {
    return (
      <div className="flex flex-wrap items-center gap-1.5" data-testid="capabilities">
        <Badge tone="amber">Not tested</Badge>
      </div>
    );
  }
  const testedAt = new Date(capabilities.testedAt);
  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="capabilities">
      {capabilities.reachable && !capabilities.error ? <Badge tone="green">Connected</Badge> : <Badge tone="red">{capabilities.reachable ? "Error" : "Unreachable"}</Badge>}
      <Capability label="JSON schema" supported={capabilities.jsonSchema} />
      <Capability label="Logprobs" supported={capabilities.logprobs} />
      <span className="text-xs text-slate-500 dark:text-slate-400">
        tested <time dateTime={capabilities.testedAt} title={testedAt.toLocaleString()}>{formatRelative(testedAt)}</time>
      </span>
    </div>
  );
}
