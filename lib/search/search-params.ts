import { DECISION_OUTCOMES, SECTION_KINDS, type SectionKind } from "@/lib/minutes/vocabulary";
import { KLE_GROUP_NAMES } from "@/lib/text/kle-topics";
import type { SortOrder } from "./rank-hits";

/** A validated search request: the `/soeg` query string and `GET /api/search` parameters. */
export interface SearchParams {
  /** Free text, at most {@link MAX_QUERY_LENGTH} characters; "" browses. */
  q: string;
  /** Municipality slugs ("vejen"). */
  kommune: string[];
  /** Committees as "<municipality slug>/<committee slug>" ("vejen/arbejdsmarkedsudvalget"). */
  udvalg: string[];
  /** Years ("2024"). */
  aar: string[];
  /** DecisionOutcome values. */
  udfald: string[];
  /** KLE main group codes ("15"). */
  emne: string[];
  /** ["ja"]: only items whose decision departs from the recommendation. */
  afvigelse: string[];
  /** ["ja"]: only items with votes against or dissent recorded. */
  dissens: string[];
  /** Restrict the text search to one section kind or the title. */
  felt: SectionKind | "titel" | null;
  sort: SortOrder;
  /** 1-based page number. */
  side: number;
}

/** Why a query string was refused, in Danish (for the page) and English (for API clients). */
export interface SearchParamsError {
  messageDa: string;
  messageEn: string;
  /** The offending parameter, when there is one. */
  param: string | null;
}

/** Result of {@link parseSearchParams}. */
export type ParsedSearchParams = { ok: true; params: SearchParams } | { ok: false; error: SearchParamsError };

/** Known facet values; when given, values outside them are refused. */
export interface KnownFacetValues {
  kommune: ReadonlySet<string>;
  udvalg: ReadonlySet<string>;
}

/** Longest accepted `q`, in characters. */
export const MAX_QUERY_LENGTH = 200;
/** Highest accepted `side`; deeper pages are refused rather than computed. */
export const MAX_PAGE = 500;

/** The defaults: what an empty query string means. */
export const DEFAULT_SEARCH_PARAMS: SearchParams = {
  q: "",
  kommune: [],
  udvalg: [],
  aar: [],
  udfald: [],
  emne: [],
  afvigelse: [],
  dissens: [],
  felt: null,
  sort: "relevans",
  side: 1,
};

/** The parameters that take a list of facet values. */
export type ListParam = "kommune" | "udvalg" | "aar" | "udfald" | "emne" | "afvigelse" | "dissens";
/** Every list parameter, in the order query strings write them. */
export const LIST_PARAMS: readonly ListParam[] = ["kommune", "udvalg", "aar", "udfald", "emne", "afvigelse", "dissens"];
/**
 * The one value of the yes/no facets `afvigelse` (the decision departs from the recommendation)
 * and `dissens` (votes against or dissent recorded): `?dissens=ja`. Items without the trait
 * have no value in these facets, as items without a KLE code have none in `emne`.
 */
export const FLAG_VALUE = "ja";
const SINGLE_PARAMS = ["q", "felt", "sort", "side"] as const;
const KNOWN_PARAMS: ReadonlySet<string> = new Set<string>([...LIST_PARAMS, ...SINGLE_PARAMS]);
const SLUG_SOURCE = "[a-z0-9]+(?:-[a-z0-9]+)*";
const SLUG = new RegExp(`^${SLUG_SOURCE}$`);
const COMMITTEE_VALUE = new RegExp(`^${SLUG_SOURCE}/${SLUG_SOURCE}$`);
// Parameters that link shorteners, newsletters and ad networks add to shared links; they say
// nothing about the search and are ignored wherever search parameters are read.
const TRACKING_PARAM = /^(?:utm_\w*|mc_\w*|_ga|_gl|_hs\w*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|li_fat_id|mkt_tok|oly_\w*|vero_\w*|ref_src)$/i;
const FELT_VALUES: ReadonlySet<string> = new Set<string>([...SECTION_KINDS, "titel"]);
const OUTCOMES: ReadonlySet<string> = new Set<string>(DECISION_OUTCOMES);

/**
 * Parses and validates search parameters. Empty values (`?q=&kommune=`, as a GET form sends
 * them) mean "not given". List facets accept repeated parameters and comma-separated values.
 * Tracking parameters ({@link isTrackingParam}) are ignored. Other unknown parameters, unknown
 * values, a `q` over 200 characters, a repeated single parameter and a `side` that is not a
 * positive integer are errors — never exceptions.
 */
export function parseSearchParams(query: URLSearchParams, known?: KnownFacetValues): ParsedSearchParams {
  for (const key of new Set(query.keys())) {
    if (!KNOWN_PARAMS.has(key) && !isTrackingParam(key)) return fail(key, `Ukendt parameter: ${echo(key)}`, `Unknown parameter: ${echo(key)}`);
  }
  const single: Partial<Record<(typeof SINGLE_PARAMS)[number], string>> = {};
  for (const key of SINGLE_PARAMS) {
    const values = query.getAll(key).filter((value) => value !== "");
    if (values.length > 1) return fail(key, `Parameteren ${key} må kun angives én gang`, `Parameter ${key} may be given only once`);
    if (values[0] !== undefined) single[key] = values[0];
  }

  const q = (single.q ?? "").trim();
  if (q.length > MAX_QUERY_LENGTH) {
    return fail("q", `Søgningen må højst være ${MAX_QUERY_LENGTH} tegn`, `The query may be at most ${MAX_QUERY_LENGTH} characters`);
  }

  const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, q, kommune: [], udvalg: [], aar: [], udfald: [], emne: [], afvigelse: [], dissens: [] };
  for (const key of LIST_PARAMS) {
    const values = [...new Set(query.getAll(key).flatMap((value) => value.split(",")).map((v) => v.trim()).filter((v) => v !== ""))];
    for (const value of values) {
      if (!isValidListValue(key, value, known)) {
        return fail(key, `Ukendt værdi for ${key}: ${echo(value)}`, `Unknown value for ${key}: ${echo(value)}`);
      }
    }
    params[key] = values;
  }

  if (single.felt !== undefined) {
    if (!FELT_VALUES.has(single.felt)) return fail("felt", `Ukendt felt: ${echo(single.felt)}`, `Unknown field: ${echo(single.felt)}`);
    params.felt = single.felt as SectionKind | "titel";
  }
  if (single.sort !== undefined) {
    if (single.sort !== "relevans" && single.sort !== "nyeste") {
      return fail("sort", `Sortering skal være relevans eller nyeste`, `sort must be relevans or nyeste`);
    }
    params.sort = single.sort;
  }
  if (single.side !== undefined) {
    if (!/^[1-9]\d{0,5}$/.test(single.side) || Number(single.side) > MAX_PAGE) {
      return fail("side", `Side skal være et helt tal fra 1 til ${MAX_PAGE}`, `side must be a whole number from 1 to ${MAX_PAGE}`);
    }
    params.side = Number(single.side);
  }
  return { ok: true, params };
}

/** Whether a parameter is one that ad networks and newsletters add to links (utm_*, fbclid …). */
export function isTrackingParam(name: string): boolean {
  return TRACKING_PARAM.test(name);
}

/**
 * The search parameters of a query string without any other: pages ignore what they do not
 * know (a shared link may carry anything), where the API refuses it.
 */
export function onlySearchParams(query: URLSearchParams): URLSearchParams {
  return new URLSearchParams([...query].filter(([key]) => KNOWN_PARAMS.has(key)));
}

/** True when the request asks for nothing: no text and no facet selected. */
export function isEmptySearch(params: SearchParams): boolean {
  return params.q.trim() === "" && LIST_PARAMS.every((key) => params[key].length === 0);
}

function isValidListValue(key: ListParam, value: string, known: KnownFacetValues | undefined): boolean {
  switch (key) {
    case "kommune":
      return SLUG.test(value) && (known === undefined || known[key].has(value));
    case "udvalg":
      return COMMITTEE_VALUE.test(value) && (known === undefined || known[key].has(value));
    case "aar":
      return /^\d{4}$/.test(value);
    case "udfald":
      return OUTCOMES.has(value);
    case "emne":
      return KLE_GROUP_NAMES.has(value);
    case "afvigelse":
    case "dissens":
      return value === FLAG_VALUE;
  }
}

// Messages quote the offending input; keep that bounded.
function echo(input: string): string {
  return input.length > 40 ? `${input.slice(0, 40)}…` : input;
}

function fail(param: string, messageDa: string, messageEn: string): ParsedSearchParams {
  return { ok: false, error: { messageDa, messageEn, param: echo(param) } };
}
