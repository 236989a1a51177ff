import type { Metadata } from "next";
import { headers } from "next/headers";
import localFont from "next/font/local";
import { Providers } from "@/components/providers/providers";
import { SkipLink } from "@/components/shell/skip-link";
import "./globals.css";

// Self-hosted from npm: fetching Google Fonts at build time fails offline.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Sift", template: "%s · Sift" },
  description: "LLMs and people annotate datasets together.",
};

// Applies the saved theme before the first paint, so a dark-mode user never sees a white flash.
const themeScript = `try{var t=localStorage.getItem("sift-theme");var d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d)}catch(e){}`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts's per-request nonce: the page's Content-Security-Policy runs only scripts that carry it. Reading the
  // request's headers also renders every page per request, which a nonce needs.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={inter.variable} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen font-sans">
        <SkipLink />
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
