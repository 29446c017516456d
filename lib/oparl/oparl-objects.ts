import { committeePath, isoDate, itemPath, meetingPath, municipalityPath } from "@/lib/data/paths";
import type { DecisionOutcome, SectionKind } from "@/lib/minutes/vocabulary";
import { copenhagenToUtc, formatDanishDate } from "@/lib/text/format-danish-date";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import { municipalityCode } from "./municipality-codes";
import { formatCopenhagenDateTime, formatOparlDateTime } from "./oparl-dates";
import { EXTENSION_PREFIX, OPARL_TYPE, OPARL_VERSION, withoutEmpty, type JsonValue, type OparlObject } from "./oparl-types";
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
  sections: Array<{ heading: string; kind: SectionKind; text: string }>;
  attachments: Array<{ title: string }>;
}

export interface MeetingRow {
  id: number;
  urlKey: string;
  date: Date;
  startTime: string;
  endTime: string | null;
  startsAt: Date;
  kind: "referat" | "dagsorden";
  location: string | null;
  participants: unknown;
  createdAt: Date;
  updatedAt: Date;
  committee: { id: number; slug: string; name: string; municipality: { slug: string } };
}

export interface TombstoneRow {
  kind: string;
  objectKey: string;
  createdAt: Date;
  deletedAt: Date;
}

const ext = (name: string) => `${EXTENSION_PREFIX}${name}`;

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

/** A municipality as an OParl Body; `legislativeTerm` is required, so it stays as `[]` (none known). */
export function toBody(urls: OparlUrls, municipality: MunicipalityRow, omitInternal: boolean): OparlObject {
  const stamp = formatOparlDateTime(municipality.createdAt);
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
      agendaItem: urls.bodyAgendaItems(municipality.slug),
      legislativeTerm: omitInternal ? undefined : [],
      web: `${urls.site}${municipalityPath(municipality.slug)}`,
      created: stamp,
      modified: stamp,
    },
    ["legislativeTerm"],
  );
}

/** A committee (udvalg) as an OParl Organization. */
export function toOrganization(urls: OparlUrls, committee: CommitteeRow): OparlObject {
  return withoutEmpty({
    id: urls.organization(committee.id),
    type: OPARL_TYPE.organization,
    body: urls.body(committee.municipality.slug),
    name: committee.name,
    meeting: urls.organizationMeetings(committee.id),
    organizationType: "Gremium",
    classification: "Udvalg",
    web: `${urls.site}${committeePath(committee.municipality.slug, committee.slug)}`,
    created: formatOparlDateTime(committee.createdAt),
    modified: formatOparlDateTime(committee.updatedAt > committee.createdAt ? committee.updatedAt : committee.createdAt),
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
    [ext("outcome")]: item.outcome,
    [ext("caseNumber")]: item.caseNumber,
    [ext("kle")]: item.kle,
    [ext("absent")]: item.absent,
    [ext("attachments")]: item.attachments.map((attachment) => attachment.title),
    // A heading printed with nothing under it ("Bilag" with no attachments) keeps no empty text.
    [ext("sections")]: item.sections.map((section) =>
      withoutEmpty({ heading: section.heading, kind: section.kind, text: section.text }) as unknown as JsonValue,
    ),
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

/** A meeting with its agenda items embedded (left out with omit_internal). */
export function toMeeting(urls: OparlUrls, meeting: MeetingRow, items: readonly AgendaItemRow[], omitInternal: boolean): OparlObject {
  const date = isoDate(meeting.date);
  const end = meeting.endTime ? copenhagenToUtc(date, meeting.endTime) : null;
  const { committee } = meeting;
  return withoutEmpty({
    id: urls.meeting(meeting.id),
    type: OPARL_TYPE.meeting,
    name: `${committee.name}, ${formatDanishDate(date)}`,
    // OParl suggests German states; these are Danish: minutes published, or an agenda only.
    meetingState: meeting.kind === "referat" ? "afholdt" : "indkaldt",
    start: formatCopenhagenDateTime(meeting.startsAt),
    end: end && end > meeting.startsAt ? formatCopenhagenDateTime(end) : undefined,
    organization: [urls.organization(committee.id)],
    agendaItem: omitInternal ? undefined : items.map((item) => toAgendaItem(urls, meeting, item)),
    [ext("kind")]: meeting.kind,
    [ext("location")]: meeting.location,
    [ext("participants")]: readParticipants(meeting.participants).map(({ name, party }): JsonValue => (party ? { name, party } : { name })),
    web: `${urls.site}${meetingPath(committee.municipality.slug, committee.slug, meeting.urlKey)}`,
    created: formatOparlDateTime(meeting.createdAt),
    modified: formatOparlDateTime(meeting.updatedAt),
  });
}

/** A deleted object: id, type, created, modified (when it was deleted) and `deleted: true`. */
export function toTombstone(urls: OparlUrls, tombstone: TombstoneRow): OparlObject {
  const [meetingId = "", ...numberParts] = tombstone.objectKey.split("/");
  const isItem = tombstone.kind === "AgendaItem";
  return {
    id: isItem ? urls.agendaItem(Number(meetingId), numberParts.join("/")) : urls.meeting(Number(meetingId)),
    type: isItem ? OPARL_TYPE.agendaItem : OPARL_TYPE.meeting,
    created: formatOparlDateTime(tombstone.createdAt),
    modified: formatOparlDateTime(tombstone.deletedAt),
    deleted: true,
  };
}
