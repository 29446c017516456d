import { createHash } from "node:crypto";
import type { ListCursor } from "./list-cursor";
import { BadParameterError, listPageUrl, parseListParams, parseObjectParams, type ListParams } from "./list-params";
import { toAgendaItem, toBody, toMeeting, toOrganization, toSystem, toTombstone, type TombstoneRow } from "./oparl-objects";
import {
  findAgendaItemRow,
  findCommitteeRow,
  findMeetingRow,
  findMunicipalityRow,
  findTombstoneRow,
  listAgendaItemRows,
  listCommitteeRows,
  listMeetingRows,
  listMunicipalityRows,
} from "./oparl-queries";
import { OPARL_TYPE, type OparlListPage, type OparlObject } from "./oparl-types";
import { OPARL_PATH, oparlUrls, type OparlUrls } from "./oparl-urls";

/** Page sizes: meetings embed their items with all sections, so their pages are smaller. */
const LIMITS = { small: { default: 100, max: 1000 }, meetings: { default: 20, max: 100 }, agendaItems: { default: 100, max: 500 } };

/** Headers every API answer carries: OParl requires CORS for all JSON. */
const CORS_HEADERS = { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag" };

/**
 * Answers stay out of the page cache and Varnish (no s-maxage): they are checked with the ETag
 * on every request, which is cheap, and are never served stale after a correction.
 */
const CACHE_CONTROL = "public, max-age=0, must-revalidate";

class NotFoundError extends Error {}

function errorResponse(status: number, messageDa: string, debug: string): Response {
  return Response.json(
    { type: OPARL_TYPE.error, message: messageDa, debug },
    { status, headers: { ...CORS_HEADERS, "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" } },
  );
}

function jsonResponse(request: Request, value: OparlObject | OparlListPage): Response {
  const body = JSON.stringify(value);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
  const headers = { ...CORS_HEADERS, ETag: etag, "Cache-Control": CACHE_CONTROL };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: 200, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}

/**
 * A list page: `links.next` (a cursor) whenever more follow; counts, `prev` and `last` only on
 * the first page and on numbered pages, where they are known.
 */
function listPage(listUrl: string, params: ListParams, data: OparlObject[], slice: { next: ListCursor | null; total: number | null }): OparlListPage {
  const self = listPageUrl(listUrl, params, params.after ? { after: params.after } : { page: params.page });
  const next = slice.next ? listPageUrl(listUrl, params, { after: slice.next }) : undefined;
  const links = { first: listPageUrl(listUrl, params, null), self, ...(next ? { next } : {}) };
  if (slice.total === null) return { data, pagination: { elementsPerPage: params.limit }, links };
  const totalPages = Math.max(1, Math.ceil(slice.total / params.limit));
  return {
    data,
    pagination: { totalElements: slice.total, elementsPerPage: params.limit, currentPage: params.page, totalPages },
    links: {
      ...links,
      ...(params.page > 1 ? { prev: listPageUrl(listUrl, params, { page: Math.min(params.page - 1, totalPages) }) } : {}),
      last: listPageUrl(listUrl, params, { page: totalPages }),
    },
  };
}

/**
 * A list held in memory (bodies, organizations, legislative terms, the empty person and paper
 * lists), each object with the key it is ordered and paged by.
 */
function listInMemory(listUrl: string, params: ListParams, entries: Array<{ key: number; object: OparlObject }>): OparlListPage {
  const within = (value: string, since: Date | null, until: Date | null) => {
    const instant = Date.parse(value);
    return (!since || instant >= since.getTime()) && (!until || instant < until.getTime() + 1000);
  };
  const matching = entries
    .filter(({ object }) => within(object.created, params.createdSince, params.createdUntil) && within(object.modified, params.modifiedSince, params.modifiedUntil))
    .sort((a, b) => a.key - b.key);
  const after = params.after;
  if (after && after.phase !== "live") return listPage(listUrl, params, [], { next: null, total: null });
  const start = after ? matching.filter(({ key }) => key > (after.key[0] ?? 0)) : matching.slice((params.page - 1) * params.limit);
  const page = start.slice(0, params.limit);
  const last = page.at(-1);
  const next = start.length > params.limit && last ? { phase: "live" as const, key: [last.key] } : null;
  return listPage(listUrl, params, page.map(({ object }) => object), { next, total: after ? null : matching.length });
}

const isTombstone = (row: object): row is TombstoneRow => "deletedAt" in row;

/** A positive database id as written canonically in a URL ("12", never "012"), or null. */
function parseId(segment: string | undefined): number | null {
  if (!segment || !/^[1-9]\d{0,9}$/.test(segment)) return null;
  const id = Number(segment);
  return id <= 2_147_483_647 ? id : null;
}

async function municipalityOr404(slug: string | undefined) {
  const municipality = slug ? await findMunicipalityRow(slug) : null;
  if (!municipality) throw new NotFoundError(`no body "${slug ?? ""}"`);
  return municipality;
}

async function route(segments: string[], query: URLSearchParams, urls: OparlUrls): Promise<OparlObject | OparlListPage> {
  const [head, key, sub, subKey, ...rest] = segments;
  const list = (kind: keyof typeof LIMITS) => parseListParams(query, LIMITS[kind].default, LIMITS[kind].max);
  if (rest.length > 0) throw new NotFoundError("path too long");

  if (head === "system" && key === undefined) {
    parseObjectParams(query);
    return toSystem(urls);
  }
  if (head === "bodies" && key === undefined) {
    const params = list("small");
    const bodies = (await listMunicipalityRows()).map((m) => ({ key: m.id, object: toBody(urls, m, params.omitInternal) }));
    return listInMemory(urls.bodies, params, bodies);
  }
  if (head === "body" && subKey === undefined) {
    if (sub === undefined) {
      const { omitInternal } = parseObjectParams(query);
      return toBody(urls, await municipalityOr404(key), omitInternal);
    }
    const municipality = await municipalityOr404(key);
    const slug = municipality.slug;
    if (sub === "organizations") {
      const params = list("small");
      const committees = await listCommitteeRows(municipality.id);
      return listInMemory(urls.bodyOrganizations(slug), params, committees.map((c) => ({ key: c.id, object: toOrganization(urls, c) })));
    }
    if (sub === "people" || sub === "papers") {
      // No persons or cases (Paper) are known yet; Body requires both lists, so they are empty.
      const params = list("small");
      return listInMemory(sub === "people" ? urls.bodyPeople(slug) : urls.bodyPapers(slug), params, []);
    }
    if (sub === "meetings") {
      const params = list("meetings");
      const slice = await listMeetingRows({ municipalityId: municipality.id }, params, !params.omitInternal);
      const data = slice.rows.map((row) => (isTombstone(row) ? toTombstone(urls, row) : toMeeting(urls, row.meeting, row.items, params.omitInternal)));
      return listPage(urls.bodyMeetings(slug), params, data, slice);
    }
    if (sub === "agenda-items") {
      const params = list("agendaItems");
      const slice = await listAgendaItemRows(municipality.id, params);
      const data = slice.rows.map((row) => (isTombstone(row) ? toTombstone(urls, row) : toAgendaItem(urls, row.meeting, row.item)));
      return listPage(urls.bodyAgendaItems(slug), params, data, slice);
    }
  }
  if (head === "organization" && subKey === undefined) {
    const id = parseId(key);
    const committee = id === null ? null : await findCommitteeRow(id);
    if (!committee || id === null) throw new NotFoundError(`no organization "${key ?? ""}"`);
    if (sub === undefined) {
      parseObjectParams(query);
      return toOrganization(urls, committee);
    }
    if (sub === "meetings") {
      const params = list("meetings");
      const slice = await listMeetingRows({ municipalityId: committee.municipalityId, committeeId: id }, params, !params.omitInternal);
      const data = slice.rows.map((row) => (isTombstone(row) ? toTombstone(urls, row) : toMeeting(urls, row.meeting, row.items, params.omitInternal)));
      return listPage(urls.organizationMeetings(id), params, data, slice);
    }
  }
  if (head === "meeting") {
    const id = parseId(key);
    if (id === null) throw new NotFoundError(`no meeting "${key ?? ""}"`);
    if (sub === undefined) {
      const { omitInternal } = parseObjectParams(query);
      const found = await findMeetingRow(id);
      if (found) return toMeeting(urls, found.meeting, found.items, omitInternal);
      const tombstone = await findTombstoneRow("Meeting", String(id));
      if (tombstone) return toTombstone(urls, tombstone);
      throw new NotFoundError(`no meeting ${id}`);
    }
    if (sub === "agenda-item" && subKey !== undefined && subKey !== "") {
      parseObjectParams(query);
      const found = await findAgendaItemRow(id, subKey);
      if (found) return toAgendaItem(urls, found.meeting, found.item);
      const tombstone = await findTombstoneRow("AgendaItem", `${id}/${subKey}`);
      if (tombstone) return toTombstone(urls, tombstone);
      throw new NotFoundError(`no agenda item ${subKey} in meeting ${id}`);
    }
  }
  throw new NotFoundError("unknown path");
}

/**
 * Answers one GET of the OParl API (`/oparl/v1/...`) with JSON: an object, a list page, or an
 * OParl Error object (400 for bad parameters, 404 for unknown objects). Every answer carries
 * CORS headers and, when it is data, an ETag; a matching If-None-Match gets 304.
 */
export async function handleOparlRequest(request: Request, siteUrl?: string): Promise<Response> {
  const url = new URL(request.url);
  const urls = oparlUrls(siteUrl);
  if (!url.pathname.startsWith(`${OPARL_PATH}/`)) return errorResponse(404, "Siden findes ikke.", "not an OParl path");
  let segments: string[];
  try {
    segments = url.pathname.slice(OPARL_PATH.length + 1).split("/").map((segment) => decodeURIComponent(segment));
  } catch {
    return errorResponse(400, "Adressen er ikke gyldigt kodet.", "malformed percent-encoding in the path");
  }
  try {
    return jsonResponse(request, await route(segments, url.searchParams, urls));
  } catch (error) {
    if (error instanceof BadParameterError) return errorResponse(400, error.messageDa, error.message);
    if (error instanceof NotFoundError) return errorResponse(404, "Objektet findes ikke.", error.message);
    throw error;
  }
}

/** The answer to a CORS preflight: GET (and HEAD) from any origin. */
export function oparlPreflightResponse(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
      "Access-Control-Allow-Headers": "If-None-Match",
      "Access-Control-Max-Age": "86400",
    },
  });
}
