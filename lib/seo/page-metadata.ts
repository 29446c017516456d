import type { Metadata } from "next";

/**
 * Title, description, canonical URL and Open Graph tags for one page; `feed` is the path of an
 * Atom feed that follows the page's decisions, announced for feed readers.
 */
export function pageMetadata({ title, description, path, feed }: { title: string; description: string; path: string; feed?: string }): Metadata {
  return {
    title,
    description,
    alternates: { canonical: path, ...(feed ? { types: { "application/atom+xml": feed } } : {}) },
    openGraph: { title, description, url: path, siteName: "Referatportalen", locale: "da_DK", type: "article" },
  };
}
