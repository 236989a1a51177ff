// What the last connection test found, as badges: a ✓ or ✗ is always spelled out for screen readers.
import { Check, X } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { ProviderCapabilities } from "@/lib/llm/provider-settings";
import { formatRelative } from "@/lib/ui/dates";

function Capability({ label, supported }: { label: string; supported: boolean }) {
  const Icon = supported ? Check : X;
  return (
    <Badge tone={supported ? "green" : "neutral"} title={`${label}: ${supported ? "supported" : "not supported"}`}>
      {label}
      <Icon aria-hidden className="h-3 w-3" />
      <span className="sr-only">{supported ? "supported" : "not supported"}</span>
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
