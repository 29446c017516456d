import type { ParsedItem, ParsedMeeting } from "@/lib/minutes";
import { extractKle } from "@/lib/minutes/case-number";
import { readClosedTitle } from "@/lib/minutes/closed-items";
import { hasMarkerWord } from "@/lib/minutes/closed-markers";
import { classifyOutcome } from "@/lib/minutes/outcome";
import { readDecisionFacts } from "@/lib/minutes/decision-facts";
import { noVotes } from "@/lib/minutes/votes";
import { splitMarker } from "@/lib/minutes/parse-item";
import { utcToCopenhagen } from "@/lib/text/format-danish-date";
import { isObject, readArray, readBoolean, readString, type JsonObject } from "../json-fields";
import { redactMeeting } from "../redact-meeting";
import { attachmentUrl, type MeetingListing } from "./client";
import { buildItemSections } from "./item-sections";

/** Where an item's content came from on the site. */
export interface ItemSource {
  /** 1-based position in the meeting, as written. */
  position: number;
  /** The site's item GUID, when it has one. */
  remoteId: string | null;
  /** The site's id of the meeting the item was read from: the meeting's own, or a supplementary agenda's. */
  remoteMeetingId: string;
  /** Viewer URLs of the item's attachments, in the order of `ParsedItem.attachments` (null when there is none). */
  attachmentUrls: Array<string | null>;
}

/** A site's meeting mapped to what the ingest writes. Closed items are number and title only. */
export interface MappedMeeting {
  meeting: ParsedMeeting;
  items: ItemSource[];
  cprRedactions: number;
}

/** A meeting the site publishes in a shape this importer cannot read; the message never quotes content. */
export class MappingError extends Error {
  override name = "MappingError";
}

/** A local date and, when the site gave one, a time ("HH:MM"). */
interface LocalTime {
  date: string;
  time: string | null;
}

/** Local date and time in Copenhagen of an ISO timestamp with offset; null when unreadable. */
function toCopenhagen(iso: string | null): LocalTime | null {
  const instant = iso === null ? null : new Date(iso);
  return instant === null || Number.isNaN(instant.getTime()) ? null : utcToCopenhagen(instant);
}

/**
 * "2026-03-16T15:00:00" without an offset is already local time. A date alone ("2026-03-16")
 * has no time: the meeting gets none rather than midnight, as minutes without a printed time do.
 */
function readLocal(value: string | null): LocalTime | null {
  const match = value === null ? null : /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(value);
  if (!match?.[1]) return null;
  return { date: match[1], time: match[2] ? `${match[2]}:${match[3]}` : null };
}

/** The meeting's date in Copenhagen (YYYY-MM-DD), or null when the listing has no readable time. */
export function listingDate(listing: MeetingListing): string | null {
  return (toCopenhagen(listing.beginUtc) ?? readLocal(listing.date))?.date ?? null;
}

/** Date, start and end of a listed meeting in Copenhagen time. */
function meetingTime(listing: MeetingListing): { date: string; startTime: string | null; endTime: string | null } {
  const begin = toCopenhagen(listing.beginUtc) ?? readLocal(listing.date);
  if (begin === null) throw new MappingError("mødet har hverken MeetingBeginUtc eller Dato");
  const end = toCopenhagen(listing.endUtc);
  const hasEnd = begin.time !== null && end !== null && end.date === begin.date && end.time !== begin.time;
  return { date: begin.date, startTime: begin.time, endTime: hasEnd ? end.time : null };
}

/** "Referat" (and "Lukket referat") are minutes; everything else the site publishes is an agenda. */
export function documentKind(documentName: string | null): ParsedMeeting["kind"] {
  return documentName !== null && /referat/i.test(documentName) ? "referat" : "dagsorden";
}

function sortKey(item: JsonObject, index: number): number {
  const sorting = Number(item.Sorting);
  return Number.isFinite(sorting) ? sorting : index;
}

function readAttachments(item: JsonObject, site: string): Array<{ title: string; url: string | null }> {
  const attachments = (readArray(item, "Bilag") ?? []).filter(isObject);
  return attachments
    .map((attachment, index) => ({ attachment, order: Number.isFinite(Number(attachment.Order)) ? Number(attachment.Order) : index }))
    .sort((a, b) => a.order - b.order)
    .map(({ attachment }) => ({
      title: readString(attachment, "Navn", "Name", "Title") ?? "Bilag",
      url: attachmentUrl(site, readString(attachment, "DocumentId", "Id")),
    }));
}

/**
 * One agenda item. Unless the site says `IsOpen: true` and the title carries no closed marker,
 * the item is closed: number and title only, and nothing else of it (Felter, Bilag, decision) is
 * even read.
 */
function mapItem(
  raw: JsonObject,
  index: number,
  context: { site: string; remoteMeetingId: string; kind: ParsedMeeting["kind"]; date: string; committee: string; isClosedDocument: boolean },
) {
  const printedTitle = readString(raw, "Navn", "Caption", "Title") ?? "";
  const number = readString(raw, "Punktnummer", "Number") ?? String(index + 1);
  const remoteId = readString(raw, "Id");
  // Any marker word closes the item ("Skolen holdes lukket" too): failing closed costs an item's
  // text, the opposite could publish it.
  const closedTitle = readClosedTitle(printedTitle);
  const isClosed = context.isClosedDocument || readBoolean(raw, "IsOpen") !== true || closedTitle.isClosed;
  if (isClosed) {
    const title = closedTitle.isClosed ? closedTitle.title : printedTitle.trim();
    const item: ParsedItem = {
      number,
      title: title || "Lukket punkt",
      marker: null,
      caseNumber: null,
      kle: null,
      closed: true,
      sections: [],
      decision: null,
      outcome: "none",
      recommendation: null,
      deviation: null,
      attachments: [],
      absent: [],
      votes: noVotes(),
      line: index + 1,
    };
    return { item, source: { position: index + 1, remoteId, remoteMeetingId: context.remoteMeetingId, attachmentUrls: [] } };
  }
  const { title, marker } = splitMarker(printedTitle);
  const caseNumber = readString(raw, "SagsNummer", "CaseNumber", "Sagsnummer");
  const fields = (readArray(raw, "Felter") ?? []).filter(isObject);
  const { sections, ownDecision } = buildItemSections(
    fields.map((field) => ({ name: readString(field, "Navn", "Name"), html: readString(field, "Html") ?? "" })),
    readString(raw, "ItemDecision"),
    { meetingDate: context.date, committee: context.committee },
  );
  const decision = context.kind === "referat" ? ownDecision : null;
  const attachments = readAttachments(raw, context.site);
  const item: ParsedItem = {
    number,
    title: title || `Punkt ${number}`,
    marker,
    caseNumber,
    kle: extractKle(caseNumber),
    closed: false,
    sections,
    decision,
    outcome: classifyOutcome(decision),
    ...readDecisionFacts(sections, decision),
    attachments: attachments.map((attachment) => attachment.title),
    absent: [],
    line: index + 1,
  };
  return { item, source: { position: index + 1, remoteId, remoteMeetingId: context.remoteMeetingId, attachmentUrls: attachments.map((attachment) => attachment.url) } };
}

/**
 * Maps a listed meeting and its `/api/agenda/dagsorden/<id>` answer to the structured meeting the
 * ingest writes, with every text's CPR numbers redacted. Throws `MappingError` for an answer
 * without a readable item list or a meeting without a time.
 */
export function mapMeeting(listing: MeetingListing, agenda: unknown, context: { site: string; municipality: string }): MappedMeeting {
  if (!isObject(agenda)) throw new MappingError("dagsordenen er ikke et JSON-objekt");
  const rawItems = readArray(agenda, "Dagsordenpunkter");
  if (rawItems === null) throw new MappingError('dagsordenen har ingen "Dagsordenpunkter"-liste');
  if (!rawItems.every(isObject)) throw new MappingError("et dagsordenpunkt er ikke et JSON-objekt");
  const { date, startTime, endTime } = meetingTime(listing);
  const kind = documentKind(listing.documentName);
  const isClosedDocument = listing.documentName !== null && hasMarkerWord(listing.documentName);
  const ordered = rawItems
    .map((item, index) => ({ item: item as JsonObject, key: sortKey(item as JsonObject, index) }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
  const mapped = ordered.map((item, index) => mapItem(item, index, { site: context.site, remoteMeetingId: listing.id, kind, date, committee: listing.committee, isClosedDocument }));
  const { meeting, count } = redactMeeting({
    municipality: context.municipality,
    committee: listing.committee,
    kind,
    date,
    startTime,
    endTime,
    location: listing.location,
    participants: [],
    people: [],
    items: mapped.map(({ item }) => item),
    warnings: [],
  });
  return { meeting, items: mapped.map(({ source }) => source), cprRedactions: count };
}
