import { getSiteUrl } from "@/lib/config/site";

/** Path of the API below the site's origin. */
export const OPARL_PATH = "/oparl/v1";

/**
 * The API's absolute URLs, built from SITE_URL so they are right behind a proxy. Numeric ids
 * are the database's (never reused); a body is its municipality's slug (never changes); an agenda
 * item is its meeting and printed number, like its permalink, because corrections re-create
 * items under new database ids; so are its attachments (by position) and the meeting's source
 * document. A legislative term is its body and first year. A case (Paper) and a person are their
 * database ids (kept across re-ingests, never reused); a membership is its person and committee,
 * and an item's consultation (its case's treatment there) hangs below the item, as it has one case at most.
 */
export function oparlUrls(siteUrl: string = getSiteUrl()) {
  const base = `${siteUrl}${OPARL_PATH}`;
  const body = (slug: string) => `${base}/body/${encodeURIComponent(slug)}`;
  const meeting = (id: number) => `${base}/meeting/${id}`;
  const organization = (id: number) => `${base}/organization/${id}`;
  const person = (id: number) => `${base}/person/${id}`;
  const agendaItem = (meetingId: number, number: string) => `${meeting(meetingId)}/agenda-item/${encodeURIComponent(number)}`;
  return {
    site: siteUrl,
    system: `${base}/system`,
    bodies: `${base}/bodies`,
    body,
    bodyOrganizations: (slug: string) => `${body(slug)}/organizations`,
    bodyMeetings: (slug: string) => `${body(slug)}/meetings`,
    bodyAgendaItems: (slug: string) => `${body(slug)}/agenda-items`,
    bodyPeople: (slug: string) => `${body(slug)}/people`,
    bodyPapers: (slug: string) => `${body(slug)}/papers`,
    bodyMemberships: (slug: string) => `${body(slug)}/memberships`,
    paper: (id: number) => `${base}/paper/${id}`,
    person,
    membership: (personId: number, committeeId: number) => `${person(personId)}/membership/${committeeId}`,
    consultation: (meetingId: number, number: string) => `${agendaItem(meetingId, number)}/consultation`,
    organization,
    organizationMeetings: (id: number) => `${organization(id)}/meetings`,
    meeting,
    agendaItem,
    bodyLegislativeTerms: (slug: string) => `${body(slug)}/legislative-terms`,
    legislativeTerm: (slug: string, startYear: number) => `${body(slug)}/legislative-term/${startYear}`,
    /** The meeting's source document (agenda or minutes) as a File; its text at `/text`, as a download at `/download`. */
    meetingDocument: (meetingId: number) => `${meeting(meetingId)}/file/document`,
    /** An attachment (bilag) of an agenda item, by its position among the item's attachments. */
    attachment: (meetingId: number, number: string, position: number) => `${agendaItem(meetingId, number)}/file/${position}`,
  };
}

/** The URL builders for one site origin. */
export type OparlUrls = ReturnType<typeof oparlUrls>;
