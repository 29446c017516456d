import type { MetadataRoute } from "next";
import { getSiteUrl } from "@/lib/config/site";
import { listSitemapEntries } from "@/lib/data/browse";

export const revalidate = 300;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const site = getSiteUrl();
  const entries = await listSitemapEntries();
  return [{ url: `${site}/` }, ...entries.map((e) => ({ url: `${site}${e.url}`, lastModified: e.lastModified }))];
}
