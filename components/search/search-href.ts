import type { SearchParams } from "@/lib/search/search-params";

type FacetKey = "kommune" | "udvalg" | "aar" | "udfald" | "emne";

/** The /soeg URL for `params` (defaults omitted), so every search is a shareable link. */
export function searchHref(params: SearchParams): string {
  const text = searchQueryString(params);
  return text ? `/soeg?${text}` : "/soeg";
}

/** The query string of a search (defaults omitted), for /soeg and its CSV and feed variants. */
export function searchQueryString(params: SearchParams): string {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  for (const key of ["kommune", "udvalg", "aar", "udfald", "emne"] as const) {
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
