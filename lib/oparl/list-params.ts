import { decodeListCursor, encodeListCursor, type ListCursor } from "./list-cursor";
import { parseOparlDateTime } from "./oparl-dates";

/** The filters and page of an external object list, validated. */
export interface ListParams {
  createdSince: Date | null;
  createdUntil: Date | null;
  modifiedSince: Date | null;
  modifiedUntil: Date | null;
  omitInternal: boolean;
  limit: number;
  /** Page number (for clients that count pages); 1 when `after` is given. */
  page: number;
  /** Where the page starts (links.next); null on the first page or a numbered page. */
  after: ListCursor | null;
  /** The filters as the client wrote them, in canonical order, carried into every link. */
  carried: Array<[string, string]>;
}

/** A request parameter the API cannot answer; the handler turns it into a 400 error object. */
export class BadParameterError extends Error {
  constructor(
    readonly messageDa: string,
    message: string,
  ) {
    super(message);
  }
}

const DATE_FILTERS = ["created_since", "created_until", "modified_since", "modified_until"] as const;
/** Parameters in the order links write them (OParl asks for one canonical order). */
const LIST_PARAMETERS = [...DATE_FILTERS, "omit_internal", "limit", "page", "after"];

/**
 * How many rows a numbered page may start after. Deeper pages would mean an OFFSET scan over
 * every row before them; `links.next` (a cursor) reaches them in constant time.
 */
export const MAX_PAGE_OFFSET = 10_000;
const OBJECT_PARAMETERS = ["omit_internal"];

function rejectUnknown(query: URLSearchParams, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (!allowed.includes(name)) {
      throw new BadParameterError(`Ukendt parameter "${name}".`, `unknown parameter "${name}"; allowed: ${allowed.join(", ")}`);
    }
    if (seen.has(name)) throw new BadParameterError(`Parameteren "${name}" er angivet flere gange.`, `parameter "${name}" given more than once`);
    seen.add(name);
  }
}

function parseOmitInternal(query: URLSearchParams): boolean {
  const value = query.get("omit_internal");
  if (value === null) return false;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new BadParameterError(`omit_internal skal være "true" eller "false".`, `omit_internal must be "true" or "false", got "${value}"`);
}

function parsePositiveInteger(query: URLSearchParams, name: string, fallback: number): number {
  const value = query.get(name);
  if (value === null) return fallback;
  if (!/^[1-9]\d{0,8}$/.test(value)) {
    throw new BadParameterError(`${name} skal være et positivt heltal.`, `${name} must be a positive integer, got "${value}"`);
  }
  return Number(value);
}

/** The parameters an object (not a list) accepts: only omit_internal. */
export function parseObjectParams(query: URLSearchParams): { omitInternal: boolean } {
  rejectUnknown(query, OBJECT_PARAMETERS);
  return { omitInternal: parseOmitInternal(query) };
}

/**
 * Validates a list request's query: the four date-time filters (full date-time with zone),
 * omit_internal, limit (capped at `maxLimit`, as OParl lets a server do) and page.
 */
export function parseListParams(query: URLSearchParams, defaultLimit: number, maxLimit: number): ListParams {
  rejectUnknown(query, LIST_PARAMETERS);
  const dates: Record<(typeof DATE_FILTERS)[number], Date | null> = {
    created_since: null,
    created_until: null,
    modified_since: null,
    modified_until: null,
  };
  const carried: Array<[string, string]> = [];
  for (const name of DATE_FILTERS) {
    const value = query.get(name);
    if (value === null) continue;
    const instant = parseOparlDateTime(value);
    if (!instant) {
      throw new BadParameterError(
        `${name} skal være et tidspunkt som 2024-03-19T00:00:00+01:00.`,
        `${name} must be a date-time such as 2024-03-19T00:00:00+01:00, got "${value}"`,
      );
    }
    dates[name] = instant;
    carried.push([name, value]);
  }
  const omitInternal = parseOmitInternal(query);
  if (omitInternal) carried.push(["omit_internal", "true"]);
  const limit = Math.min(parsePositiveInteger(query, "limit", defaultLimit), maxLimit);
  if (query.has("limit")) carried.push(["limit", String(limit)]);
  const page = parsePositiveInteger(query, "page", 1);
  const afterText = query.get("after");
  const after = afterText === null ? null : decodeListCursor(afterText);
  if (afterText !== null && after === null) {
    throw new BadParameterError(`after er ikke en gyldig position; brug links.next som den er.`, `after "${afterText}" is not a cursor this server wrote`);
  }
  if (after && query.has("page")) throw new BadParameterError(`Angiv enten page eller after, ikke begge.`, "page and after given together");
  if ((page - 1) * limit > MAX_PAGE_OFFSET) {
    throw new BadParameterError(
      `Sidenummeret er for højt; følg links.next for at bladre længere.`,
      `page ${page} starts after ${(page - 1) * limit} rows; numbered pages reach at most ${MAX_PAGE_OFFSET} rows in, follow links.next`,
    );
  }
  return {
    createdSince: dates.created_since,
    createdUntil: dates.created_until,
    modifiedSince: dates.modified_since,
    modifiedUntil: dates.modified_until,
    omitInternal,
    limit,
    page,
    after,
    carried,
  };
}

/**
 * The URL of a page of a list: its filters in canonical order, then `page` (a numbered page
 * after the first) or `after` (the page following a cursor); neither on the first page.
 */
export function listPageUrl(listUrl: string, params: ListParams, at: { page: number } | { after: ListCursor } | null): string {
  const query = new URLSearchParams(params.carried);
  if (at && "page" in at && at.page > 1) query.set("page", String(at.page));
  if (at && "after" in at) query.set("after", encodeListCursor(at.after));
  const text = query.toString();
  return text ? `${listUrl}?${text}` : listUrl;
}

/**
 * A time range on a stored timestamp matching the printed, whole-second values: `since` is
 * inclusive; `until` includes the whole second it names.
 */
export function timeRange(since: Date | null, until: Date | null): { gte?: Date; lt?: Date } | undefined {
  if (!since && !until) return undefined;
  return {
    ...(since ? { gte: since } : {}),
    ...(until ? { lt: new Date(until.getTime() + 1000) } : {}),
  };
}
