"use client";

// The Overview tab: the dataset's panels in a grid. The numbers are the API's (GET .../overview), read by the page.
import type { DatasetOverview } from "@/lib/server/services/overview";
import { CHART_THEME_CLASS } from "./chart-theme";
import { CostPanel } from "./cost-panel";
import { LlmAgreementPanel } from "./llm-agreement-panel";
import { ProgressPanel } from "./progress-panel";
import { ThroughputPanel } from "./throughput-panel";
import { UncertaintyPanel } from "./uncertainty-panel";

export function OverviewView({ overview }: { overview: DatasetOverview }) {
  return (
    <div className={`space-y-6 ${CHART_THEME_CLASS}`}>
      <ProgressPanel progress={overview.progress} />
      <div className="grid gap-6 lg:grid-cols-2">
        <UncertaintyPanel uncertainty={overview.uncertainty} />
        <LlmAgreementPanel questions={overview.llmAgreement} />
        <ThroughputPanel throughput={overview.throughput} />
        <CostPanel cost={overview.cost} />
      </div>
    </div>
  );
}
