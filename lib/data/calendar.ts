import type { CalendarMeeting } from "@/lib/calendar/build-calendar";
import { getPrisma } from "@/lib/db/client";
import { findCommittee, type CommitteeLookup } from "./browse";
import { committeePath, isoDate, meetingPath, municipalityPath } from "./paths";

/** A calendar feed's data: what it is of, its page, and every meeting (agendas of coming ones too). */
export interface CalendarFeed {
  name: string;
  /** The municipality's or committee's page. */
  url: string;
  /** Meeting URLs are site-relative here; the route makes them absolute. */
  meetings: CalendarMeeting[];
}

const MEETING_SELECT = {
  id: true,
  urlKey: true,
  date: true,
  startTime: true,
  endTime: true,
  kind: true,
  location: true,
  updatedAt: true,
  committee: { select: { name: true, slug: true } },
  _count: { select: { items: true } },
} as const;

function toCalendarMeeting(municipalitySlug: string, m: {
  id: number;
  urlKey: string;
  date: Date;
  startTime: string | null;
  endTime: string | null;
  kind: "referat" | "dagsorden";
  location: string | null;
  updatedAt: Date;
  committee: { name: string; slug: string };
  _count: { items: number };
}): CalendarMeeting {
  return {
    id: m.id,
    committee: m.committee.name,
    date: isoDate(m.date),
    startTime: m.startTime,
    endTime: m.endTime,
    kind: m.kind,
    location: m.location,
    itemCount: m._count.items,
    url: meetingPath(municipalitySlug, m.committee.slug, m.urlKey),
    updatedAt: m.updatedAt,
  };
}

/** Every meeting of a municipality's committees, oldest first; null for an unknown municipality. */
export async function getMunicipalityCalendar(municipalitySlug: string): Promise<CalendarFeed | null> {
  const prisma = getPrisma();
  const municipality = await prisma.municipality.findUnique({ where: { slug: municipalitySlug }, select: { id: true, name: true } });
  if (!municipality) return null;
  const meetings = await prisma.meeting.findMany({
    where: { committee: { municipalityId: municipality.id } },
    orderBy: [{ date: "asc" }, { id: "asc" }],
    select: MEETING_SELECT,
  });
  return { name: `Møder i ${municipality.name}`, url: municipalityPath(municipalitySlug), meetings: meetings.map((m) => toCalendarMeeting(municipalitySlug, m)) };
}

/** Every meeting of one committee, oldest first; "renamed" for a former slug. */
export async function getCommitteeCalendar(municipalitySlug: string, committeeSlug: string): Promise<CommitteeLookup<CalendarFeed>> {
  const found = await findCommittee(municipalitySlug, committeeSlug);
  if (found.kind !== "found") return found;
  const committee = found.value;
  const meetings = await getPrisma().meeting.findMany({ where: { committeeId: committee.id }, orderBy: [{ date: "asc" }, { id: "asc" }], select: MEETING_SELECT });
  return {
    kind: "found",
    value: {
      name: `${committee.name}, ${committee.municipality.name}`,
      url: committeePath(municipalitySlug, committee.slug),
      meetings: meetings.map((m) => toCalendarMeeting(municipalitySlug, m)),
    },
  };
}
