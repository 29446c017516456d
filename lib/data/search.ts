import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { searchIndexDir } from "@/lib/search/index-dir";
import { searchFromQuery, searchScope, type SearchOutcome, type SearchSource } from "@/lib/search/search-service";
import { publishedItemsSource } from "./published-items";

/**
 * A search of the portal's index (the one entry point of /soeg, /api/search and its CSV and
 * Atom variants), checked against what the database publishes now: see searchFromQuery.
 */
export function searchPublished(query: URLSearchParams, options: Parameters<typeof searchFromQuery>[2] = {}): Promise<SearchOutcome> {
  return searchFromQuery(query, portalSource(), options);
}

/** The scope a kept search result (an export) is valid in: see searchScope. */
export function publishedSearchScope(): Promise<object> {
  return searchScope(portalSource());
}

function portalSource(): SearchSource {
  return { indexDir: searchIndexDir(getEnv().dataDir), published: publishedItemsSource(getPrisma()) };
}
