import { cache } from "react";
import { getPrisma } from "@/lib/db/client";
import type { Deviation } from "@/lib/minutes";
import type { DecisionOutcome, SectionKind } from "@/lib/minutes/vocabulary";
import { meetingPageUrl } from "@/lib/sources/firstagenda/client";
import { utcToCopenhagen } from "@/lib/text/format-danish-date";
import { kleTopic } from "@/lib/text/kle-topics";
import { toVotesView, type VotesView } from "./item-votes";
import { committeePath, isoDate, itemPath, meetingPath, municipalityPath } from "./paths";

/** A meeting whose agenda is published and whose date has not passed ("Kommende møder"). */
export interface UpcomingMeeting {
  url: string;
  date: string;
  startTime: string | null;
  committee: string;
  itemCount: number;
}

/** A municipality page: its committees with meeting counts and latest meeting date. */
export interface MunicipalityPage {
  name: string;
  slug: string;
  url: string;
  /** Agendas of meetings from today on, soonest first. */
  upcoming: UpcomingMeeting[];
  committees: Array<{ name: string; slug: string; url: string; meetingCount: number; latestDate: string | null }>;
}

/** Either the committee, or the slug it was renamed to (for a 308 redirect). */
export type CommitteeLookup<T> = { kind: "found"; value: T } | { kind: "renamed"; slug: string } | { kind: "missing" };

/** A committee lookup that may also find a meeting moved to another date: `url` is where it is now (for a 308 redirect). */
export type MeetingLookup<T> = CommitteeLookup<T> | { kind: "moved"; url: string };

/** A committee page: meetings newest first, grouped by year. */
export interface CommitteePage {
  name: string;
  slug: string;
  url: string;
  municipality: { name: string; slug: string; url: string };
  /** Agendas of this committee's meetings from today on, soonest first. */
  upcoming: UpcomingMeeting[];
  years: Array<{ year: string; meetings: Array<{ url: string; date: string; startTime: string | null; itemCount: number; kind: string }> }>;
}

/** Shared heading data of a meeting. */
export interface MeetingHeader {
  url: string;
  date: string;
  /** "HH:MM", or null when the document's header gave no readable start time. */
  startTime: string | null;
  endTime: string | null;
  kind: "referat" | "dagsorden";
  location: string | null;
  participants: Array<{ name: string; party: string | null }>;
  municipality: { name: string; slug: string; url: string };
  committee: { name: string; slug: string; url: string };
}

/** A meeting page: header and agenda. Closed items carry number and title only. */
export interface MeetingPage extends MeetingHeader {
  items: Array<{ url: string; number: string; title: string; closed: boolean; outcome: DecisionOutcome }>;
}

/** An agenda item page. For a closed item only number and title are filled. */
export interface AgendaItemPage {
  url: string;
  number: string;
  title: string;
  closed: boolean;
  caseNumber: string | null;
  topic: { code: string; name: string } | null;
  decision: string | null;
  outcome: DecisionOutcome;
  /** How the decision relates to the recommendation (null: followed, unknown, or a closed item). */
  deviation: Deviation | null;
  /** Votes and reservations recorded in the decision; null when none (always for a closed item). */
  votes: VotesView | null;
  absent: string[];
  sections: Array<{ heading: string; kind: SectionKind; text: string; blocks: unknown }>;
  attachments: string[];
  /** The attachments' links on the municipality's site, in the order of `attachments` (null when unknown). */
  attachmentUrls: Array<string | null>;
  /** The municipality's own page for this item ("Kilde"), when it was imported from the municipality's site. */
  source: { url: string; host: string } | null;
  meeting: MeetingHeader;
  previous: { url: string; number: string; title: string } | null;
  next: { url: string; number: string; title: string } | null;
}

/** A committee with its municipality by slug, or the slug it was renamed to. */
export async function findCommittee(municipalitySlug: string, committeeSlug: string) {
  const prisma = getPrisma();
  const committee = await prisma.committee.findFirst({
    where: { slug: committeeSlug, municipality: { slug: municipalitySlug } },
    include: { municipality: true },
  });
  if (committee) return { kind: "found" as const, value: committee };
  const alias = await prisma.committeeSlugAlias.findFirst({
    where: { slug: committeeSlug, committee: { municipality: { slug: municipalitySlug } } },
    include: { committee: true },
  });
  return alias ? { kind: "renamed" as const, slug: alias.committee.slug } : { kind: "missing" as const };
}

/**
 * The current URL of a meeting its source moved to another date, found by its former URL key
 * (MeetingUrlAlias), or null.
 */
async function findMovedMeeting(committeeId: number, urlKey: string): Promise<{ municipalitySlug: string; committeeSlug: string; urlKey: string } | null> {
  const alias = await getPrisma().meetingUrlAlias.findUnique({
    where: { committeeId_urlKey: { committeeId, urlKey } },
    select: { meeting: { select: { urlKey: true, committee: { select: { slug: true, municipality: { select: { slug: true } } } } } } },
  });
  if (!alias) return null;
  const { meeting } = alias;
  return { municipalitySlug: meeting.committee.municipality.slug, committeeSlug: meeting.committee.slug, urlKey: meeting.urlKey };
}

/** Today's date in Copenhagen, as a UTC midnight Date for comparing with Meeting.date. */
function todayInCopenhagen(): Date {
  return new Date(`${utcToCopenhagen(new Date()).date}T00:00:00Z`);
}

/** Agendas (not yet replaced by minutes) of meetings from today on, soonest first. */
async function listUpcoming(where: { committeeId: number } | { committee: { municipalityId: number } }): Promise<UpcomingMeeting[]> {
  const meetings = await getPrisma().meeting.findMany({
    where: { ...where, kind: "dagsorden", date: { gte: todayInCopenhagen() } },
    orderBy: [{ date: "asc" }, { startTime: "asc" }],
    take: 20,
    include: { committee: { include: { municipality: { select: { slug: true } } } }, _count: { select: { items: true } } },
  });
  return meetings.map((m) => ({
    url: meetingPath(m.committee.municipality.slug, m.committee.slug, m.urlKey),
    date: isoDate(m.date),
    startTime: m.startTime,
    committee: m.committee.name,
    itemCount: m._count.items,
  }));
}

/** The municipality page's data, or null when the slug is unknown. */
export const getMunicipalityPage = cache(async (slug: string): Promise<MunicipalityPage | null> => {
  const prisma = getPrisma();
  const municipality = await prisma.municipality.findUnique({ where: { slug } });
  if (!municipality) return null;
  const committees = await prisma.committee.findMany({
    where: { municipalityId: municipality.id },
    orderBy: { name: "asc" },
    include: { _count: { select: { meetings: true } }, meetings: { orderBy: { date: "desc" }, take: 1, select: { date: true } } },
  });
  return {
    name: municipality.name,
    slug,
    url: municipalityPath(slug),
    upcoming: await listUpcoming({ committee: { municipalityId: municipality.id } }),
    committees: committees
      .filter((c) => c._count.meetings > 0)
      .map((c) => ({
        name: c.name,
        slug: c.slug,
        url: committeePath(slug, c.slug),
        meetingCount: c._count.meetings,
        latestDate: c.meetings[0] ? isoDate(c.meetings[0].date) : null,
      })),
  };
});

/** The committee page's data; "renamed" when the slug is an old name of a committee. */
export const getCommitteePage = cache(
  async (municipalitySlug: string, committeeSlug: string): Promise<CommitteeLookup<CommitteePage>> => {
    const found = await findCommittee(municipalitySlug, committeeSlug);
    if (found.kind !== "found") return found;
    const committee = found.value;
    const meetings = await getPrisma().meeting.findMany({
      where: { committeeId: committee.id },
      orderBy: [{ date: "desc" }, { startTime: { sort: "desc", nulls: "last" } }],
      include: { _count: { select: { items: true } } },
    });
    const years = new Map<string, CommitteePage["years"][number]["meetings"]>();
    for (const m of meetings) {
      const date = isoDate(m.date);
      const list = years.get(date.slice(0, 4)) ?? [];
      list.push({ url: meetingPath(municipalitySlug, committee.slug, m.urlKey), date, startTime: m.startTime, itemCount: m._count.items, kind: m.kind });
      years.set(date.slice(0, 4), list);
    }
    return {
      kind: "found",
      value: {
        name: committee.name,
        slug: committee.slug,
        url: committeePath(municipalitySlug, committee.slug),
        municipality: { name: committee.municipality.name, slug: municipalitySlug, url: municipalityPath(municipalitySlug) },
        upcoming: await listUpcoming({ committeeId: committee.id }),
        years: [...years.entries()].map(([year, list]) => ({ year, meetings: list })),
      },
    };
  },
);

function toHeader(
  meeting: {
    urlKey: string;
    date: Date;
    startTime: string | null;
    endTime: string | null;
    kind: "referat" | "dagsorden";
    location: string | null;
    participants: unknown;
  },
  committee: { name: string; slug: string },
  municipality: { name: string; slug: string },
): MeetingHeader {
  return {
    url: meetingPath(municipality.slug, committee.slug, meeting.urlKey),
    date: isoDate(meeting.date),
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    kind: meeting.kind,
    location: meeting.location,
    participants: Array.isArray(meeting.participants) ? (meeting.participants as MeetingHeader["participants"]) : [],
    municipality: { name: municipality.name, slug: municipality.slug, url: municipalityPath(municipality.slug) },
    committee: { name: committee.name, slug: committee.slug, url: committeePath(municipality.slug, committee.slug) },
  };
}

/** The meeting page's data; `urlKey` is "2024-03-19" or "2024-03-19-2"; "moved" for a former URL key of a moved meeting. */
export const getMeetingPage = cache(
  async (municipalitySlug: string, committeeSlug: string, urlKey: string): Promise<MeetingLookup<MeetingPage>> => {
    const found = await findCommittee(municipalitySlug, committeeSlug);
    if (found.kind !== "found") return found;
    const committee = found.value;
    const meeting = await getPrisma().meeting.findUnique({
      where: { committeeId_urlKey: { committeeId: committee.id, urlKey } },
      include: { items: { orderBy: { position: "asc" }, select: { number: true, title: true, closed: true, outcome: true } } },
    });
    if (!meeting) {
      const moved = await findMovedMeeting(committee.id, urlKey);
      return moved ? { kind: "moved", url: meetingPath(moved.municipalitySlug, moved.committeeSlug, moved.urlKey) } : { kind: "missing" };
    }
    const header = toHeader(meeting, committee, committee.municipality);
    return {
      kind: "found",
      value: {
        ...header,
        items: meeting.items.map((item) => ({
          url: itemPath(municipalitySlug, committee.slug, urlKey, item.number),
          number: item.number,
          title: item.title,
          closed: item.closed,
          outcome: item.outcome,
        })),
      },
    };
  },
);

/** The agenda item page's data, found by the item's printed number within the meeting; "moved" as for getMeetingPage. */
export const getAgendaItemPage = cache(
  async (municipalitySlug: string, committeeSlug: string, urlKey: string, number: string): Promise<MeetingLookup<AgendaItemPage>> => {
    const found = await findCommittee(municipalitySlug, committeeSlug);
    if (found.kind !== "found") return found;
    const committee = found.value;
    const meeting = await getPrisma().meeting.findUnique({
      where: { committeeId_urlKey: { committeeId: committee.id, urlKey } },
      include: {
        items: { orderBy: { position: "asc" }, select: { id: true, number: true, title: true } },
        remoteMeetings: { select: { site: true, remoteId: true }, orderBy: { fetchedAt: { sort: "desc", nulls: "last" } }, take: 1 },
      },
    });
    if (!meeting) {
      const moved = await findMovedMeeting(committee.id, urlKey);
      return moved ? { kind: "moved", url: itemPath(moved.municipalitySlug, moved.committeeSlug, moved.urlKey, number) } : { kind: "missing" };
    }
    const index = meeting?.items.findIndex((entry) => entry.number === number) ?? -1;
    const entry = meeting?.items[index];
    if (!meeting || !entry) return { kind: "missing" };
    const item = await getPrisma().agendaItem.findUniqueOrThrow({
      where: { id: entry.id },
      include: { sections: { orderBy: { position: "asc" } }, attachments: { orderBy: { position: "asc" } } },
    });
    const link = (other: (typeof meeting.items)[number] | undefined) =>
      other ? { url: itemPath(municipalitySlug, committee.slug, urlKey, other.number), number: other.number, title: other.title } : null;
    const isOpen = !item.closed;
    const remote = meeting.remoteMeetings[0];
    // An item merged from a supplementary agenda lives on that agenda's page, not its meeting's.
    const source = remote ? { url: meetingPageUrl(remote.site, item.sourceMeetingId ?? remote.remoteId, item.sourceItemId), host: new URL(remote.site).host } : null;
    return {
      kind: "found",
      value: {
        url: itemPath(municipalitySlug, committee.slug, urlKey, item.number),
        number: item.number,
        title: item.title,
        closed: item.closed,
        caseNumber: isOpen ? item.caseNumber : null,
        topic: isOpen ? kleTopic(item.kle) : null,
        decision: isOpen ? item.decision : null,
        outcome: isOpen ? item.outcome : "none",
        deviation: isOpen ? item.deviation : null,
        votes: isOpen ? toVotesView(item.votes, municipalitySlug) : null,
        absent: isOpen ? item.absent : [],
        sections: isOpen ? item.sections.map((s) => ({ heading: s.heading, kind: s.kind, text: s.text, blocks: s.blocks })) : [],
        attachments: isOpen ? item.attachments.map((a) => a.title) : [],
        attachmentUrls: isOpen ? item.attachments.map((a) => (a.url && /^https?:\/\//.test(a.url) ? a.url : null)) : [],
        source,
        meeting: toHeader(meeting, committee, committee.municipality),
        previous: link(meeting.items[index - 1]),
        next: link(meeting.items[index + 1]),
      },
    };
  },
);

