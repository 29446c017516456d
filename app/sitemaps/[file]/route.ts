import { getSiteUrl } from "@/lib/config/site";
import { sitemapFileEntries } from "@/lib/data/sitemap-files";
import { sitemapXml } from "@/lib/data/sitemap-xml";

export const dynamic = "force-dynamic";

/** GET /sitemaps/<name>.xml: one file of the sitemap index (see lib/data/sitemap-files.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const entries = file.endsWith(".xml") ? await sitemapFileEntries(file.slice(0, -".xml".length)) : null;
  if (!entries) return new Response("Sitemap-filen findes ikke.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(sitemapXml(getSiteUrl(), entries), { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
