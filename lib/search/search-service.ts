import { getSearchIndex } from "./get-search-index";
import { knownFacetValues } from "./facet-filter";
import { SearchIndexNotFoundError } from "./index-store";
import { searchItems, type SearchResult } from "./query";
import { parseSearchParams, type SearchParams } from "./search-params";

/** A search answered, or refused with an HTTP status and messages in Danish and English. */
export type SearchOutcome =
  | { ok: true; params: SearchParams; result: SearchResult }
  | { ok: false; status: 400 | 503; messageDa: string; messageEn: string };

/**
 * Validates a query string and runs it against the exported index in `indexDir` — the one
 * entry point shared by the /soeg page, GET /api/search and its CSV and Atom variants.
 * `adjust` changes the validated parameters first (a feed is always newest first).
 */
export async function searchFromQuery(
  query: URLSearchParams,
  indexDir: string,
  options: { pageSize?: number; adjust?: (params: SearchParams) => SearchParams; emptyMeansAll?: boolean } = {},
): Promise<SearchOutcome> {
  let index;
  try {
    index = await getSearchIndex(indexDir);
  } catch (error) {
    if (!(error instanceof SearchIndexNotFoundError)) throw error;
    return {
      ok: false,
      status: 503,
      messageDa: "Søgningen er ikke klar endnu: søgeindekset er ikke bygget.",
      messageEn: "Search is not available yet: the search index has not been built.",
    };
  }
  const parsed = parseSearchParams(query, knownFacetValues(index));
  if (!parsed.ok) return { ok: false, status: 400, messageDa: parsed.error.messageDa, messageEn: parsed.error.messageEn };
  const params = options.adjust ? options.adjust(parsed.params) : parsed.params;
  return { ok: true, params, result: searchItems(index, params, options.pageSize, options.emptyMeansAll) };
}
