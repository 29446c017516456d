import type { SiteFetcher } from "../polite-fetch";
import { isObject, parseJsonText, readBoolean, readString } from "../json-fields";

/** One meeting as the site's committee list announces it. */
export interface MeetingListing {
  /** The site's meeting GUID. */
  id: string;
  committee: string;
  /** Election period the committee is listed under ("Udvalg 2026-2029"). */
  period: string;
  /** The published document: "Dagsorden", "Referat", "Tillægsdagsorden", "Lukket referat" … */
  documentName: string | null;
  /** "Dato" as published. */
  date: string | null;
  beginUtc: string | null;
  endUtc: string | null;
  releasedDate: string | null;
  location: string | null;
  isSupplementary: boolean;
}

/** A site's base URL without a trailing slash; throws unless it is http(s). */
export function normalizeSiteUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" er ikke en URL (fx https://dagsordener.vejen.dk)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`"${raw}" skal begynde med https://`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The human page of a meeting, or of one item in it, on the site. */
export function meetingPageUrl(site: string, meetingId: string, itemId?: string | null): string {
  const url = new URL(`${site}/vis`);
  url.searchParams.set("id", meetingId);
  if (itemId) url.searchParams.set("punktid", itemId);
  return url.toString();
}

const ZERO_GUID = "00000000-0000-0000-0000-000000000000";

/** The viewer page of an attachment, or null for a missing or placeholder id. */
export function attachmentUrl(site: string, documentId: string | null): string | null {
  if (documentId === null || documentId === ZERO_GUID || !/^[0-9a-f-]{8,64}$/i.test(documentId)) return null;
  return `${site}/Vis/Pdf/bilag/${documentId}`;
}

/**
 * Every meeting of every committee in every election period, from `/api/agenda/udvalgsliste`.
 * A meeting listed twice (two periods) is returned once. Throws when the answer has no
 * committee list at all; committees and meetings without an id or name are left out.
 */
export async function listMeetings(fetcher: SiteFetcher, site: string): Promise<MeetingListing[]> {
  const url = `${site}/api/agenda/udvalgsliste`;
  const { text } = await fetcher.getText(url);
  const body = parseJsonText(text, url);
  const periods = isObject(body) ? body.Udvalg : undefined;
  if (!isObject(periods)) throw new Error(`${url}: svaret har ingen "Udvalg"-liste (ændret format?)`);
  const meetings = new Map<string, MeetingListing>();
  for (const [period, committees] of Object.entries(periods)) {
    if (!Array.isArray(committees)) continue;
    for (const committee of committees) {
      if (!isObject(committee)) continue;
      const committeeName = readString(committee, "Navn", "Name");
      const list = committee.Moeder;
      if (committeeName === null || !Array.isArray(list)) continue;
      for (const meeting of list) {
        if (!isObject(meeting)) continue;
        const id = readString(meeting, "Id");
        if (id === null || meetings.has(id)) continue;
        meetings.set(id, {
          id,
          committee: committeeName,
          period,
          documentName: readString(meeting, "Navn"),
          date: readString(meeting, "Dato"),
          beginUtc: readString(meeting, "MeetingBeginUtc"),
          endUtc: readString(meeting, "MeetingEndUtc"),
          releasedDate: readString(meeting, "ReleasedDate"),
          location: readString(meeting, "Sted"),
          isSupplementary: readBoolean(meeting, "IsSupplementaryAgenda") === true,
        });
      }
    }
  }
  return [...meetings.values()];
}

/** The agenda of one meeting (`/api/agenda/dagsorden/<id>`) as parsed JSON, shape unchecked. */
export async function fetchAgenda(fetcher: SiteFetcher, site: string, meetingId: string): Promise<unknown> {
  const url = `${site}/api/agenda/dagsorden/${encodeURIComponent(meetingId)}`;
  const { text } = await fetcher.getText(url);
  return parseJsonText(text, url);
}
