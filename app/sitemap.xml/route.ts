import { getSiteUrl } from "@/lib/config/site";
import { listSitemapFiles } from "@/lib/data/sitemap-files";
import { sitemapIndexXml } from "@/lib/data/sitemap-xml";

export const dynamic = "force-dynamic";

/** GET /sitemap.xml: the sitemap index; the pages are in /sitemaps/<name>.xml. */
export async function GET(): Promise<Response> {
  const xml = sitemapIndexXml(getSiteUrl(), await listSitemapFiles());
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
