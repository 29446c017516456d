import { searchPublished } from "@/lib/data/search";

export const dynamic = "force-dynamic";

/** GET /api/search?q=&kommune=&udvalg=&aar=&udfald=&emne=&felt=&sort=&side= */
export async function GET(request: Request): Promise<Response> {
  const outcome = await searchPublished(new URL(request.url).searchParams);
  if (!outcome.ok) {
    return Response.json({ error: { da: outcome.messageDa, en: outcome.messageEn } }, { status: outcome.status });
  }
  const { total, page, pageSize, hits, facets } = outcome.result;
  return Response.json({ total, page, pageSize, hits, facets }, { headers: { "Cache-Control": "no-store" } });
}
