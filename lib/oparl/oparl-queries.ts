import { getPrisma } from "@/lib/db/client";
import { timeRange, type ListParams } from "./list-params";
import type { AgendaItemRow, CommitteeRow, MeetingRow, MunicipalityRow, TombstoneRow } from "./oparl-objects";

/**
 * The database reads behind the API: plain rows for lib/oparl/oparl-objects.ts. Every list is
 * ordered by an id that never changes (meetings, committees, municipalities) or by meeting and
 * position (agenda items), so pages are stable. Closed items' bodies are never stored, and the
 * item select below reads sections and attachments only to drop them again for closed items.
 */

/** A slice of a list: the rows of one page and how many match in all. */
export interface Slice<T> {
  rows: T[];
  total: number;
}

const MEETING_SELECT = {
  id: true,
  urlKey: true,
  date: true,
  startTime: true,
  endTime: true,
  startsAt: true,
  kind: true,
  location: true,
  participants: true,
  createdAt: true,
  updatedAt: true,
  committee: { select: { id: true, slug: true, name: true, municipality: { select: { slug: true } } } },
} as const;

/** The columns of an agenda item the API and the bulk files publish (closed items' are dropped again when mapped). */
export const AGENDA_ITEM_SELECT = {
  number: true,
  position: true,
  title: true,
  closed: true,
  caseNumber: true,
  kle: true,
  decision: true,
  outcome: true,
  absent: true,
  sections: { orderBy: { position: "asc" }, select: { heading: true, kind: true, text: true } },
  attachments: { orderBy: { position: "asc" }, select: { title: true } },
} as const;

const COMMITTEE_SELECT = {
  id: true,
  slug: true,
  name: true,
  createdAt: true,
  updatedAt: true,
  municipality: { select: { slug: true } },
} as const;

function offsetOf(params: ListParams): number {
  return (params.page - 1) * params.limit;
}

/** Every municipality, in id order (at most 98: filtered here rather than in SQL). */
export async function listMunicipalityRows(): Promise<MunicipalityRow[]> {
  return getPrisma().municipality.findMany({ orderBy: { id: "asc" }, select: { slug: true, name: true, createdAt: true } });
}

/** A municipality by slug, with its id for the list queries. */
export async function findMunicipalityRow(slug: string): Promise<(MunicipalityRow & { id: number }) | null> {
  return getPrisma().municipality.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, createdAt: true } });
}

/** A municipality's committees in id order. */
export async function listCommitteeRows(municipalityId: number): Promise<CommitteeRow[]> {
  return getPrisma().committee.findMany({ where: { municipalityId }, orderBy: { id: "asc" }, select: COMMITTEE_SELECT });
}

/** A committee by id. */
export async function findCommitteeRow(id: number): Promise<(CommitteeRow & { municipalityId: number }) | null> {
  return getPrisma().committee.findUnique({ where: { id }, select: { ...COMMITTEE_SELECT, municipalityId: true } });
}

function meetingFilter(params: ListParams) {
  return {
    ...(timeRange(params.createdSince, params.createdUntil) ? { createdAt: timeRange(params.createdSince, params.createdUntil) } : {}),
    ...(timeRange(params.modifiedSince, params.modifiedUntil) ? { updatedAt: timeRange(params.modifiedSince, params.modifiedUntil) } : {}),
  };
}

function tombstoneFilter(params: ListParams) {
  return {
    ...(timeRange(params.createdSince, params.createdUntil) ? { createdAt: timeRange(params.createdSince, params.createdUntil) } : {}),
    ...(timeRange(params.modifiedSince, params.modifiedUntil) ? { deletedAt: timeRange(params.modifiedSince, params.modifiedUntil) } : {}),
  };
}

/** A meeting's items in agenda order. */
async function itemsOf(meetingIds: number[]): Promise<Map<number, AgendaItemRow[]>> {
  const items = await getPrisma().agendaItem.findMany({
    where: { meetingId: { in: meetingIds } },
    orderBy: [{ meetingId: "asc" }, { position: "asc" }],
    select: { ...AGENDA_ITEM_SELECT, meetingId: true },
  });
  const byMeeting = new Map<number, AgendaItemRow[]>(meetingIds.map((id) => [id, []]));
  for (const { meetingId, ...item } of items) byMeeting.get(meetingId)?.push(item);
  return byMeeting;
}

/**
 * One page of a municipality's (or one committee's) meetings with their items (unless
 * `withItems` is false), then, with modified_since, the tombstones of deleted meetings.
 */
export async function listMeetingRows(
  scope: { municipalityId: number; committeeId?: number },
  params: ListParams,
  withItems: boolean,
): Promise<Slice<{ meeting: MeetingRow; items: AgendaItemRow[] } | TombstoneRow>> {
  const where = {
    ...meetingFilter(params),
    committee: { municipalityId: scope.municipalityId, ...(scope.committeeId !== undefined ? { id: scope.committeeId } : {}) },
  };
  const tombstoneWhere = {
    kind: "Meeting",
    municipalityId: scope.municipalityId,
    ...(scope.committeeId !== undefined ? { committeeId: scope.committeeId } : {}),
    ...tombstoneFilter(params),
  };
  return concatSlices(
    params,
    () => getPrisma().meeting.count({ where }),
    async (skip, take) => {
      const meetings = await getPrisma().meeting.findMany({ where, orderBy: { id: "asc" }, skip, take, select: MEETING_SELECT });
      const items = withItems ? await itemsOf(meetings.map((m) => m.id)) : new Map<number, AgendaItemRow[]>();
      return meetings.map((meeting) => ({ meeting, items: items.get(meeting.id) ?? [] }));
    },
    tombstoneWhere,
  );
}

/** One page of a municipality's agenda items (meeting order, then agenda order), then tombstones. */
export async function listAgendaItemRows(
  municipalityId: number,
  params: ListParams,
): Promise<Slice<{ meeting: MeetingRow; item: AgendaItemRow } | TombstoneRow>> {
  const where = { meeting: { ...meetingFilter(params), committee: { municipalityId } } };
  return concatSlices(
    params,
    () => getPrisma().agendaItem.count({ where }),
    async (skip, take) => {
      const items = await getPrisma().agendaItem.findMany({
        where,
        orderBy: [{ meetingId: "asc" }, { position: "asc" }],
        skip,
        take,
        select: { ...AGENDA_ITEM_SELECT, meeting: { select: MEETING_SELECT } },
      });
      return items.map(({ meeting, ...item }) => ({ meeting, item }));
    },
    { kind: "AgendaItem", municipalityId, ...tombstoneFilter(params) },
  );
}

/**
 * Live rows first, then, only when modified_since is set (OParl 1.1's update mechanism),
 * tombstones in id order: one list with one offset over both.
 */
async function concatSlices<T>(
  params: ListParams,
  countLive: () => Promise<number>,
  pageLive: (skip: number, take: number) => Promise<T[]>,
  tombstoneWhere: { kind: string; municipalityId: number; committeeId?: number },
): Promise<Slice<T | TombstoneRow>> {
  const prisma = getPrisma();
  const liveTotal = await countLive();
  const tombstoneTotal = params.modifiedSince ? await prisma.oparlTombstone.count({ where: tombstoneWhere }) : 0;
  const offset = offsetOf(params);
  const rows: Array<T | TombstoneRow> = offset < liveTotal ? await pageLive(offset, params.limit) : [];
  const remaining = params.limit - rows.length;
  if (params.modifiedSince && remaining > 0 && tombstoneTotal > 0) {
    const tombstones = await prisma.oparlTombstone.findMany({
      where: tombstoneWhere,
      orderBy: { id: "asc" },
      skip: Math.max(0, offset - liveTotal),
      take: remaining,
      select: { kind: true, objectKey: true, createdAt: true, deletedAt: true },
    });
    rows.push(...tombstones);
  }
  return { rows, total: liveTotal + tombstoneTotal };
}

/** A meeting with its items, or null. */
export async function findMeetingRow(id: number): Promise<{ meeting: MeetingRow; items: AgendaItemRow[] } | null> {
  const meeting = await getPrisma().meeting.findUnique({ where: { id }, select: MEETING_SELECT });
  if (!meeting) return null;
  return { meeting, items: (await itemsOf([id])).get(id) ?? [] };
}

/** An agenda item by meeting and printed number (the first, in agenda order), or null. */
export async function findAgendaItemRow(meetingId: number, number: string): Promise<{ meeting: MeetingRow; item: AgendaItemRow } | null> {
  const item = await getPrisma().agendaItem.findFirst({
    where: { meetingId, number },
    orderBy: { position: "asc" },
    select: { ...AGENDA_ITEM_SELECT, meeting: { select: MEETING_SELECT } },
  });
  if (!item) return null;
  const { meeting, ...rest } = item;
  return { meeting, item: rest };
}

/** The tombstone of a deleted meeting ("12") or agenda item ("12/5"), or null. */
export async function findTombstoneRow(kind: "Meeting" | "AgendaItem", objectKey: string): Promise<TombstoneRow | null> {
  return getPrisma().oparlTombstone.findUnique({
    where: { kind_objectKey: { kind, objectKey } },
    select: { kind: true, objectKey: true, createdAt: true, deletedAt: true },
  });
}
