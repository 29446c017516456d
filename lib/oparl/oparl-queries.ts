import { getPrisma } from "@/lib/db/client";
import type { ListCursor } from "./list-cursor";
import { timeRange, type ListParams } from "./list-params";
import type { AgendaItemRow, CommitteeRow, MeetingRow, MeetingWithDocumentRow, MunicipalityRow, TombstoneRow } from "./oparl-objects";

/**
 * The database reads behind the API: plain rows for lib/oparl/oparl-objects.ts. Every list is
 * ordered by an id that never changes (meetings, committees, municipalities) or by meeting and
 * position (agenda items), so pages are stable. Closed items' bodies are never stored, and the
 * item select below reads sections and attachments only to drop them again for closed items.
 */

/**
 * One page of a list: its rows, the cursor after the last of them when more follow, and (on a
 * first or numbered page) how many match in all.
 */
export interface Slice<T> {
  rows: T[];
  next: ListCursor | null;
  total: number | null;
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

/** A meeting with the part of its source document the File object needs (meetings only: not per agenda item). */
const MEETING_WITH_DOCUMENT_SELECT = {
  ...MEETING_SELECT,
  sourceDocument: { select: { status: true, text: true, remoteMeeting: { select: { site: true, remoteId: true } } } },
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
  caseId: true,
  sections: { orderBy: { position: "asc" }, select: { heading: true, kind: true, text: true } },
  attachments: { orderBy: { position: "asc" }, select: { position: true, title: true, url: true } },
} as const;

const COMMITTEE_SELECT = {
  id: true,
  slug: true,
  name: true,
  createdAt: true,
  updatedAt: true,
  municipality: { select: { slug: true } },
} as const;

/** Every municipality, in id order (at most 98: filtered here rather than in SQL). */
export async function listMunicipalityRows(): Promise<Array<MunicipalityRow & { id: number }>> {
  return getPrisma().municipality.findMany({ orderBy: { id: "asc" }, select: { id: true, slug: true, name: true, createdAt: true } });
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

/** The tombstones' part of a list's filters: created as given, modified as the time of deletion. */
export function tombstoneFilter(params: ListParams) {
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
): Promise<Slice<{ meeting: MeetingWithDocumentRow; items: AgendaItemRow[] } | TombstoneRow>> {
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
  return pageOf(
    params,
    {
      count: () => getPrisma().meeting.count({ where }),
      page: async (after, skip, take) => {
        const seek = after ? { id: { gt: after[0] ?? 0 } } : {};
        const meetings = await getPrisma().meeting.findMany({
          where: { AND: [where, seek] },
          orderBy: { id: "asc" },
          skip,
          take,
          select: MEETING_WITH_DOCUMENT_SELECT,
        });
        const items = withItems ? await itemsOf(meetings.map((m) => m.id)) : new Map<number, AgendaItemRow[]>();
        return meetings.map((meeting) => ({ meeting, items: items.get(meeting.id) ?? [] }));
      },
      key: (row) => [row.meeting.id],
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
  return pageOf(
    params,
    {
      count: () => getPrisma().agendaItem.count({ where }),
      page: async (after, skip, take) => {
        const [meetingId = 0, position = 0] = after ?? [];
        const seek = after ? { OR: [{ meetingId: { gt: meetingId } }, { meetingId, position: { gt: position } }] } : {};
        const items = await getPrisma().agendaItem.findMany({
          where: { AND: [where, seek] },
          orderBy: [{ meetingId: "asc" }, { position: "asc" }],
          skip,
          take,
          select: { ...AGENDA_ITEM_SELECT, meeting: { select: MEETING_SELECT } },
        });
        return items.map(({ meeting, ...item }) => ({ meeting, item }));
      },
      key: (row) => [row.meeting.id, row.item.position],
    },
    { kind: "AgendaItem", municipalityId, ...tombstoneFilter(params) },
  );
}

/** How a list reads its live rows, in the order of their keys. */
export interface LiveRows<T> {
  count: () => Promise<number>;
  /** Up to `take` rows after the key `after` (from the start when null), skipping `skip`. */
  page: (after: number[] | null, skip: number, take: number) => Promise<T[]>;
  key: (row: T) => number[];
}

/**
 * One page of a list of live rows followed, only when modified_since is set (OParl 1.1's
 * update mechanism), by tombstones in id order. A page after a cursor seeks past the cursor's
 * key through the index (no OFFSET, no count); a first or numbered page counts both parts and
 * skips into them (numbered pages are kept for clients that count, up to MAX_PAGE_OFFSET rows).
 * One row more than the limit is read to know whether a next page exists.
 */
export async function pageOf<T>(
  params: ListParams,
  live: LiveRows<T>,
  tombstoneWhere: { kind: string; municipalityId: number; committeeId?: number },
): Promise<Slice<T | TombstoneRow>> {
  const prisma = getPrisma();
  const want = params.limit + 1;
  const { after } = params;
  let total: number | null = null;
  let skipLive = 0;
  let skipDeleted = 0;
  let liveTotal = Infinity;
  if (after === null) {
    liveTotal = await live.count();
    const deletedTotal = params.modifiedSince ? await prisma.oparlTombstone.count({ where: tombstoneWhere }) : 0;
    total = liveTotal + deletedTotal;
    const offset = (params.page - 1) * params.limit;
    skipLive = Math.min(offset, liveTotal);
    skipDeleted = Math.max(0, offset - liveTotal);
  }
  const rows: Array<{ row: T | TombstoneRow; cursor: ListCursor }> = [];
  if (after?.phase !== "deleted" && skipLive < liveTotal) {
    const liveRows = await live.page(after?.phase === "live" ? after.key : null, skipLive, want);
    rows.push(...liveRows.map((row) => ({ row, cursor: { phase: "live" as const, key: live.key(row) } })));
  }
  if (params.modifiedSince && rows.length < want) {
    const tombstones = await prisma.oparlTombstone.findMany({
      where: { ...tombstoneWhere, ...(after?.phase === "deleted" ? { id: { gt: after.id } } : {}) },
      orderBy: { id: "asc" },
      skip: skipDeleted,
      take: want - rows.length,
      select: { id: true, kind: true, objectKey: true, createdAt: true, deletedAt: true },
    });
    rows.push(...tombstones.map(({ id, ...row }) => ({ row, cursor: { phase: "deleted" as const, id } })));
  }
  const page = rows.slice(0, params.limit);
  return { rows: page.map((entry) => entry.row), next: rows.length > params.limit ? (page.at(-1)?.cursor ?? null) : null, total };
}

/** A meeting with its items, or null. */
export async function findMeetingRow(id: number): Promise<{ meeting: MeetingWithDocumentRow; items: AgendaItemRow[] } | null> {
  const meeting = await getPrisma().meeting.findUnique({ where: { id }, select: MEETING_WITH_DOCUMENT_SELECT });
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

/** The tombstone of a deleted meeting ("12"), agenda item ("12/5"), case ("7") or person ("3"), or null. */
export async function findTombstoneRow(kind: "Meeting" | "AgendaItem" | "Paper" | "Person" | "Membership", objectKey: string): Promise<TombstoneRow | null> {
  return getPrisma().oparlTombstone.findUnique({
    where: { kind_objectKey: { kind, objectKey } },
    select: { kind: true, objectKey: true, createdAt: true, deletedAt: true },
  });
}
