import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/layout/SiteFooter";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { getSiteUrl } from "@/lib/config/site";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(getSiteUrl()),
  title: { default: "Referatportalen – søg i kommunernes udvalgsreferater", template: "%s · Referatportalen" },
  description: "Læs og søg i beslutninger fra danske kommuners udvalgsmøder – på tværs af kommuner.",
  openGraph: { siteName: "Referatportalen", locale: "da_DK", type: "website" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="da">
      <body className="flex min-h-screen flex-col font-sans antialiased">
        <a
          href="#indhold"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-brand-dark"
        >
          Gå til indhold
        </a>
        <SiteHeader />
        <main id="indhold" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
