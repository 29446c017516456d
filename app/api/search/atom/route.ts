import { searchHref } from "@/components/search/search-href";
import { getSiteUrl } from "@/lib/config/site";
import { searchPublished } from "@/lib/data/search";
import { FEED_LIMIT, searchHitsToAtom } from "@/lib/search/search-feed";

export const dynamic = "force-dynamic";

/** GET /api/search/atom?<the /soeg parameters>: the newest 50 hits as an Atom feed; without any, the newest decisions. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const outcome = await searchPublished(url.searchParams, {
    pageSize: FEED_LIMIT,
    adjust: (params) => ({ ...params, sort: "nyeste", side: 1 }),
    emptyMeansAll: true,
  });
  if (!outcome.ok) return Response.json({ error: { da: outcome.messageDa, en: outcome.messageEn } }, { status: outcome.status });
  const { params, result } = outcome;
  const atom = searchHitsToAtom({
    hits: result.hits,
    siteUrl: getSiteUrl(),
    pagePath: searchHref(params),
    feedPath: `${url.pathname}${url.search}`,
    title: params.q ? `Referatportalen: ${params.q}` : "Referatportalen: nye beslutninger",
  });
  return new Response(atom, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "no-store" } });
}
