import { searchHref } from "@/components/search/search-href";
import type { SearchParams } from "@/lib/search/search-params";

/** The page that subscribes to `params` by email: /abonnement with the search's query string. */
export function alertHref(params: SearchParams): string {
  return `/abonnement${new URL(searchHref({ ...params, side: 1, sort: "relevans" }), "http://localhost").search}`;
}
