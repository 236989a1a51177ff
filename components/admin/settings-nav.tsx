"use client";

// The workspace settings' pages, shown beside each of them.
import { Bot, ScrollText, Users } from "lucide-react";
import { SectionNav } from "./section-nav";

export function SettingsNav({ workspace }: { workspace: string }) {
  const base = `/w/${workspace}/settings`;
  return (
    <SectionNav
      label="Workspace settings pages"
      className="md:flex-col"
      pages={[
        { href: `${base}/members`, label: "Members", icon: Users },
        { href: `${base}/audit`, label: "Audit log", icon: ScrollText },
        { href: `${base}/llm-providers`, label: "LLM providers", icon: Bot },
      ]}
    />
  );
}
