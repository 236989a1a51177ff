"use client";

// The first stop of the Tab key on every page: jumps past the top bar and the dataset tabs to the page's <main>.
// Pages render their own <main> (without an id), so the link finds it and moves focus there itself.
import type { MouseEvent } from "react";

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.querySelector("main");
  if (!main) return;
  event.preventDefault();
  if (!main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");
  main.focus();
  main.scrollIntoView({ block: "start" });
}

export function SkipLink() {
  return (
    <a
      href="#main"
      onClick={skipToMain}
      className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow-lg focus:outline-2 focus:outline-brand-500 dark:focus:bg-slate-900 dark:focus:text-blue-300"
    >
      Skip to content
    </a>
  );
}
