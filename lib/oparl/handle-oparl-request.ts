import { createHash } from "node:crypto";
import type { ListCursor } from "./list-cursor";
import { BadParameterError, listPageUrl, parseListParams, parseObjectParams, type ListParams } from "./list-params";
import { documentTextResponse } from "./document-text";
import { termsUntil } from "./legislative-terms";
import {
  toAgendaItem,
  toAttachmentFile,
  toBody,
  toDerivedTombstone,
  toLegislativeTerm,
  toMeeting,
  toMeetingDocument,
  toOrganization,
  toSystem,
  toTombstone,
  type AgendaItemRow,
  type MeetingWithDocumentRow,
  type MunicipalityRow,
  type TombstoneRow,
} from "./oparl-objects";
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
  pageOf,
  tombstoneFilter,
} from "./oparl-queries";
import { toConsultation, toPaper } from "./paper-objects";
import { findPaperRow, listPaperRows } from "./paper-queries";
import { toMembership, toPerson } from "./person-objects";
import { findCommitteeMembers, findPersonRow, listCommitteeMembers, listMeetingParticipantIds, listPersonRows } from "./person-queries";
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

/** Whether key `a` comes before key `b` (keys compared number by number). */
function isKeyBefore(a: readonly number[], b: readonly number[]): boolean {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference < 0;
  }
  return false;
}

/**
 * A list held in memory (bodies, organizations, legislative terms, persons, memberships), each
 * object with the key it is ordered and paged by, read like the database lists: same filters,
 * cursors and counts, and with modified_since the tombstones of `tombstoneKind` after the objects.
 */
async function listInMemory(
  urls: OparlUrls,
  listUrl: string,
  params: ListParams,
  entries: Array<{ key: number[]; object: OparlObject }>,
  tombstones: { kind: string; municipalityId: number } = { kind: "none", municipalityId: 0 },
): Promise<OparlListPage> {
  const within = (value: string, since: Date | null, until: Date | null) => {
    const instant = Date.parse(value);
    return (!since || instant >= since.getTime()) && (!until || instant < until.getTime() + 1000);
  };
  const matching = entries
    .filter(({ object }) => within(object.created, params.createdSince, params.createdUntil) && within(object.modified, params.modifiedSince, params.modifiedUntil))
    .sort((a, b) => (isKeyBefore(a.key, b.key) ? -1 : isKeyBefore(b.key, a.key) ? 1 : 0));
  const slice = await pageOf(
    params,
    {
      count: () => Promise.resolve(matching.length),
      page: (after, skip, take) => Promise.resolve((after ? matching.filter(({ key }) => isKeyBefore(after, key)) : matching).slice(skip, skip + take)),
      key: (entry) => entry.key,
    },
    { ...tombstones, ...tombstoneFilter(params) },
  );
  return listPage(listUrl, params, slice.rows.map((row) => (isTombstone(row) ? toTombstone(urls, row) : row.object)), slice);
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

/** Meetings as OParl objects, with their participants read in one query. */
async function toMeetings(
  urls: OparlUrls,
  rows: Array<{ meeting: MeetingWithDocumentRow; items: AgendaItemRow[] } | TombstoneRow>,
  omitInternal: boolean,
): Promise<OparlObject[]> {
  const live = rows.flatMap((row) => (isTombstone(row) ? [] : [row.meeting.id]));
  const participants = await listMeetingParticipantIds(live);
  return rows.map((row) =>
    isTombstone(row) ? toTombstone(urls, row) : toMeeting(urls, row.meeting, row.items, participants.get(row.meeting.id) ?? [], omitInternal),
  );
}

/** The object at `id` below a deleted meeting or agenda item, as deleted; null when neither is deleted. */
async function deletedBelowItem(id: string, type: string, meetingId: number, number: string | null): Promise<OparlObject | null> {
  const parent = (number === null ? null : await findTombstoneRow("AgendaItem", `${meetingId}/${number}`)) ?? (await findTombstoneRow("Meeting", String(meetingId)));
  return parent ? toDerivedTombstone(id, type, parent) : null;
}

async function routeBody(sub: string, municipality: MunicipalityRow & { id: number }, query: URLSearchParams, urls: OparlUrls): Promise<OparlListPage | null> {
  const list = (kind: keyof typeof LIMITS) => parseListParams(query, LIMITS[kind].default, LIMITS[kind].max);
  const { slug } = municipality;
  const now = new Date();
  if (sub === "organizations") {
    const params = list("small");
    const [committees, persons] = await Promise.all([listCommitteeRows(municipality.id), listPersonRows(municipality)]);
    const members = await listCommitteeMembers(municipality.id, persons);
    const entries = committees.map((c) => ({ key: [c.id], object: toOrganization(urls, c, members(c.id)) }));
    return listInMemory(urls, urls.bodyOrganizations(slug), params, entries);
  }
  if (sub === "legislative-terms") {
    const params = list("small");
    const terms = termsUntil(now).map((term) => ({ key: [term.startYear], object: toLegislativeTerm(urls, municipality, term) }));
    return listInMemory(urls, urls.bodyLegislativeTerms(slug), params, terms);
  }
  if (sub === "people") {
    const params = list("small");
    const persons = (await listPersonRows(municipality)).map((person) => ({ key: [person.id], object: toPerson(urls, person) }));
    return listInMemory(urls, urls.bodyPeople(slug), params, persons, { kind: "Person", municipalityId: municipality.id });
  }
  if (sub === "memberships") {
    const params = list("small");
    const memberships = (await listPersonRows(municipality)).flatMap((person) =>
      person.memberships.map((membership) => ({ key: [person.id, membership.committeeId], object: toMembership(urls, person, membership) })),
    );
    return listInMemory(urls, urls.bodyMemberships(slug), params, memberships, { kind: "Membership", municipalityId: municipality.id });
  }
  if (sub === "papers") {
    const params = list("small");
    const slice = await listPaperRows(municipality.id, params);
    const data = slice.rows.map((row) => (isTombstone(row) ? toTombstone(urls, row) : toPaper(urls, row)));
    return listPage(urls.bodyPapers(slug), params, data, slice);
  }
  if (sub === "meetings") {
    const params = list("meetings");
    const slice = await listMeetingRows({ municipalityId: municipality.id }, params, !params.omitInternal);
    return listPage(urls.bodyMeetings(slug), params, await toMeetings(urls, slice.rows, params.omitInternal), slice);
  }
  if (sub === "agenda-items") {
    const params = list("agendaItems");
    const slice = await listAgendaItemRows(municipality.id, params);
    const data = slice.rows.map((row) => (isTombstone(row) ? toTombstone(urls, row) : toAgendaItem(urls, row.meeting, row.item)));
    return listPage(urls.bodyAgendaItems(slug), params, data, slice);
  }
  return null;
}

async function routeMeeting(id: number, sub: string | undefined, subKey: string | undefined, fifth: string | undefined, sixth: string | undefined, query: URLSearchParams, urls: OparlUrls): Promise<OparlObject> {
  if (sub === "file" && subKey === "document" && fifth === undefined) {
    parseObjectParams(query);
    const found = await findMeetingRow(id);
    const document = found ? toMeetingDocument(urls, found.meeting, "standalone") : null;
    const deleted = found ? null : await deletedBelowItem(urls.meetingDocument(id), OPARL_TYPE.file, id, null);
    if (document ?? deleted) return (document ?? deleted) as OparlObject;
    throw new NotFoundError(`meeting ${id} has no document`);
  }
  if (sub === "agenda-item" && subKey !== undefined && subKey !== "" && fifth !== undefined) {
    parseObjectParams(query);
    const found = await findAgendaItemRow(id, subKey);
    if (fifth === "file" && sixth !== undefined) {
      const fileId = `${urls.agendaItem(id, subKey)}/file/${sixth}`;
      const attachment = found?.item.attachments.find((candidate) => String(candidate.position) === sixth);
      const file = found && attachment ? toAttachmentFile(urls, found.meeting, found.item, attachment, "standalone") : null;
      const deleted = found ? null : await deletedBelowItem(fileId, OPARL_TYPE.file, id, subKey);
      if (file ?? deleted) return (file ?? deleted) as OparlObject;
      throw new NotFoundError(`no file ${sixth} of agenda item ${subKey} in meeting ${id}`);
    }
    if (fifth === "consultation" && sixth === undefined) {
      const { meeting, item } = found ?? {};
      if (meeting && item && !item.closed && item.caseId !== null) {
        return toConsultation(urls, { paperId: item.caseId, municipalitySlug: meeting.committee.municipality.slug, item, meeting });
      }
      const deleted = found ? null : await deletedBelowItem(urls.consultation(id, subKey), OPARL_TYPE.consultation, id, subKey);
      if (deleted) return deleted;
      throw new NotFoundError(`agenda item ${subKey} in meeting ${id} has no consultation`);
    }
  }
  if (fifth !== undefined) throw new NotFoundError("unknown path");
  if (sub === undefined) {
    const { omitInternal } = parseObjectParams(query);
    const found = await findMeetingRow(id);
    if (found) return (await toMeetings(urls, [found], omitInternal))[0] as OparlObject;
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
  throw new NotFoundError("unknown path");
}

async function route(segments: string[], query: URLSearchParams, urls: OparlUrls): Promise<OparlObject | OparlListPage> {
  const [head, key, sub, subKey, fifth, sixth, ...rest] = segments;
  const list = (kind: keyof typeof LIMITS) => parseListParams(query, LIMITS[kind].default, LIMITS[kind].max);
  if (rest.length > 0) throw new NotFoundError("path too long");
  const now = new Date();

  if (head === "system" && key === undefined) {
    parseObjectParams(query);
    return toSystem(urls);
  }
  if (head === "bodies" && key === undefined) {
    const params = list("small");
    const bodies = (await listMunicipalityRows()).map((m) => ({ key: [m.id], object: toBody(urls, m, params.omitInternal, now) }));
    return listInMemory(urls, urls.bodies, params, bodies);
  }
  if (head === "body" && sub === "legislative-term" && subKey !== undefined && fifth === undefined) {
    parseObjectParams(query);
    const municipality = await municipalityOr404(key);
    const term = termsUntil(now).find((candidate) => String(candidate.startYear) === subKey);
    if (!term) throw new NotFoundError(`no legislative term "${subKey}"`);
    return toLegislativeTerm(urls, municipality, term);
  }
  if (head === "body" && subKey === undefined) {
    if (sub === undefined) {
      const { omitInternal } = parseObjectParams(query);
      return toBody(urls, await municipalityOr404(key), omitInternal, now);
    }
    const page = await routeBody(sub, await municipalityOr404(key), query, urls);
    if (page) return page;
  }
  if (head === "organization" && subKey === undefined) {
    const id = parseId(key);
    const committee = id === null ? null : await findCommitteeRow(id);
    if (!committee || id === null) throw new NotFoundError(`no organization "${key ?? ""}"`);
    if (sub === undefined) {
      parseObjectParams(query);
      return toOrganization(urls, committee, await findCommitteeMembers(committee.municipalityId, id));
    }
    if (sub === "meetings") {
      const params = list("meetings");
      const slice = await listMeetingRows({ municipalityId: committee.municipalityId, committeeId: id }, params, !params.omitInternal);
      return listPage(urls.organizationMeetings(id), params, await toMeetings(urls, slice.rows, params.omitInternal), slice);
    }
  }
  if (head === "paper" && sub === undefined) {
    parseObjectParams(query);
    const id = parseId(key);
    const found = id === null ? null : await findPaperRow(id);
    if (found) return toPaper(urls, found);
    const tombstone = id === null ? null : await findTombstoneRow("Paper", String(id));
    if (tombstone) return toTombstone(urls, tombstone);
    throw new NotFoundError(`no paper "${key ?? ""}"`);
  }
  if (head === "person" && (sub === undefined || (sub === "membership" && subKey !== undefined && fifth === undefined))) {
    parseObjectParams(query);
    const id = parseId(key);
    const found = id === null ? null : await findPersonRow(id);
    const tombstone = found || id === null ? null : await findTombstoneRow("Person", String(id));
    if (sub === undefined) {
      if (found) return toPerson(urls, found);
      if (tombstone) return toTombstone(urls, tombstone);
      throw new NotFoundError(`no person "${key ?? ""}"`);
    }
    const committeeId = parseId(subKey);
    const membership = found?.memberships.find((candidate) => candidate.committeeId === committeeId);
    if (found && membership) return toMembership(urls, found, membership);
    // A membership that ended has its own tombstone; one of a person deleted before memberships had them, the person's.
    const ended = id !== null && committeeId !== null ? await findTombstoneRow("Membership", `${id}/${committeeId}`) : null;
    if (ended) return toTombstone(urls, ended);
    if (tombstone && id !== null && committeeId !== null) return toDerivedTombstone(urls.membership(id, committeeId), OPARL_TYPE.membership, tombstone);
    throw new NotFoundError(`no membership "${subKey ?? ""}" of person "${key ?? ""}"`);
  }
  if (head === "meeting") {
    const id = parseId(key);
    if (id === null) throw new NotFoundError(`no meeting "${key ?? ""}"`);
    return routeMeeting(id, sub, subKey, fifth, sixth, query, urls);
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
    const [head, key, sub, subKey, form, ...rest] = segments;
    if (head === "meeting" && sub === "file" && subKey === "document" && (form === "text" || form === "download") && rest.length === 0) {
      parseObjectParams(url.searchParams);
      const id = parseId(key);
      const found = id === null ? null : await findMeetingRow(id);
      const response = found ? documentTextResponse(request, urls, found.meeting, form, CORS_HEADERS) : null;
      if (!response) throw new NotFoundError(`no document text for meeting "${key ?? ""}"`);
      return response;
    }
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
