import { getSiteUrl } from "@/lib/config/site";
import { publishedSearchScope, searchPublished } from "@/lib/data/search";
import { ExportCache } from "@/lib/search/export-cache";
import { CSV_EXPORT_LIMIT, searchHitsToCsv } from "@/lib/search/search-csv";
import { parseSearchParams } from "@/lib/search/search-params";
import type { SearchOutcome } from "@/lib/search/search-service";

export const dynamic = "force-dynamic";

// An export builds up to 2,000 snippets: the same export is built once per search index and
// set of items withheld from it (a closing correction makes a new scope), and at most two
// different ones at a time (on two cores); more wait for a retry.
const globalStore = globalThis as typeof globalThis & { __referatCsvExports?: ExportCache };
const csvExports = (globalStore.__referatCsvExports ??= new ExportCache({ maxEntries: 16, maxRunning: 2 }));

/** GET /api/search/csv?<the /soeg parameters>: the first 2,000 hits as a CSV file. */
export async function GET(request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const search = () => searchPublished(query, { pageSize: CSV_EXPORT_LIMIT, adjust: (params) => ({ ...params, side: 1 }) });
  const parsed = parseSearchParams(query);
  const scope = parsed.ok ? await publishedSearchScope().catch(() => null) : null;
  if (!parsed.ok || scope === null) {
    // Refused or no index yet: the search says why, and nothing is worth keeping.
    return respond(await search());
  }
  let refused: Response | null = null;
  const csv = await csvExports.get(scope, JSON.stringify({ ...parsed.params, side: 1 }), async () => {
    const outcome = await search();
    if (outcome.ok) return searchHitsToCsv(outcome.result.hits, getSiteUrl());
    refused = refusal(outcome);
    return null;
  });
  if (csv === "busy") {
    return Response.json(
      { error: { da: "Der laves allerede andre eksporter. Prøv igen om lidt.", en: "Other exports are being made. Try again shortly." } },
      { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
    );
  }
  // A request that shared another's refused computation asks again for its own answer.
  if (csv === null) return refused ?? respond(await search());
  return csvResponse(csv);
}

function respond(outcome: SearchOutcome): Response {
  return outcome.ok ? csvResponse(searchHitsToCsv(outcome.result.hits, getSiteUrl())) : refusal(outcome);
}

function csvResponse(csv: string): Response {
  const today = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="referatportalen-soegning-${today}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

function refusal(outcome: SearchOutcome & { ok: false }): Response {
  return Response.json({ error: { da: outcome.messageDa, en: outcome.messageEn } }, { status: outcome.status });
}
