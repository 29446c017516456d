import { getPrisma } from "@/lib/db/client";
import { isoDate, meetingPath } from "./paths";

/** A meeting in a list across municipalities. */
export interface MeetingSummary {
  url: string;
  date: string;
  startTime: string | null;
  municipality: string;
  municipalitySlug: string;
  committee: string;
  committeeSlug: string;
  itemCount: number;
}

/** A municipality with how much of it the portal holds. */
export interface MunicipalitySummary {
  name: string;
  slug: string;
  meetingCount: number;
  decisionCount: number;
}

/** The newest meetings across all municipalities, newest first. */
export async function listLatestMeetings(limit = 10): Promise<MeetingSummary[]> {
  const meetings = await getPrisma().meeting.findMany({
    orderBy: [{ date: "desc" }, { startTime: { sort: "desc", nulls: "last" } }],
    take: limit,
    include: { committee: { include: { municipality: true } }, _count: { select: { items: true } } },
  });
  return meetings.map((m) => ({
    url: meetingPath(m.committee.municipality.slug, m.committee.slug, m.urlKey),
    date: isoDate(m.date),
    startTime: m.startTime,
    municipality: m.committee.municipality.name,
    municipalitySlug: m.committee.municipality.slug,
    committee: m.committee.name,
    committeeSlug: m.committee.slug,
    itemCount: m._count.items,
  }));
}

/** Every municipality with at least one meeting, alphabetically, with meeting and decision counts. */
export async function listMunicipalities(): Promise<MunicipalitySummary[]> {
  const rows = await getPrisma().$queryRaw<Array<{ name: string; slug: string; meetings: bigint; decisions: bigint }>>`
    SELECT m.name, m.slug,
      count(DISTINCT mt.id) AS meetings,
      count(ai.id) FILTER (WHERE NOT ai.closed AND ai.decision IS NOT NULL) AS decisions
    FROM "Municipality" m
    JOIN "Committee" c ON c."municipalityId" = m.id
    JOIN "Meeting" mt ON mt."committeeId" = c.id
    LEFT JOIN "AgendaItem" ai ON ai."meetingId" = mt.id
    GROUP BY m.id
    ORDER BY m.name`;
  return rows.map((r) => ({ name: r.name, slug: r.slug, meetingCount: Number(r.meetings), decisionCount: Number(r.decisions) }));
}
