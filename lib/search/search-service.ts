import { getSearchIndex } from "./get-search-index";
import { knownFacetValues } from "./facet-filter";
import { SearchIndexNotFoundError } from "./index-store";
import { SearchTooBroadError, searchItems, type SearchResult } from "./query";
import { parseSearchParams, type SearchParams } from "./search-params";
import { withheldItems, type PublishedItemsSource } from "./withheld-items";

/** A search answered, or refused with an HTTP status and messages in Danish and English. */
export type SearchOutcome =
  | { ok: true; params: SearchParams; result: SearchResult }
  | { ok: false; status: 400 | 503; messageDa: string; messageEn: string };

/** What a search reads: the exported index, and the database's word on what it still publishes. */
export interface SearchSource {
  indexDir: string;
  published: PublishedItemsSource;
}

/**
 * Validates a query string and runs it against the exported index in `source.indexDir` — the
 * one entry point shared by the /soeg page, GET /api/search and its CSV and Atom variants.
 * Items changed in the database since the index was built are shown only while it publishes
 * them unchanged (checked at most half a second before answering), so a
 * correction that closes an item takes it out of search within a second, not at the next
 * index. `adjust` changes the validated parameters first (a feed is always newest first).
 */
export async function searchFromQuery(
  query: URLSearchParams,
  source: SearchSource,
  options: { pageSize?: number; adjust?: (params: SearchParams) => SearchParams; emptyMeansAll?: boolean } = {},
): Promise<SearchOutcome> {
  let index;
  try {
    index = await getSearchIndex(source.indexDir);
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
  let withheld;
  try {
    // The mask must belong to the index state searched; a delta may land while the check awaits.
    do withheld = await withheldItems(index, source.published);
    while (withheld.appliedDeltas !== index.appliedDeltas);
  } catch (error) {
    // Without the database's word an item closed since the build could be shown: answer nothing.
    console.error(`Search: could not check index ${index.version} against the database`, error);
    return {
      ok: false,
      status: 503,
      messageDa: "Søgningen er midlertidigt utilgængelig. Prøv igen om lidt.",
      messageEn: "Search is temporarily unavailable. Try again shortly.",
    };
  }
  const params = options.adjust ? options.adjust(parsed.params) : parsed.params;
  try {
    return { ok: true, params, result: searchItems(index, params, options.pageSize, options.emptyMeansAll, withheld.mask) };
  } catch (error) {
    if (!(error instanceof SearchTooBroadError)) throw error;
    return {
      ok: false,
      status: 400,
      messageDa: `Frasen er for almindelig til at afgrænse til ét afsnit: over ${error.checks.toLocaleString("da-DK")} punkter skulle gennemlæses. Tilføj flere eller sjældnere ord, eller søg i alle afsnit.`,
      messageEn: `The phrase is too common to restrict to one section: over ${error.checks} items would have to be read. Add more or rarer words, or search all sections.`,
    };
  }
}

/**
 * What a search from `source` would answer from right now: an object that stays the same while
 * the loaded index and the items withheld from it do, and is replaced when either changes. Key
 * anything kept from search results (exports) by it. Rejects like the search would fail.
 */
export async function searchScope(source: SearchSource): Promise<object> {
  return withheldItems(await getSearchIndex(source.indexDir), source.published);
}
