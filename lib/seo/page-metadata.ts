import type { Metadata } from "next";

/** Title, description, canonical URL and Open Graph tags for one page. */
export function pageMetadata({ title, description, path }: { title: string; description: string; path: string }): Metadata {
  return {
    title,
    description,
    alternates: { canonical: path },
    openGraph: { title, description, url: path, siteName: "Referatportalen", locale: "da_DK", type: "article" },
  };
}
