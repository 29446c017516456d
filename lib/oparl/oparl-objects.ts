import { committeePath, isoDate, itemPath, meetingPath, municipalityPath } from "@/lib/data/paths";
import type { DecisionOutcome, SectionKind } from "@/lib/minutes/vocabulary";
import { copenhagenToUtc, formatDanishDate } from "@/lib/text/format-danish-date";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import { meetingPageUrl } from "@/lib/sources/firstagenda/client";
import { termsUntil, type MunicipalTerm } from "./legislative-terms";
import { municipalityCode } from "./municipality-codes";
import { formatCopenhagenDateTime, formatOparlDateTime } from "./oparl-dates";
import { ext, OPARL_TYPE, OPARL_VERSION, withoutEmpty, type JsonValue, type OparlObject } from "./oparl-types";
import type { OparlUrls } from "./oparl-urls";

/**
 * Plain rows read from the database, mapped to OParl 1.1 objects. Pure functions: the same
 * rows give the same JSON, so an object fetched by its id equals its entry in any list.
 */

/** When the API was first published: the System object's `created` and `modified`. */
export const SYSTEM_PUBLISHED = new Date("2026-12-01T00:00:00Z");

export interface MunicipalityRow {
  slug: string;
  name: string;
  createdAt: Date;
}

export interface CommitteeRow {
  id: number;
  slug: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  municipality: { slug: string };
}

export interface AgendaItemRow {
  number: string;
  position: number;
  title: string;
  closed: boolean;
  caseNumber: string | null;
  kle: string | null;
  decision: string | null;
  outcome: DecisionOutcome;
  absent: string[];
  /** The case (Paper) the item belongs to; always null for a closed item. */
  caseId: number | null;
  sections: Array<{ heading: string; kind: SectionKind; text: string }>;
  attachments: Array<{ position: number; title: string; url: string | null }>;
}

export interface MeetingRow {
  id: number;
  urlKey: string;
  date: Date;
  startTime: string | null;
  endTime: string | null;
  startsAt: Date | null;
  kind: "referat" | "dagsorden";
  location: string | null;
  participants: unknown;
  createdAt: Date;
  updatedAt: Date;
  committee: { id: number; slug: string; name: string; municipality: { slug: string } };
}

/** A meeting's source document, as far as the File object needs it. */
export interface SourceDocumentRow {
  status: "ok" | "failed";
  /** The stored text: closed items' bodies and CPR numbers removed; empty once superseded. */
  text: string;
  /** Set when the meeting was imported from a municipality's site rather than read from a file. */
  remoteMeeting: { site: string; remoteId: string } | null;
}

/** A meeting with its source document, for the Meeting object and its File. */
export interface MeetingWithDocumentRow extends MeetingRow {
  sourceDocument: SourceDocumentRow;
}

export interface TombstoneRow {
  kind: string;
  objectKey: string;
  createdAt: Date;
  deletedAt: Date;
}

/** The portal as an OParl System. */
export function toSystem(urls: OparlUrls): OparlObject {
  return withoutEmpty({
    id: urls.system,
    type: OPARL_TYPE.system,
    oparlVersion: OPARL_VERSION,
    body: urls.bodies,
    name: "Referatportalen",
    website: urls.site,
    web: urls.site,
    created: formatOparlDateTime(SYSTEM_PUBLISHED),
    modified: formatOparlDateTime(SYSTEM_PUBLISHED),
  });
}

/** When a term became known: its first day (Copenhagen), or when the municipality came, if later. */
function termCreated(municipality: MunicipalityRow, term: MunicipalTerm): Date {
  const start = copenhagenToUtc(term.startDate, "00:00");
  return start > municipality.createdAt ? start : municipality.createdAt;
}

/**
 * A municipal election term (valgperiode) as an OParl LegislativeTerm: derived from the election
 * calendar, the same for every municipality (see legislative-terms.ts). No `web`: no page shows one.
 */
export function toLegislativeTerm(urls: OparlUrls, municipality: MunicipalityRow, term: MunicipalTerm): OparlObject {
  const stamp = formatOparlDateTime(termCreated(municipality, term));
  return withoutEmpty({
    id: urls.legislativeTerm(municipality.slug, term.startYear),
    type: OPARL_TYPE.legislativeTerm,
    body: urls.body(municipality.slug),
    name: `Valgperioden ${term.label}`,
    startDate: term.startDate,
    endDate: term.endDate,
    created: stamp,
    modified: stamp,
  });
}

/**
 * A municipality as an OParl Body, with its election terms embedded (left out with
 * omit_internal) and listed at `legislativeTermList`. `modified` moves when a new term begins.
 */
export function toBody(urls: OparlUrls, municipality: MunicipalityRow, omitInternal: boolean, now: Date): OparlObject {
  const terms = termsUntil(now);
  const latest = terms.at(-1);
  const created = formatOparlDateTime(municipality.createdAt);
  return withoutEmpty(
    {
      id: urls.body(municipality.slug),
      type: OPARL_TYPE.body,
      system: urls.system,
      name: municipality.name,
      shortName: municipality.name.replace(/ (Kommune|Regionskommune)$/, ""),
      classification: "Kommune",
      [ext("kommunekode")]: municipalityCode(municipality.name),
      organization: urls.bodyOrganizations(municipality.slug),
      person: urls.bodyPeople(municipality.slug),
      meeting: urls.bodyMeetings(municipality.slug),
      paper: urls.bodyPapers(municipality.slug),
      membership: urls.bodyMemberships(municipality.slug),
      agendaItem: urls.bodyAgendaItems(municipality.slug),
      legislativeTerm: omitInternal ? undefined : terms.map((term) => toLegislativeTerm(urls, municipality, term)),
      legislativeTermList: urls.bodyLegislativeTerms(municipality.slug),
      web: `${urls.site}${municipalityPath(municipality.slug)}`,
      created,
      modified: latest ? formatOparlDateTime(termCreated(municipality, latest)) : created,
    },
    ["legislativeTerm"],
  );
}

/**
 * A committee (udvalg) as an OParl Organization, with the memberships of the persons its minutes
 * name (see person-queries.ts) as links. `modified` is its last rename or the last membership
 * added or ended, whichever is later.
 */
export function toOrganization(urls: OparlUrls, committee: CommitteeRow, members: { ids: readonly number[]; changed: Date | null }): OparlObject {
  const renamed = committee.updatedAt > committee.createdAt ? committee.updatedAt : committee.createdAt;
  return withoutEmpty({
    id: urls.organization(committee.id),
    type: OPARL_TYPE.organization,
    body: urls.body(committee.municipality.slug),
    name: committee.name,
    membership: members.ids.map((personId) => urls.membership(personId, committee.id)),
    meeting: urls.organizationMeetings(committee.id),
    organizationType: "Gremium",
    classification: "Udvalg",
    web: `${urls.site}${committeePath(committee.municipality.slug, committee.slug)}`,
    created: formatOparlDateTime(committee.createdAt),
    modified: formatOparlDateTime(members.changed && members.changed > renamed ? members.changed : renamed),
  });
}

/**
 * An agenda item. A closed item (lukket punkt) is number, name and `public: false` only: its
 * decision, sections, case number and attachments are never read into the answer.
 */
export function toAgendaItem(urls: OparlUrls, meeting: MeetingRow, item: AgendaItemRow): OparlObject {
  const slug = meeting.committee.municipality.slug;
  const common = {
    id: urls.agendaItem(meeting.id, item.number),
    type: OPARL_TYPE.agendaItem,
    meeting: urls.meeting(meeting.id),
    number: item.number,
    order: item.position,
    web: `${urls.site}${itemPath(slug, meeting.committee.slug, meeting.urlKey, item.number)}`,
    created: formatOparlDateTime(meeting.createdAt),
    modified: formatOparlDateTime(meeting.updatedAt),
  };
  if (item.closed) return withoutEmpty({ ...common, name: item.title || "Lukket punkt", public: false });
  return withoutEmpty({
    ...common,
    name: item.title || "Punkt uden titel",
    public: true,
    result: item.outcome === "none" ? undefined : OUTCOME_LABELS[item.outcome],
    resolutionText: item.decision,
    consultation: item.caseId === null ? undefined : urls.consultation(meeting.id, item.number),
    [ext("outcome")]: item.outcome,
    [ext("caseNumber")]: item.caseNumber,
    [ext("kle")]: item.kle,
    [ext("absent")]: item.absent,
    [ext("attachments")]: item.attachments.map((attachment) => attachment.title),
    auxiliaryFile: item.attachments.flatMap((attachment) => {
      const file = toAttachmentFile(urls, meeting, item, attachment, "embedded");
      return file ? [file] : [];
    }),
    [ext("sections")]: item.sections.map((section) => toSection(section, item.decision)),
  });
}

/**
 * A section as the AgendaItem's extra property. A heading printed with nothing under it ("Bilag"
 * with no attachments) keeps no empty text, and the decision section ("Beslutning") whose text is
 * the item's `resolutionText` does not repeat it: it says `textIn: "resolutionText"` instead.
 */
function toSection(section: AgendaItemRow["sections"][number], decision: string | null): JsonValue {
  const isResolution = section.kind === "beslutning" && decision !== null && section.text.trim() === decision.trim();
  return withoutEmpty({
    heading: section.heading,
    kind: section.kind,
    ...(isResolution ? { textIn: "resolutionText" } : { text: section.text }),
  }) as unknown as JsonValue;
}

/**
 * How a File is written: embedded in its meeting or agenda item, without the back-references to
 * its parents (OParl 1.1, File `meeting`/`agendaItem`/`paper`: "only when not embedded") and
 * without the document's text (it is the meeting's items again); or standalone, at its id, with both.
 */
export type FileForm = "embedded" | "standalone";

/** A link to a file on the web: http(s) only. */
const isWebUrl = (url: string | null): url is string => url !== null && /^https?:\/\/[^\s]+$/i.test(url);

/** The MIME type an attachment link shows: FirstAgenda's "/Vis/Pdf/bilag/…" and ".pdf" are PDFs; otherwise unknown. */
function attachmentMimeType(url: string): string | undefined {
  const { pathname } = new URL(url);
  return /\/vis\/pdf\//i.test(pathname) || /\.pdf$/i.test(pathname) ? "application/pdf" : undefined;
}

/**
 * An attachment (bilag) of an open agenda item as an OParl File, when the municipality publishes
 * it at a link (imported meetings); null otherwise. A closed item's attachments are never read.
 */
export function toAttachmentFile(
  urls: OparlUrls,
  meeting: MeetingRow,
  item: AgendaItemRow,
  attachment: AgendaItemRow["attachments"][number],
  form: FileForm,
): OparlObject | null {
  if (item.closed || !isWebUrl(attachment.url)) return null;
  const isStandalone = form === "standalone";
  const slug = meeting.committee.municipality.slug;
  return withoutEmpty({
    id: urls.attachment(meeting.id, item.number, attachment.position),
    type: OPARL_TYPE.file,
    name: attachment.title || "Bilag",
    mimeType: attachmentMimeType(attachment.url),
    accessUrl: attachment.url,
    agendaItem: isStandalone ? [urls.agendaItem(meeting.id, item.number)] : undefined,
    meeting: isStandalone ? [urls.meeting(meeting.id)] : undefined,
    paper: isStandalone && item.caseId !== null ? [urls.paper(item.caseId)] : undefined,
    web: `${urls.site}${itemPath(slug, meeting.committee.slug, meeting.urlKey, item.number)}`,
    created: formatOparlDateTime(meeting.createdAt),
    modified: formatOparlDateTime(meeting.updatedAt),
  });
}

/**
 * The meeting's source document (its agenda or minutes) as an OParl File. Read from a file: the
 * text the portal keeps (closed items' bodies and CPR numbers removed), served as text/plain at
 * `accessUrl`. Imported from a site: the site's page of the meeting, without text. Null when no
 * text is kept (a document is never shown without one; fail closed).
 */
export function toMeetingDocument(urls: OparlUrls, meeting: MeetingWithDocumentRow, form: FileForm): OparlObject | null {
  const isStandalone = form === "standalone";
  const { committee, sourceDocument } = meeting;
  const slug = committee.municipality.slug;
  const id = urls.meetingDocument(meeting.id);
  const label = meeting.kind === "referat" ? "Referat" : "Dagsorden";
  const common = {
    id,
    type: OPARL_TYPE.file,
    name: `${label}: ${committee.name}, ${formatDanishDate(isoDate(meeting.date))}`,
    meeting: isStandalone ? [urls.meeting(meeting.id)] : undefined,
    web: `${urls.site}${meetingPath(slug, committee.slug, meeting.urlKey)}`,
    created: formatOparlDateTime(meeting.createdAt),
    modified: formatOparlDateTime(meeting.updatedAt),
  };
  if (sourceDocument.status !== "ok") return null;
  if (sourceDocument.remoteMeeting) {
    const { site, remoteId } = sourceDocument.remoteMeeting;
    return withoutEmpty({ ...common, mimeType: "text/html", accessUrl: meetingPageUrl(site, remoteId) });
  }
  if (sourceDocument.text.trim() === "") return null;
  return withoutEmpty({
    ...common,
    fileName: `${slug}-${committee.slug}-${meeting.urlKey}-${meeting.kind}.txt`,
    mimeType: "text/plain",
    size: Buffer.byteLength(sourceDocument.text, "utf8"),
    text: isStandalone ? sourceDocument.text : undefined,
    accessUrl: `${id}/text`,
    downloadUrl: `${id}/download`,
  });
}

/** A meeting's participants from their JSON column: entries without a name are skipped. */
export function readParticipants(value: unknown): Array<{ name: string; party: string | null }> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== "object" || entry === null) return [];
    const { name, party } = entry as { name?: unknown; party?: unknown };
    if (typeof name !== "string" || name.trim() === "") return [];
    return [{ name, party: typeof party === "string" && party !== "" ? party : null }];
  });
}

/**
 * A meeting with its agenda items embedded (left out with omit_internal), and the persons listed
 * as present (`participantIds`) as `participant`.
 */
export function toMeeting(
  urls: OparlUrls,
  meeting: MeetingWithDocumentRow,
  items: readonly AgendaItemRow[],
  participantIds: readonly number[],
  omitInternal: boolean,
): OparlObject {
  const date = isoDate(meeting.date);
  const document = omitInternal ? null : toMeetingDocument(urls, meeting, "embedded");
  const end = meeting.endTime ? copenhagenToUtc(date, meeting.endTime) : null;
  const { committee } = meeting;
  return withoutEmpty({
    id: urls.meeting(meeting.id),
    type: OPARL_TYPE.meeting,
    name: `${committee.name}, ${formatDanishDate(date)}`,
    // OParl suggests German states; these are Danish: minutes published, or an agenda only.
    meetingState: meeting.kind === "referat" ? "afholdt" : "indkaldt",
    // A meeting kept without a readable start time has no start (and so no end) to give.
    start: meeting.startsAt ? formatCopenhagenDateTime(meeting.startsAt) : undefined,
    end: end && meeting.startsAt && end > meeting.startsAt ? formatCopenhagenDateTime(end) : undefined,
    organization: [urls.organization(committee.id)],
    participant: participantIds.map((id) => urls.person(id)),
    agendaItem: omitInternal ? undefined : items.map((item) => toAgendaItem(urls, meeting, item)),
    // Minutes are the results protocol; an agenda is the invitation.
    invitation: meeting.kind === "dagsorden" ? document : undefined,
    resultsProtocol: meeting.kind === "referat" ? document : undefined,
    [ext("kind")]: meeting.kind,
    [ext("location")]: meeting.location,
    [ext("participants")]: readParticipants(meeting.participants).map(({ name, party }): JsonValue => (party ? { name, party } : { name })),
    web: `${urls.site}${meetingPath(committee.municipality.slug, committee.slug, meeting.urlKey)}`,
    created: formatOparlDateTime(meeting.createdAt),
    modified: formatOparlDateTime(meeting.updatedAt),
  });
}

/** The type and URL of a deleted object, by its tombstone's kind and key. */
function tombstoneTarget(urls: OparlUrls, kind: string, objectKey: string): { id: string; type: string } {
  const [first = "", ...rest] = objectKey.split("/");
  if (kind === "AgendaItem") return { id: urls.agendaItem(Number(first), rest.join("/")), type: OPARL_TYPE.agendaItem };
  if (kind === "Paper") return { id: urls.paper(Number(first)), type: OPARL_TYPE.paper };
  if (kind === "Person") return { id: urls.person(Number(first)), type: OPARL_TYPE.person };
  if (kind === "Membership") return { id: urls.membership(Number(first), Number(rest[0])), type: OPARL_TYPE.membership };
  return { id: urls.meeting(Number(first)), type: OPARL_TYPE.meeting };
}

/** A deleted object: id, type, created, modified (when it was deleted) and `deleted: true`. */
export function toTombstone(urls: OparlUrls, tombstone: TombstoneRow): OparlObject {
  return {
    ...tombstoneTarget(urls, tombstone.kind, tombstone.objectKey),
    created: formatOparlDateTime(tombstone.createdAt),
    modified: formatOparlDateTime(tombstone.deletedAt),
    deleted: true,
  };
}

/**
 * A deleted object that has no tombstone of its own but lives below one that has: a File or a
 * Consultation of a deleted meeting or agenda item, a Membership of a deleted person. It answers
 * at its id like any deleted object, with the parent's times.
 */
export function toDerivedTombstone(id: string, type: string, parent: TombstoneRow): OparlObject {
  return {
    id,
    type,
    created: formatOparlDateTime(parent.createdAt),
    modified: formatOparlDateTime(parent.deletedAt),
    deleted: true,
  };
}
