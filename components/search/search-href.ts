import { DEFAULT_SEARCH_PARAMS, LIST_PARAMS, type ListParam, type SearchParams } from "@/lib/search/search-params";

type FacetKey = ListParam;

/** The /soeg URL for `params` (defaults omitted), so every search is a shareable link. */
export function searchHref(params: SearchParams): string {
  return withQuery("/soeg", searchQueryString(params));
}

/** The search's hits as a CSV file, from the first. */
export function searchCsvHref(params: SearchParams): string {
  return withQuery("/api/search/csv", searchQueryString({ ...params, side: 1 }));
}

/** The Atom feed of the search's newest hits; with no parameters, of all new decisions. */
export function searchFeedHref(params: SearchParams): string {
  return withQuery("/api/search/atom", searchQueryString({ ...params, side: 1 }));
}

/** The search a municipality's (`kommune` slug) or committee's (`udvalg` "kommune/udvalg") page offers. */
export function decisionsOf(filter: { kommune: string } | { udvalg: string }): SearchParams {
  return "kommune" in filter ? { ...DEFAULT_SEARCH_PARAMS, kommune: [filter.kommune] } : { ...DEFAULT_SEARCH_PARAMS, udvalg: [filter.udvalg] };
}

function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

/** The query string of a search (defaults omitted). */
function searchQueryString(params: SearchParams): string {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  for (const key of LIST_PARAMS) {
    for (const value of params[key]) query.append(key, value);
  }
  if (params.felt) query.set("felt", params.felt);
  if (params.sort !== "relevans") query.set("sort", params.sort);
  if (params.side > 1) query.set("side", String(params.side));
  return query.toString();
}

/** `params` without one facet value (page reset to 1). */
export function withoutFacetValue(params: SearchParams, key: FacetKey, value: string): SearchParams {
  return { ...params, side: 1, [key]: params[key].filter((v) => v !== value) };
}
