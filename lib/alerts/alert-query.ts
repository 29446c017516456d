import { isEmptySearch, LIST_PARAMS, parseSearchParams, type ListParam, type SearchParams } from "@/lib/search/search-params";

/** A search an alert follows, or why it cannot be followed (Danish). */
export type AlertQuery = { ok: true; query: string; params: SearchParams } | { ok: false; messageDa: string };

const LIST_KEYS = LIST_PARAMS;

/**
 * Validates a search the way /soeg does (lib/search/search-params) and returns its canonical
 * query string: facet values sorted, page and sort order dropped (a digest lists what is new).
 * Two forms of the same search give the same string, so an address holds each search once.
 */
export function toAlertQuery(query: URLSearchParams): AlertQuery {
  const trimmed = new URLSearchParams(query);
  trimmed.delete("side");
  trimmed.delete("sort");
  const parsed = parseSearchParams(trimmed);
  if (!parsed.ok) return { ok: false, messageDa: parsed.error.messageDa };
  if (isEmptySearch(parsed.params)) {
    return { ok: false, messageDa: "Vælg en søgning eller et filter at følge: et abonnement på alt ville sende hvert nyt punkt." };
  }
  const params = parsed.params;
  const canonical = new URLSearchParams();
  if (params.q) canonical.set("q", params.q);
  for (const key of LIST_KEYS) for (const value of [...params[key]].sort()) canonical.append(key, value);
  if (params.felt) canonical.set("felt", params.felt);
  return { ok: true, query: canonical.toString(), params };
}

/** A short Danish description of a stored alert query, for subjects and lists: `"skolelukning" · kommune: vejen`. */
export function describeAlertQuery(query: string): string {
  const params = new URLSearchParams(query);
  const parts: string[] = [];
  const q = params.get("q");
  if (q) parts.push(`“${q}”`);
  const labels: Record<ListParam, string> = {
    kommune: "kommune",
    udvalg: "udvalg",
    aar: "år",
    udfald: "udfald",
    emne: "emne",
    afvigelse: "afviger fra indstillingen",
    dissens: "dissens",
  };
  for (const key of LIST_KEYS) {
    const values = params.getAll(key);
    if (values.length > 0) parts.push(`${labels[key]}: ${values.join(", ")}`);
  }
  const felt = params.get("felt");
  if (felt) parts.push(`felt: ${felt}`);
  return parts.join(" · ");
}
