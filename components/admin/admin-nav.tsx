"use client";

// The instance administration's pages.
import { Building2, Users } from "lucide-react";
import { SectionNav } from "./section-nav";

export function AdminNav() {
  return (
    <SectionNav
      label="Administration pages"
      pages={[
        { href: "/admin/users", label: "Users", icon: Users },
        { href: "/admin/workspaces", label: "Workspaces", icon: Building2 },
      ]}
    />
  );
}
