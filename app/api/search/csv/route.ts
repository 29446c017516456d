import { getSiteUrl } from "@/lib/config/site";
import { searchPublished } from "@/lib/data/search";
import { CSV_EXPORT_LIMIT, searchHitsToCsv } from "@/lib/search/search-csv";

export const dynamic = "force-dynamic";

/** GET /api/search/csv?<the /soeg parameters>: the first 2,000 hits as a CSV file. */
export async function GET(request: Request): Promise<Response> {
  const outcome = await searchPublished(new URL(request.url).searchParams, {
    pageSize: CSV_EXPORT_LIMIT,
    adjust: (params) => ({ ...params, side: 1 }),
  });
  if (!outcome.ok) return Response.json({ error: { da: outcome.messageDa, en: outcome.messageEn } }, { status: outcome.status });
  const today = new Date().toISOString().slice(0, 10);
  return new Response(searchHitsToCsv(outcome.result.hits, getSiteUrl()), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="referatportalen-soegning-${today}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
