import { escapeHtml } from "@/lib/search/escape-html";
import type { SitemapEntry, SitemapFile } from "./sitemap-files";

const NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

function lastmod(date: Date | undefined): string {
  return date ? `<lastmod>${date.toISOString()}</lastmod>` : "";
}

/** The sitemap index (sitemaps.org protocol): one `<sitemap>` per file, at `/sitemaps/<name>.xml`. */
export function sitemapIndexXml(siteUrl: string, files: readonly SitemapFile[]): string {
  const body = files.map((file) => `<sitemap><loc>${escapeHtml(`${siteUrl}/sitemaps/${file.name}.xml`)}</loc>${lastmod(file.lastModified)}</sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${NAMESPACE}">\n${body.join("\n")}\n</sitemapindex>\n`;
}

/** One sitemap file: a `<url>` per page under `siteUrl`. */
export function sitemapXml(siteUrl: string, entries: readonly SitemapEntry[]): string {
  const body = entries.map((entry) => `<url><loc>${escapeHtml(`${siteUrl}${entry.url}`)}</loc>${lastmod(entry.lastModified)}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NAMESPACE}">\n${body.join("\n")}\n</urlset>\n`;
}
